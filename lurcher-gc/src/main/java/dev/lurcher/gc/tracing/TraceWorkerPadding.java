package dev.lurcher.gc.tracing;

/**
 * 128 bytes of padding laid out before every {@link TraceWorker}'s fields (HotSpot places a
 * superclass's fields first). Workers are allocated together and each writes its own fields per
 * traced object (counters, a collector's copy cursor); without the padding two workers' fields can
 * share a cache line and every write becomes a coherence miss on the other core. 128 rather than 64
 * bytes because the adjacent-line prefetcher pairs lines.
 */
@SuppressWarnings("unused")
abstract class TraceWorkerPadding {
  private long p00, p01, p02, p03, p04, p05, p06, p07;
  private long p08, p09, p10, p11, p12, p13, p14, p15;
}
