package dev.lurcher.gc.verify;

import java.util.function.LongConsumer;

/** How the verifier sees a collector's spaces. */
public interface HeapWalker {
  /** Calls {@code action} with the address of every object the spaces hold. */
  void forEachObject(LongConsumer action);

  /** Names the region {@code address} falls in, for error messages (e.g. "from-space"). */
  String regionOf(long address);
}
