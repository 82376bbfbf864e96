package dev.lurcher.gc.layout;

import dev.lurcher.gc.api.EdgeVisitor;
import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.memory.Memory;
import java.util.Arrays;

/**
 * A ready-made object model: a header word carrying the object's shape and size, and per-shape
 * descriptors of reference fields. Most embedders can use it as is.
 *
 * <pre>
 * header word:  bits 63..24  size in 16-byte granules
 *               bits 23..4   shape id (1 .. 2^20-1)
 *               bit  1       claimed by a copier (forwarding in progress)
 *               bit  0       forwarded: the word is the new address | 1
 * records:      header, reference fields, raw bytes
 * arrays:       header, length word, elements (references or raw bytes)
 * </pre>
 *
 * <p>Define shapes first, then create heaps with this layout as their model. Shapes may be added
 * later too; each layout instance has its own numbering, so heaps share nothing through it.
 */
public final class StandardLayout implements ObjectModel, Forwarding {
  /** Bytes of the header word. */
  public static final long HEADER_BYTES = 8;

  /** Offset of an array's length word. */
  public static final long ARRAY_LENGTH_OFFSET = 8;

  /** Offset of an array's first element. */
  public static final long ARRAY_DATA_OFFSET = 16;

  private static final long FORWARDED = 1;
  private static final long CLAIMED = 2;
  private static final int SHAPE_SHIFT = 4;
  private static final long SHAPE_MASK = (1L << 20) - 1;
  private static final int SIZE_SHIFT = 24;
  private static final long MAX_GRANULES = (1L << 40) - 1;

  private volatile Shape[] shapes = new Shape[] {null};

  /** Rounds {@code bytes} up to a multiple of 16. */
  public static long align(long bytes) {
    return (bytes + 15) & -16L;
  }

  /** Defines a record shape with {@code refFields} references followed by {@code rawBytes}. */
  public Shape defineRecord(String name, int refFields, int rawBytes) {
    if (refFields < 0 || rawBytes < 0) {
      throw new IllegalArgumentException(
          "shape " + name + ": field counts must be >= 0, got " + refFields + ", " + rawBytes);
    }
    return define(name, Shape.Kind.RECORD, refFields, rawBytes);
  }

  /** Defines an array-of-references shape. */
  public Shape defineRefArray(String name) {
    return define(name, Shape.Kind.REF_ARRAY, 0, 0);
  }

  /** Defines an array-of-bytes shape (pointerless: never scanned). */
  public Shape defineByteArray(String name) {
    return define(name, Shape.Kind.BYTE_ARRAY, 0, 0);
  }

  private synchronized Shape define(String name, Shape.Kind kind, int refs, int raw) {
    Shape[] current = shapes;
    if (current.length > SHAPE_MASK) {
      throw new IllegalStateException("too many shapes (at most " + SHAPE_MASK + ")");
    }
    Shape shape = new Shape(this, current.length, name, kind, refs, raw);
    Shape[] next = Arrays.copyOf(current, current.length + 1);
    next[shape.id()] = shape;
    shapes = next;
    return shape;
  }

  /**
   * Allocates a record of {@code shape} with every field zero (null).
   *
   * @throws IllegalArgumentException if {@code shape} is an array shape or another layout's
   */
  public long allocate(Mutator mutator, Shape shape) {
    checkOwnership(mutator, shape);
    if (shape.kind() != Shape.Kind.RECORD) {
      throw new IllegalArgumentException("shape " + shape + " is an array: use allocateArray");
    }
    long size = shape.recordSize();
    long ref = mutator.allocate(size);
    Memory.putLong(ref, header(shape, size));
    return ref;
  }

  /**
   * Allocates an array of {@code shape} with {@code length} zero elements.
   *
   * @throws IllegalArgumentException if {@code shape} is a record shape or another layout's, or the
   *     length is out of range
   */
  public long allocateArray(Mutator mutator, Shape shape, long length) {
    checkOwnership(mutator, shape);
    if (shape.kind() == Shape.Kind.RECORD) {
      throw new IllegalArgumentException("shape " + shape + " is a record: use allocate");
    }
    if (length < 0 || length > (MAX_GRANULES << 4) / 8) {
      throw new IllegalArgumentException("array length " + length + " is out of range");
    }
    long size = shape.arraySize(length);
    long ref = mutator.allocate(size);
    Memory.putLong(ref, header(shape, size));
    Memory.putLong(ref + ARRAY_LENGTH_OFFSET, length);
    return ref;
  }

  // Shape ids are per layout: another layout's shape would be misread through this layout's table
  // (wrong fields traced, or an unknown id mid-collection). Whether the heap's model is this layout
  // is not checked: wrapping a layout (instrumentation, the harness's fault injection) is
  // legitimate.
  private void checkOwnership(Mutator mutator, Shape shape) {
    if (shape.layout != this) {
      throw new IllegalArgumentException("shape " + shape + " belongs to another layout");
    }
  }

