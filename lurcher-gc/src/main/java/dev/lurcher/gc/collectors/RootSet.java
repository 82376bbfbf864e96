package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.RootVisitor;

/** Every root of a heap: its global roots and those of each attached mutator. */
@FunctionalInterface
public interface RootSet {
  /** Reports every root to {@code visitor}; called with the world stopped. */
  void traceRoots(RootVisitor visitor);
}
