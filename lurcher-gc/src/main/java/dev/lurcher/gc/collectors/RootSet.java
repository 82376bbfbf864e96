package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.RootVisitor;
import java.util.function.LongConsumer;

/** Every root of a heap: its global roots and those of each attached mutator. */
@FunctionalInterface
public interface RootSet {
  /** Reports every root to {@code visitor}; called with the world stopped. */
  void traceRoots(RootVisitor visitor);

  /**
   * Reports every word of every registered conservative root range (the heap's and each mutator's)
   * to {@code visitor}; called with the world stopped. None by default.
   */
  default void traceConservativeRoots(LongConsumer visitor) {}
}
