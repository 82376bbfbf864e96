package dev.lurcher.gc.harness;

import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An object of the shadow model: what a heap object should hold, in plain Java. References are Java
 * references, so the model's graph is the truth the heap's graph is compared against.
 *
 * <p>It mirrors the standard layout's geometry (offsets and sizes) so the runner can address the
 * heap object that corresponds to it, but holds its own contents: reference fields (record fields
 * or array elements) and raw bytes (a record's raw part or a byte array's elements).
 */
final class ShadowObject implements ShadowValue {
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

  /** A unique number within a run, printed as {@code #id}; records keep it in raw word 0 too. */
  final int id;

  final Shape shape;
  final ShadowValue[] refs;
  final byte[] raw;

  /** The heap object's size in bytes, as the layout computes it. */
  final long size;

  private ShadowObject(int id, Shape shape, int refCount, int rawCount, long size) {
    this.id = id;
    this.shape = shape;
    this.refs = new ShadowValue[refCount];
    this.raw = new byte[rawCount];
    this.size = size;
  }

  static ShadowObject record(int id, Shape shape) {
    return new ShadowObject(id, shape, shape.refFields(), shape.rawBytes(), shape.recordSize());
  }

  static ShadowObject array(int id, Shape shape, int length) {
    boolean refs = shape.kind() == Shape.Kind.REF_ARRAY;
    return new ShadowObject(
        id, shape, refs ? length : 0, refs ? 0 : length, shape.arraySize(length));
  }

  boolean isArray() {
    return shape.kind() != Shape.Kind.RECORD;
  }

  /** The byte offset of reference slot {@code i} (a record field or an array element). */
  long refOffset(int i) {
    return isArray() ? StandardLayout.elementOffset(i) : shape.refOffset(i);
  }

  /** The byte offset of raw byte 0 (a record's raw part, a byte array's first element). */
  long rawStart() {
    return isArray()
        ? StandardLayout.ARRAY_DATA_OFFSET
        : StandardLayout.HEADER_BYTES + 8L * shape.refFields();
  }

  /** Whole raw words a record has (raw word stores go there); 0 for arrays. */
  int rawWords() {
    return isArray() ? 0 : raw.length / 8;
  }

  long word(int k) {
    return (long) WORD.get(raw, 8 * k);
  }

  void setWord(int k, long value) {
    WORD.set(raw, 8 * k, value);
  }

  /** For messages: {@code #12 wide} or {@code #7 ref-array[30]}. */
  String describe() {
    return "#"
        + id
        + " "
        + shape.name()
        + (isArray() ? "[" + Math.max(refs.length, raw.length) + "]" : "");
  }

  @Override
  public String toString() {
    return describe();
  }
}
