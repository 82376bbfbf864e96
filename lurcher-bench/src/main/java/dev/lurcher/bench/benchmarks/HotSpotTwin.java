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
   * Runs the program on {@code mutators} Java threads; the default supports only one.
   *
   * @throws UnsupportedOperationException if {@code mutators > 1} and the twin is single-threaded
   */
  default Outcome run(Parameters parameters, int mutators) {
    if (mutators != 1) {
      throw new UnsupportedOperationException("single-threaded twin");
    }
    return run(parameters);
  }

  /**
   * What a run leaves behind.
   *
   * @param checksum as {@link Workload#run} returns it
   * @param retained the program's long-lived data, kept reachable by the caller
   */
  record Outcome(long checksum, Object retained) {}
}
