package dev.lurcher.scheme.runtime;

import static dev.lurcher.scheme.runtime.Values.FALSE;
import static dev.lurcher.scheme.runtime.Values.NIL;
import static dev.lurcher.scheme.runtime.Values.TRUE;
import static dev.lurcher.scheme.runtime.Values.UNSPEC;
import static dev.lurcher.scheme.runtime.Values.bool;
import static dev.lurcher.scheme.runtime.Values.fix;
import static dev.lurcher.scheme.runtime.Values.isFixnum;
import static dev.lurcher.scheme.runtime.Values.unfix;

import dev.lurcher.gc.api.Mutator;
import java.util.Arrays;

/**
 * The primitives and helpers that compiled code calls: every method is static and takes the
 * thread's {@link Ctx} first.
 *
 * <p>The rooting discipline: a method that allocates first pushes every heap value it still needs
 * onto the shadow stack, allocates, and re-reads them from the stack, because the collector may
 * move objects at any allocation. Fixed-arity primitives take their arguments as values; variadic
 * ones ("stack primitives") take the index of their first argument on the shadow stack and the
 * count.
 */
public final class Rt {
  /** Slots a primitive may push above {@code sp}; {@link #enter} keeps this much headroom. */
  private static final int SLACK = 64;

  private static final long CAR = 8;
  private static final long CDR = 16;
  private static final long DATA = 16;
  private static final long LENGTH = 8;

  private Rt() {}

  // ---------------------------------------------------------------- frames and calls

  /**
   * Procedure entry: a safepoint, then make {@code [base, base + frameSize)} live. Slots that
   * become live are filled with an immediate so the collector never sees a stale address.
   */
  public static void enter(Ctx c, int base, int frameSize) {
    c.m.safepoint();
    int top = base + frameSize;
    if (top > c.sp) {
      if (top + SLACK > c.stack.length) {
        throw new SchemeError("stack overflow (shadow stack of " + c.stack.length + " slots)");
      }
      Arrays.fill(c.stack, c.sp, top, UNSPEC);
      c.sp = top;
    }
  }

  /** A loop back-edge. */
  public static void safepoint(Ctx c) {
    c.m.safepoint();
  }

  /** Pushes {@code v} and returns its slot (caller restores {@code sp} when done). */
  public static int push(Ctx c, long v) {
    int s = c.sp;
    if (s + 1 >= c.stack.length) {
      throw new SchemeError("stack overflow (shadow stack of " + c.stack.length + " slots)");
    }
    c.stack[s] = v;
    c.sp = s + 1;
    return s;
  }

  /** The code index of procedure {@code f}; an error if {@code f} is not a procedure. */
  public static int codeOf(Ctx c, long f) {
    if (shape(c, f) != SchemeRuntime.CLOSURE) {
      throw new SchemeError("application: not a procedure: " + Printer.write(c, f));
    }
    return (int) unfix(c.m.loadRef(f, DATA));
  }

  /** Moves a tail call's procedure and {@code argc} arguments from {@code from} to {@code base}. */
  public static int tailCall(Ctx c, int from, int base, int argc) {
    System.arraycopy(c.stack, from, c.stack, base, argc + 1);
    c.tailArgc = argc;
    return argc;
  }

