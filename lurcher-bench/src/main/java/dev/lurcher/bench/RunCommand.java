package dev.lurcher.bench;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.Benchmarks;
import dev.lurcher.bench.benchmarks.Parameters;
import dev.lurcher.bench.harness.HotSpotGc;
import dev.lurcher.bench.harness.HotSpotRunner;
import dev.lurcher.bench.harness.LurcherRunner;
import dev.lurcher.bench.harness.ResultFormat;
import dev.lurcher.bench.harness.RunResult;
import dev.lurcher.bench.harness.Status;
import dev.lurcher.bench.scheme.SchemeBenchmark;
import dev.lurcher.bench.scheme.SchemeRunner;
import dev.lurcher.gc.api.CheckLevel;
import dev.lurcher.gc.api.CollectorKind;
import dev.lurcher.gc.api.HeapOptions;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./lurcher run BENCH …}: one benchmark, one configuration, one result row. */
@Command(
    name = "run",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Runs one benchmark in one configuration and prints one result row.",
      "The row is a header line and a value line, or one JSON object with --json.",
      "Lurcher heaps run with checked=off (no reference checks: measured runs) unless"
          + " --options says otherwise."
    },
    footer = {
      "",
      "Fields: benchmark collector options heap_bytes mutators status wall_ms gc_ms major_gcs"
          + " minor_gcs pause_p50_ms pause_p99_ms pause_max_ms peak_heap_bytes live_bytes;"
          + " with --json, collectors that use the parallel tracer add steals and idle_fraction.",
      "Exit codes: 0 status ok; 1 status oom or error (the row is still printed, the reason on"
          + " stderr); 2 bad arguments."
    })
final class RunCommand implements Callable<Integer> {
  /** The default heap size, relative to the benchmark's minimum heap. */
  static final double DEFAULT_MULTIPLIER = 2.5;

  @Spec CommandSpec spec;

  @CommandLine.Parameters(
      index = "0",
      paramLabel = "BENCH",
      description =
          "The benchmark (see list), or scheme:PROGRAM for a Scheme program (a bundled one's"
              + " name or a FILE.scm; parameters threads, args, seed).")
  String benchmarkName;

  /** Its default comes from {@link #DEFAULTS}: the library's default collector. */
  @Option(
      names = "--collector",
      paramLabel = "C",
      description = "The Lurcher collector (see list; default: ${DEFAULT-VALUE}).")
  String collector;

  /** Supplies defaults that are not compile-time constants. */
  static final IDefaultValueProvider DEFAULTS =
      arg ->
          arg instanceof OptionSpec o && o.longestName().equals("--collector")
              ? HeapOptions.defaults().collector().optionName()
              : null;

  @Option(
      names = "--heap-size",
      paramLabel = "SIZE",
      description = "The heap size: bytes, or a number with a k, m or g suffix.")
  String heapSize;

  @Option(
      names = "--heap-multiplier",
      paramLabel = "M",
      description =
          "The heap size as a multiple of the benchmark's minimum heap (default: "
              + DEFAULT_MULTIPLIER
              + ").")
  Double heapMultiplier;

  @Option(
      names = "--mutators",
      paramLabel = "N",
      defaultValue = "1",
      description = "Mutator threads (default: ${DEFAULT-VALUE}).")
  int mutators;

  @Option(
      names = "--options",
      paramLabel = "STR",
      description =
          "More heap options, key=value,... (e.g. checked=on,verify=true; collector and"
              + " heap-size have their own flags).")
  String options;

  @Option(
      names = {"-P", "--param"},
      paramLabel = "KEY=VALUE",
      description = "A benchmark parameter (see list), e.g. -P max-depth=10. Repeatable.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Option(
      names = "--hotspot",
      paramLabel = "GC",
      description =
          "Run the benchmark's plain-Java twin in a child JVM under HotSpot's collector GC"
              + " (parallel, g1 or zgc), with -Xms and -Xmx set to the same heap size.")
  String hotspot;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Benchmark benchmark = usage(() -> Benchmarks.get(benchmarkName));
    if (heapSize != null && heapMultiplier != null) {
      throw fail("--heap-size and --heap-multiplier are mutually exclusive: give one");
    }
    if (mutators < 1) {
      throw fail("--mutators must be at least 1, got " + mutators);
    }
    if (mutators > benchmark.maxMutators()) {
      throw fail(
          "benchmark "
              + benchmark.name()
              + (benchmark.maxMutators() == 1
                  ? " is single-threaded: --mutators must be 1"
                  : " supports at most " + benchmark.maxMutators() + " mutators")
              + ", got "
              + mutators);
    }
    Parameters params =
        usage(
            () -> {
              Parameters p = Parameters.of(benchmark, parameters);
              benchmark.validate(p);
              return p;
            });
    long heapBytes = heapBytes(benchmark);

