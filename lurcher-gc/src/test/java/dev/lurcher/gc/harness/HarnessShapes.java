package dev.lurcher.gc.harness;

import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.List;

/**
 * The fixed set of shapes the harness allocates, defined afresh in each run's {@link
 * StandardLayout} (a layout numbers its own shapes, so runs share nothing).
 *
 * <p>The records cover the layout's corner cases: no references, one, several, many; a raw part of
 * whole words (word 0 holds the object's id, so a lost or duplicated object shows in its fields as
 * well as in the graph), of no bytes, and of a few bytes that round the size up. Arrays of
 * references and of bytes come in small lengths and in lengths around the collector's large-object
 * threshold.
 */
final class HarnessShapes {
  /** How a record shape is defined. */
  record Spec(String name, int refs, int rawBytes) {}

  /** The record shapes, indexed by {@link Op.Alloc#shape()} modulo their number. */
  static final List<Spec> SPECS =
      List.of(
          new Spec("leaf", 0, 16),
          new Spec("box", 1, 16),
          new Spec("pair", 2, 8),
          new Spec("wide", 5, 24),
          new Spec("triple", 3, 0),
          new Spec("odd", 1, 3));

  /** The number of record shapes. */
  static final int RECORDS = SPECS.size();

  final StandardLayout layout = new StandardLayout();
  final Shape[] records = new Shape[RECORDS];
  final Shape refArray;
  final Shape byteArray;

  HarnessShapes() {
    for (int i = 0; i < RECORDS; i++) {
      Spec s = SPECS.get(i);
      records[i] = layout.defineRecord(s.name(), s.refs(), s.rawBytes());
    }
    refArray = layout.defineRefArray("ref-array");
    byteArray = layout.defineByteArray("byte-array");
  }

  /** The record shape an {@link Op.Alloc} operand selects. */
  Shape record(int operand) {
    return records[operand % RECORDS];
  }

  /** The shape of an array kind. */
  Shape array(Op.ArrayKind kind) {
    return kind == Op.ArrayKind.REF ? refArray : byteArray;
  }
}
