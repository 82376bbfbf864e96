package dev.lurcher.bench.benchmarks;

/**
 * A benchmark written with plain Java objects, for running under HotSpot's own collectors.
 *
 * <p>It does the same work as the Lurcher version and computes the same checksum.
 */
public interface HotSpotTwin {
  /**
   * Runs the program.
   *
   * @return the checksum, and the data the program considers live at its end, which the caller
   *     keeps reachable while it measures the live heap
   * @throws BenchmarkFailedException if the program found its own data corrupted
   */
  Outcome run(Parameters parameters);

  /**
   * What a run leaves behind.
   *
   * @param checksum as {@link Workload#run} returns it
   * @param retained the program's long-lived data, kept reachable by the caller
   */
  record Outcome(long checksum, Object retained) {}
}
