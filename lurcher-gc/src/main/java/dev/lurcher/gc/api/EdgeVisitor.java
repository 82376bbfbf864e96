package dev.lurcher.gc.api;

/**
 * Receives the reference fields of an object, one edge at a time.
 *
 * <p>An edge is the native address of a 64-bit slot. The collector loads the slot, traces the
 * object it refers to and may store an updated (moved) address back. A slot holding 0, a value with
 * any of its low four bits set (an embedder's tagged immediate), or an address outside the heap is
 * not a reference and is left as it is.
 */
@FunctionalInterface
public interface EdgeVisitor {
  /** Visits the slot at native address {@code edgeAddress}. */
  void visitEdge(long edgeAddress);
}
