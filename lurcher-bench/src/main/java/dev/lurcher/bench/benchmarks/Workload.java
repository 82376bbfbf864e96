package dev.lurcher.bench.benchmarks;

import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.ObjectModel;

/** One run of a benchmark on a Lurcher heap: the heap is created with its {@link #model()}. */
public interface Workload {
  /** The object model the heap must be created with (usually a {@code StandardLayout}). */
  ObjectModel model();

  /**
   * Runs the program on {@code mutator}, the calling thread's mutator.
   *
   * <p>Whatever the program considers live at its end (its long-lived data) must still be rooted in
   * the mutator's {@link Mutator#roots() root stack} when this returns: the harness measures the
   * live data with one final collection and then empties the stack.
   *
   * @return a checksum of the program's results, equal to its HotSpot twin's for the same
   *     parameters
   * @throws BenchmarkFailedException if the program found its own data corrupted
   * @throws dev.lurcher.gc.api.HeapExhaustedException if the heap was too small
   */
  long run(Mutator mutator);

  /**
   * The workload of mutator thread {@code index} (0 is this one) when a benchmark runs several
   * mutators on one heap: it uses the same {@link #model()} and runs independently on its own
   * mutator. The default supports only one mutator.
   *
   * @throws UnsupportedOperationException for {@code index > 0} if the workload is single-threaded
   */
  default Workload forMutator(int index) {
    if (index == 0) {
      return this;
    }
    throw new UnsupportedOperationException("single-threaded workload");
  }
}
