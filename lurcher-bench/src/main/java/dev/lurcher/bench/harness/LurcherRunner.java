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
import dev.lurcher.gc.tracing.TracerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a benchmark on a Lurcher heap in this JVM: on the calling thread for one mutator, on as many
 * new threads (each with its own mutator, the caller attached too) for several.
 *
 * <p>Figures come from the library's {@link BasicStats} listener. {@code wall_ms} times the
 * workload only (heap creation and the final measurement are outside it); with several mutators,
 * from the common start until the last one finishes. {@code live_bytes}: when the run succeeds, one
 * more full collection after the clock stops, while the program's long-lived data (of every
 * mutator, each parked inactive with its roots) is still rooted, and the heap's live bytes after
 * it; that collection is not counted in any other figure. When the run fails, the live bytes of the
 * last collection. With several mutators the checksum is the sum of theirs, and the status the
 * first failure found. The parallel tracer's counters are reported when the collector used it.
 */
public final class LurcherRunner {
  private LurcherRunner() {}

  /** What one mutator's run ended with. */
  private static final class Outcome {
    Status status = Status.OK;
    String message;
    long checksum;

    void run(Workload workload, Mutator mutator) {
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
    }
  }

  /**
   * Runs {@code benchmark}.
   *
   * @param options the heap options, used as given (measured runs pass {@code checked=off})
   * @param mutators the number of mutator threads, at most {@link Benchmark#maxMutators()}
   */
  public static RunResult run(
      Benchmark benchmark, Parameters parameters, HeapOptions options, int mutators) {
    if (mutators < 1 || mutators > benchmark.maxMutators()) {
      throw new IllegalArgumentException(
          benchmark.name() + " runs with 1 to " + benchmark.maxMutators() + " mutators");
    }
    Workload workload = benchmark.prepare(parameters);
    BasicStats stats = new BasicStats();
    try (Heap heap = Heap.create(options, workload.model())) {
      heap.addListener(stats);
      Mutator mutator = heap.attach();
      List<Outcome> outcomes = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(mutators);
      CountDownLatch measured = new CountDownLatch(1);
      long start;
      long wallNanos;
      if (mutators == 1) {
        Outcome o = new Outcome();
        outcomes.add(o);
        start = System.nanoTime();
        o.run(workload, mutator);
        wallNanos = System.nanoTime() - start;
      } else {
        CountDownLatch go = new CountDownLatch(1);
        for (int k = 0; k < mutators; k++) {
          Workload w = workload.forMutator(k);
          Outcome o = new Outcome();
          outcomes.add(o);
          Thread t =
              Thread.ofPlatform()
                  .name("lurcher-mutator-" + k)
                  .unstarted(
                      () -> {
                        Mutator mine = heap.attach();
                        try {
                          try {
                            mine.inactive(() -> await(go));
                            o.run(w, mine);
                          } finally {
                            done.countDown();
                          }
                          // Parked with the long-lived data still rooted, until it is measured.
                          mine.inactive(() -> await(measured));
                        } finally {
                          mine.roots().reset(0);
                          mine.detach();
                        }
                      });
          threads.add(t);
          t.start();
        }
        start = System.nanoTime();
        go.countDown();
        mutator.inactive(() -> await(done));
        wallNanos = System.nanoTime() - start;
      }
      Status status = Status.OK;
      String message = null;
      long checksum = 0;
      for (Outcome o : outcomes) {
        checksum += o.checksum;
        if (status == Status.OK && o.status != Status.OK) {
          status = o.status;
          message = o.message;
        }
      }

      long major = stats.majorCollections();
      long minor = stats.minorCollections();
      long gcNanos = stats.totalGcNanos();
      double p50 = stats.pausePercentileMillis(50);
      double p99 = stats.pausePercentileMillis(99);
      double max = stats.maxPauseMillis();
      long peak = stats.peakHeapBytes();
      long live = stats.lastLiveBytes();
      TracerStats tracer = heap.tracerStats();
      if (status == Status.OK) {
        mutator.collect();
        live = heap.liveBytes();
      }
      measured.countDown();
      for (Thread t : threads) {
        mutator.inactive(() -> join(t));
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
          status == Status.OK ? checksum : 0,
          message,
          tracer.traces() > 0 ? tracer : null);
    }
  }

  private static void await(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