    RunResult result;
    if (hotspot != null) {
      HotSpotGc gc = usage(() -> HotSpotGc.parse(hotspot));
      if (spec.commandLine().getParseResult().hasMatchedOption("--collector")) {
        throw fail("--collector and --hotspot are mutually exclusive: give one");
      }
      if (options != null) {
        throw fail("--options sets Lurcher heap options: it does not apply with --hotspot");
      }
      if (benchmark.hotSpotTwin().isEmpty()) {
        throw fail("benchmark " + benchmark.name() + " has no HotSpot twin");
      }
      result = HotSpotRunner.run(benchmark, params, gc, heapBytes, mutators, err);
    } else {
      HeapOptions heapOptions = usage(() -> heapOptions(heapBytes));
      result =
          benchmark instanceof SchemeBenchmark scheme
              ? SchemeRunner.run(scheme, params, heapOptions, err)
              : LurcherRunner.run(benchmark, params, heapOptions, mutators);
    }
    out.print(json ? ResultFormat.json(result) : ResultFormat.table(result));
    out.flush();
    if (result.status() != Status.OK) {
      err.println(
          "lurcher run: "
              + result.status().label()
              + ": "
              + Main.oneLine(result.message() == null ? "(no message)" : result.message()));
      err.flush();
      return Main.EXIT_FAILED;
    }
    return 0;
  }

  private long heapBytes(Benchmark benchmark) {
    if (heapSize != null) {
      long bytes = usage(() -> HeapOptions.parseSize("--heap-size", heapSize));
      if (bytes < HeapOptions.MIN_HEAP_SIZE || bytes > HeapOptions.MAX_HEAP_SIZE) {
        throw fail(
            "--heap-size "
                + heapSize
                + " is out of range ["
                + HeapOptions.MIN_HEAP_SIZE
                + ", "
                + HeapOptions.MAX_HEAP_SIZE
                + "] bytes");
      }
      return bytes;
    }
    double m = heapMultiplier == null ? DEFAULT_MULTIPLIER : heapMultiplier;
    if (!(m > 0) || Double.isInfinite(m)) {
      throw fail("--heap-multiplier must be a positive number, got " + m);
    }
    // Whole MiB, so that HotSpot's -Xmx and Lurcher's heap-size agree exactly.
    double mib = Math.ceil(m * benchmark.minHeapBytes(mutators) / (1 << 20));
    long bytes = (long) Math.max(mib * (1 << 20), HeapOptions.MIN_HEAP_SIZE);
    if (bytes > HeapOptions.MAX_HEAP_SIZE) {
      throw fail(
          String.format(
              Locale.ROOT,
              "--heap-multiplier %s gives %d bytes, above the largest heap (%d)",
              m,
              bytes,
              HeapOptions.MAX_HEAP_SIZE));
    }
    return bytes;
  }

  /** Measured runs: checks off, then the user's options; collector and size from their flags. */
  private HeapOptions heapOptions(long heapBytes) {
    CollectorKind kind = CollectorKind.parse(collector);
    HeapOptions base =
        HeapOptions.defaults()
            .withCollector(kind)
            .withHeapSize(heapBytes)
            .withChecked(CheckLevel.OFF);
    if (options == null) {
      return base;
    }
    HeapOptions parsed = base.with(options);
    if (parsed.collector() != kind) {
      throw new IllegalArgumentException(
          "--options must not set collector: use --collector " + parsed.collector().optionName());
    }
    if (parsed.heapSize() != heapBytes) {
      throw new IllegalArgumentException("--options must not set heap-size: use --heap-size");
    }
    return parsed;
  }

  private ParameterException fail(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Runs {@code f}, turning an {@link IllegalArgumentException} into a usage error. */
  private <T> T usage(java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
