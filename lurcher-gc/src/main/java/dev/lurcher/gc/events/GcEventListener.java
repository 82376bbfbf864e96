package dev.lurcher.gc.events;

/**
 * Observes a heap: the phases of every collection, mutators coming and going, resizes.
 *
 * <p>Phase callbacks run on the collecting thread while the world is stopped, in this order: {@link
 * #prepare}, {@link #start}, {@link #mutatorsStopped}, {@link #rootsTraced}, {@link #heapTraced},
 * {@link #liveDataSize}, {@link #restarting}. They are called per collection, never per object;
 * they must be quick and must not touch the heap. Every method has an empty default.
 *
 * <p>An exception thrown from a collection event does not interrupt the collection or the other
 * listeners: the heap completes the collection, restarts the world, and then rethrows the first
 * such exception to the thread that collected (from its allocation or {@code collect()} call).
 */
public interface GcEventListener {
  /** A collection was requested; the collector is about to stop the mutators. */
  default void prepare(long heapBytes) {}

  /** The collection starts and will be of {@code kind}. */
  default void start(CollectionKind kind) {}

  /** Every mutator is stopped at a safepoint or inactive. */
  default void mutatorsStopped() {}

  /** All roots have been traced. */
  default void rootsTraced() {}

  /** The transitive closure of the roots has been traced. */
  default void heapTraced() {}

  /** Bytes found live by the collection that just finished tracing. */
  default void liveDataSize(long bytes) {}

  /** The heap was resized to {@code bytes} (also called once when the heap is created). */
  default void heapResized(long bytes) {}

  /** The collection is over; the mutators are being restarted. */
  default void restarting() {}

  /** A mutator attached; {@code count} are attached now. */
  default void mutatorAdded(int count) {}

  /** A mutator detached; {@code count} are attached now. */
  default void mutatorRemoved(int count) {}

  /** A mutator's allocation could not be satisfied and caused this collection. */
  default void mutatorCausedGc() {}
}
