package dev.lurcher.gc.api;

import dev.lurcher.gc.collectors.Collector;
import dev.lurcher.gc.collectors.RootSet;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.events.ListenerChain;
import dev.lurcher.gc.safepoint.MutatorHandle;
import dev.lurcher.gc.safepoint.Safepoints;
import dev.lurcher.gc.tracing.TracerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A garbage-collected heap in native memory.
 *
 * <p>Create one with {@link #create}, attach a {@link Mutator} on every thread that allocates or
 * touches heap objects, and {@link #close()} it to release all its memory. Heaps share nothing: two
 * heaps with different collectors can live side by side in one JVM.
 *
 * <pre>{@code
 * StandardLayout layout = new StandardLayout();
 * Shape pair = layout.defineRecord("pair", 2, 0);
 * try (Heap heap = Heap.create(HeapOptions.parse("collector=semi,heap-size=16m"), layout)) {
 *   Mutator m = heap.attach();
 *   RootStack roots = m.roots();
 *   int slot = roots.push(layout.allocate(m, pair));
 *   long other = layout.allocate(m, pair);         // may move the first pair:
 *   m.storeRef(roots.get(slot), pair.refOffset(0), other); // re-read it from its root
 *   m.detach();
 * }
 * }</pre>
 */
public final class Heap implements AutoCloseable {
  private final HeapOptions options;
  private final ObjectModel model;
  private final RootTracer heapRoots;
  private final ListenerChain listeners = new ListenerChain();
  private final Safepoints safepoints = new Safepoints();
  private final List<Mutator> mutators = new ArrayList<>();
  private final Collector collector;
  private final ConservativeRoots conservativeRoots = new ConservativeRoots();
  private volatile boolean closed;

  private Heap(HeapOptions options, ObjectModel model, RootTracer heapRoots) {
    this.options = options;
    this.model = model;
    this.heapRoots = heapRoots;
    this.collector = Collector.create(options, model, new AllRoots(), listeners);
  }

  /**
   * Creates a heap.
   *
   * @param options the collector, size and checks
   * @param model how the collector sees the embedder's objects
   * @param heapRoots the embedder's global roots, traced at every collection
   */
  public static Heap create(HeapOptions options, ObjectModel model, RootTracer heapRoots) {
    return new Heap(
        Objects.requireNonNull(options, "options"),
        Objects.requireNonNull(model, "model"),
        Objects.requireNonNull(heapRoots, "heapRoots"));
  }

  /** Creates a heap with no global roots: mutators' roots only. */
  public static Heap create(HeapOptions options, ObjectModel model) {
    return create(options, model, RootTracer.NONE);
  }

  /** Adds a listener that observes every later collection and mutator event. */
  public void addListener(GcEventListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    listener.heapResized(collector.heapSize());
  }

  /** Removes a listener; returns whether it was present. */
  public boolean removeListener(GcEventListener listener) {
    return listeners.remove(listener);
  }

  /** Attaches the calling thread with no roots of its own beyond its {@link RootStack}. */
  public Mutator attach() {
    return attach(RootTracer.NONE);
  }

  /**
   * Attaches the calling thread as a mutator. If a collection is in progress, waits for it.
   *
   * @param mutatorRoots the thread's own precise roots, besides its {@link Mutator#roots()}
   * @throws IllegalStateException if the heap is closed or the thread already has a mutator on it
   *     (a second one could never reach a safepoint while the first collects)
   */
  public Mutator attach(RootTracer mutatorRoots) {
    Objects.requireNonNull(mutatorRoots, "mutatorRoots");
    ensureOpen();
    Thread thread = Thread.currentThread();
    MutatorHandle handle = new MutatorHandle(thread);
    Mutator mutator = new Mutator(this, collector, safepoints, handle, mutatorRoots);
    int[] count = new int[1];
    safepoints.attach(
        handle,
        () -> {
          ensureOpen(); // again under the lock: close() may have won the race since the first check
          for (Mutator other : mutators) {
            if (other.handle().owner() == thread) {
              throw new IllegalStateException(
                  "thread '" + thread.getName() + "' already has a mutator attached to this heap");
            }
          }
          mutators.add(mutator);
          count[0] = mutators.size();
        });
    listeners.mutatorAdded(count[0]);
    return mutator;
  }

  void detach(Mutator mutator) {
    int[] count = new int[1];
    safepoints.detach(
        mutator.handle(),
        () -> {
          mutators.remove(mutator);
          count[0] = mutators.size();
        });
    listeners.mutatorRemoved(count[0]);
  }

  /**
   * Collects on behalf of {@code requester}, stopping every other mutator first.
   *
   * @return false if another thread collected meanwhile (the caller was parked through it)
   * @throws RuntimeException (or Error) that a listener threw during the collection, rethrown once
   *     the collection is complete and the world runs again
   */
  boolean collect(Mutator requester, CollectionKind kind, boolean causedByAllocation) {
    return collectThen(requester, kind, causedByAllocation, () -> 1) != -1;
  }

  /**
   * Collects on behalf of {@code requester}, then runs {@code whileStopped} before restarting the
   * world. An allocation that failed retries there: with many mutators, the others would otherwise
   * resume first and could use up the room the collection made, and the requester would report the
   * heap exhausted with plenty of garbage freed.
   *
   * @return what {@code whileStopped} returned, or -1 if another thread collected meanwhile (the
   *     caller was parked through it and should retry)
   */
  long collectThen(
      Mutator requester,
      CollectionKind kind,
      boolean causedByAllocation,
      LongSupplier whileStopped) {
    ensureOpen();
    if (!safepoints.stopTheWorld(requester.handle(), () -> listeners.prepare(heapSize()))) {
      return -1;
    }
    long result;
    try {
      if (causedByAllocation) {
        listeners.mutatorCausedGc();
      }
      collector.collect(kind);
      if (options.verify()) {
        collector.verify();
      }
      for (Mutator m : mutators) {
        m.buffer().retire();
      }
      result = whileStopped.getAsLong();
      listeners.restarting();
    } finally {
      safepoints.restartTheWorld(requester.handle());
    }
    // A listener that threw during the collection is reported once the world runs again.
    listeners.rethrowCollectionFailure();
    return result;
  }

  private void traceAllRoots(RootVisitor visitor) {
    heapRoots.traceRoots(visitor);
    for (Mutator m : mutators) {
      m.traceRoots(visitor);
    }
  }

  /** The collector's view of every root, precise and conservative. */
  private final class AllRoots implements RootSet {
    @Override
    public void traceRoots(RootVisitor visitor) {
      traceAllRoots(visitor);
    }

    @Override
    public void traceConservativeRoots(LongConsumer visitor) {
      conservativeRoots.scan(visitor);
      for (Mutator m : mutators) {
        m.traceConservativeRoots(visitor);
      }
    }
  }

  /**
   * The heap's global conservative root ranges, scanned at every collection besides each mutator's
   * own ({@link Mutator#conservativeRoots()}).
   *
   * @throws IllegalStateException unless the heap was created with {@code roots=conservative}
   */
  public ConservativeRoots conservativeRoots() {
    checkConservativeRoots(options);
    return conservativeRoots;
  }

  static void checkConservativeRoots(HeapOptions options) {
    if (!options.conservativeRoots()) {
      throw new IllegalStateException(
          "conservative root ranges need the option roots=conservative (this heap has"
              + " roots=precise)");
    }
  }

  /**
   * The collector's own counters, by name, e.g. {@code bytes-evacuated} for {@code mmc}. The set of
   * names depends on the collector; every value is cumulative since the heap was created unless its
   * name says otherwise.
   */
  public Map<String, Long> collectorStatistics() {
    return collector.statistics();
  }

  /** The options this heap was created with. */
  public HeapOptions options() {
    return options;
  }

  /** The embedder's object model. */
  public ObjectModel model() {
    return model;
  }

  /** The heap's size in bytes, including any copy reserve. */
  public long heapSize() {
    return collector.heapSize();
  }

  /** Live bytes found by the last collection (0 before the first). */
  public long liveBytes() {
    return collector.liveBytes();
  }

  /** The number of attached mutators. */
  public int mutatorCount() {
    return safepoints.attachedCount();
  }

  /**
   * The parallel tracer's counters summed over every collection so far: steals, idle time, work
   * packets. Zeros for collectors that do not use the tracer.
   */
  public TracerStats tracerStats() {
    return collector.tracerStats();
  }

  /** Whether {@code ref} is a reference into this heap's allocated memory. */
  public boolean contains(long ref) {
    return !closed && collector.contains(ref);
  }

  /**
   * Releases all of the heap's native memory and stops its GC worker threads. The calling thread's
   * mutator is detached; mutators of other threads must have been detached first (the mutator of a
   * thread that terminated can be detached from any thread). Never waits for other threads.
   *
   * @throws IllegalStateException naming the threads that still have mutators attached, and their
   *     states (running, parked, inactive, collecting); nothing is released then, and the heap
   *     stays usable
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    // Under the coordinator's lock no collection can start and no thread can attach, so the
    // check below stays true until the memory is gone. A parked or collecting mutator of another
    // thread shows up in the list: closing refuses instead of waiting on threads that may never
    // detach.
    safepoints.lock().lock();
    try {
      List<String> others = safepoints.othersAttached(Thread.currentThread());
      if (!others.isEmpty()) {
        throw new IllegalStateException(
            "cannot close the heap: mutators of other threads are still attached: "
                + others
                + "; detach them first");
      }
      for (Mutator m : List.copyOf(mutators)) {
        m.detach();
      }
      closed = true;
      collector.close();
    } finally {
      safepoints.lock().unlock();
    }
  }

  /** Whether {@link #close()} has released the heap. */
  public boolean isClosed() {
    return closed;
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the heap is closed");
    }
  }
}