  /**
   * The body of {@code apply}: its arguments {@code f a ... list} are at {@code [from, from+n)} in
   * a frame based at {@code from - 1}. Moves {@code f} to the frame base, spreads the arguments
   * after it and returns {@link Values#TAIL}, so the trampoline makes the call.
   */
  public static long applySpread(Ctx c, int from, int n) {
    if (n < 2) {
      throw new SchemeError("wrong number of arguments to apply: got " + n);
    }
    long[] st = c.stack;
    long list = st[from + n - 1];
    int k = n - 2;
    System.arraycopy(st, from, st, from - 1, k + 1);
    int argc = k;
    long p = list;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      if (from + argc + SLACK >= st.length) {
        throw new SchemeError("stack overflow (shadow stack of " + st.length + " slots)");
      }
      st[from + argc] = c.m.loadRef(p, CAR);
      argc++;
      p = c.m.loadRef(p, CDR);
    }
    if (p != NIL) {
      throw wrongType(c, "apply", "a proper list", list);
    }
    if (from + argc > c.sp) {
      c.sp = from + argc;
    }
    c.tailArgc = argc;
    return Values.TAIL;
  }

  /** The error for a call with the wrong number of arguments. */
  public static SchemeError arityError(Ctx c, int code, int argc) {
    return new SchemeError(
        "wrong number of arguments to "
            + c.rt.procedureName(code)
            + ": got "
            + argc
            + " argument"
            + (argc == 1 ? "" : "s"));
  }

  /** The error for a reference to a global that has no value. */
  public static SchemeError unbound(Ctx c, int global) {
    return new SchemeError("unbound variable: " + c.rt.globalName(global));
  }

  /**
   * Collects the rest arguments {@code stack[from .. from+n)} into a list stored at {@code from}.
   */
  public static void restList(Ctx c, int from, int n) {
    int save = c.sp;
    if (from + n > c.sp) {
      c.sp = from + n;
    }
    c.stack[from] = listFromStack(c, from, n);
    c.sp = save;
  }

  /** Allocates a closure for code {@code code} with {@code nfree} captured values (unset). */
  public static long makeClosure(Ctx c, int code, int nfree) {
    SchemeRuntime rt = c.rt;
    long f = rt.layout.allocateArray(c.m, rt.closureShape, nfree + 1L);
    c.m.storeRef(f, DATA, fix(code));
    return f;
  }

  /** Sets captured value {@code i} of closure {@code f}. */
  public static void closureSet(Ctx c, long f, int i, long v) {
    c.m.storeRef(f, DATA + 8 + 8L * i, v);
  }

  /** Reads captured value {@code i} of closure {@code f} (trusted: compiled code only). */
  public static long closureRef(Ctx c, long f, int i) {
    return c.m.loadRef(f, DATA + 8 + 8L * i);
  }

  // ---------------------------------------------------------------- types

  /** The shape id of {@code v}, or 0 if it is not a heap reference. */
  static int shape(Ctx c, long v) {
    if ((v & 15) != 0 || v == 0) {
      return 0;
    }
    return (int) ((c.m.loadWord(v, 0) >>> 4) & 0xFFFFF);
  }

  static SchemeError wrongType(Ctx c, String proc, String what, long v) {
    return new SchemeError(proc + ": not " + what + ": " + Printer.write(c, v));
  }

  static long checkFix(Ctx c, String proc, long v) {
    if (!isFixnum(v)) {
      throw wrongType(c, proc, "a fixnum", v);
    }
    return v;
  }

  static int checkIndex(Ctx c, String proc, long k, long length) {
    if (!isFixnum(k)) {
      throw wrongType(c, proc, "a fixnum index", k);
    }
    long i = unfix(k);
    if (i < 0 || i >= length) {
      throw new SchemeError(proc + ": index out of range: " + i + " (length " + length + ")");
    }
    return (int) i;
  }

  // ---------------------------------------------------------------- fixnums

  static SchemeError overflow(Ctx c, String proc, long a, long b) {
    return new SchemeError(
        proc + ": fixnum overflow: " + Printer.write(c, a) + ", " + Printer.write(c, b));
  }

  /** {@code (+ a b)}. */
  public static long add(Ctx c, long a, long b) {
    if (!isFixnum(a) || !isFixnum(b)) {
      checkFix(c, "+", a);
      checkFix(c, "+", b);
    }
    long x = a ^ 1;
    long r = x + b;
    if (((x ^ r) & (b ^ r)) < 0) {
      throw overflow(c, "+", a, b);
    }
    return r;
  }

  /** {@code (- a b)}. */
  public static long sub(Ctx c, long a, long b) {
    if (!isFixnum(a) || !isFixnum(b)) {
      checkFix(c, "-", a);
      checkFix(c, "-", b);
    }
    long y = b ^ 1;
    long r = a - y;
    if (((a ^ y) & (a ^ r)) < 0) {
      throw overflow(c, "-", a, b);
    }
    return r;
  }

  /** {@code (* a b)}. */
  public static long mul(Ctx c, long a, long b) {
    if (!isFixnum(a) || !isFixnum(b)) {
      checkFix(c, "*", a);
      checkFix(c, "*", b);
    }
    long x = unfix(a);
    long y = b ^ 1;
    long hi = Math.multiplyHigh(x, y);
    long lo = x * y;
    if ((lo >> 63) != hi) {
      throw overflow(c, "*", a, b);
    }
    return lo | 1;
  }

  private static long divisor(Ctx c, String proc, long a, long b) {
    checkFix(c, proc, a);
    checkFix(c, proc, b);
    if (b == fix(0)) {
      throw new SchemeError(proc + ": division by zero: " + Printer.write(c, a));
    }
    return unfix(b);
  }

  /** {@code (quotient a b)}. */
  public static long quotient(Ctx c, long a, long b) {
    long d = divisor(c, "quotient", a, b);
    long q = unfix(a) / d;
    if (!Values.fitsFixnum(q)) {
      throw overflow(c, "quotient", a, b);
    }
    return fix(q);
  }

  /** {@code (remainder a b)}. */
  public static long remainder(Ctx c, long a, long b) {
    long d = divisor(c, "remainder", a, b);
    return fix(unfix(a) % d);
  }

  /** {@code (modulo a b)}. */
  public static long modulo(Ctx c, long a, long b) {
    long d = divisor(c, "modulo", a, b);
    return fix(Math.floorMod(unfix(a), d));
  }

  private static void cmpCheck(Ctx c, String proc, long a, long b) {
    if (!isFixnum(a) || !isFixnum(b)) {
      checkFix(c, proc, a);
      checkFix(c, proc, b);
    }
  }

  /** {@code (< a b)}: tagged fixnums compare like their integers. */
  public static long lt(Ctx c, long a, long b) {
    cmpCheck(c, "<", a, b);
    return bool(a < b);
  }

  /** {@code (<= a b)}. */
  public static long le(Ctx c, long a, long b) {
    cmpCheck(c, "<=", a, b);
    return bool(a <= b);
  }

  /** {@code (> a b)}. */
  public static long gt(Ctx c, long a, long b) {
    cmpCheck(c, ">", a, b);
    return bool(a > b);
  }

  /** {@code (>= a b)}. */
  public static long ge(Ctx c, long a, long b) {
    cmpCheck(c, ">=", a, b);
    return bool(a >= b);
  }

  /** {@code (= a b)}. */
  public static long numEq(Ctx c, long a, long b) {
    cmpCheck(c, "=", a, b);
    return bool(a == b);
  }

  /** {@code (zero? a)}. */
  public static long zeroP(Ctx c, long a) {
    return bool(checkFix(c, "zero?", a) == fix(0));
  }

  /** {@code (abs a)}. */
  public static long abs(Ctx c, long a) {
    checkFix(c, "abs", a);
    return a < 0 ? sub(c, fix(0), a) : a;
  }

  // ---------------------------------------------------------------- predicates and equality

  /** {@code (not v)}. */
  public static long not(Ctx c, long v) {
    return bool(v == FALSE);
  }

  /** {@code (eq? a b)}. */
  public static long eqP(Ctx c, long a, long b) {
    return bool(a == b);
  }

  /** {@code (eqv? a b)}: fixnums and characters are immediates, so this is {@code eq?}. */
  public static long eqvP(Ctx c, long a, long b) {
    return bool(a == b);
  }

  /** {@code (equal? a b)}. */
  public static long equalP(Ctx c, long a, long b) {
    return bool(equal(c, a, b));
  }

  static boolean equal(Ctx c, long a, long b) {
    while (true) {
      if (a == b) {
        return true;
      }
      int sa = shape(c, a);
      if (sa == 0 || sa != shape(c, b)) {
        return false;
      }
      Mutator m = c.m;
      switch (sa) {
        case SchemeRuntime.PAIR -> {
          if (!equal(c, m.loadRef(a, CAR), m.loadRef(b, CAR))) {
            return false;
          }
          a = m.loadRef(a, CDR);
          b = m.loadRef(b, CDR);
        }
        case SchemeRuntime.VECTOR, SchemeRuntime.BOX -> {
          long n = sa == SchemeRuntime.BOX ? 1 : m.loadWord(a, LENGTH);
          long off = sa == SchemeRuntime.BOX ? 8 : DATA;
          if (sa == SchemeRuntime.VECTOR && n != m.loadWord(b, LENGTH)) {
            return false;
          }
          for (long i = 0; i < n; i++) {
            if (!equal(c, m.loadRef(a, off + 8 * i), m.loadRef(b, off + 8 * i))) {
              return false;
            }
          }
          return true;
        }
        case SchemeRuntime.STRING, SchemeRuntime.BYTEVECTOR -> {
          long n = m.loadWord(a, LENGTH);
          if (n != m.loadWord(b, LENGTH)) {
            return false;
          }
          for (long i = 0; i < n; i++) {
            if (m.loadByte(a, DATA + i) != m.loadByte(b, DATA + i)) {
              return false;
            }
          }
          return true;
        }
        default -> {
          return false;
        }
      }
    }
  }

  /** {@code (null? v)}. */
  public static long nullP(Ctx c, long v) {
    return bool(v == NIL);
  }

  /** {@code (pair? v)}. */
  public static long pairP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.PAIR);
  }

  /** {@code (list? v)}: a proper list. */
  public static long listP(Ctx c, long v) {
    while (shape(c, v) == SchemeRuntime.PAIR) {
      v = c.m.loadRef(v, CDR);
    }
    return bool(v == NIL);
  }

  /** {@code (symbol? v)}. */
  public static long symbolP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.SYMBOL);
  }

  /** {@code (string? v)}. */
  public static long stringP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.STRING);
  }

  /** {@code (vector? v)}. */
  public static long vectorP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.VECTOR);
  }

  /** {@code (bytevector? v)}. */
  public static long bytevectorP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.BYTEVECTOR);
  }

  /** {@code (procedure? v)}. */
  public static long procedureP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.CLOSURE);
  }

  /** {@code (box? v)}. */
  public static long boxP(Ctx c, long v) {
    return bool(shape(c, v) == SchemeRuntime.BOX);
  }

  /** {@code (fixnum? v)}, also {@code number?} and {@code integer?}. */
  public static long fixnumP(Ctx c, long v) {
    return bool(isFixnum(v));
  }

  /** {@code (char? v)}. */
  public static long charP(Ctx c, long v) {
    return bool(Values.isChar(v));
  }

  /** {@code (boolean? v)}. */
  public static long booleanP(Ctx c, long v) {
    return bool(v == TRUE || v == FALSE);
  }

  // ---------------------------------------------------------------- pairs and lists

  /** {@code (cons a d)}. */
  public static long cons(Ctx c, long a, long d) {
    int s = c.sp;
    long[] st = c.stack;
    st[s] = a;
    st[s + 1] = d;
    c.sp = s + 2;
    SchemeRuntime rt = c.rt;
    long p = rt.layout.allocate(c.m, rt.pairShape);
    c.m.storeRef(p, CAR, st[s]);
    c.m.storeRef(p, CDR, st[s + 1]);
    c.sp = s;
    return p;
  }

  /** {@code (car p)}. */
  public static long car(Ctx c, long p) {
    if (shape(c, p) != SchemeRuntime.PAIR) {
      throw wrongType(c, "car", "a pair", p);
    }
    return c.m.loadRef(p, CAR);
  }

  /** {@code (cdr p)}. */
  public static long cdr(Ctx c, long p) {
    if (shape(c, p) != SchemeRuntime.PAIR) {
      throw wrongType(c, "cdr", "a pair", p);
    }
    return c.m.loadRef(p, CDR);
  }

  /** {@code (set-car! p v)}. */
  public static long setCar(Ctx c, long p, long v) {
    if (shape(c, p) != SchemeRuntime.PAIR) {
      throw wrongType(c, "set-car!", "a pair", p);
    }
    c.m.storeRef(p, CAR, v);
    return UNSPEC;
  }

  /** {@code (set-cdr! p v)}. */
  public static long setCdr(Ctx c, long p, long v) {
    if (shape(c, p) != SchemeRuntime.PAIR) {
      throw wrongType(c, "set-cdr!", "a pair", p);
    }
    c.m.storeRef(p, CDR, v);
    return UNSPEC;
  }

  /** {@code (list v ...)} from the shadow stack. */
  public static long listFromStack(Ctx c, int from, int n) {
    long acc = NIL;
    for (int i = n - 1; i >= 0; i--) {
      acc = cons(c, c.stack[from + i], acc);
    }
    return acc;
  }

  /** {@code (length l)}. */
  public static long length(Ctx c, long l) {
    long n = 0;
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      n++;
      p = c.m.loadRef(p, CDR);
    }
    if (p != NIL) {
      throw wrongType(c, "length", "a proper list", l);
    }
    return fix(n);
  }

  /** {@code (reverse l)}. */
  public static long reverse(Ctx c, long l) {
    int s = c.sp;
    push(c, l);
    push(c, NIL);
    long[] st = c.stack;
    while (shape(c, st[s]) == SchemeRuntime.PAIR) {
      long item = c.m.loadRef(st[s], CAR);
      st[s + 1] = cons(c, item, st[s + 1]);
      st[s] = c.m.loadRef(st[s], CDR);
    }
    if (st[s] != NIL) {
      throw wrongType(c, "reverse", "a proper list", l);
    }
    long r = st[s + 1];
    c.sp = s;
    return r;
  }

  /** {@code (append a b)}: copies {@code a}, shares {@code b}. */
  public static long append2(Ctx c, long a, long b) {
    if (a == NIL) {
      return b;
    }
    int s = c.sp;
    push(c, b);
    long rev = reverse(c, a);
    push(c, rev);
    long[] st = c.stack;
    while (st[s + 1] != NIL) {
      long item = c.m.loadRef(st[s + 1], CAR);
      st[s] = cons(c, item, st[s]);
      st[s + 1] = c.m.loadRef(st[s + 1], CDR);
    }
    long r = st[s];
    c.sp = s;
    return r;
  }

  /** {@code (append l ...)} from the shadow stack. */
  public static long appendFromStack(Ctx c, int from, int n) {
    if (n == 0) {
      return NIL;
    }
    int s = push(c, c.stack[from + n - 1]);
    for (int i = n - 2; i >= 0; i--) {
      c.stack[s] = append2(c, c.stack[from + i], c.stack[s]);
    }
    long r = c.stack[s];
    c.sp = s;
    return r;
  }

  /** {@code (list-tail l k)}. */
  public static long listTail(Ctx c, long l, long k) {
    long n = unfix(checkFix(c, "list-tail", k));
    long p = l;
    for (long i = 0; i < n; i++) {
      if (shape(c, p) != SchemeRuntime.PAIR) {
        throw new SchemeError("list-tail: index out of range: " + n);
      }
      p = c.m.loadRef(p, CDR);
    }
    return p;
  }

  /** {@code (list-ref l k)}. */
  public static long listRef(Ctx c, long l, long k) {
    long p = listTail(c, l, k);
    if (shape(c, p) != SchemeRuntime.PAIR) {
      throw new SchemeError("list-ref: index out of range: " + unfix(k));
    }
    return c.m.loadRef(p, CAR);
  }

  /** {@code (memq x l)}, also {@code memv}. */
  public static long memq(Ctx c, long x, long l) {
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      if (c.m.loadRef(p, CAR) == x) {
        return p;
      }
      p = c.m.loadRef(p, CDR);
    }
    return FALSE;
  }

  /** {@code (member x l)}. */
  public static long member(Ctx c, long x, long l) {
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      if (equal(c, c.m.loadRef(p, CAR), x)) {
        return p;
      }
      p = c.m.loadRef(p, CDR);
    }
    return FALSE;
  }

  /** {@code (assq x alist)}, also {@code assv}. */
  public static long assq(Ctx c, long x, long l) {
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      long entry = c.m.loadRef(p, CAR);
      if (shape(c, entry) != SchemeRuntime.PAIR) {
        throw wrongType(c, "assq", "an association list", l);
      }
      if (c.m.loadRef(entry, CAR) == x) {
        return entry;
      }
      p = c.m.loadRef(p, CDR);
    }
    return FALSE;
  }

  /** {@code (assoc x alist)}. */
  public static long assoc(Ctx c, long x, long l) {
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      long entry = c.m.loadRef(p, CAR);
      if (shape(c, entry) != SchemeRuntime.PAIR) {
        throw wrongType(c, "assoc", "an association list", l);
      }
      if (equal(c, c.m.loadRef(entry, CAR), x)) {
        return entry;
      }
      p = c.m.loadRef(p, CDR);
    }
    return FALSE;
  }

  /** {@code (iota n start step)}. */
  public static long iota(Ctx c, long n, long start, long step) {
    long count = unfix(checkFix(c, "iota", n));
    long s0 = unfix(checkFix(c, "iota", start));
    long st = unfix(checkFix(c, "iota", step));
    long acc = NIL;
    for (long i = count - 1; i >= 0; i--) {
      acc = cons(c, fix(s0 + i * st), acc);
    }
    return acc;
  }

  // ---------------------------------------------------------------- boxes

  /** {@code (box v)}. */
  public static long box(Ctx c, long v) {
    int s = push(c, v);
    long b = c.rt.layout.allocate(c.m, c.rt.boxShape);
    c.m.storeRef(b, 8, c.stack[s]);
    c.sp = s;
    return b;
  }

  /** {@code (unbox b)}. */
  public static long unbox(Ctx c, long b) {
    if (shape(c, b) != SchemeRuntime.BOX) {
      throw wrongType(c, "unbox", "a box", b);
    }
    return c.m.loadRef(b, 8);
  }

  /** {@code (set-box! b v)}. */
  public static long setBox(Ctx c, long b, long v) {
    if (shape(c, b) != SchemeRuntime.BOX) {
      throw wrongType(c, "set-box!", "a box", b);
    }
    c.m.storeRef(b, 8, v);
    return UNSPEC;
  }

  /** Reads a compiler-made variable box (trusted). */
  public static long boxRef(Ctx c, long b) {
    return c.m.loadRef(b, 8);
  }

  /** Writes a compiler-made variable box (trusted). */
  public static void boxSet(Ctx c, long b, long v) {
    c.m.storeRef(b, 8, v);
  }

  // ---------------------------------------------------------------- vectors

  private static long checkVector(Ctx c, String proc, long v) {
    if (shape(c, v) != SchemeRuntime.VECTOR) {
      throw wrongType(c, proc, "a vector", v);
    }
    return c.m.loadWord(v, LENGTH);
  }

  // ---------------------------------------------------------------- records

  /**
   * {@code (%record type field ...)}: a record is a heap object whose slot 0 is its type (the
   * vector {@code #(name field-name ...)} that {@code define-record-type} made) and whose other
   * slots are its fields.
   */
  public static long recordFromStack(Ctx c, int from, int n) {
    long r = c.rt.layout.allocateArray(c.m, c.rt.recordShape, n);
    for (int i = 0; i < n; i++) {
      c.m.storeRef(r, DATA + 8L * i, c.stack[from + i]);
    }
    return r;
  }

  /** {@code (%record? x type)}. */
  public static long recordP(Ctx c, long x, long type) {
    return Values.bool(shape(c, x) == SchemeRuntime.RECORD && c.m.loadRef(x, DATA) == type);
  }

  private static void checkRecord(Ctx c, long r, long type, long name) {
    if (shape(c, r) != SchemeRuntime.RECORD || c.m.loadRef(r, DATA) != type) {
      throw new SchemeError(
          Printer.display(c, name)
              + ": not a record of type "
              + Printer.display(c, c.m.loadRef(type, DATA))
              + ": "
              + Printer.write(c, r));
    }
  }

  /** {@code (%record-ref r type i 'accessor)}. */
  public static long recordRef(Ctx c, long r, long type, long i, long name) {
    checkRecord(c, r, type, name);
    return c.m.loadRef(r, DATA + 8L * (Values.unfix(i) + 1));
  }

  /** {@code (%record-set! r type i v 'modifier)}. */
  public static long recordSet(Ctx c, long r, long type, long i, long v, long name) {
    checkRecord(c, r, type, name);
    c.m.storeRef(r, DATA + 8L * (Values.unfix(i) + 1), v);
    return Values.UNSPEC;
  }

  /** {@code (make-vector n fill)}. */
  public static long makeVector(Ctx c, long n, long fill) {
    long len = unfix(checkFix(c, "make-vector", n));
    if (len < 0) {
      throw wrongType(c, "make-vector", "a length", n);
    }
    int s = push(c, fill);
    long v = c.rt.layout.allocateArray(c.m, c.rt.vectorShape, len);
    long f = c.stack[s];
    c.sp = s;
    for (long i = 0; i < len; i++) {
      c.m.storeRef(v, DATA + 8 * i, f);
    }
    return v;
  }

  /** {@code (vector v ...)} from the shadow stack. */
  public static long vectorFromStack(Ctx c, int from, int n) {
    long v = c.rt.layout.allocateArray(c.m, c.rt.vectorShape, n);
    for (int i = 0; i < n; i++) {
      c.m.storeRef(v, DATA + 8L * i, c.stack[from + i]);
    }
    return v;
  }

  /** {@code (vector-length v)}. */
  public static long vectorLength(Ctx c, long v) {
    return fix(checkVector(c, "vector-length", v));
  }

  /** {@code (vector-ref v k)}. */
  public static long vectorRef(Ctx c, long v, long k) {
    long len = checkVector(c, "vector-ref", v);
    int i = checkIndex(c, "vector-ref", k, len);
    return c.m.loadRef(v, DATA + 8L * i);
  }

  /** {@code (vector-set! v k x)}. */
  public static long vectorSet(Ctx c, long v, long k, long x) {
    long len = checkVector(c, "vector-set!", v);
    int i = checkIndex(c, "vector-set!", k, len);
    c.m.storeRef(v, DATA + 8L * i, x);
    return UNSPEC;
  }

  /** {@code (vector-fill! v x)}. */
  public static long vectorFill(Ctx c, long v, long x) {
    long len = checkVector(c, "vector-fill!", v);
    for (long i = 0; i < len; i++) {
      c.m.storeRef(v, DATA + 8 * i, x);
    }
    return UNSPEC;
  }

  /** {@code (list->vector l)}. */
  public static long listToVector(Ctx c, long l) {
    long n = unfix(length(c, l));
    int s = push(c, l);
    long v = c.rt.layout.allocateArray(c.m, c.rt.vectorShape, n);
    long p = c.stack[s];
    c.sp = s;
    for (long i = 0; i < n; i++) {
      c.m.storeRef(v, DATA + 8 * i, c.m.loadRef(p, CAR));
      p = c.m.loadRef(p, CDR);
    }
    return v;
  }

  /** {@code (vector->list v)}. */
  public static long vectorToList(Ctx c, long v) {
    long n = checkVector(c, "vector->list", v);
    int s = push(c, v);
    push(c, NIL);
    for (long i = n - 1; i >= 0; i--) {
      long item = c.m.loadRef(c.stack[s], DATA + 8 * i);
      c.stack[s + 1] = cons(c, item, c.stack[s + 1]);
    }
    long r = c.stack[s + 1];
    c.sp = s;
    return r;
  }

  /** {@code (vector-append v ...)} from the shadow stack. */
  public static long vectorAppendFromStack(Ctx c, int from, int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += checkVector(c, "vector-append", c.stack[from + i]);
    }
    long r = c.rt.layout.allocateArray(c.m, c.rt.vectorShape, total);
    long k = 0;
    for (int i = 0; i < n; i++) {
      long v = c.stack[from + i];
      long len = c.m.loadWord(v, LENGTH);
      for (long j = 0; j < len; j++) {
        c.m.storeRef(r, DATA + 8 * (k++), c.m.loadRef(v, DATA + 8 * j));
      }
    }
    return r;
  }

  // ---------------------------------------------------------------- strings, symbols, chars

  static long makeStringFrom(Ctx c, String s) {
    byte[] bytes = SchemeRuntime.latin1(s);
    long r = c.rt.layout.allocateArray(c.m, c.rt.stringShape, bytes.length);
    for (int i = 0; i < bytes.length; i++) {
      c.m.storeByte(r, DATA + i, bytes[i]);
    }
    return r;
  }

  static String javaString(Ctx c, long s) {
    long n = c.m.loadWord(s, LENGTH);
    StringBuilder sb = new StringBuilder((int) n);
    for (long i = 0; i < n; i++) {
      sb.append((char) (c.m.loadByte(s, DATA + i) & 0xff));
    }
    return sb.toString();
  }

  private static long checkString(Ctx c, String proc, long s) {
    if (shape(c, s) != SchemeRuntime.STRING) {
      throw wrongType(c, proc, "a string", s);
    }
    return c.m.loadWord(s, LENGTH);
  }

  private static long checkChar(Ctx c, String proc, long ch) {
    if (!Values.isChar(ch)) {
      throw wrongType(c, proc, "a character", ch);
    }
    return ch;
  }

  /** {@code (make-string n fill)}. */
  public static long makeString(Ctx c, long n, long fill) {
    long len = unfix(checkFix(c, "make-string", n));
    int cp = Values.charCode(checkChar(c, "make-string", fill));
    if (cp > 255) {
      throw wrongType(c, "make-string", "a Latin-1 character", fill);
    }
    long r = c.rt.layout.allocateArray(c.m, c.rt.stringShape, len);
    for (long i = 0; i < len; i++) {
      c.m.storeByte(r, DATA + i, (byte) cp);
    }
    return r;
  }

  /** {@code (string-length s)}. */
  public static long stringLength(Ctx c, long s) {
    return fix(checkString(c, "string-length", s));
  }

  /** {@code (string-ref s k)}. */
  public static long stringRef(Ctx c, long s, long k) {
    int i = checkIndex(c, "string-ref", k, checkString(c, "string-ref", s));
    return Values.chr(c.m.loadByte(s, DATA + i) & 0xff);
  }

  /** {@code (string-set! s k ch)}. */
  public static long stringSet(Ctx c, long s, long k, long ch) {
    int i = checkIndex(c, "string-set!", k, checkString(c, "string-set!", s));
    int cp = Values.charCode(checkChar(c, "string-set!", ch));
    if (cp > 255) {
      throw wrongType(c, "string-set!", "a Latin-1 character", ch);
    }
    c.m.storeByte(s, DATA + i, (byte) cp);
    return UNSPEC;
  }

  /** {@code (substring s start end)}. */
  public static long substring(Ctx c, long s, long start, long end) {
    long len = checkString(c, "substring", s);
    long a = unfix(checkFix(c, "substring", start));
    long b = unfix(checkFix(c, "substring", end));
    if (a < 0 || b < a || b > len) {
      throw new SchemeError("substring: bad range " + a + ".." + b + " (length " + len + ")");
    }
    int slot = push(c, s);
    long r = c.rt.layout.allocateArray(c.m, c.rt.stringShape, b - a);
    long src = c.stack[slot];
    c.sp = slot;
    for (long i = a; i < b; i++) {
      c.m.storeByte(r, DATA + i - a, c.m.loadByte(src, DATA + i));
    }
    return r;
  }

  /** {@code (string-append s ...)} from the shadow stack. */
  public static long stringAppendFromStack(Ctx c, int from, int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
      total += checkString(c, "string-append", c.stack[from + i]);
    }
    long r = c.rt.layout.allocateArray(c.m, c.rt.stringShape, total);
    long k = 0;
    for (int i = 0; i < n; i++) {
      long s = c.stack[from + i];
      long len = c.m.loadWord(s, LENGTH);
      for (long j = 0; j < len; j++) {
        c.m.storeByte(r, DATA + (k++), c.m.loadByte(s, DATA + j));
      }
    }
    return r;
  }

  /** {@code (string=? a b)}. */
  public static long stringEq(Ctx c, long a, long b) {
    checkString(c, "string=?", a);
    checkString(c, "string=?", b);
    return bool(equal(c, a, b));
  }

  /** {@code (string<? a b)}. */
  public static long stringLt(Ctx c, long a, long b) {
    checkString(c, "string<?", a);
    checkString(c, "string<?", b);
    return bool(javaString(c, a).compareTo(javaString(c, b)) < 0);
  }

  /** {@code (string->symbol s)}. */
  public static long stringToSymbol(Ctx c, long s) {
    checkString(c, "string->symbol", s);
    return c.rt.intern(c, javaString(c, s));
  }

  /** {@code (symbol->string s)}: a fresh copy, since strings are mutable. */
  public static long symbolToString(Ctx c, long sym) {
    if (shape(c, sym) != SchemeRuntime.SYMBOL) {
      throw wrongType(c, "symbol->string", "a symbol", sym);
    }
    return makeStringFrom(c, javaString(c, c.m.loadRef(sym, 8)));
  }

  /** {@code (string->list s)}. */
  public static long stringToList(Ctx c, long s) {
    String js = javaString(c, s);
    checkString(c, "string->list", s);
    long acc = NIL;
    for (int i = js.length() - 1; i >= 0; i--) {
      acc = cons(c, Values.chr(js.charAt(i)), acc);
    }
    return acc;
  }

  /** {@code (list->string l)}. */
  public static long listToString(Ctx c, long l) {
    StringBuilder sb = new StringBuilder();
    long p = l;
    while (shape(c, p) == SchemeRuntime.PAIR) {
      sb.appendCodePoint(Values.charCode(checkChar(c, "list->string", c.m.loadRef(p, CAR))));
      p = c.m.loadRef(p, CDR);
    }
    return makeStringFrom(c, sb.toString());
  }

  /** {@code (string-copy s)}. */
  public static long stringCopy(Ctx c, long s) {
    return substring(c, s, fix(0), fix(checkString(c, "string-copy", s)));
  }

  /** {@code (number->string n)}. */
  public static long numberToString(Ctx c, long n) {
    return makeStringFrom(c, Long.toString(unfix(checkFix(c, "number->string", n))));
  }

  /** {@code (string->number s)}: a fixnum, or {@code #f}. */
  public static long stringToNumber(Ctx c, long s) {
    checkString(c, "string->number", s);
    try {
      long n = Long.parseLong(javaString(c, s));
      return Values.fitsFixnum(n) ? fix(n) : FALSE;
    } catch (NumberFormatException e) {
      return FALSE;
    }
  }

  /** {@code (char->integer ch)}. */
  public static long charToInteger(Ctx c, long ch) {
    return fix(Values.charCode(checkChar(c, "char->integer", ch)));
  }

  /** {@code (integer->char n)}. */
  public static long integerToChar(Ctx c, long n) {
    long cp = unfix(checkFix(c, "integer->char", n));
    if (cp < 0 || cp > Character.MAX_CODE_POINT) {
      throw wrongType(c, "integer->char", "a code point", n);
    }
    return Values.chr((int) cp);
  }

  /** {@code (char=? a b)}. */
  public static long charEq(Ctx c, long a, long b) {
    checkChar(c, "char=?", a);
    checkChar(c, "char=?", b);
    return bool(a == b);
  }

  /** {@code (char<? a b)}. */
  public static long charLt(Ctx c, long a, long b) {
    checkChar(c, "char<?", a);
    checkChar(c, "char<?", b);
    return bool(a < b);
  }

  /** {@code (char-upcase ch)}. */
  public static long charUpcase(Ctx c, long ch) {
    return Values.chr(Character.toUpperCase(Values.charCode(checkChar(c, "char-upcase", ch))));
  }

  /** {@code (char-downcase ch)}. */
  public static long charDowncase(Ctx c, long ch) {
    return Values.chr(Character.toLowerCase(Values.charCode(checkChar(c, "char-downcase", ch))));
  }

  /** {@code (char-alphabetic? ch)}. */
  public static long charAlphabeticP(Ctx c, long ch) {
    return bool(Character.isLetter(Values.charCode(checkChar(c, "char-alphabetic?", ch))));
  }

  /** {@code (char-numeric? ch)}. */
  public static long charNumericP(Ctx c, long ch) {
    return bool(Character.isDigit(Values.charCode(checkChar(c, "char-numeric?", ch))));
  }

  /** {@code (char-whitespace? ch)}. */
  public static long charWhitespaceP(Ctx c, long ch) {
    return bool(Character.isWhitespace(Values.charCode(checkChar(c, "char-whitespace?", ch))));
  }

  // ---------------------------------------------------------------- bytevectors

  private static long checkBytevector(Ctx c, String proc, long v) {
    if (shape(c, v) != SchemeRuntime.BYTEVECTOR) {
      throw wrongType(c, proc, "a bytevector", v);
    }
    return c.m.loadWord(v, LENGTH);
  }

  private static byte checkByte(Ctx c, String proc, long b) {
    long n = unfix(checkFix(c, proc, b));
    if (n < 0 || n > 255) {
      throw wrongType(c, proc, "a byte", b);
    }
    return (byte) n;
  }

  /** {@code (make-bytevector n fill)}. */
  public static long makeBytevector(Ctx c, long n, long fill) {
    long len = unfix(checkFix(c, "make-bytevector", n));
    byte f = checkByte(c, "make-bytevector", fill);
    long r = c.rt.layout.allocateArray(c.m, c.rt.bytevectorShape, len);
    for (long i = 0; f != 0 && i < len; i++) {
      c.m.storeByte(r, DATA + i, f);
    }
    return r;
  }

  /** {@code (bytevector b ...)} from the shadow stack. */
  public static long bytevectorFromStack(Ctx c, int from, int n) {
    for (int i = 0; i < n; i++) {
      checkByte(c, "bytevector", c.stack[from + i]);
    }
    long r = c.rt.layout.allocateArray(c.m, c.rt.bytevectorShape, n);
    for (int i = 0; i < n; i++) {
      c.m.storeByte(r, DATA + i, (byte) unfix(c.stack[from + i]));
    }
    return r;
  }

  /** {@code (bytevector-length v)}. */
  public static long bytevectorLength(Ctx c, long v) {
    return fix(checkBytevector(c, "bytevector-length", v));
  }

  /** {@code (bytevector-u8-ref v k)}. */
  public static long bytevectorRef(Ctx c, long v, long k) {
    int i = checkIndex(c, "bytevector-u8-ref", k, checkBytevector(c, "bytevector-u8-ref", v));
    return fix(c.m.loadByte(v, DATA + i) & 0xff);
  }

  /** {@code (bytevector-u8-set! v k b)}. */
  public static long bytevectorSet(Ctx c, long v, long k, long b) {
    int i = checkIndex(c, "bytevector-u8-set!", k, checkBytevector(c, "bytevector-u8-set!", v));
    c.m.storeByte(v, DATA + i, checkByte(c, "bytevector-u8-set!", b));
    return UNSPEC;
  }

  // ---------------------------------------------------------------- output and system

  /** {@code (display v)}. */
  public static long display(Ctx c, long v) {
    c.rt.print(Printer.display(c, v));
    return UNSPEC;
  }

  /** {@code (write v)}. */
  public static long write(Ctx c, long v) {
    c.rt.print(Printer.write(c, v));
    return UNSPEC;
  }

  /** {@code (newline)}. */
  public static long newline(Ctx c) {
    c.rt.print("\n");
    return UNSPEC;
  }

  /** {@code (write-char ch)}. */
  public static long writeChar(Ctx c, long ch) {
    c.rt.print(new String(Character.toChars(Values.charCode(checkChar(c, "write-char", ch)))));
    return UNSPEC;
  }

  /** {@code (error message irritant ...)} from the shadow stack: never returns. */
  public static long errorFromStack(Ctx c, int from, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      long v = c.stack[from + i];
      sb.append(i == 0 ? Printer.display(c, v) : Printer.write(c, v));
    }
    throw new SchemeError(sb.toString());
  }

  /** {@code (gc-collect)}. */
  public static long gcCollect(Ctx c) {
    c.m.collect();
    return UNSPEC;
  }

  /** {@code (current-microseconds)}. */
  public static long currentMicroseconds(Ctx c) {
    return fix(System.nanoTime() / 1000);
  }

  /** {@code (random-fixnum! n)}: a number in {@code [0, n)} from this thread's seeded PRNG. */
  public static long randomFixnum(Ctx c, long n) {
    long bound = unfix(checkFix(c, "random-fixnum!", n));
    if (bound <= 0) {
      throw wrongType(c, "random-fixnum!", "a positive fixnum", n);
    }
    return fix(Long.remainderUnsigned(c.nextRandom(), bound));
  }

  /** {@code (exit code)}: stops the program with an exit status. */
  public static long exit(Ctx c, long code) {
    throw new SchemeExit(isFixnum(code) ? (int) unfix(code) : code == FALSE ? 1 : 0);
  }
}
