package dev.lurcher.gc.tracing;

/**
 * The parallel tracer's counters, summed over all traces of a heap: how the work spread and how
 * long workers waited for it.
 *
 * @param parallelism the number of workers (1: serial, inline on the collecting thread)
 * @param traces the number of traces (one per collection that used the tracer)
 * @param traceNanos wall-clock time spent in traces, from the first worker starting to the last one
 *     stopping (root tracing excluded)
 * @param objectsTraced objects whose edges were visited
 * @param packetsPublished full packets pushed on a worker's deque, available for stealing
 * @param packetsShared half packets published because other workers were idle
 * @param steals packets taken from another worker's deque
 * @param failedSteals steal attempts that lost a race for a packet (and retried)
 * @param idleNanos time workers spent idle, looking for work or waiting for termination, summed
 *     over workers
 */
public record TracerStats(
    int parallelism,
    long traces,
    long traceNanos,
    long objectsTraced,
    long packetsPublished,
    long packetsShared,
    long steals,
    long failedSteals,
    long idleNanos) {

  /** The counters of a collector that does not use the tracer. */
  public static final TracerStats NONE = new TracerStats(1, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The counters accumulated between {@code earlier} and these. */
  public TracerStats since(TracerStats earlier) {
    return new TracerStats(
        parallelism,
        traces - earlier.traces,
        traceNanos - earlier.traceNanos,
        objectsTraced - earlier.objectsTraced,
        packetsPublished - earlier.packetsPublished,
        packetsShared - earlier.packetsShared,
        steals - earlier.steals,
        failedSteals - earlier.failedSteals,
        idleNanos - earlier.idleNanos);
  }

  /**
   * The share of worker time spent idle: idle time over (parallelism × trace time), 0 to 1. Zero
   * for a serial tracer.
   */
  public double idleFraction() {
    return traceNanos == 0 ? 0 : (double) idleNanos / ((double) parallelism * traceNanos);
  }

  @Override
  public String toString() {
    return String.format(
        "parallelism %d, %d traces, %.1f ms tracing, %d objects, %d packets published,"
            + " %d shared, %d steals (%d contended), idle %.1f ms (%.0f%%)",
        parallelism,
        traces,
        traceNanos / 1e6,
        objectsTraced,
        packetsPublished,
        packetsShared,
        steals,
        failedSteals,
        idleNanos / 1e6,
        100 * idleFraction());
  }
}
