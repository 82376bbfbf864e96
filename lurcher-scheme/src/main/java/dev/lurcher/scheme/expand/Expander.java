package dev.lurcher.scheme.expand;

import dev.lurcher.scheme.expand.Node.Call;
import dev.lurcher.scheme.expand.Node.Const;
import dev.lurcher.scheme.expand.Node.GlobalRef;
import dev.lurcher.scheme.expand.Node.GlobalSet;
import dev.lurcher.scheme.expand.Node.If;
import dev.lurcher.scheme.expand.Node.Lambda;
import dev.lurcher.scheme.expand.Node.Let;
import dev.lurcher.scheme.expand.Node.Letrec;
import dev.lurcher.scheme.expand.Node.LocalRef;
import dev.lurcher.scheme.expand.Node.LocalSet;
import dev.lurcher.scheme.expand.Node.PrimCall;
import dev.lurcher.scheme.expand.Node.Seq;
import dev.lurcher.scheme.expand.Node.Unspecified;
import dev.lurcher.scheme.reader.Nil;
import dev.lurcher.scheme.reader.Pair;
import dev.lurcher.scheme.reader.SVector;
import dev.lurcher.scheme.reader.SchemeSyntaxError;
import dev.lurcher.scheme.reader.SourcePos;
import dev.lurcher.scheme.reader.Sym;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands a program (plus the parts of the prelude it uses) into core nodes.
 *
 * <p>A name is a primitive in operator position unless a local binding shadows it or the program
 * defines or assigns it at toplevel; the prelude is expanded with every primitive intact, so a
 * program that redefines {@code car} does not change how {@code map} works.
 */
public final class Expander {
  private static final Set<String> SPECIAL_FORMS =
      Set.of(
          "quote",
          "quasiquote",
          "lambda",
          "define",
          "set!",
          "if",
          "let",
          "let*",
          "letrec",
          "letrec*",
          "do",
          "cond",
          "case",
          "and",
          "or",
          "when",
          "unless",
          "begin");

  /** A lexical scope: names to variables. */
  private static final class Scope {
    final Map<String, Var> vars = new HashMap<>();
    final Scope parent;

    Scope(Scope parent) {
      this.parent = parent;
    }

