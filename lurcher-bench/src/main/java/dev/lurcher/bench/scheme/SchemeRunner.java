package dev.lurcher.bench.scheme;

import dev.lurcher.bench.benchmarks.Parameters;
import dev.lurcher.bench.harness.RunResult;
import dev.lurcher.bench.harness.Status;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.scheme.RunConfig;
import dev.lurcher.scheme.Scheme;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link SchemeBenchmark} for a result row. The program's output goes to {@code programOut}
 * (the command's standard error), its error messages too and into the row's message. {@code
 * wall_ms} covers the whole program, compilation and heap set-up included. {@code live_bytes} is
 * the live data found by the program's last collection (the runtime's heap is gone after the run,
 * so there is no final measurement). The checksum is 0. A program that exits with a non-zero status
 * is an error; one whose message says the heap was exhausted is oom.
 */
public final class SchemeRunner {
  private SchemeRunner() {}

  /** Runs {@code benchmark}. */
  public static RunResult run(
      SchemeBenchmark benchmark,
      Parameters parameters,
      HeapOptions options,
      Appendable programOut) {
    BasicStats stats = new BasicStats();
    Map<String, String> values = parameters.asMap();
    String args = values.get("args").strip();
    List<String> argList = args.isEmpty() ? List.of() : Arrays.asList(args.split("\\s+"));
    RunConfig config =
        RunConfig.of(options)
            .withArgs(parameters.intValue("threads"), argList)
            .withSeed(parameters.intValue("seed"))
            .withOnHeap(h -> h.addListener(stats));
    StringBuilder errors = new StringBuilder();
    Appendable err =
        new Appendable() {
          @Override
          public Appendable append(CharSequence csq) throws java.io.IOException {
            errors.append(csq);
            programOut.append(csq);
            return this;
          }

          @Override
          public Appendable append(CharSequence csq, int start, int end)
              throws java.io.IOException {
            return append(csq.subSequence(start, end));
          }

          @Override
          public Appendable append(char c) throws java.io.IOException {
            return append(String.valueOf(c));
          }
        };
    SchemeProgram program = benchmark.program();
    long start = System.nanoTime();
    int exit = Scheme.run(program.fileName(), program.source(), config, programOut, err);
    long wallNanos = System.nanoTime() - start;
    Status status = Status.OK;
    String message = null;
    if (exit != Scheme.EXIT_OK) {
      String text = errors.toString().strip();
      message =
          text.isEmpty()
              ? "the program exited with status " + exit
              : text.lines().findFirst().orElseThrow().replaceFirst("^error: ", "");
      status = text.contains("heap exhausted") ? Status.OOM : Status.ERROR;
    }
    return new RunResult(
        benchmark.name(),
        options.collector().optionName(),
        options.toString(),
        options.heapSize(),
        1,
        status,
        wallNanos / 1e6,
        stats.totalGcNanos() / 1e6,
        stats.majorCollections(),
        stats.minorCollections(),
        stats.pausePercentileMillis(50),
        stats.pausePercentileMillis(99),
        stats.maxPauseMillis(),
        stats.peakHeapBytes(),
        stats.lastLiveBytes(),
        0,
        message);
  }
}
