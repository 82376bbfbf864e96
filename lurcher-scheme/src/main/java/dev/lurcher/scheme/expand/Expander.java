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
          "begin",
          "define-syntax",
          "let-syntax",
          "letrec-syntax",
          "syntax-rules");

  /**
   * A lexical scope: identifiers (a symbol's name, or an {@link Alias} itself) to what they denote
   * (a {@link Var} or a macro, {@link SyntaxRules}).
   */
  static final class Scope {
    final Map<Object, Object> vars = new HashMap<>();
    final Scope parent;

    Scope(Scope parent) {
      this.parent = parent;
    }
  }

  /** An expanded program: toplevel forms in order (prelude definitions first). */
  public record Program(List<Node> toplevel) {}

  private final String file;
  private final Map<String, SyntaxRules> globalMacros = new HashMap<>();

  /** Toplevel definitions of macro-introduced identifiers: fresh global names, or macros. */
  private final Map<Alias, Object> toplevelAliases = new HashMap<>();

  private int renameCounter;

  /** Macro uses expanded so far; a program needing more has a runaway macro. */
  private int expansions;

  private static final int MAX_EXPANSIONS = 1_000_000;
  private final Derived derived = new Derived(this);
  private Set<String> userGlobals = Set.of();
  private Set<String> referenced = new LinkedHashSet<>();
  private final Map<String, Integer> assignments = new HashMap<>();
  private SourcePos lastPos;

  private final Set<String> features;

  private Expander(String file, Set<String> features) {
    this.file = file;
    this.features = features;
  }

  /**
   * The {@code cond-expand} features of every program; a heap with precise roots adds {@code
   * precise-gc}.
   */
  public static final Set<String> BASE_FEATURES =
      Set.of("lurcher", "lurcher-scheme", "r7rs", "exact-closed");

  /**
   * Expands {@code forms} (read from {@code file}) with the definitions they need from {@code
   * prelude} (toplevel definitions, tree-shaken by name).
   */
  public static Program expandProgram(String file, List<Object> forms, List<Object> prelude) {
    Set<String> f = new HashSet<>(BASE_FEATURES);
    f.add("precise-gc");
    return expandProgram(file, forms, prelude, List.of(), f);
  }

  /**
   * Expands with the library macros {@code macros} (toplevel {@code define-syntax} forms, visible
   * to the program and the prelude) and the {@code cond-expand} features {@code features}.
   */
  public static Program expandProgram(
      String file,
      List<Object> forms,
      List<Object> prelude,
      List<Object> macros,
      Set<String> features) {
    Expander ex = new Expander(file, Set.copyOf(features));
    Set<String> defined = new HashSet<>();
    for (Object f : forms) {
      collectToplevelAssigned(f, defined);
    }
    for (Object f : macros) {
      ex.expandToplevel(f, new ArrayList<>());
    }
    Map<String, SyntaxRules> libraryMacros = new HashMap<>(ex.globalMacros);
    // A program that defines a variable named like a library macro (say match) means its own.
    ex.globalMacros.keySet().removeAll(defined);
    ex.userGlobals = defined;
    ex.collectRecordOps(forms, defined);
    List<Node> user = new ArrayList<>();
    for (Object f : forms) {
      ex.expandToplevel(f, user);
    }

    Map<String, Object> preludeDefs = new LinkedHashMap<>();
    for (Object f : prelude) {
      preludeDefs.put(definedName(f), f);
    }
    ex.userGlobals = Set.of();
    ex.recordOps.clear();
    ex.globalMacros.clear();
    ex.globalMacros.putAll(libraryMacros);
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

  SchemeSyntaxError syntaxError(Object form, String message) {
    return error(form, message);
  }

  boolean keyword(Object x, Scope scope, String kw) {
    return isKeyword(x, scope, kw);
  }

  Set<String> features() {
    return features;
  }

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
    form = headExpand(form, null);
    if (form instanceof Pair p && isId(p.car())) {
      Object head = resolve(p.car(), null);
      if ("begin".equals(head)) {
        for (Object f : list(p.cdr(), form)) {
          expandToplevel(f, out);
        }
        return;
      }
      if ("define".equals(head)) {
        Object[] def = parseDefine(p);
        String name = toplevelName(def[0]);
        globalMacros.remove(name); // a definition replaces a macro of the same name
        count(name);
        out.add(new GlobalSet(name, expandNamed(def[1], null, name)));
        return;
      }
      if ("define-syntax".equals(head)) {
        Object[] def = parseDefineSyntax(p);
        SyntaxRules m = makeMacro(def[1], null, nameOf(def[0]));
        if (def[0] instanceof Alias a) {
          toplevelAliases.put(a, m);
        } else {
          globalMacros.put(nameOf(def[0]), m);
        }
        return;
      }
    }
    out.add(expand(form, null));
  }

  // ------------------------------------------------------------------ identifiers and macros

  /**
   * The global name a toplevel definition of {@code id} defines: a symbol's name, or for an
   * identifier a macro introduced, a fresh name ({@code name.N}) that only references made by the
   * same expansion resolve to, so a macro's helper definition cannot replace the user's.
   */
  private String toplevelName(Object id) {
    if (!(id instanceof Alias a)) {
      return nameOf(id);
    }
    Object known = toplevelAliases.get(a);
    if (known instanceof String name) {
      return name;
    }
    String fresh = nameOf(a) + "." + (++renameCounter);
    toplevelAliases.put(a, fresh);
    return fresh;
  }

  private static boolean isId(Object x) {
    return SyntaxRules.isId(x);
  }

  private static String nameOf(Object id) {
    return SyntaxRules.baseName(id);
  }

  private static Object key(Object id) {
    return SyntaxRules.key(id);
  }

  /**
   * What identifier {@code id} denotes in {@code scope}: a {@link Var}, a macro ({@link
   * SyntaxRules}), or (a String) a global name — a global variable, a primitive or a special form.
   */
  private Object resolve(Object id, Scope scope) {
    Object k = key(id);
    for (Scope s = scope; s != null; s = s.parent) {
      Object b = s.vars.get(k);
      if (b != null) {
        return b;
      }
    }
    if (id instanceof Alias a) {
      Object b = toplevelAliases.get(a);
      return b != null ? b : resolve(a.original, a.scope);
    }
    String name = ((Sym) id).name();
    SyntaxRules m = globalMacros.get(name);
    return m != null ? m : name;
  }

  /** Whether {@code x} is an identifier meaning the global keyword {@code kw} in {@code scope}. */
  private boolean isKeyword(Object x, Scope scope, String kw) {
    return isId(x) && kw.equals(resolve(x, scope));
  }

  /** Source data with every alias replaced by its symbol (what {@code quote} yields). */
  @SuppressWarnings("ReferenceEquality") // unchanged parts are shared
  static Object strip(Object x) {
    if (x instanceof Alias a) {
      return a.base();
    }
    if (x instanceof Pair p) {
      Object car = strip(p.car());
      Object cdr = strip(p.cdr());
      return car == p.car() && cdr == p.cdr() ? p : new Pair(car, cdr, p.pos());
    }
    if (x instanceof SVector v) {
      List<Object> out = new ArrayList<>();
      boolean changed = false;
      for (Object e : v.elements()) {
        Object s = strip(e);
        changed |= s != e;
        out.add(s);
      }
      return changed ? new SVector(out) : v;
    }
    return x;
  }

  /** An identifier for a core keyword that no user binding can shadow. */
  static Object core(String name) {
    return new Alias(new Sym(name), null);
  }

  /** Expands a macro use once. */
  @SuppressWarnings("ReferenceEquality") // a Var or macro is the same binding only if identical
  private Object useMacro(SyntaxRules m, Pair form, Scope scope) {
    if (++expansions > MAX_EXPANSIONS) {
      throw error(form, "too many macro expansions (a macro that never stops?) at " + m.name());
    }
    try {
      return m.expand(
          form,
          (in, literal) -> {
            Object a = resolve(in, scope);
            Object b = resolve(literal, m.env());
            return a == b || (a instanceof String sa && sa.equals(b));
          });
    } catch (SyntaxRules.MacroError e) {
      throw error(form, e.getMessage());
    }
  }

  /**
   * Rewrites {@code form} while it is a macro use or a derived definition form ({@code
   * define-syntax-rule}, {@code define-record-type}, {@code cond-expand}), so that its head is a
   * core form.
   */
  private Object headExpand(Object form, Scope scope) {
    while (form instanceof Pair p && isId(p.car())) {
      Object head = resolve(p.car(), scope);
      if (head instanceof SyntaxRules m) {
        form = useMacro(m, p, scope);
      } else if (head instanceof String kw && Derived.handles(kw)) {
        form = derived.rewrite(kw, p, scope);
      } else {
        break;
      }
    }
    return form;
  }

  /** Parses {@code (define-syntax name spec)}. */
  private Object[] parseDefineSyntax(Pair form) {
    List<Object> items = list(form, form);
    if (items.size() != 3 || !isId(items.get(1))) {
      throw error(form, "bad define-syntax: " + form);
    }
    return new Object[] {items.get(1), items.get(2)};
  }

  /**
   * Makes the macro {@code spec} (a {@code syntax-rules} form) describes, closed over {@code env}.
   */
  private SyntaxRules makeMacro(Object spec, Scope env, String name) {
    if (!(spec instanceof Pair sp) || !isKeyword(sp.car(), env, "syntax-rules")) {
      throw error(spec, "a macro must be a syntax-rules form: " + spec);
    }
    List<Object> items = list(spec, spec);
    int i = 1;
    Object ellipsis = null;
    if (items.size() > 1 && isId(items.get(1))) {
      ellipsis = items.get(1);
      i = 2;
    }
    if (items.size() <= i) {
      throw error(spec, "bad syntax-rules: " + spec);
    }
    List<Object> literals = list(items.get(i), spec);
    for (Object l : literals) {
      if (!isId(l)) {
        throw error(spec, "bad syntax-rules literal " + l);
      }
    }
    List<Object[]> rules = new ArrayList<>();
    for (Object r : items.subList(i + 1, items.size())) {
      List<Object> rule = Pair.toList(r);
      if (rule == null || rule.size() != 2 || !(rule.get(0) instanceof Pair)) {
        throw error(spec, "bad syntax-rules rule " + r);
      }
      rules.add(new Object[] {rule.get(0), rule.get(1)});
    }
    return new SyntaxRules(name, ellipsis, literals, rules, env);
  }

  /** {@code (let-syntax ((name spec) ...) body...)} and {@code letrec-syntax}. */
  private Node letSyntax(List<Object> items, Pair form, Scope scope, boolean rec) {
    if (items.size() < 3) {
      throw error(form, "bad " + items.get(0) + ": " + form);
    }
    Scope inner = new Scope(scope);
    for (Object[] b : bindings(items.get(1), form)) {
      inner.vars.put(key(b[0]), makeMacro(b[1], rec ? inner : scope, nameOf(b[0])));
    }
    return expandBody(items.subList(2, items.size()), inner, form);
  }

  /** Parses {@code (define name expr)} or {@code (define (name . formals) body...)}. */
  private Object[] parseDefine(Pair form) {
    List<Object> items = list(form, form);
    if (items.size() < 2) {
      throw error(form, "bad define: " + form);
    }
    Object target = items.get(1);
    if (isId(target)) {
      if (items.size() > 3) {
        throw error(form, "bad define: " + form);
      }
      return new Object[] {target, items.size() == 3 ? items.get(2) : null};
    }
    if (target instanceof Pair t && isId(t.car())) {
      if (items.size() < 3) {
        throw error(form, "define with no body: " + form);
      }
      Object body = ((Pair) ((Pair) form.cdr()).cdr());
      Object lambda = new Pair(core("lambda"), new Pair(t.cdr(), body), form.pos());
      return new Object[] {t.car(), lambda};
    }
    throw error(form, "bad define: " + form);
  }

  /** Expands an initialiser, naming it {@code name} if it is a lambda. */
  private Node expandNamed(Object form, Scope scope, String name) {
    if (form == null) {
      return new Unspecified();
    }
    if (form instanceof Pair p && isKeyword(p.car(), scope, "lambda")) {
      return expandLambda(p, scope, name);
    }
    return expand(form, scope);
  }

  // ------------------------------------------------------------------ expressions

  private Node expand(Object x, Scope scope) {
    if (isId(x)) {
      Object b = resolve(x, scope);
      if (b instanceof Var v) {
        return new LocalRef(v);
      }
      if (b instanceof SyntaxRules m) {
        throw error(null, "bad use of macro keyword " + m.name());
      }
      String name = (String) b;
      if (SPECIAL_FORMS.contains(name) || Derived.handles(name)) {
        throw error(null, "bad use of syntax keyword " + name);
      }
      referenced.add(name);
      return new GlobalRef(name);
    }
    switch (x) {
      case Pair p -> {
        if (p.pos() != null) {
          lastPos = p.pos();
        }
        if (isId(p.car())) {
          Object head = resolve(p.car(), scope);
          if (head instanceof SyntaxRules m) {
            return expand(useMacro(m, p, scope), scope);
          }
          if (head instanceof String name) {
            Node record = inlineRecordOp(name, p, scope);
            if (record != null) {
              return record;
            }
            if (Derived.handles(name)) {
              return expand(derived.rewrite(name, p, scope), scope);
            }
            if (SPECIAL_FORMS.contains(name)) {
              return expandSpecial(name, p, scope);
            }
            Node prim = expandPrimCall(name, p, scope);
            if (prim != null) {
              return prim;
            }
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
        return new Const(strip(x));
      }
    }
  }

  /**
   * A record procedure of a toplevel {@code define-record-type}: {@code kind} 0 accessor, 1
   * modifier, 2 predicate.
   */
  private record RecordOp(int kind, String type, long index, String name) {}

  private final Map<String, RecordOp> recordOps = new HashMap<>();

  /**
   * Finds the accessors, modifiers and predicates of the program's toplevel record types, so that
   * calls to them compile to inline record primitives rather than procedure calls (unless the
   * program also defines or assigns the name or the type).
   */
  private void collectRecordOps(List<Object> forms, Set<String> defined) {
    Set<String> seen = new HashSet<>();
    Set<String> ambiguous = new HashSet<>();
    for (Object f : forms) {
      List<Object> items = Pair.toList(f);
      if (items == null
          || items.size() < 4
          || !(items.get(0) instanceof Sym kw && kw.name().equals("define-record-type"))
          || !(items.get(1) instanceof Sym type)
          || defined.contains(type.name())) {
        continue;
      }
      List<RecordOp> ops = new ArrayList<>();
      if (items.get(3) instanceof Sym pred) {
        ops.add(new RecordOp(2, type.name(), 0, pred.name()));
      }
      for (int i = 4; i < items.size(); i++) {
        List<Object> spec = Pair.toList(items.get(i));
        if (spec == null) {
          continue;
        }
        for (int k = 1; k < spec.size() && k <= 2; k++) {
          if (spec.get(k) instanceof Sym op) {
            ops.add(new RecordOp(k - 1, type.name(), i - 4, op.name()));
          }
        }
      }
      for (RecordOp op : ops) {
        if (!seen.add(op.name())) {
          ambiguous.add(op.name());
        }
        recordOps.put(op.name(), op);
      }
    }
    recordOps.keySet().removeAll(ambiguous);
    recordOps.keySet().removeAll(defined);
  }

  /** A call to a known record procedure as an inline primitive, or null. */
  private Node inlineRecordOp(String name, Pair form, Scope scope) {
    RecordOp op = recordOps.get(name);
    if (op == null) {
      return null;
    }
    List<Object> items = list(form, form);
    if (items.size() != (op.kind() == 1 ? 3 : 2)) {
      return null;
    }
    referenced.add(op.type());
    Node value = expand(items.get(1), scope);
    Node type = new GlobalRef(op.type());
    return switch (op.kind()) {
      case 0 ->
          prim("%record-ref", value, type, new Const(op.index()), new Const(new Sym(op.name())));
      case 1 ->
          prim(
              "%record-set!",
              value,
              type,
              new Const(op.index()),
              expand(items.get(2), scope),
              new Const(new Sym(op.name())));
      default -> prim("%record?", value, type);
    };
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
        return new Const(strip(items.get(1)));
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
      case "define", "define-syntax" ->
          throw error(form, keyword + " is only allowed at toplevel or a body's start");
      case "syntax-rules" -> throw error(form, "syntax-rules outside a macro definition");
      case "let-syntax", "letrec-syntax" -> {
        return letSyntax(items, form, scope, keyword.equals("letrec-syntax"));
      }
      case "set!" -> {
        if (n != 3 || !isId(items.get(1))) {
          throw error(form, "bad set!: " + form);
        }
        Object b = resolve(items.get(1), scope);
        if (b instanceof Var v) {
          v.mutated = true;
          return new LocalSet(v, expandNamed(items.get(2), scope, v.name));
        }
        if (!(b instanceof String name)) {
          throw error(form, "set! of a macro keyword: " + form);
        }
        referenced.add(name);
        count(name);
        return new GlobalSet(name, expand(items.get(2), scope));
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
        if (n >= 3 && isId(items.get(1))) {
          return namedLet(items.get(1), items.get(2), items.subList(3, n), form, scope);
        }
        if (n < 3) {
          throw error(form, "bad let: " + form);
        }
        List<Object[]> bindings = bindings(items.get(1), form);
        Scope inner = new Scope(scope);
        List<Var> vars = new ArrayList<>();
        List<Node> inits = new ArrayList<>();
        for (Object[] b : bindings) {
          String name = nameOf(b[0]);
          inits.add(expandNamed(b[1], scope, name));
          Var v = new Var(name);
          vars.add(v);
          inner.vars.put(key(b[0]), v);
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
          Var v = new Var(nameOf(b[0]));
          vars.add(v);
          inner.vars.put(key(b[0]), v);
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
      if (parts == null || parts.isEmpty() || parts.size() > 2 || !isId(parts.get(0))) {
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
    String name = nameOf(bindings.get(i)[0]);
    Node init = expandNamed(bindings.get(i)[1], scope, name);
    Var v = new Var(name);
    Scope inner = new Scope(scope);
    inner.vars.put(key(bindings.get(i)[0]), v);
    return new Let(List.of(v), List.of(init), letStar(bindings, i + 1, body, inner, form));
  }

  private Node namedLet(Object id, Object spec, List<Object> body, Object form, Scope scope) {
    String name = nameOf(id);
    List<Object[]> bindings = bindings(spec, form);
    List<Node> inits = new ArrayList<>();
    for (Object[] b : bindings) {
      inits.add(expand(b[1], scope));
    }
    Var loop = new Var(name);
    Scope withLoop = new Scope(scope);
    withLoop.vars.put(key(id), loop);
    Scope inner = new Scope(withLoop);
    List<Var> params = new ArrayList<>();
    for (Object[] b : bindings) {
      Var v = new Var(nameOf(b[0]));
      params.add(v);
      inner.vars.put(key(b[0]), v);
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
    List<Object> names = new ArrayList<>();
    List<Object> steps = new ArrayList<>();
    for (Object s : specs) {
      List<Object> parts = Pair.toList(s);
      if (parts == null || parts.size() < 2 || parts.size() > 3 || !isId(parts.get(0))) {
        throw error(form, "bad do binding " + s);
      }
      names.add(parts.get(0));
      inits.add(expand(parts.get(1), scope));
      steps.add(parts.size() == 3 ? parts.get(2) : parts.get(0));
    }
    Var loop = new Var("do-loop");
    Scope inner = new Scope(scope);
    List<Var> params = new ArrayList<>();
    for (Object s : names) {
      Var v = new Var(nameOf(s));
      params.add(v);
      inner.vars.put(key(s), v);
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
    if (isKeyword(clause.get(0), scope, "else")) {
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
    if (isKeyword(clause.get(1), scope, "=>")) {
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
    if (isKeyword(clause.get(1), scope, "=>")) {
      body = new Call(expand(clause.get(2), scope), List.of(new LocalRef(key)));
    } else {
      body = expandSeq(clause.subList(1, clause.size()), scope);
    }
    if (isKeyword(clause.get(0), scope, "else")) {
      return body;
    }
    List<Object> data = list(clause.get(0), form);
    Node test = new Const(Boolean.FALSE);
    for (int k = data.size() - 1; k >= 0; k--) {
      Node eq = prim("eqv?", new LocalRef(key), new Const(strip(data.get(k))));
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
      if (isKeyword(p.car(), scope, "unquote")) {
        Object arg = ((Pair) p.cdr()).car();
        if (depth == 1) {
          return expand(arg, scope);
        }
        return prim("list", new Const(new Sym("unquote")), quasi(arg, depth - 1, scope));
      }
      if (isKeyword(p.car(), scope, "quasiquote")) {
        Object arg = ((Pair) p.cdr()).car();
        return prim("list", new Const(new Sym("quasiquote")), quasi(arg, depth + 1, scope));
      }
      if (p.car() instanceof Pair inner
          && isKeyword(inner.car(), scope, "unquote-splicing")
          && depth == 1) {
        Node spliced = expand(((Pair) inner.cdr()).car(), scope);
        return prim("append", spliced, quasi(p.cdr(), depth, scope));
      }
      Node car = quasi(p.car(), depth, scope);
      Node cdr = quasi(p.cdr(), depth, scope);
      if (car instanceof Const a && cdr instanceof Const d) {
        return new Const(strip(new Pair(a.datum(), d.datum())));
      }
      return prim("cons", car, cdr);
    }
    if (x instanceof SVector v) {
      Node l = quasi(Pair.listWithTail(v.elements(), Nil.NIL), depth, scope);
      if (l instanceof Const) {
        return new Const(strip(x));
      }
      return prim("list->vector", l);
    }
    return new Const(strip(x));
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
      if (!isId(fp.car())) {
        throw error(form, "bad parameter " + fp.car() + " in " + form);
      }
      Var v = new Var(nameOf(fp.car()));
      if (inner.vars.put(key(fp.car()), v) != null) {
        throw error(form, "duplicate parameter " + v.name);
      }
      params.add(v);
      formals = fp.cdr();
    }
    Var rest = null;
    if (isId(formals)) {
      rest = new Var(nameOf(formals));
      inner.vars.put(key(formals), rest);
    } else if (formals != Nil.NIL) {
      throw error(form, "bad parameter list in " + form);
    }
    return new Lambda(name, params, rest, expandBody(items.subList(2, items.size()), inner, form));
  }

  /**
   * A body: internal definitions (also those macros expand to, and {@code define-syntax}) become a
   * letrec* around the expressions.
   */
  private Node expandBody(List<Object> forms, Scope scope, Object whole) {
    Scope inner = new Scope(scope);
    Deque<Object> queue = new ArrayDeque<>(forms);
    List<Var> defined = new ArrayList<>(); // the variable a definition binds; null: an expression
    List<Object> items = new ArrayList<>();
    int lastDefine = -1;
    while (!queue.isEmpty()) {
      Object f = headExpand(queue.pop(), inner);
      if (f instanceof Pair p && isId(p.car())) {
        Object head = resolve(p.car(), inner);
        if ("begin".equals(head)) {
          List<Object> sub = list(p.cdr(), f);
          for (int i = sub.size() - 1; i >= 0; i--) {
            queue.push(sub.get(i));
          }
          continue;
        }
        if ("define".equals(head)) {
          Object[] def = parseDefine(p);
          // Bind now, so that later forms (and macro uses among them) see the definition.
          Var v = new Var(nameOf(def[0]));
          inner.vars.put(key(def[0]), v);
          defined.add(v);
          items.add(def[1]);
          lastDefine = items.size() - 1;
          continue;
        }
        if ("define-syntax".equals(head)) {
          Object[] def = parseDefineSyntax(p);
          inner.vars.put(key(def[0]), makeMacro(def[1], inner, nameOf(def[0])));
          continue;
        }
      }
      defined.add(null);
      items.add(f);
    }
    if (items.isEmpty()) {
      throw error(whole, "empty body in " + whole);
    }
    if (lastDefine < 0) {
      return expandSeq(items, inner);
    }
    List<Var> vars = new ArrayList<>();
    List<Node> inits = new ArrayList<>();
    for (int i = 0; i <= lastDefine; i++) {
      Var v = defined.get(i) == null ? new Var("_") : defined.get(i);
      vars.add(v);
      inits.add(expandNamed(items.get(i), inner, v.name));
    }
    List<Object> rest = items.subList(lastDefine + 1, items.size());
    Node body = rest.isEmpty() ? new Unspecified() : expandSeq(rest, inner);
    return new Letrec(vars, inits, body);
  }
}
