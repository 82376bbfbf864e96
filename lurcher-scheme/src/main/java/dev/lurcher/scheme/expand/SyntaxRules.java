package dev.lurcher.scheme.expand;

import dev.lurcher.scheme.reader.Nil;
import dev.lurcher.scheme.reader.Pair;
import dev.lurcher.scheme.reader.SVector;
import dev.lurcher.scheme.reader.Sym;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * A {@code syntax-rules} transformer: R7RS patterns (literals, {@code _}, ellipses anywhere in a
 * list — followed by more patterns and a dotted tail —, nested ellipses, vectors) and templates
 * (ellipses, {@code (... ...)} escapes, a custom ellipsis). Template identifiers that are not
 * pattern variables become {@link Alias}es, one per identifier per use.
 */
final class SyntaxRules {
  /** A sequence of matches for a pattern variable under an ellipsis. */
  private record Many(List<Object> items) {}

  /** Thrown when a use matches no rule or a template is malformed. */
  static final class MacroError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MacroError(String message) {
      super(message, null, false, false);
    }
  }

  private final String name;
  private final Object ellipsis; // null: the standard "..."
  private final List<Object> literals;
  private final List<Object[]> rules; // {pattern, template}
  private final Expander.Scope env;

  SyntaxRules(
      String name,
      Object ellipsis,
      List<Object> literals,
      List<Object[]> rules,
      Expander.Scope env) {
    this.name = name;
    this.ellipsis = ellipsis;
    this.literals = literals;
    this.rules = rules;
    this.env = env;
  }

  String name() {
    return name;
  }

  Expander.Scope env() {
    return env;
  }

  static boolean isId(Object x) {
    return x instanceof Sym || x instanceof Alias;
  }

  /** The key an identifier is bound under: a symbol's name, or an alias itself. */
  static Object key(Object id) {
    return id instanceof Sym s ? s.name() : id;
  }

  static String baseName(Object id) {
    return id instanceof Alias a ? a.base().name() : ((Sym) id).name();
  }

  private boolean isEllipsis(Object x) {
    if (!isId(x)) {
      return false;
    }
    return ellipsis == null ? baseName(x).equals("...") : key(x).equals(key(ellipsis));
  }

  private boolean isLiteral(Object x) {
    for (Object l : literals) {
      if (key(l).equals(key(x))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Expands {@code form}, a use of this macro; {@code sameBinding} tells whether an input
   * identifier (in the use's scope) and a literal (in the macro's scope) mean the same thing.
   */
  Object expand(Object form, BiPredicate<Object, Object> sameBinding) {
    for (Object[] rule : rules) {
      Map<Object, Object> b = new HashMap<>();
      Object pattern = rule[0];
      // The keyword position is ignored.
      if (pattern instanceof Pair pp
          && form instanceof Pair fp
          && match(pp.cdr(), fp.cdr(), b, sameBinding)) {
        return instantiate(rule[1], b, new IdentityHashMap<>(), new HashMap<>(), false);
      }
    }
    throw new MacroError("no syntax-rules pattern of " + name + " matches " + form);
  }

  // ------------------------------------------------------------------ matching

  private boolean match(
      Object pat, Object in, Map<Object, Object> b, BiPredicate<Object, Object> same) {
    if (isId(pat)) {
      if (isLiteral(pat)) {
        return isId(in) && same.test(in, pat);
      }
      if (baseName(pat).equals("_")) {
        return true;
      }
      b.put(key(pat), in);
      return true;
    }
    if (pat instanceof Pair) {
      return matchList(pat, in, b, same);
    }
    if (pat == Nil.NIL) {
      return in == Nil.NIL;
    }
    if (pat instanceof SVector pv) {
      return in instanceof SVector iv
          && matchList(
              Pair.listWithTail(pv.elements(), Nil.NIL),
              Pair.listWithTail(iv.elements(), Nil.NIL),
              b,
              same);
    }
    return pat.equals(in);
  }

  private boolean matchList(
      Object pat, Object in, Map<Object, Object> b, BiPredicate<Object, Object> same) {
    List<Object> before = new ArrayList<>();
    Object repeated = null;
    List<Object> after = new ArrayList<>();
    Object p = pat;
    while (p instanceof Pair pp) {
      if (pp.cdr() instanceof Pair next && isEllipsis(next.car()) && repeated == null) {
        repeated = pp.car();
        p = next.cdr();
        continue;
      }
      (repeated == null ? before : after).add(pp.car());
      p = pp.cdr();
    }
    Object tailPat = p;
    if (repeated == null) {
      Object x = in;
      for (Object e : before) {
        if (!(x instanceof Pair xp) || !match(e, xp.car(), b, same)) {
          return false;
        }
        x = xp.cdr();
      }
      return match(tailPat, x, b, same);
    }
    List<Object> items = new ArrayList<>();
    Object x = in;
    while (x instanceof Pair xp) {
      items.add(xp.car());
      x = xp.cdr();
    }
    int k = items.size() - before.size() - after.size();
    if (k < 0) {
      return false;
    }
    if (tailPat == Nil.NIL && x != Nil.NIL) {
      return false;
    }
    for (int i = 0; i < before.size(); i++) {
      if (!match(before.get(i), items.get(i), b, same)) {
        return false;
      }
    }
    List<Map<Object, Object>> reps = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      Map<Object, Object> rb = new HashMap<>();
      if (!match(repeated, items.get(before.size() + i), rb, same)) {
        return false;
      }
      reps.add(rb);
    }
    for (Object v : patternVars(repeated, new LinkedHashSet<>())) {
      List<Object> seq = new ArrayList<>();
      for (Map<Object, Object> rb : reps) {
        seq.add(rb.get(v));
      }
      b.put(v, new Many(seq));
    }
    for (int i = 0; i < after.size(); i++) {
      if (!match(after.get(i), items.get(before.size() + k + i), b, same)) {
        return false;
      }
    }
    return tailPat == Nil.NIL || match(tailPat, x, b, same);
  }

  private Set<Object> patternVars(Object pat, Set<Object> out) {
    if (isId(pat)) {
      if (!isLiteral(pat) && !isEllipsis(pat) && !baseName(pat).equals("_")) {
        out.add(key(pat));
      }
    } else if (pat instanceof Pair p) {
      patternVars(p.car(), out);
      patternVars(p.cdr(), out);
    } else if (pat instanceof SVector v) {
      for (Object e : v.elements()) {
        patternVars(e, out);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ templates

  private Object instantiate(
      Object t,
      Map<Object, Object> b,
      Map<Object, Alias> renames,
      Map<Object, Alias> named,
      boolean literalEllipsis) {
    if (isId(t)) {
      Object k = key(t);
      if (b.containsKey(k)) {
        Object v = b.get(k);
        if (v instanceof Many) {
          throw new MacroError("pattern variable " + t + " used without an ellipsis in " + name);
        }
        return v;
      }
      // One alias per identifier per use: symbols by name, aliases by identity.
      Map<Object, Alias> m = t instanceof Sym ? named : renames;
      return m.computeIfAbsent(k, _ -> new Alias(t, env));
    }
    if (t instanceof Pair p) {
      if (!literalEllipsis && isEllipsis(p.car()) && p.cdr() instanceof Pair rest) {
        // (... template): ellipses inside are ordinary identifiers.
        return instantiate(rest.car(), b, renames, named, true);
      }
      List<Object> out = new ArrayList<>();
      Object x = t;
      while (x instanceof Pair xp) {
        Object elem = xp.car();
        x = xp.cdr();
        int depth = 0;
        while (!literalEllipsis && x instanceof Pair np && isEllipsis(np.car())) {
          depth++;
          x = np.cdr();
        }
        if (depth == 0) {
          out.add(instantiate(elem, b, renames, named, literalEllipsis));
        } else {
          repeat(elem, depth, b, renames, named, out);
        }
      }
      Object tail = x == Nil.NIL ? Nil.NIL : instantiate(x, b, renames, named, literalEllipsis);
      return Pair.listWithTail(out, tail);
    }
    if (t instanceof SVector v) {
      Object l =
          instantiate(Pair.listWithTail(v.elements(), Nil.NIL), b, renames, named, literalEllipsis);
      return new SVector(Pair.toList(l));
    }
    return t;
  }

  private void repeat(
      Object elem,
      int depth,
      Map<Object, Object> b,
      Map<Object, Alias> renames,
      Map<Object, Alias> named,
      List<Object> out) {
    List<Object> vars = new ArrayList<>();
    for (Object v : templateIds(elem, new LinkedHashSet<>())) {
      if (b.get(v) instanceof Many) {
        vars.add(v);
      }
    }
    if (vars.isEmpty()) {
      throw new MacroError(
          "no pattern variable under an ellipsis in template " + elem + " of " + name);
    }
    int n = -1;
    for (Object v : vars) {
      int len = ((Many) b.get(v)).items().size();
      if (n >= 0 && len != n) {
        throw new MacroError(
            "pattern variables under one ellipsis matched different lengths in " + name);
      }
      n = len;
    }
    for (int i = 0; i < n; i++) {
      Map<Object, Object> bi = new HashMap<>(b);
      for (Object v : vars) {
        bi.put(v, ((Many) b.get(v)).items().get(i));
      }
      if (depth == 1) {
        out.add(instantiate(elem, bi, renames, named, false));
      } else {
        repeat(elem, depth - 1, bi, renames, named, out);
      }
    }
  }

  private static Set<Object> templateIds(Object t, Set<Object> out) {
    if (isId(t)) {
      out.add(key(t));
    } else if (t instanceof Pair p) {
      templateIds(p.car(), out);
      templateIds(p.cdr(), out);
    } else if (t instanceof SVector v) {
      for (Object e : v.elements()) {
        templateIds(e, out);
      }
    }
    return out;
  }
}
