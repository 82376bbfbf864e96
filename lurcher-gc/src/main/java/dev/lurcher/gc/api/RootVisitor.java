package dev.lurcher.gc.api;

/**
 * Receives roots: slots in native memory (as edges) or values held by the embedder in Java memory.
 *
 * <p>A root held in Java memory (a {@code long} in an array or a field) is passed by value to
 * {@link #visitValue}, and the embedder must store the returned value back: a moving collector
 * returns the object's new address.
 */
public interface RootVisitor extends EdgeVisitor {
  /**
   * Visits a root held outside the heap and returns its possibly updated value. Values that are not
   * references (0, tagged immediates) are returned unchanged.
   */
  long visitValue(long value);
}
