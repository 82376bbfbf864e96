package dev.lurcher.gc.api;

/**
 * The embedder's precise roots: called once per collection with the collector's visitor.
 *
 * <p>A heap has one for global roots and each mutator may have its own for its stack or handle
 * scopes. Every reference the embedder still needs after a collection must be reported, and the
 * embedder must re-read it afterwards: a moving collector updates the root, not a Java local.
 */
@FunctionalInterface
public interface RootTracer {
  /** A tracer with no roots. */
  RootTracer NONE = visitor -> {};

  /** Reports every root to {@code visitor}. */
  void traceRoots(RootVisitor visitor);
}
