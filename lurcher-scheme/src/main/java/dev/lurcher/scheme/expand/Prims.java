package dev.lurcher.scheme.expand;

import dev.lurcher.scheme.runtime.Values;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The table of primitives, by name and argument count. */
public final class Prims {
  private static final Map<String, Map<Integer, Prim>> TABLE = new HashMap<>();

  private static void def(String name, int arity, String method, boolean allocates, long... pad) {
    TABLE
        .computeIfAbsent(name, k -> new HashMap<>())
        .put(arity, new Prim(name, arity, method, allocates, pad));
  }

  private static void pure(int arity, String method, String... names) {
    for (String n : names) {
      def(n, arity, method, false);
    }
  }

  private static void alloc(int arity, String method, String... names) {
    for (String n : names) {
      def(n, arity, method, true);
    }
  }

  static {
    pure(2, "add", "+");
    pure(2, "sub", "-");
    pure(2, "mul", "*");
    pure(2, "quotient", "quotient");
    pure(2, "remainder", "remainder");
    pure(2, "modulo", "modulo");
    pure(2, "lt", "<");
    pure(2, "le", "<=");
    pure(2, "gt", ">");
    pure(2, "ge", ">=");
    pure(2, "numEq", "=");
    pure(1, "zeroP", "zero?");
    pure(1, "abs", "abs");
    pure(1, "not", "not");
    pure(2, "eqP", "eq?");
    pure(2, "eqvP", "eqv?");
    pure(2, "equalP", "equal?");
    pure(1, "nullP", "null?");
    pure(1, "pairP", "pair?");
    pure(1, "listP", "list?");
    pure(1, "symbolP", "symbol?");
    pure(1, "stringP", "string?");
    pure(1, "vectorP", "vector?");
    pure(1, "bytevectorP", "bytevector?");
    pure(1, "procedureP", "procedure?");
    pure(1, "boxP", "box?");
    pure(1, "fixnumP", "fixnum?", "number?", "integer?", "exact?", "exact-integer?");
    pure(1, "charP", "char?");
    pure(1, "booleanP", "boolean?");

    alloc(2, "cons", "cons");
    pure(1, "car", "car");
    pure(1, "cdr", "cdr");
    pure(2, "setCar", "set-car!");
    pure(2, "setCdr", "set-cdr!");
    pure(1, "length", "length");
    alloc(1, "reverse", "reverse");
    alloc(2, "append2", "append");
    pure(2, "listTail", "list-tail");
    pure(2, "listRef", "list-ref");
    pure(2, "memq", "memq", "memv");
    pure(2, "member", "member");
    pure(2, "assq", "assq", "assv");
    pure(2, "assoc", "assoc");
    alloc(3, "iota", "iota");
    def("iota", 2, "iota", true, Values.fix(1));
    def("iota", 1, "iota", true, Values.fix(0), Values.fix(1));
    alloc(-1, "listFromStack", "list");
    alloc(-1, "appendFromStack", "append");

    alloc(1, "box", "box");
    pure(1, "unbox", "unbox");
    pure(2, "setBox", "set-box!");

    alloc(2, "makeVector", "make-vector");
    def("make-vector", 1, "makeVector", true, Values.FALSE);
    alloc(-1, "vectorFromStack", "vector");
    pure(1, "vectorLength", "vector-length");
    pure(2, "vectorRef", "vector-ref");
    pure(3, "vectorSet", "vector-set!");
    pure(2, "vectorFill", "vector-fill!");
    alloc(1, "listToVector", "list->vector");
    alloc(1, "vectorToList", "vector->list");
    alloc(-1, "vectorAppendFromStack", "vector-append");

    alloc(2, "makeString", "make-string");
    def("make-string", 1, "makeString", true, Values.chr(' '));
    pure(1, "stringLength", "string-length");
    pure(2, "stringRef", "string-ref");
    pure(3, "stringSet", "string-set!");
    alloc(3, "substring", "substring");
    alloc(-1, "stringAppendFromStack", "string-append");
    pure(2, "stringEq", "string=?");
    pure(2, "stringLt", "string<?");
    alloc(1, "stringToSymbol", "string->symbol");
    alloc(1, "symbolToString", "symbol->string");
    alloc(1, "stringToList", "string->list");
    alloc(1, "listToString", "list->string");
    alloc(1, "stringCopy", "string-copy");
    alloc(1, "numberToString", "number->string");
    pure(1, "stringToNumber", "string->number");
    pure(1, "charToInteger", "char->integer");
    pure(1, "integerToChar", "integer->char");
    pure(2, "charEq", "char=?");
    pure(2, "charLt", "char<?");
    pure(1, "charUpcase", "char-upcase");
    pure(1, "charDowncase", "char-downcase");
    pure(1, "charAlphabeticP", "char-alphabetic?");
    pure(1, "charNumericP", "char-numeric?");
    pure(1, "charWhitespaceP", "char-whitespace?");

    alloc(2, "makeBytevector", "make-bytevector");
    def("make-bytevector", 1, "makeBytevector", true, Values.fix(0));
    alloc(-1, "bytevectorFromStack", "bytevector");
    pure(1, "bytevectorLength", "bytevector-length");
    pure(2, "bytevectorRef", "bytevector-u8-ref");
    pure(3, "bytevectorSet", "bytevector-u8-set!");

    pure(1, "display", "display");
    pure(1, "write", "write");
    pure(0, "newline", "newline");
    pure(1, "writeChar", "write-char");
    pure(-1, "errorFromStack", "error");
    alloc(0, "gcCollect", "gc-collect");
    pure(0, "currentMicroseconds", "current-microseconds");
    pure(1, "randomFixnum", "random-fixnum!");
    pure(1, "exit", "exit");

    alloc(-1, "recordFromStack", "%record");
    pure(2, "recordP", "%record?");
    pure(4, "recordRef", "%record-ref");
    pure(5, "recordSet", "%record-set!");
  }

  /**
   * Primitives that exist only as procedure values, never inlined: {@code apply} spreads its list
   * onto the stack and returns a tail call for the trampoline to make.
   */
  private static final Map<String, Prim> PROCEDURE_ONLY =
      Map.of("apply", new Prim("apply", -1, "applySpread", false));

  private Prims() {}

  /** Whether {@code name} names a primitive (for some argument count). */
  public static boolean isPrimitive(String name) {
    return TABLE.containsKey(name);
  }

  /**
   * The primitive {@code name} taking {@code argc} arguments, falling back to its variadic form.
   */
  public static Prim lookup(String name, int argc) {
    Map<Integer, Prim> byArity = TABLE.get(name);
    if (byArity == null) {
      return null;
    }
    Prim p = byArity.get(argc);
    return p != null ? p : byArity.get(-1);
  }

  /**
   * The single form of a primitive usable as a procedure value without a prelude definition: its
   * variadic form, or its only fixed arity; null if it has several.
   */
  public static Prim valueForm(String name) {
    Map<Integer, Prim> byArity = TABLE.get(name);
    if (byArity == null) {
      return PROCEDURE_ONLY.get(name);
    }
    if (byArity.containsKey(-1)) {
      return byArity.get(-1);
    }
    List<Prim> all = List.copyOf(byArity.values());
    return all.size() == 1 ? all.get(0) : null;
  }
}
