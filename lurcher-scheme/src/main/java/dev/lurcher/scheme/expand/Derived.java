package dev.lurcher.scheme.expand;

import dev.lurcher.scheme.reader.Nil;
import dev.lurcher.scheme.reader.Pair;
import dev.lurcher.scheme.reader.Sym;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Derived forms that may stand where a definition stands, rewritten to core forms before the
 * expander looks at them: {@code define-syntax-rule}, {@code define-record-type} and {@code
 * cond-expand}. The forms they produce use {@link Expander#core} identifiers, which no user binding
 * can shadow.
 */
final class Derived {
  private static final Set<String> FORMS =
      Set.of("define-syntax-rule", "define-record-type", "cond-expand");

  private final Expander ex;

  Derived(Expander ex) {
    this.ex = ex;
  }

  static boolean handles(String keyword) {
    return FORMS.contains(keyword);
  }

  Object rewrite(String keyword, Pair form, Expander.Scope scope) {
    return switch (keyword) {
      case "define-syntax-rule" -> defineSyntaxRule(form);
      case "define-record-type" -> defineRecordType(form);
      case "cond-expand" -> condExpand(form, scope);
      default -> throw new IllegalStateException(keyword);
    };
  }

  private static Object list(Object... items) {
    return Pair.listWithTail(Arrays.asList(items), Nil.NIL);
  }

  private static Object core(String name) {
    return Expander.core(name);
  }

  private static Object quote(Object datum) {
    return list(core("quote"), datum);
  }

  /** {@code (define-syntax-rule (name . pattern) template)}. */
  private Object defineSyntaxRule(Pair form) {
    List<Object> items = Pair.toList(form);
    if (items == null
        || items.size() != 3
        || !(items.get(1) instanceof Pair head)
        || !SyntaxRules.isId(head.car())) {
      throw ex.syntaxError(form, "bad define-syntax-rule: " + form);
    }
    Object rule = list(new Pair(new Sym("_"), head.cdr()), items.get(2));
    return list(core("define-syntax"), head.car(), list(core("syntax-rules"), Nil.NIL, rule));
  }

  /**
   * {@code (define-record-type name (ctor field ...) pred (field accessor [modifier]) ...)}: the
   * type is a heap vector {@code #(name field ...)}; a record is a heap object whose slot 0 is its
   * type, followed by the fields. The constructor may be {@code #f} or a bare name (all fields).
   */
  private Object defineRecordType(Pair form) {
    List<Object> items = Pair.toList(form);
    if (items == null || items.size() < 4) {
      throw ex.syntaxError(form, "bad define-record-type: " + form);
    }
    Object typeName = items.get(1);
    if (typeName instanceof Pair tp) {
      typeName = tp.car(); // (name extra...) as in SRFI 99/136: the extras are ignored
    }
    if (!SyntaxRules.isId(typeName)) {
      throw ex.syntaxError(form, "bad record type name in " + form);
    }
    List<Object> fields = new ArrayList<>();
    List<List<Object>> specs = new ArrayList<>();
    for (Object f : items.subList(4, items.size())) {
      List<Object> spec = SyntaxRules.isId(f) ? List.of(f) : Pair.toList(f);
      if (spec == null || spec.isEmpty() || spec.size() > 3) {
        throw ex.syntaxError(form, "bad record field " + f + " in " + form);
      }
      for (Object x : spec) {
        if (!SyntaxRules.isId(x)) {
          throw ex.syntaxError(form, "bad record field " + f + " in " + form);
        }
      }
      fields.add(spec.get(0));
      specs.add(spec);
    }
    List<Object> fieldNames = new ArrayList<>();
    for (Object f : fields) {
      fieldNames.add(new Sym(SyntaxRules.baseName(f)));
    }
    String typeLabel = SyntaxRules.baseName(typeName);
    List<Object> out = new ArrayList<>();
    out.add(core("begin"));
    List<Object> typeVector = new ArrayList<>();
    typeVector.add(core("vector"));
    typeVector.add(quote(new Sym(typeLabel)));
    for (Object n : fieldNames) {
      typeVector.add(quote(n));
    }
    out.add(list(core("define"), typeName, Pair.listWithTail(typeVector, Nil.NIL)));

    Object ctor = items.get(2);
    if (SyntaxRules.isId(ctor)) {
      List<Object> all = new ArrayList<>();
      all.add(ctor);
      all.addAll(fields);
      ctor = Pair.listWithTail(all, Nil.NIL);
    }
    if (ctor instanceof Pair cp) {
      List<Object> ctorItems = Pair.toList(cp);
      if (ctorItems == null || !SyntaxRules.isId(ctorItems.get(0))) {
        throw ex.syntaxError(form, "bad record constructor in " + form);
      }
      List<Object> params = new ArrayList<>();
      Object[] args = new Object[fields.size()];
      Arrays.fill(args, Boolean.FALSE);
      for (Object p : ctorItems.subList(1, ctorItems.size())) {
        int i = indexOf(fields, p);
        if (i < 0) {
          throw ex.syntaxError(form, "constructor argument " + p + " is not a field of " + form);
        }
        Object param = new Alias(p, null);
        params.add(param);
        args[i] = param;
      }
      List<Object> call = new ArrayList<>();
      call.add(core("%record"));
      call.add(typeName);
      call.addAll(Arrays.asList(args));
      out.add(
          list(
              core("define"),
              ctorItems.get(0),
              list(
                  core("lambda"),
                  Pair.listWithTail(params, Nil.NIL),
                  Pair.listWithTail(call, Nil.NIL))));
    } else if (!Boolean.FALSE.equals(ctor)) {
      throw ex.syntaxError(form, "bad record constructor in " + form);
    }

    Object pred = items.get(3);
    if (SyntaxRules.isId(pred)) {
      Object x = new Alias(new Sym("x"), null);
      out.add(
          list(
              core("define"),
              pred,
              list(core("lambda"), list(x), list(core("%record?"), x, typeName))));
    } else if (!Boolean.FALSE.equals(pred)) {
      throw ex.syntaxError(form, "bad record predicate in " + form);
    }
    for (int i = 0; i < specs.size(); i++) {
      List<Object> spec = specs.get(i);
      Object index = (long) i;
      if (spec.size() >= 2) {
        Object r = new Alias(new Sym("r"), null);
        Object name = quote(new Sym(SyntaxRules.baseName(spec.get(1))));
        out.add(
            list(
                core("define"),
                spec.get(1),
                list(
                    core("lambda"), list(r), list(core("%record-ref"), r, typeName, index, name))));
      }
      if (spec.size() == 3) {
        Object r = new Alias(new Sym("r"), null);
        Object v = new Alias(new Sym("v"), null);
        Object name = quote(new Sym(SyntaxRules.baseName(spec.get(2))));
        out.add(
            list(
                core("define"),
                spec.get(2),
                list(
                    core("lambda"),
                    list(r, v),
                    list(core("%record-set!"), r, typeName, index, v, name))));
      }
    }
    return Pair.listWithTail(out, Nil.NIL);
  }

  private static int indexOf(List<Object> ids, Object id) {
    String n = SyntaxRules.baseName(id);
    for (int i = 0; i < ids.size(); i++) {
      if (SyntaxRules.key(ids.get(i)).equals(SyntaxRules.key(id))
          || SyntaxRules.baseName(ids.get(i)).equals(n)) {
        return i;
      }
    }
    return -1;
  }

  // ------------------------------------------------------------------ cond-expand

  private Object condExpand(Pair form, Expander.Scope scope) {
    List<Object> clauses = Pair.toList(form.cdr());
    if (clauses == null) {
      throw ex.syntaxError(form, "bad cond-expand: " + form);
    }
    for (Object c : clauses) {
      if (!(c instanceof Pair cp)) {
        throw ex.syntaxError(form, "bad cond-expand clause " + c);
      }
      if (ex.keyword(cp.car(), scope, "else") || requirement(cp.car(), form)) {
        return new Pair(core("begin"), cp.cdr());
      }
    }
    return list(core("begin"));
  }

  private boolean requirement(Object req, Pair form) {
    if (SyntaxRules.isId(req)) {
      return ex.features().contains(SyntaxRules.baseName(req));
    }
    List<Object> items = Pair.toList(req);
    if (items == null || items.isEmpty() || !SyntaxRules.isId(items.get(0))) {
      throw ex.syntaxError(form, "bad cond-expand requirement " + req);
    }
    List<Object> args = items.subList(1, items.size());
    switch (SyntaxRules.baseName(items.get(0))) {
      case "and" -> {
        for (Object r : args) {
          if (!requirement(r, form)) {
            return false;
          }
        }
        return true;
      }
      case "or" -> {
        for (Object r : args) {
          if (requirement(r, form)) {
            return true;
          }
        }
        return false;
      }
      case "not" -> {
        if (args.size() != 1) {
          throw ex.syntaxError(form, "bad cond-expand requirement " + req);
        }
        return !requirement(args.get(0), form);
      }
      case "library" -> {
        String lib = String.valueOf(Expander.strip(args.isEmpty() ? Nil.NIL : args.get(0)));
        return lib.equals("(scheme base)") || lib.equals("(lurcher)");
      }
      default -> throw ex.syntaxError(form, "bad cond-expand requirement " + req);
    }
  }
}
