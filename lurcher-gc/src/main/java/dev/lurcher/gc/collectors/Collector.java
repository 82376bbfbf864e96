package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.AllocationKind;
import dev.lurcher.gc.api.CollectorKind;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.spaces.AllocationBuffer;
import dev.lurcher.gc.tracing.TracerStats;
import java.util.Locale;
import java.util.Map;

/**
 * A collector: the policy that owns a heap's spaces, hands out allocation buffers and collects.
 *
 * <p>The heap calls {@link #collect} with the world stopped and retires every mutator's buffer
 * afterwards. Concrete collectors are final classes so the heap's call sites stay monomorphic in a
 * process that runs one collector.
 */
public abstract class Collector {
  /** The embedder's object model. */
  protected final ObjectModel model;

  /** All roots of the heap. */
  protected final RootSet roots;

  /** Where collection phases are reported. */
  protected final GcEventListener events;

  /** The heap's options. */
  protected final HeapOptions options;

  /** Creates the collector's common state. */
  protected Collector(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    this.options = options;
    this.model = model;
    this.roots = roots;
    this.events = events;
  }

  /**
   * Creates the collector that {@code options} name.
   *
   * @throws IllegalArgumentException if the collector cannot honour {@code roots=conservative} or
   *     {@code heap=conservative} (both need a collector that can pin)
   */
  public static Collector create(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    if ((options.conservativeRoots() || options.conservativeHeap())
        && options.collector() != CollectorKind.MMC) {
      throw new IllegalArgumentException(
          "collector "
              + options.collector().optionName()
              + " cannot pin objects, so it supports neither roots=conservative nor"
              + " heap=conservative (use collector=mmc)");
    }
    return switch (options.collector()) {
      case SEMI -> new SemiSpaceCollector(options, model, roots, events);
      case PCC -> new ParallelCopyingCollector(options, model, roots, events);
      case MMC -> new MostlyMarkingCollector(options, model, roots, events);
    };
  }

  /**
   * Pins the object at {@code ref} so that it never moves. Collectors that can pin override this.
   *
   * @throws UnsupportedOperationException if this collector cannot pin
   */
  public void pin(long ref) {
    throw new UnsupportedOperationException(
        "collector "
            + options.collector().optionName()
            + " cannot pin objects: it moves every object it keeps (use collector=mmc)");
  }

  /**
   * Checks, before anything is allocated, that this collector can allocate objects of {@code kind}.
   * Only {@link AllocationKind#TAGGED} is supported by default.
   *
   * @throws UnsupportedOperationException if it cannot
   */
  public void checkAllocationKind(AllocationKind kind) {
    if (kind != AllocationKind.TAGGED) {
      throw new UnsupportedOperationException(
          "collector "
              + options.collector().optionName()
              + " cannot allocate "
              + kind.name().toLowerCase(Locale.ROOT)
              + " objects: they have no header, and it has no side metadata to record their"
              + " size (use collector=mmc)");
    }
  }

  /**
   * Records that the object of {@code bytes} just allocated at {@code ref} is of {@code kind}
   * (called after {@link #checkAllocationKind} passed, before any safepoint).
   */
  public void recordAllocation(long ref, long bytes, AllocationKind kind) {
    checkAllocationKind(kind);
  }

  /**
   * The size in bytes of the object at {@code ref}: the model's answer for tagged objects;
   * collectors with untagged objects answer from their metadata.
   */
  public long objectSize(long ref) {
    return model.objectSize(ref);
  }

  /** The collector's own counters by name (see {@code Heap.collectorStatistics}); none here. */
  public Map<String, Long> statistics() {
    return Map.of();
  }

  /**
   * Installs a fresh, zeroed allocation buffer with room for at least {@code minBytes}.
   *
   * @return false if the space has no such room: the caller collects and retries
   */
  public abstract boolean refill(AllocationBuffer buffer, long minBytes);

  /** Objects larger than this bypass allocation buffers. */
  public abstract long maxBufferedObjectSize();

  /**
   * Allocates {@code bytes} of zeroed memory outside any buffer (for large objects).
   *
   * @return the address, or 0 if there is no room
   */
  public abstract long allocateUnbuffered(long bytes);

  /**
   * Collects. The world is stopped; the mutators' buffers are retired by the caller afterwards.
   *
   * @param requested the kind the caller asked for; a collector without generations always does a
   *     major collection
   */
  public abstract void collect(CollectionKind requested);

  /** Whether {@code ref} lies inside an allocated part of the heap. */
  public abstract boolean contains(long ref);

  /**
   * Whether {@code ref} is the start of an object. Exact only for objects whose allocation was
   * recorded with {@link #recordObjectStart} (under {@code checked=full}) or survived a collection.
   */
  public abstract boolean isObjectStart(long ref);

  /** Records a freshly allocated object start; called only under {@code checked=full}. */
  public abstract void recordObjectStart(long ref);

  /** The heap size in bytes, including any copy reserve. */
  public abstract long heapSize();

  /** Live bytes found by the last collection (0 before the first). */
  public abstract long liveBytes();

  /** Runs the heap verifier over the collector's spaces; throws on the first inconsistency. */
  public abstract void verify();

  /** Releases all native memory. */
  public abstract void close();

  /** The parallel tracer's counters; {@link TracerStats#NONE} for collectors without one. */
  public TracerStats tracerStats() {
    return TracerStats.NONE;
  }
}