    Var lookup(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        Var v = s.vars.get(name);
        if (v != null) {
          return v;
        }
      }
      return null;
    }
  }

  /** An expanded program: toplevel forms in order (prelude definitions first). */
  public record Program(List<Node> toplevel) {}

  private final String file;
  private Set<String> userGlobals = Set.of();
  private Set<String> referenced = new LinkedHashSet<>();
  private final Map<String, Integer> assignments = new HashMap<>();
  private SourcePos lastPos;

  private Expander(String file) {
    this.file = file;
  }

  /**
   * Expands {@code forms} (read from {@code file}) with the definitions they need from {@code
   * prelude} (toplevel definitions, tree-shaken by name).
   */
  public static Program expandProgram(String file, List<Object> forms, List<Object> prelude) {
    Expander ex = new Expander(file);
    Set<String> defined = new HashSet<>();
    for (Object f : forms) {
      collectToplevelAssigned(f, defined);
    }
    ex.userGlobals = defined;
    List<Node> user = new ArrayList<>();
    for (Object f : forms) {
      ex.expandToplevel(f, user);
    }

    Map<String, Object> preludeDefs = new LinkedHashMap<>();
    for (Object f : prelude) {
      preludeDefs.put(definedName(f), f);
    }
    ex.userGlobals = Set.of();
    List<Node> support = new ArrayList<>();
    Deque<String> work = new ArrayDeque<>(ex.referenced);
    Set<String> done = new HashSet<>(defined);
    while (!work.isEmpty()) {
      String name = work.pop();
      if (!done.add(name)) {
        continue;
      }
      Object def = preludeDefs.get(name);
      ex.referenced = new LinkedHashSet<>();
      if (def != null) {
        ex.expandToplevel(def, support);
      } else {
        Prim p = Prims.valueForm(name);
        if (p != null) {
          support.add(new GlobalSet(name, primLambda(p)));
          ex.count(name);
        }
      }
      work.addAll(ex.referenced);
    }
    List<Node> all = new ArrayList<>(support);
    all.addAll(user);
    for (Node n : all) {
      if (n instanceof GlobalSet gs
          && gs.value() instanceof Lambda lam
          && ex.assignments.getOrDefault(gs.name(), 0) == 1) {
        lam.selfGlobal = gs.name();
      }
    }
    return new Program(all);
  }

  /** The procedure value of a primitive: a lambda whose body is the primitive itself. */
  private static Lambda primLambda(Prim p) {
    if (p.isStack()) {
      return new Lambda(p.name(), List.of(), null, new Unspecified(), p);
    }
    List<Var> params = new ArrayList<>();
    List<Node> args = new ArrayList<>();
    for (int i = 0; i < p.arity(); i++) {
      Var v = new Var("x" + i);
      params.add(v);
      args.add(new LocalRef(v));
    }
    return new Lambda(p.name(), params, null, new PrimCall(p, args));
  }

  private static String definedName(Object form) {
    if (form instanceof Pair p && p.car() instanceof Sym s && s.name().equals("define")) {
      Object target = p.cdr() instanceof Pair q ? q.car() : null;
      if (target instanceof Pair t && t.car() instanceof Sym name) {
        return name.name();
      }
      if (target instanceof Sym name) {
        return name.name();
      }
    }
    throw new IllegalArgumentException("prelude form is not a definition: " + form);
  }

  /** Collects names a program defines or assigns anywhere: those are not primitives for it. */
  private static void collectToplevelAssigned(Object form, Set<String> out) {
    if (!(form instanceof Pair p)) {
      return;
    }
    if (p.car() instanceof Sym s
        && (s.name().equals("define") || s.name().equals("set!"))
        && p.cdr() instanceof Pair q) {
      if (q.car() instanceof Sym name) {
        out.add(name.name());
      } else if (s.name().equals("define")
          && q.car() instanceof Pair t
          && t.car() instanceof Sym name) {
        out.add(name.name());
      }
    }
    for (Object x = p; x instanceof Pair c; x = c.cdr()) {
      collectToplevelAssigned(c.car(), out);
    }
  }

  // ------------------------------------------------------------------ helpers

  private SchemeSyntaxError error(Object form, String message) {
    SourcePos pos = form instanceof Pair p && p.pos() != null ? p.pos() : lastPos;
    if (pos == null) {
      pos = new SourcePos(file, 0, 0);
    }
    return new SchemeSyntaxError(pos, message);
  }

  private List<Object> list(Object form, Object whole) {
    List<Object> items = Pair.toList(form);
    if (items == null) {
      throw error(whole, "bad syntax (not a proper list): " + whole);
    }
    return items;
  }

  private static boolean isSym(Object x, String name) {
    return x instanceof Sym s && s.name().equals(name);
  }

  private void count(String name) {
    assignments.merge(name, 1, Integer::sum);
  }

  private static Node seq(List<Node> nodes) {
    if (nodes.isEmpty()) {
      return new Unspecified();
    }
    return nodes.size() == 1 ? nodes.get(0) : new Seq(List.copyOf(nodes));
  }

  private static Node prim(String name, Node... args) {
    return new PrimCall(Prims.lookup(name, args.length), List.of(args));
  }

  // ------------------------------------------------------------------ toplevel

  private void expandToplevel(Object form, List<Node> out) {
    if (form instanceof Pair p && p.pos() != null) {
      lastPos = p.pos();
    }
    if (form instanceof Pair p && p.car() instanceof Sym s) {
      if (s.name().equals("begin")) {
        for (Object f : list(p.cdr(), form)) {
          expandToplevel(f, out);
        }
        return;
      }
      if (s.name().equals("define")) {
        Object[] def = parseDefine(p);
        String name = ((Sym) def[0]).name();
        count(name);
        out.add(new GlobalSet(name, expandNamed(def[1], null, name)));
        return;
      }
    }
    out.add(expand(form, null));
  }

  /** Parses {@code (define name expr)} or {@code (define (name . formals) body...)}. */
  private Object[] parseDefine(Pair form) {
    List<Object> items = list(form, form);
    if (items.size() < 2) {
      throw error(form, "bad define: " + form);
    }
    Object target = items.get(1);
    if (target instanceof Sym) {
      if (items.size() > 3) {
        throw error(form, "bad define: " + form);
      }
      return new Object[] {target, items.size() == 3 ? items.get(2) : null};
    }
    if (target instanceof Pair t && t.car() instanceof Sym name) {
      if (items.size() < 3) {
        throw error(form, "define with no body: " + form);
      }
      Object body = ((Pair) ((Pair) form.cdr()).cdr());
      Object lambda = new Pair(new Sym("lambda"), new Pair(t.cdr(), body), form.pos());
      return new Object[] {name, lambda};
    }
    throw error(form, "bad define: " + form);
  }

  /** Expands an initialiser, naming it {@code name} if it is a lambda. */
  private Node expandNamed(Object form, Scope scope, String name) {
    if (form == null) {
      return new Unspecified();
    }
    if (form instanceof Pair p && isSym(p.car(), "lambda") && !isBound(scope, "lambda")) {
      return expandLambda(p, scope, name);
    }
    return expand(form, scope);
  }

  private static boolean isBound(Scope scope, String name) {
    return scope != null && scope.lookup(name) != null;
  }

  // ------------------------------------------------------------------ expressions

  private Node expand(Object x, Scope scope) {
    switch (x) {
      case Sym s -> {
        Var v = scope == null ? null : scope.lookup(s.name());
        if (v != null) {
          return new LocalRef(v);
        }
        if (SPECIAL_FORMS.contains(s.name())) {
          throw error(null, "bad use of syntax keyword " + s.name());
        }
        referenced.add(s.name());
        return new GlobalRef(s.name());
      }
      case Pair p -> {
        if (p.pos() != null) {
          lastPos = p.pos();
        }
        if (p.car() instanceof Sym s && !isBound(scope, s.name())) {
          if (SPECIAL_FORMS.contains(s.name())) {
            return expandSpecial(s.name(), p, scope);
          }
          Node prim = expandPrimCall(s.name(), p, scope);
          if (prim != null) {
            return prim;
          }
        }
        List<Object> items = list(p, p);
        Node fn = expand(items.get(0), scope);
        List<Node> args = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
          args.add(expand(items.get(i), scope));
        }
        return new Call(fn, args);
      }
      case Nil n -> throw error(null, "empty application ()");
      default -> {
        return new Const(x);
      }
    }
  }

  private static boolean isCxr(String name) {
    return name.length() >= 3
        && name.length() <= 6
        && name.charAt(0) == 'c'
        && name.charAt(name.length() - 1) == 'r'
        && name.substring(1, name.length() - 1).chars().allMatch(ch -> ch == 'a' || ch == 'd');
  }

  /** A primitive call, or null if {@code name} is not a primitive here. */
  private Node expandPrimCall(String name, Pair form, Scope scope) {
    if (userGlobals.contains(name)) {
      return null;
    }
    boolean cxr = isCxr(name);
    if (!cxr && !Prims.isPrimitive(name)) {
      return null;
    }
    List<Object> items = list(form, form);
    List<Node> args = new ArrayList<>();
    for (int i = 1; i < items.size(); i++) {
      args.add(expand(items.get(i), scope));
    }
    int n = args.size();
    if (cxr) {
      if (n != 1) {
        return null;
      }
      Node r = args.get(0);
      for (int i = name.length() - 2; i >= 1; i--) {
        r = prim(name.charAt(i) == 'a' ? "car" : "cdr", r);
      }
      return r;
    }
    switch (name) {
      case "+", "*" -> {
        Node unit = new Const(name.equals("+") ? 0L : 1L);
        if (n == 0) {
          return unit;
        }
        Node r = n == 1 ? prim(name, args.get(0), unit) : args.get(0);
        for (int i = 1; i < n; i++) {
          r = prim(name, r, args.get(i));
        }
        return r;
      }
      case "-" -> {
        if (n == 0) {
          return null;
        }
        if (n == 1) {
          return prim("-", new Const(0L), args.get(0));
        }
        Node r = args.get(0);
        for (int i = 1; i < n; i++) {
          r = prim("-", r, args.get(i));
        }
        return r;
      }
      case "<", "<=", ">", ">=", "=" -> {
        if (n < 2) {
          return null;
        }
        if (n == 2) {
          return prim(name, args.get(0), args.get(1));
        }
        // Bind the operands so each is evaluated once, then chain the comparisons.
        List<Var> vars = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          vars.add(new Var("cmp" + i));
        }
        Node r = prim(name, new LocalRef(vars.get(n - 2)), new LocalRef(vars.get(n - 1)));
        for (int i = n - 3; i >= 0; i--) {
          r =
              new If(
                  prim(name, new LocalRef(vars.get(i)), new LocalRef(vars.get(i + 1))),
                  r,
                  new Const(Boolean.FALSE));
        }
        return new Let(vars, args, r);
      }
      default -> {
        Prim p = Prims.lookup(name, n);
        return p == null ? null : new PrimCall(p, args);
      }
    }
  }

  private Node expandSpecial(String keyword, Pair form, Scope scope) {
    List<Object> items = list(form, form);
    int n = items.size();
    switch (keyword) {
      case "quote" -> {
        if (n != 2) {
          throw error(form, "bad quote: " + form);
        }
        return new Const(items.get(1));
      }
      case "quasiquote" -> {
        if (n != 2) {
          throw error(form, "bad quasiquote: " + form);
        }
        return quasi(items.get(1), 1, scope);
      }
      case "lambda" -> {
        return expandLambda(form, scope, "lambda");
      }
      case "define" -> throw error(form, "define is only allowed at toplevel or a body's start");
      case "set!" -> {
        if (n != 3 || !(items.get(1) instanceof Sym s)) {
          throw error(form, "bad set!: " + form);
        }
        Var v = scope == null ? null : scope.lookup(s.name());
        if (v != null) {
          v.mutated = true;
          return new LocalSet(v, expandNamed(items.get(2), scope, s.name()));
        }
        referenced.add(s.name());
        count(s.name());
        return new GlobalSet(s.name(), expand(items.get(2), scope));
      }
      case "if" -> {
        if (n != 3 && n != 4) {
          throw error(form, "bad if: " + form);
        }
        return new If(
            expand(items.get(1), scope),
            expand(items.get(2), scope),
            n == 4 ? expand(items.get(3), scope) : new Unspecified());
      }
      case "begin" -> {
        List<Node> body = new ArrayList<>();
        for (int i = 1; i < n; i++) {
          body.add(expand(items.get(i), scope));
        }
        return seq(body);
      }
      case "let" -> {
        if (n >= 3 && items.get(1) instanceof Sym name) {
          return namedLet(name.name(), items.get(2), items.subList(3, n), form, scope);
        }
        if (n < 3) {
          throw error(form, "bad let: " + form);
        }
        List<Object[]> bindings = bindings(items.get(1), form);
        Scope inner = new Scope(scope);
        List<Var> vars = new ArrayList<>();
        List<Node> inits = new ArrayList<>();
        for (Object[] b : bindings) {
          String name = ((Sym) b[0]).name();
          inits.add(expandNamed(b[1], scope, name));
          Var v = new Var(name);
          vars.add(v);
          inner.vars.put(name, v);
        }
        return makeLet(vars, inits, expandBody(items.subList(2, n), inner, form));
      }
      case "let*" -> {
        if (n < 3) {
          throw error(form, "bad let*: " + form);
        }
        List<Object[]> bindings = bindings(items.get(1), form);
        return letStar(bindings, 0, items.subList(2, n), scope, form);
      }
      case "letrec", "letrec*" -> {
        if (n < 3) {
          throw error(form, "bad " + keyword + ": " + form);
        }
        List<Object[]> bindings = bindings(items.get(1), form);
        Scope inner = new Scope(scope);
        List<Var> vars = new ArrayList<>();
        for (Object[] b : bindings) {
          Var v = new Var(((Sym) b[0]).name());
          vars.add(v);
          inner.vars.put(v.name, v);
        }
        List<Node> inits = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
          inits.add(expandNamed(bindings.get(i)[1], inner, vars.get(i).name));
        }
        return new Letrec(vars, inits, expandBody(items.subList(2, n), inner, form));
      }
      case "do" -> {
        return expandDo(items, form, scope);
      }
      case "cond" -> {
        return cond(items, 1, form, scope);
      }
      case "case" -> {
        if (n < 2) {
          throw error(form, "bad case: " + form);
        }
        Var key = new Var("key");
        Scope inner = new Scope(scope);
        Node body = caseClauses(items, 2, key, form, inner);
        return new Let(List.of(key), List.of(expand(items.get(1), scope)), body);
      }
      case "and" -> {
        return and(items, 1, scope);
      }
      case "or" -> {
        return or(items, 1, scope);
      }
      case "when", "unless" -> {
        if (n < 2) {
          throw error(form, "bad " + keyword + ": " + form);
        }
        List<Node> body = new ArrayList<>();
        for (int i = 2; i < n; i++) {
          body.add(expand(items.get(i), scope));
        }
        Node test = expand(items.get(1), scope);
        return keyword.equals("when")
            ? new If(test, seq(body), new Unspecified())
            : new If(test, new Unspecified(), seq(body));
      }
      default -> throw new IllegalStateException(keyword);
    }
  }

  private static Node makeLet(List<Var> vars, List<Node> inits, Node body) {
    return vars.isEmpty() ? body : new Let(vars, inits, body);
  }

  /** Parses {@code ((name init) ...)}; {@code (name)} binds the unspecified value. */
  private List<Object[]> bindings(Object spec, Object form) {
    List<Object> items = list(spec, form);
    List<Object[]> out = new ArrayList<>();
    for (Object b : items) {
      List<Object> parts = Pair.toList(b);
      if (parts == null || parts.isEmpty() || parts.size() > 2 || !(parts.get(0) instanceof Sym)) {
        throw error(form, "bad binding " + b + " in " + form);
      }
      out.add(new Object[] {parts.get(0), parts.size() == 2 ? parts.get(1) : null});
    }
    return out;
  }

  private Node letStar(
      List<Object[]> bindings, int i, List<Object> body, Scope scope, Object form) {
    if (i == bindings.size()) {
      return expandBody(body, new Scope(scope), form);
    }
    String name = ((Sym) bindings.get(i)[0]).name();
    Node init = expandNamed(bindings.get(i)[1], scope, name);
    Var v = new Var(name);
    Scope inner = new Scope(scope);
    inner.vars.put(name, v);
    return new Let(List.of(v), List.of(init), letStar(bindings, i + 1, body, inner, form));
  }

  private Node namedLet(String name, Object spec, List<Object> body, Object form, Scope scope) {
    List<Object[]> bindings = bindings(spec, form);
    List<Node> inits = new ArrayList<>();
    for (Object[] b : bindings) {
      inits.add(expand(b[1], scope));
    }
    Var loop = new Var(name);
    Scope withLoop = new Scope(scope);
    withLoop.vars.put(name, loop);
    Scope inner = new Scope(withLoop);
    List<Var> params = new ArrayList<>();
    for (Object[] b : bindings) {
      Var v = new Var(((Sym) b[0]).name());
      params.add(v);
      inner.vars.put(v.name, v);
    }
    Lambda lam = new Lambda(name, params, null, expandBody(body, inner, form));
    List<Node> args = new ArrayList<>();
    return new Letrec(
        List.of(loop), List.of(lam), new Call(new LocalRef(loop), addAll(args, inits)));
  }

  private static List<Node> addAll(List<Node> to, List<Node> from) {
    to.addAll(from);
    return to;
  }

  private Node expandDo(List<Object> items, Pair form, Scope scope) {
    if (items.size() < 3) {
      throw error(form, "bad do: " + form);
    }
    List<Object> specs = list(items.get(1), form);
    List<Object> exit = list(items.get(2), form);
    if (exit.isEmpty()) {
      throw error(form, "do needs a test: " + form);
    }
    List<Node> inits = new ArrayList<>();
    List<Sym> names = new ArrayList<>();
    List<Object> steps = new ArrayList<>();
    for (Object s : specs) {
      List<Object> parts = Pair.toList(s);
      if (parts == null || parts.size() < 2 || parts.size() > 3 || !(parts.get(0) instanceof Sym)) {
        throw error(form, "bad do binding " + s);
      }
      names.add((Sym) parts.get(0));
      inits.add(expand(parts.get(1), scope));
      steps.add(parts.size() == 3 ? parts.get(2) : parts.get(0));
    }
    Var loop = new Var("do-loop");
    Scope inner = new Scope(scope);
    List<Var> params = new ArrayList<>();
    for (Sym s : names) {
      Var v = new Var(s.name());
      params.add(v);
      inner.vars.put(s.name(), v);
    }
    Node test = expand(exit.get(0), inner);
    List<Node> result = new ArrayList<>();
    for (int i = 1; i < exit.size(); i++) {
      result.add(expand(exit.get(i), inner));
    }
    List<Node> body = new ArrayList<>();
    for (int i = 3; i < items.size(); i++) {
      body.add(expand(items.get(i), inner));
    }
    List<Node> stepNodes = new ArrayList<>();
    for (Object s : steps) {
      stepNodes.add(expand(s, inner));
    }
    body.add(new Call(new LocalRef(loop), stepNodes));
    Lambda lam = new Lambda("do-loop", params, null, new If(test, seq(result), seq(body)));
    return new Letrec(List.of(loop), List.of(lam), new Call(new LocalRef(loop), inits));
  }

  private Node cond(List<Object> items, int i, Object form, Scope scope) {
    if (i == items.size()) {
      return new Unspecified();
    }
    List<Object> clause = Pair.toList(items.get(i));
    if (clause == null || clause.isEmpty()) {
      throw error(form, "bad cond clause " + items.get(i));
    }
    if (isSym(clause.get(0), "else") && !isBound(scope, "else")) {
      if (i != items.size() - 1) {
        throw error(form, "else must be the last cond clause");
      }
      return expandSeq(clause.subList(1, clause.size()), scope);
    }
    Node test = expand(clause.get(0), scope);
    Node rest = cond(items, i + 1, form, scope);
    if (clause.size() == 1) {
      Var t = new Var("t");
      return new Let(List.of(t), List.of(test), new If(new LocalRef(t), new LocalRef(t), rest));
    }
    if (isSym(clause.get(1), "=>") && !isBound(scope, "=>")) {
      if (clause.size() != 3) {
        throw error(form, "bad cond => clause " + items.get(i));
      }
      Var t = new Var("t");
      Node f = expand(clause.get(2), scope);
      return new Let(
          List.of(t),
          List.of(test),
          new If(new LocalRef(t), new Call(f, List.of(new LocalRef(t))), rest));
    }
    return new If(test, expandSeq(clause.subList(1, clause.size()), scope), rest);
  }

  private Node expandSeq(List<Object> forms, Scope scope) {
    List<Node> body = new ArrayList<>();
    for (Object f : forms) {
      body.add(expand(f, scope));
    }
    return seq(body);
  }

  private Node caseClauses(List<Object> items, int i, Var key, Object form, Scope scope) {
    if (i == items.size()) {
      return new Unspecified();
    }
    List<Object> clause = Pair.toList(items.get(i));
    if (clause == null || clause.size() < 2) {
      throw error(form, "bad case clause " + items.get(i));
    }
    Node body;
    if (isSym(clause.get(1), "=>")) {
      body = new Call(expand(clause.get(2), scope), List.of(new LocalRef(key)));
    } else {
      body = expandSeq(clause.subList(1, clause.size()), scope);
    }
    if (isSym(clause.get(0), "else")) {
      return body;
    }
    List<Object> data = list(clause.get(0), form);
    Node test = new Const(Boolean.FALSE);
    for (int k = data.size() - 1; k >= 0; k--) {
      Node eq = prim("eqv?", new LocalRef(key), new Const(data.get(k)));
      test = k == data.size() - 1 ? eq : new If(eq, new Const(Boolean.TRUE), test);
    }
    return new If(test, body, caseClauses(items, i + 1, key, form, scope));
  }

  private Node and(List<Object> items, int i, Scope scope) {
    if (i == items.size()) {
      return new Const(Boolean.TRUE);
    }
    Node first = expand(items.get(i), scope);
    if (i == items.size() - 1) {
      return first;
    }
    return new If(first, and(items, i + 1, scope), new Const(Boolean.FALSE));
  }

  private Node or(List<Object> items, int i, Scope scope) {
    if (i == items.size()) {
      return new Const(Boolean.FALSE);
    }
    Node first = expand(items.get(i), scope);
    if (i == items.size() - 1) {
      return first;
    }
    Var t = new Var("t");
    return new Let(
        List.of(t),
        List.of(first),
        new If(new LocalRef(t), new LocalRef(t), or(items, i + 1, scope)));
  }

  private Node quasi(Object x, int depth, Scope scope) {
    if (x instanceof Pair p) {
      if (isSym(p.car(), "unquote")) {
        Object arg = ((Pair) p.cdr()).car();
        if (depth == 1) {
          return expand(arg, scope);
        }
        return prim("list", new Const(new Sym("unquote")), quasi(arg, depth - 1, scope));
      }
      if (isSym(p.car(), "quasiquote")) {
        Object arg = ((Pair) p.cdr()).car();
        return prim("list", new Const(new Sym("quasiquote")), quasi(arg, depth + 1, scope));
      }
      if (p.car() instanceof Pair inner && isSym(inner.car(), "unquote-splicing") && depth == 1) {
        Node spliced = expand(((Pair) inner.cdr()).car(), scope);
        return prim("append", spliced, quasi(p.cdr(), depth, scope));
      }
      Node car = quasi(p.car(), depth, scope);
      Node cdr = quasi(p.cdr(), depth, scope);
      if (car instanceof Const a && cdr instanceof Const d) {
        return new Const(new Pair(a.datum(), d.datum()));
      }
      return prim("cons", car, cdr);
    }
    if (x instanceof SVector v) {
      Node l = quasi(Pair.listWithTail(v.elements(), Nil.NIL), depth, scope);
      if (l instanceof Const) {
        return new Const(x);
      }
      return prim("list->vector", l);
    }
    return new Const(x);
  }

  private Lambda expandLambda(Pair form, Scope scope, String name) {
    List<Object> items = list(form, form);
    if (items.size() < 3) {
      throw error(form, "lambda with no body: " + form);
    }
    Scope inner = new Scope(scope);
    List<Var> params = new ArrayList<>();
    Object formals = items.get(1);
    while (formals instanceof Pair fp) {
      if (!(fp.car() instanceof Sym s)) {
        throw error(form, "bad parameter " + fp.car() + " in " + form);
      }
      Var v = new Var(s.name());
      if (inner.vars.put(s.name(), v) != null) {
        throw error(form, "duplicate parameter " + s.name());
      }
      params.add(v);
      formals = fp.cdr();
    }
    Var rest = null;
    if (formals instanceof Sym s) {
      rest = new Var(s.name());
      inner.vars.put(s.name(), rest);
    } else if (formals != Nil.NIL) {
      throw error(form, "bad parameter list in " + form);
    }
    return new Lambda(name, params, rest, expandBody(items.subList(2, items.size()), inner, form));
  }

  /** A body: internal definitions become a letrec* around the expressions. */
  private Node expandBody(List<Object> forms, Scope scope, Object whole) {
    List<Object> flat = new ArrayList<>();
    flattenBegins(forms, flat, scope);
    boolean anyDefine = false;
    for (Object f : flat) {
      anyDefine |= isDefine(f, scope);
    }
    if (!anyDefine) {
      if (flat.isEmpty()) {
        throw error(whole, "empty body in " + whole);
      }
      return expandSeq(flat, scope);
    }
    int lastDefine = -1;
    for (int i = 0; i < flat.size(); i++) {
      if (isDefine(flat.get(i), scope)) {
        lastDefine = i;
      }
    }
    Scope inner = new Scope(scope);
    List<Var> vars = new ArrayList<>();
    List<Object> initForms = new ArrayList<>();
    for (int i = 0; i <= lastDefine; i++) {
      Object f = flat.get(i);
      if (isDefine(f, scope)) {
        Object[] def = parseDefine((Pair) f);
        Var v = new Var(((Sym) def[0]).name());
        inner.vars.put(v.name, v);
        vars.add(v);
        initForms.add(def[1]);
      } else {
        vars.add(new Var("_"));
        initForms.add(f);
      }
    }
    List<Node> inits = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      inits.add(expandNamed(initForms.get(i), inner, vars.get(i).name));
    }
    List<Object> rest = flat.subList(lastDefine + 1, flat.size());
    Node body = rest.isEmpty() ? new Unspecified() : expandSeq(rest, inner);
    return new Letrec(vars, inits, body);
  }

  private static boolean isDefine(Object f, Scope scope) {
    return f instanceof Pair p && isSym(p.car(), "define") && !isBound(scope, "define");
  }

  private void flattenBegins(List<Object> forms, List<Object> out, Scope scope) {
    for (Object f : forms) {
      if (f instanceof Pair p && isSym(p.car(), "begin") && !isBound(scope, "begin")) {
        flattenBegins(list(p.cdr(), f), out, scope);
      } else {
        out.add(f);
      }
    }
  }
}
