package dev.lurcher.scheme.runtime;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootTracer;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.scheme.reader.Bytevector;
import dev.lurcher.scheme.reader.Nil;
import dev.lurcher.scheme.reader.Pair;
import dev.lurcher.scheme.reader.SChar;
import dev.lurcher.scheme.reader.SVector;
import dev.lurcher.scheme.reader.Sym;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one loaded program: its heap, its globals, constants and symbol table (all traced as
 * heap roots), the names of its procedures, and its output.
 *
 * <p>The symbol table maps names to slots of a {@code long[]} of symbol references, so that symbols
 * are interned (one object per name, {@code eq?} by address) while the collector stays free to move
 * them: the table is reported through the heap's {@link RootTracer} and updated.
 */
public final class SchemeRuntime implements RootTracer, AutoCloseable {
  /** Shape ids in definition order: the layout numbers shapes from 1. */
  static final int PAIR = 1;

  static final int BOX = 2;
  static final int SYMBOL = 3;
  static final int VECTOR = 4;
  static final int STRING = 5;
  static final int BYTEVECTOR = 6;
  static final int CLOSURE = 7;
  static final int RECORD = 8;

  final StandardLayout layout = new StandardLayout();
  final Shape pairShape = layout.defineRecord("pair", 2, 0);
  final Shape boxShape = layout.defineRecord("box", 1, 0);
  final Shape symbolShape = layout.defineRecord("symbol", 1, 0);
  final Shape vectorShape = layout.defineRefArray("vector");
  final Shape stringShape = layout.defineByteArray("string");
  final Shape bytevectorShape = layout.defineByteArray("bytevector");
  final Shape closureShape = layout.defineRefArray("closure");
  final Shape recordShape = layout.defineRefArray("record");

  final long[] globals;
  final String[] globalNames;
  final long[] consts;
  final String[] procedureNames;
  private final Map<String, Integer> symbolIndex = new HashMap<>();
  private long[] symbols = new long[256];
  private int symbolCount;
  private final Heap heap;
  private final Appendable out;
  private final StringBuilder outBuffer = new StringBuilder();
  private CodeTable code;

  /**
   * Creates the runtime and its heap.
   *
   * @param options the heap's options
   * @param globalNames the names of the program's global variables, by index
   * @param constantCount the number of constant slots
   * @param procedureNames the names of compiled procedures, by code index (for messages)
   * @param out where the program's output goes
   */
  public SchemeRuntime(
      HeapOptions options,
      String[] globalNames,
      int constantCount,
      String[] procedureNames,
      Appendable out) {
    if (pairShape.id() != PAIR || recordShape.id() != RECORD) {
      throw new IllegalStateException("shape numbering changed");
    }
    this.globalNames = globalNames.clone();
    this.globals = new long[globalNames.length];
    Arrays.fill(globals, Values.UNDEFINED);
    this.consts = new long[constantCount];
    Arrays.fill(consts, Values.UNSPEC);
    this.procedureNames = procedureNames.clone();
    this.out = out;
    this.heap = Heap.create(options, layout, this);
  }

  /** The heap every value of the program lives in. */
  public Heap heap() {
    return heap;
  }

  /** Installs the program's compiled code. */
  public void setCode(CodeTable code) {
    this.code = code;
  }

  /** The program's compiled code. */
  public CodeTable code() {
    return code;
  }

  /**
   * Attaches the calling thread: returns its context, with a shadow stack of {@code stackSlots}
   * slots and a PRNG seeded with {@code seed}.
   */
  public Ctx attach(int stackSlots, long seed) {
    Ctx[] holder = new Ctx[1];
    Mutator m = heap.attach(v -> holder[0].traceRoots(v));
    holder[0] = new Ctx(this, m, new long[stackSlots], seed);
    return holder[0];
  }

  @Override
  public void traceRoots(RootVisitor visitor) {
    traceArray(globals, globals.length, visitor);
    traceArray(consts, consts.length, visitor);
    synchronized (symbolIndex) {
      traceArray(symbols, symbolCount, visitor);
    }
  }

