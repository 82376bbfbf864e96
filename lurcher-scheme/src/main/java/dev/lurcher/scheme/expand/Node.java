package dev.lurcher.scheme.expand;

import java.util.ArrayList;
import java.util.List;

/** The core language the compiler translates: every derived form has been expanded away. */
public sealed interface Node {
  /** A constant: a source datum (copied to the heap at load time unless immediate). */
  record Const(Object datum) implements Node {}

  /** The unspecified value. */
  record Unspecified() implements Node {}

  /** A reference to a lexical variable. */
  record LocalRef(Var var) implements Node {}

  /** A reference to a global variable. */
  record GlobalRef(String name) implements Node {}

  /** {@code set!} of a lexical variable. */
  record LocalSet(Var var, Node value) implements Node {}

  /** {@code set!} or {@code define} of a global variable. */
  record GlobalSet(String name, Node value) implements Node {}

  /** A conditional. */
  record If(Node test, Node then, Node otherwise) implements Node {}

  /** A sequence; the value is the last node's. */
  record Seq(List<Node> body) implements Node {}

  /** A call of an arbitrary procedure value. */
  record Call(Node fn, List<Node> args) implements Node {}

  /** A call of a primitive, inlined by the compiler. */
  record PrimCall(Prim prim, List<Node> args) implements Node {}

  /** Binds {@code vars} to {@code inits} (evaluated outside their scope) in {@code body}. */
  record Let(List<Var> vars, List<Node> inits, Node body) implements Node {}

  /** Binds {@code vars} recursively, initialised in order (letrec* semantics). */
  record Letrec(List<Var> vars, List<Node> inits, Node body) implements Node {}

  /** A procedure. Mutable fields are filled in by the analysis and the code generator. */
  final class Lambda implements Node {
    /** A name for messages: the defined name, or "lambda". */
    public final String name;

    /** The required parameters. */
    public final List<Var> params;

    /** The rest parameter, or null. */
    public final Var rest;

    /** The body. */
    public Node body;

    /**
     * For the procedure values of variadic primitives: the body is the primitive applied to the
     * arguments in place on the stack (no parameters are bound).
     */
    public final Prim stackPrim;

    /** The variables this lambda captures, in closure-slot order (set by the analysis). */
    public final List<Var> free = new ArrayList<>();

    /** The variable bound (by letrec) to this lambda, if it refers to itself through it. */
    public Var self;

    /** The global this lambda is the definition of, if never reassigned (self tail calls). */
    public String selfGlobal;

    /** Every variable whose frame is this lambda's (parameters and let-bound locals). */
    public final List<Var> locals = new ArrayList<>();

    /** The code index assigned by the code generator. */
    public int code = -1;

    /** Creates a lambda. */
    public Lambda(String name, List<Var> params, Var rest, Node body) {
      this(name, params, rest, body, null);
    }

    /** Creates a lambda, possibly the value of a variadic primitive. */
    public Lambda(String name, List<Var> params, Var rest, Node body, Prim stackPrim) {
      this.name = name;
      this.params = params;
      this.rest = rest;
      this.body = body;
      this.stackPrim = stackPrim;
    }

    @Override
    public String toString() {
      return "#<lambda " + name + ">";
    }
  }
}
