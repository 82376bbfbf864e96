package dev.lurcher.gc.harness;

import java.util.Locale;

/**
 * One step of a generated {@link Program}.
 *
 * <p>Operands are plain non-negative numbers, never resolved objects: a root operand is taken
 * modulo the number of roots at the time the op runs, a field operand modulo the object's number of
 * fields. So every list of ops is a valid program, and removing ops or shrinking numbers (what
 * jqwik does to a failing case) still gives a valid program. An op whose operands cannot apply
 * (there is no root yet, the receiver is null, the object has no such field) is skipped, on the
 * heap and on the shadow model alike.
 *
 * <p>Every op prints in a small text syntax, one line each, that {@link Program#parse} reads back,
 * so a failure message can be pasted into a regression test.
 */
public sealed interface Op {
  /** Where a new root lives: each kind is reported to the collector through a different path. */
  enum Home {
    /** A slot of the mutator's {@link dev.lurcher.gc.api.RootStack}. */
    STACK,
    /** A Java {@code long} reported by the heap's global root tracer through {@code visitValue}. */
    GLOBAL,
    /** A native memory slot reported by the mutator's root tracer through {@code visitEdge}. */
    NATIVE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The two array kinds of the standard layout. */
  enum ArrayKind {
    /** References: traced. */
    REF,
    /** Raw bytes: pointerless, never scanned. */
    BYTE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Allocates a record of shape {@code shape mod} {@link HarnessShapes#RECORDS} as a new root. */
  record Alloc(int shape, Home home) implements Op {
    @Override
    public String toString() {
      return "alloc " + shape + " " + home.label();
    }
  }

  /** Allocates an array of {@code length} zero refs, or of {@code length} random bytes. */
  record AllocArray(ArrayKind kind, int length, Home home) implements Op {
    @Override
    public String toString() {
      return "array " + kind.label() + " " + length + " " + home.label();
    }
  }

  /** {@code root[obj].field := root[target]}, or null when {@code target} is negative. */
  record StoreRef(int obj, int field, int target) implements Op {
    @Override
    public String toString() {
      return "store-ref " + obj + " " + field + " " + (target < 0 ? "null" : target);
    }
  }

  /**
   * {@code root[obj].field := value} as a tagged immediate (a word with some low bits set; if
   * {@code value}'s low four bits are clear, bit 3 is set): not a reference, to be left alone.
   */
  record StoreImmediate(int obj, int field, long value) implements Op {
    @Override
    public String toString() {
      return "store-imm " + obj + " " + field + " " + value;
    }
  }

  /** Writes a raw word of a record (a byte where the object's raw part is shorter than a word). */
  record StoreRaw(int obj, int index, long value) implements Op {
    @Override
    public String toString() {
      return "store-raw " + obj + " " + index + " " + value;
    }
  }

  /** Reads {@code root[obj].field} and pushes what it holds (perhaps null) as a new root. */
  record LoadRef(int obj, int field, Home home) implements Op {
    @Override
    public String toString() {
      return "load-ref " + obj + " " + field + " " + home.label();
    }
  }

  /** Reads a raw word or byte through the mutator and compares it with the model at once. */
  record ReadRaw(int obj, int index) implements Op {
    @Override
    public String toString() {
      return "read-raw " + obj + " " + index;
    }
  }

  /** Pushes a copy of {@code root[root]} as a new root, perhaps in another home. */
  record PushRoot(int root, Home home) implements Op {
    @Override
    public String toString() {
      return "push " + root + " " + home.label();
    }
  }

  /** Drops {@code root[root]}; later roots shift down by one. */
  record DropRoot(int root) implements Op {
    @Override
    public String toString() {
      return "drop " + root;
    }
  }

  /**
   * Asks for an array larger than the whole heap: the heap must throw {@code
   * HeapExhaustedException} and stay intact (the failed request collects first).
   */
  record Exhaust() implements Op {
    @Override
    public String toString() {
      return "exhaust";
    }
  }

  /** Forces a collection. */
  record Collect() implements Op {
    @Override
    public String toString() {
      return "collect";
    }
  }

  /**
   * Allocates {@code count} objects that nothing keeps alive, sizes and kinds drawn from {@code
   * seed}: garbage that makes collections happen without torture and interleaves dead and live
   * objects.
   */
  record Churn(int count, int seed) implements Op {
    @Override
    public String toString() {
      return "churn " + count + " " + seed;
    }
  }
}
