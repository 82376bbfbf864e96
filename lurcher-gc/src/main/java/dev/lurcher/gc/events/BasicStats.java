package dev.lurcher.gc.events;

import org.HdrHistogram.Histogram;

/**
 * Basic statistics of a heap: collection counts, total GC time, the pause distribution, peak heap
 * size and the last live-data figure.
 *
 * <p>A pause runs from {@link #prepare} (the collection was requested and the mutators are being
 * stopped) to {@link #restarting}. Pauses are recorded in an HdrHistogram at microsecond resolution
 * with three significant digits. This listener needs HdrHistogram on the class path: the library
 * declares it as an optional dependency, so embedders that use this class add it.
 *
 * <p>Thread safety: events arrive on the collecting thread with the world stopped; readers on other
 * threads should read after the heap is quiescent (the accessors are synchronized).
 */
public final class BasicStats implements GcEventListener {
  private final Histogram pausesMicros = new Histogram(3_600_000_000L, 3);
  private long pauseStartNanos;
  private long totalGcNanos;
  private long minorCount;
  private long majorCount;
  private long peakHeapBytes;
  private long heapBytes;
  private long lastLiveBytes;

  @Override
  public synchronized void prepare(long heapBytes) {
    pauseStartNanos = System.nanoTime();
    this.heapBytes = heapBytes;
    peakHeapBytes = Math.max(peakHeapBytes, heapBytes);
  }

  @Override
  public synchronized void start(CollectionKind kind) {
    if (kind == CollectionKind.MINOR) {
      minorCount++;
    } else {
      majorCount++;
    }
  }

  @Override
  public synchronized void liveDataSize(long bytes) {
    lastLiveBytes = bytes;
  }

  @Override
  public synchronized void heapResized(long bytes) {
    heapBytes = bytes;
    peakHeapBytes = Math.max(peakHeapBytes, bytes);
  }

  @Override
  public synchronized void restarting() {
    long pause = System.nanoTime() - pauseStartNanos;
    totalGcNanos += pause;
    pausesMicros.recordValue(Math.max(0, pause / 1000));
  }

  /** Number of minor (nursery) collections. */
  public synchronized long minorCollections() {
    return minorCount;
  }

  /** Number of major (whole-heap) collections. */
  public synchronized long majorCollections() {
    return majorCount;
  }

  /** Total time the mutators were stopped for collections, in nanoseconds. */
  public synchronized long totalGcNanos() {
    return totalGcNanos;
  }

  /** The largest heap size seen, in bytes. */
  public synchronized long peakHeapBytes() {
    return peakHeapBytes;
  }

  /** The current heap size in bytes. */
  public synchronized long heapBytes() {
    return heapBytes;
  }

  /** Live bytes found by the most recent collection (0 before the first). */
  public synchronized long lastLiveBytes() {
    return lastLiveBytes;
  }

  /** Pause time at {@code percentile} (0–100), in milliseconds; 0 if there was no pause. */
  public synchronized double pausePercentileMillis(double percentile) {
    if (pausesMicros.getTotalCount() == 0) {
      return 0;
    }
    return pausesMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The longest pause in milliseconds; 0 if there was none. */
  public synchronized double maxPauseMillis() {
    return pausesMicros.getTotalCount() == 0 ? 0 : pausesMicros.getMaxValue() / 1000.0;
  }

  /** A copy of the pause histogram, in microseconds. */
  public synchronized Histogram pauseHistogramMicros() {
    return pausesMicros.copy();
  }

  @Override
  public synchronized String toString() {
    return String.format(
        "%d major, %d minor, gc %.1f ms, pause p50 %.3f p75 %.3f p99 %.3f max %.3f ms,"
            + " peak heap %d, live %d",
        majorCount,
        minorCount,
        totalGcNanos / 1e6,
        pausePercentileMillis(50),
        pausePercentileMillis(75),
        pausePercentileMillis(99),
        maxPauseMillis(),
        peakHeapBytes,
        lastLiveBytes);
  }
}
