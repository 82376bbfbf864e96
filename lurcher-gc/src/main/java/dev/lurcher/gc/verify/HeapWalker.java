package dev.lurcher.gc.verify;

import dev.lurcher.gc.api.AllocationKind;
import java.util.function.LongConsumer;

/** How the verifier sees a collector's spaces. */
public interface HeapWalker {
  /** Calls {@code action} with the address of every object the spaces hold. */
  void forEachObject(LongConsumer action);

  /** Names the region {@code address} falls in, for error messages (e.g. "from-space"). */
  String regionOf(long address);

  /**
   * How the collector traces the object at {@code ref}: through the object model ({@link
   * AllocationKind#TAGGED}, the default), not at all, or word by word. Untagged objects have no
   * header for the verifier to check and their size comes from {@link #untaggedSize}.
   */
  default AllocationKind kindOf(long ref) {
    return AllocationKind.TAGGED;
  }

  /** The size of the untagged object at {@code ref}, from the collector's metadata. */
  default long untaggedSize(long ref) {
    throw new UnsupportedOperationException("this space holds no untagged objects");
  }
}
