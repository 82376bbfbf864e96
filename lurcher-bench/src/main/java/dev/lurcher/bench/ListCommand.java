package dev.lurcher.bench;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.Benchmarks;
import dev.lurcher.bench.harness.HotSpotGc;
import dev.lurcher.bench.scheme.SchemeProgram;
import dev.lurcher.gc.api.CollectorKind;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./lurcher list}: benchmarks, Lurcher collectors and HotSpot collectors. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists the benchmarks, the Lurcher collectors and the HotSpot collectors.")
final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Benchmarks (run BENCH; min heap: smallest semi heap-size, copy reserve included):");
    for (Benchmark b : Benchmarks.all()) {
      out.printf(
          Locale.ROOT,
          "  %-10s  min heap %7s  %s%n",
          b.name(),
          mebibytes(b.minHeapBytes()),
          b.description());
      StringBuilder params = new StringBuilder();
      b.defaultParameters().forEach((k, v) -> params.append(' ').append(k).append('=').append(v));
      out.printf(
          Locale.ROOT,
          "  %-10s  parameters:%s; mutators: at most %d; HotSpot twin: %s%n",
          "",
          params,
          b.maxMutators(),
          b.hotSpotTwin().isPresent() ? "yes" : "no");
    }
    out.println();
    out.println(
        "Bundled Scheme programs (./lurcher scheme NAME NTHREADS ARGS..., or run scheme:NAME"
            + " -P threads=N -P args=...; any FILE.scm works too):");
    SchemeProgram.bundledPrograms()
        .forEach(
            (name, args) -> out.printf(Locale.ROOT, "  %-10s  default args: %s%n", name, args));
    out.println();
    out.println("Lurcher collectors (--collector C):");
    for (CollectorKind kind : CollectorKind.values()) {
      out.printf(Locale.ROOT, "  %-10s  %s%n", kind.optionName(), kind.description());
    }
    out.println();
    out.println("HotSpot collectors (--hotspot GC: the plain-Java twin in a child JVM):");
    for (HotSpotGc gc : HotSpotGc.values()) {
      out.printf(Locale.ROOT, "  %-10s  %-19s %s%n", gc.optionName(), gc.flag(), gc.description());
    }
    out.flush();
    return 0;
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1fM", bytes / (double) (1 << 20));
  }
}
