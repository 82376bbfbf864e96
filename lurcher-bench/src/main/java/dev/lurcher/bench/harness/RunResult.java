package dev.lurcher.bench.harness;

import dev.lurcher.gc.tracing.TracerStats;

/**
 * The result of one run. The printed fields (see {@link ResultFormat#FIELD_NAMES}) are a contract
 * that later tools read; {@code checksum} and {@code message} are not printed in the row.
 *
 * @param benchmark the benchmark's name
 * @param collector a Lurcher collector name ({@code semi}) or {@code hotspot-parallel} etc.
 * @param options the effective heap options, or the child JVM's flags for HotSpot runs
 * @param heapBytes the heap size, including any copy reserve
 * @param mutators the number of mutator threads
 * @param status how the run ended
 * @param wallMs wall-clock time of the benchmark program (not JVM start-up or heap creation)
 * @param gcMs total time the mutators were paused for collections
 * @param majorGcs whole-heap collections
 * @param minorGcs nursery collections
 * @param pauseP50Ms median pause
 * @param pauseP99Ms 99th-percentile pause
 * @param pauseMaxMs longest pause
 * @param peakHeapBytes the largest heap size seen
 * @param liveBytes live data at the end of the program (see the runners for how it is measured)
 * @param checksum the program's checksum (0 unless status is ok)
 * @param message what went wrong, or null
 * @param tracer the parallel tracer's counters for the run, or null when the collector does not use
 *     the tracer (printed in JSON only, as extra fields)
 */
public record RunResult(
    String benchmark,
    String collector,
    String options,
    long heapBytes,
    int mutators,
    Status status,
    double wallMs,
    double gcMs,
    long majorGcs,
    long minorGcs,
    double pauseP50Ms,
    double pauseP99Ms,
    double pauseMaxMs,
    long peakHeapBytes,
    long liveBytes,
    long checksum,
    String message,
    TracerStats tracer) {

  /** A result without tracer counters. */
  public RunResult(
      String benchmark,
      String collector,
      String options,
      long heapBytes,
      int mutators,
      Status status,
      double wallMs,
      double gcMs,
      long majorGcs,
      long minorGcs,
      double pauseP50Ms,
      double pauseP99Ms,
      double pauseMaxMs,
      long peakHeapBytes,
      long liveBytes,
      long checksum,
      String message) {
    this(
        benchmark,
        collector,
        options,
        heapBytes,
        mutators,
        status,
        wallMs,
        gcMs,
        majorGcs,
        minorGcs,
        pauseP50Ms,
        pauseP99Ms,
        pauseMaxMs,
        peakHeapBytes,
        liveBytes,
        checksum,
        message,
        null);
  }
}
