package dev.lurcher.bench.harness;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.BenchmarkFailedException;
import dev.lurcher.bench.benchmarks.Benchmarks;
import dev.lurcher.bench.benchmarks.HotSpotTwin;
import dev.lurcher.bench.benchmarks.Parameters;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child JVM's entry point: runs a benchmark's HotSpot twin under whatever collector this JVM
 * was started with and prints one line, {@value #PREFIX} followed by {@code key=value} pairs, which
 * {@link HotSpotRunner} parses.
 *
 * <p>GC figures: see {@link HotSpotGcMonitor} (collection counts from the collector MXBeans, pauses
 * from JFR's {@code jdk.GCPhasePause} events). Arguments: the benchmark's name, then its parameters
 * as {@code KEY=VALUE}. {@code wall_ms} times the twin only. {@code live_bytes} is the used heap
 * after a final {@code System.gc()} made while the twin's long-lived data is still reachable, minus
 * the used heap after a {@code System.gc()} just before the run (the JVM's own data: start-up,
 * management beans, JFR), so that it counts the benchmark's data as Lurcher's figure does. Neither
 * collection is counted in the other figures. An {@link OutOfMemoryError} is status {@code oom}. A
 * message saying what went wrong, if anything, ends the line as {@code message=TEXT}.
 */
public final class HotSpotChild {
  /** Starts the result line. */
  static final String PREFIX = "lurcher-hotspot-result";

  /** The argument, right after the benchmark's name, giving the number of mutator threads. */
  static final String MUTATORS = "--mutators=";

  private HotSpotChild() {}

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Runs and reports; always exits 0 once the line is printed. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = System.out;
    if (args.length < 1) {
      System.err.println("usage: HotSpotChild BENCHMARK [KEY=VALUE...]");
      System.exit(2);
    }
    Benchmark benchmark = Benchmarks.get(args[0]);
    Map<String, String> overrides = new LinkedHashMap<>();
    int mutators = 1;
    int first = 1;
    if (args.length > 1 && args[1].startsWith(MUTATORS)) {
      mutators = Integer.parseInt(args[1].substring(MUTATORS.length()));
      first = 2;
    }
    for (int k = first; k < args.length; k++) {
      int eq = args[k].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("parameter '" + args[k] + "' is not KEY=VALUE");
      }
      overrides.put(args[k].substring(0, eq), args[k].substring(eq + 1));
    }
    Parameters parameters = Parameters.of(benchmark, overrides);
    HotSpotTwin twin =
        benchmark
            .hotSpotTwin()
            .orElseThrow(
                () -> new IllegalArgumentException(benchmark.name() + " has no HotSpot twin"));

    HotSpotGcMonitor monitor = new HotSpotGcMonitor();
    monitor.install();
    // The JVM's own heap data (start-up, management, JFR): not the benchmark's live data.
    System.gc();
    long baselineUsed = usedHeap();
    monitor.startRun();

    Status status = Status.OK;
    String message = null;
    HotSpotTwin.Outcome outcome = null;
    long start = System.nanoTime();
    try {
      outcome = twin.run(parameters, mutators);
    } catch (OutOfMemoryError e) {
      status = Status.OOM;
      message = e.toString();
    } catch (BenchmarkFailedException e) {
      status = Status.ERROR;
      message = e.getMessage();
    } catch (RuntimeException e) {
      status = Status.ERROR;
      message = e.toString();
    }
    long wallNanos = System.nanoTime() - start;

    monitor.endRun();
    long live;
    try {
      System.gc();
      live = Math.max(0, usedHeap() - baselineUsed);
    } finally {
      Reference.reachabilityFence(outcome);
    }
    HotSpotGcMonitor.Snapshot s = monitor.finish();

    StringBuilder line = new StringBuilder(PREFIX);
    line.append(" status=").append(status.label());
    line.append(" wall_ms=").append(ResultFormat.millis(wallNanos / 1e6));
    line.append(" gc_ms=").append(ResultFormat.millis(s.gcMs()));
    line.append(" major_gcs=").append(s.major());
    line.append(" minor_gcs=").append(s.minor());
    line.append(" pause_p50_ms=").append(ResultFormat.millis(s.p50Ms()));
    line.append(" pause_p99_ms=").append(ResultFormat.millis(s.p99Ms()));
    line.append(" pause_max_ms=").append(ResultFormat.millis(s.maxMs()));
    line.append(" peak_heap_bytes=").append(s.peakCommittedBytes());
    line.append(" live_bytes=").append(live);
    line.append(" checksum=").append(outcome == null ? 0 : outcome.checksum());
    if (message != null) {
      // Last on the line: everything after "message=" is the message.
      line.append(" message=").append(message.replaceAll("\\s+", " "));
    }
    out.println(line);
    out.flush();
    System.exit(0);
  }
}
