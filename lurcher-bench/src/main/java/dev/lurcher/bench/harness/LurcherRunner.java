package dev.lurcher.bench.harness;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.BenchmarkFailedException;
import dev.lurcher.bench.benchmarks.Parameters;
import dev.lurcher.bench.benchmarks.Workload;
import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapExhaustedException;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.events.BasicStats;

/**
 * Runs a benchmark on a Lurcher heap in this JVM, on the calling thread.
 *
 * <p>Figures come from the library's {@link BasicStats} listener. {@code wall_ms} times the
 * workload only (heap creation and the final measurement are outside it). {@code live_bytes}: when
 * the run succeeds, one more full collection after the clock stops, while the program's long-lived
 * data is still rooted, and the heap's live bytes after it; that collection is not counted in any
 * other figure. When the run fails, the live bytes of the last collection.
 */
public final class LurcherRunner {
  private LurcherRunner() {}

  /**
   * Runs {@code benchmark}.
   *
   * @param options the heap options, used as given (measured runs pass {@code checked=off})
   * @param mutators the number of mutator threads; only 1 is supported so far
   */
  public static RunResult run(
      Benchmark benchmark, Parameters parameters, HeapOptions options, int mutators) {
    if (mutators != 1) {
      throw new IllegalArgumentException("only single-mutator runs are supported so far");
    }
    Workload workload = benchmark.prepare(parameters);
    BasicStats stats = new BasicStats();
    try (Heap heap = Heap.create(options, workload.model())) {
      heap.addListener(stats);
      Mutator mutator = heap.attach();
      Status status = Status.OK;
      String message = null;
      long checksum = 0;
      long start = System.nanoTime();
      try {
        checksum = workload.run(mutator);
      } catch (HeapExhaustedException e) {
        status = Status.OOM;
        message = e.getMessage();
      } catch (BenchmarkFailedException e) {
        status = Status.ERROR;
        message = e.getMessage();
      } catch (RuntimeException e) {
        status = Status.ERROR;
        message = e.toString();
      }
      long wallNanos = System.nanoTime() - start;

      long major = stats.majorCollections();
      long minor = stats.minorCollections();
      long gcNanos = stats.totalGcNanos();
      double p50 = stats.pausePercentileMillis(50);
      double p99 = stats.pausePercentileMillis(99);
      double max = stats.maxPauseMillis();
      long peak = stats.peakHeapBytes();
      long live = stats.lastLiveBytes();
      if (status == Status.OK) {
        mutator.collect();
        live = heap.liveBytes();
      }
      mutator.roots().reset(0);
      mutator.detach();
      return new RunResult(
          benchmark.name(),
          options.collector().optionName(),
          options.toString(),
          heap.heapSize(),
          mutators,
          status,
          wallNanos / 1e6,
          gcNanos / 1e6,
          major,
          minor,
          p50,
          p99,
          max,
          peak,
          live,
          checksum,
          message);
    }
  }
}