  private static void traceArray(long[] a, int n, RootVisitor visitor) {
    for (int i = 0; i < n; i++) {
      a[i] = visitor.visitValue(a[i]);
    }
  }

  /** The name of global {@code index}. */
  public String globalName(int index) {
    return globalNames[index];
  }

  /** The name of the procedure with code index {@code code}. */
  public String procedureName(int code) {
    return code >= 0 && code < procedureNames.length ? procedureNames[code] : "?";
  }

  /** Sets constant {@code index} to the heap copy of source datum {@code datum}. */
  public void setConstant(Ctx c, int index, Object datum) {
    consts[index] = fromDatum(c, datum);
  }

  /** Sets constant {@code index} to a value already on the heap. */
  public void setConstantValue(int index, long value) {
    consts[index] = value;
  }

  /** Sets global {@code index}. */
  public void setGlobal(int index, long value) {
    globals[index] = value;
  }

  /** Returns the interned symbol named {@code name}, allocating it if new. */
  public long intern(Ctx c, String name) {
    Integer idx;
    synchronized (symbolIndex) {
      idx = symbolIndex.get(name);
    }
    if (idx != null) {
      return symbols[idx];
    }
    long str = Rt.makeStringFrom(c, name);
    int s = Rt.push(c, str);
    long sym = layout.allocate(c.m, symbolShape);
    c.m.storeRef(sym, 8, c.stack[s]);
    c.sp = s;
    synchronized (symbolIndex) {
      if (symbolCount == symbols.length) {
        symbols = Arrays.copyOf(symbols, symbolCount * 2);
      }
      symbols[symbolCount] = sym;
      symbolIndex.put(name, symbolCount++);
    }
    return sym;
  }

  /** Copies a source datum to the heap (allocating; the caller's values must be rooted). */
  public long fromDatum(Ctx c, Object d) {
    switch (d) {
      case Long n -> {
        return Values.fix(n);
      }
      case Boolean b -> {
        return Values.bool(b);
      }
      case SChar ch -> {
        return Values.chr(ch.codePoint());
      }
      case Nil n -> {
        return Values.NIL;
      }
      case String s -> {
        return Rt.makeStringFrom(c, s);
      }
      case Sym s -> {
        return intern(c, s.name());
      }
      case Pair p -> {
        int s = Rt.push(c, fromDatum(c, p.car()));
        long cdr = fromDatum(c, p.cdr());
        long r = Rt.cons(c, c.stack[s], cdr);
        c.sp = s;
        return r;
      }
      case SVector v -> {
        List<Object> items = v.elements();
        int s = c.sp;
        for (Object item : items) {
          Rt.push(c, fromDatum(c, item));
        }
        long r = Rt.vectorFromStack(c, s, items.size());
        c.sp = s;
        return r;
      }
      case Bytevector bv -> {
        long r = Rt.makeBytevector(c, Values.fix(bv.length()), Values.fix(0));
        for (int i = 0; i < bv.length(); i++) {
          c.m.storeByte(r, 16 + i, (byte) bv.get(i));
        }
        return r;
      }
      default -> throw new IllegalArgumentException("not a datum: " + d);
    }
  }

  /** Appends program output (buffered: see {@link #flush()}). */
  void print(CharSequence s) {
    outBuffer.append(s);
    if (outBuffer.length() > 8192) {
      flush();
    }
  }

  /** Writes buffered output through. */
  public void flush() {
    try {
      out.append(outBuffer);
      if (out instanceof java.io.Flushable f) {
        f.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    outBuffer.setLength(0);
  }

  /** Latin-1 bytes of a Java string for a Scheme string; other characters are an error. */
  static byte[] latin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 255) {
        throw new SchemeError(
            "string: only Latin-1 characters are supported in strings, got U+"
                + Integer.toHexString(s.charAt(i)));
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    flush();
    heap.close();
  }
}
