package dev.lurcher.gc.api;

/**
 * What a collector needs to know about the embedder's objects.
 *
 * <p>Objects are 16-byte aligned; their sizes are multiples of 16 bytes. The standard layout in
 * {@code dev.lurcher.gc.layout} implements this for most embedders. Implementations sit on the
 * collector's hottest loop: make them final classes with no allocation.
 */
public interface ObjectModel {
  /** Calls {@code visitor.visitEdge} with the address of each reference field of {@code ref}. */
  void traceObject(long ref, EdgeVisitor visitor);

  /** Returns the size of the object at {@code ref} in bytes, a positive multiple of 16. */
  long objectSize(long ref);

  /** Returns the forwarding protocol used by moving collectors. */
  Forwarding forwarding();

  /**
   * Checks the header of the object at {@code ref} for the heap verifier.
   *
   * @return {@code null} if the header is well-formed, otherwise a description of what is wrong
   */
  default String checkHeader(long ref) {
    return null;
  }

  /** Describes the object at {@code ref} for error messages, e.g. its shape name. */
  default String describe(long ref) {
    return "object@0x" + Long.toHexString(ref);
  }
}