  private static long header(Shape shape, long size) {
    return ((size >>> 4) << SIZE_SHIFT) | ((long) shape.id() << SHAPE_SHIFT);
  }

  /** The shape of the object at {@code ref}. */
  public Shape shapeOf(long ref) {
    return shapes[(int) ((Memory.getLong(ref) >>> SHAPE_SHIFT) & SHAPE_MASK)];
  }

  /** The length of the array at {@code ref}. */
  public long arrayLength(long ref) {
    return Memory.getLong(ref + ARRAY_LENGTH_OFFSET);
  }

  /** The offset of element {@code index} of a reference array. */
  public static long elementOffset(long index) {
    return ARRAY_DATA_OFFSET + 8 * index;
  }

  @Override
  public void traceObject(long ref, EdgeVisitor visitor) {
    long header = Memory.getLong(ref);
    Shape shape = shapes[(int) ((header >>> SHAPE_SHIFT) & SHAPE_MASK)];
    switch (shape.kind()) {
      case RECORD -> {
        long edge = ref + HEADER_BYTES;
        for (int i = shape.refFields(); i > 0; i--, edge += 8) {
          visitor.visitEdge(edge);
        }
      }
      case REF_ARRAY -> {
        long edge = ref + ARRAY_DATA_OFFSET;
        for (long i = Memory.getLong(ref + ARRAY_LENGTH_OFFSET); i > 0; i--, edge += 8) {
          visitor.visitEdge(edge);
        }
      }
      case BYTE_ARRAY -> {}
    }
  }

  @Override
  public long objectSize(long ref) {
    return (Memory.getLong(ref) >>> SIZE_SHIFT) << 4;
  }

  @Override
  public Forwarding forwarding() {
    return this;
  }

  @Override
  public String checkHeader(long ref) {
    long header = Memory.getLong(ref);
    if (header == 0) {
      return "zero header (memory allocated but never initialised)";
    }
    if ((header & (FORWARDED | CLAIMED)) != 0) {
      return "header 0x" + Long.toHexString(header) + " is forwarded or claimed";
    }
    if ((header & 0xC) != 0) {
      return "header 0x" + Long.toHexString(header) + " has reserved bits set";
    }
    int id = (int) ((header >>> SHAPE_SHIFT) & SHAPE_MASK);
    Shape[] s = shapes;
    if (id == 0 || id >= s.length) {
      return "unknown shape id " + id;
    }
    Shape shape = s[id];
    long size = (header >>> SIZE_SHIFT) << 4;
    long expected =
        shape.kind() == Shape.Kind.RECORD
            ? shape.recordSize()
            : shape.arraySize(Memory.getLong(ref + ARRAY_LENGTH_OFFSET));
    if (size != expected) {
      return "shape " + shape + " needs " + expected + " bytes but the header says " + size;
    }
    return null;
  }

  @Override
  public String describe(long ref) {
    long header = Memory.getLong(ref);
    int id = (int) ((header >>> SHAPE_SHIFT) & SHAPE_MASK);
    Shape[] s = shapes;
    String name =
        (header & (FORWARDED | CLAIMED)) == 0 && id > 0 && id < s.length ? s[id].name() : "object";
    return name + "@0x" + Long.toHexString(ref);
  }

  // Forwarding: bit 0 of the header marks a forwarded object, bit 1 a claim in progress. A claim
  // leaves the size and shape bits intact so that the claimant can still size and copy it.

  @Override
  public long forwardedAddress(long ref) {
    while (true) {
      long header = Memory.getLongAcquire(ref);
      if ((header & FORWARDED) != 0) {
        return header & ~FORWARDED;
      }
      if ((header & CLAIMED) == 0) {
        return 0;
      }
      Thread.onSpinWait();
    }
  }

  @Override
  public long tryClaim(long ref) {
    while (true) {
      long header = Memory.getLongAcquire(ref);
      if ((header & FORWARDED) != 0) {
        return header & ~FORWARDED;
      }
      if ((header & CLAIMED) != 0) {
        Thread.onSpinWait();
      } else if (Memory.compareAndSetLong(ref, header, header | CLAIMED)) {
        return 0;
      }
    }
  }

  @Override
  public void commit(long ref, long copy) {
    Memory.putLong(copy, Memory.getLong(copy) & ~CLAIMED);
    Memory.putLongRelease(ref, copy | FORWARDED);
  }

  @Override
  public void abort(long ref) {
    Memory.putLongRelease(ref, Memory.getLong(ref) & ~CLAIMED);
  }
}
