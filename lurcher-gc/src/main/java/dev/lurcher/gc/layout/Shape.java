package dev.lurcher.gc.layout;

/**
 * The descriptor of a kind of object in the {@link StandardLayout}: a record with a fixed number of
 * reference fields followed by raw bytes, an array of references, or an array of raw bytes.
 *
 * <p>Offsets are byte offsets from the object's address, as {@code Mutator.loadRef} and friends
 * take them. Word 0 of every object is the header.
 */
public final class Shape {
  /** What the object holds. */
  public enum Kind {
    /** Fixed reference fields, then fixed raw bytes. */
    RECORD,
    /** A length word, then that many references. */
    REF_ARRAY,
    /** A length word, then that many raw bytes; never scanned. */
    BYTE_ARRAY
  }

  final StandardLayout layout;
  private final int id;
  private final String name;
  private final Kind kind;
  private final int refFields;
  private final int rawBytes;
  private final long recordSize;

  Shape(StandardLayout layout, int id, String name, Kind kind, int refFields, int rawBytes) {
    this.layout = layout;
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.refFields = refFields;
    this.rawBytes = rawBytes;
    this.recordSize = StandardLayout.align(StandardLayout.HEADER_BYTES + 8L * refFields + rawBytes);
  }

  /** The shape's number in the header of its layout's objects, 1 or more. */
  public int id() {
    return id;
  }

  /** The name given at definition, used in messages. */
  public String name() {
    return name;
  }

  /** Record, reference array or byte array. */
  public Kind kind() {
    return kind;
  }

  /** Number of reference fields of a record (0 for arrays). */
  public int refFields() {
    return refFields;
  }

  /** Number of raw bytes after a record's reference fields (0 for arrays). */
  public int rawBytes() {
    return rawBytes;
  }

  /** The size in bytes of a record of this shape. */
  public long recordSize() {
    return recordSize;
  }

  /** The offset of reference field {@code index} of a record. */
  public long refOffset(int index) {
    if (index < 0 || index >= refFields) {
      throw new IndexOutOfBoundsException(
          "reference field " + index + " of shape " + name + " with " + refFields + " fields");
    }
    return StandardLayout.HEADER_BYTES + 8L * index;
  }

  /** The offset of raw byte {@code index} of a record (words at multiples of 8 are aligned). */
  public long rawOffset(int index) {
    if (index < 0 || index >= rawBytes) {
      throw new IndexOutOfBoundsException(
          "raw byte " + index + " of shape " + name + " with " + rawBytes + " raw bytes");
    }
    return StandardLayout.HEADER_BYTES + 8L * refFields + index;
  }

  /** The size in bytes of an array of this shape with {@code length} elements. */
  public long arraySize(long length) {
    long elementBytes = kind == Kind.REF_ARRAY ? 8 * length : length;
    return StandardLayout.align(StandardLayout.ARRAY_DATA_OFFSET + elementBytes);
  }

  @Override
  public String toString() {
    return name;
  }
}
