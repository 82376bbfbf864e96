package dev.lurcher.bench.harness;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.Parameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a benchmark's HotSpot twin in a child JVM: the same {@code java} as this JVM, the same class
 * path, {@code -Xms} and {@code -Xmx} both set to the heap size, and the collector's flag. The
 * child ({@link HotSpotChild}) prints one result line that becomes the {@link RunResult}.
 */
public final class HotSpotRunner {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private HotSpotRunner() {}

  /** The child JVM's flags for {@code gc} and {@code heapBytes}, in order. */
  static List<String> jvmFlags(HotSpotGc gc, long heapBytes) {
    String size = heapBytes % (1L << 20) == 0 ? (heapBytes >> 20) + "m" : Long.toString(heapBytes);
    return List.of(gc.flag(), "-Xms" + size, "-Xmx" + size);
  }

  /** The child's command line. */
  static List<String> command(
      Benchmark benchmark, Parameters parameters, HotSpotGc gc, long heapBytes) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags(gc, heapBytes));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(HotSpotChild.class.getName());
    cmd.add(benchmark.name());
    cmd.addAll(parameters.asArguments());
    return cmd;
  }

  /**
   * Runs the twin of {@code benchmark} under {@code gc} with a heap of {@code heapBytes}.
   *
   * @param err where the child's stray output goes (its standard error is inherited)
   */
  public static RunResult run(
      Benchmark benchmark, Parameters parameters, HotSpotGc gc, long heapBytes, PrintWriter err) {
    return run(benchmark, parameters, gc, heapBytes, 1, err);
  }

  /**
   * Runs the twin of {@code benchmark} on {@code mutators} Java threads under {@code gc} with a
   * heap of {@code heapBytes}.
   *
   * @param err where the child's stray output goes (its standard error is inherited)
   */
  public static RunResult run(
      Benchmark benchmark,
      Parameters parameters,
      HotSpotGc gc,
      long heapBytes,
      int mutators,
      PrintWriter err) {
    List<String> cmd = new ArrayList<>(command(benchmark, parameters, gc, heapBytes));
    if (mutators != 1) {
      cmd.add(cmd.indexOf(HotSpotChild.class.getName()) + 2, HotSpotChild.MUTATORS + mutators);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    Map<String, String> values = null;
    int exit;
    try {
      Process child = pb.start();
      child.getOutputStream().close();
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith(HotSpotChild.PREFIX + " ")) {
            values = parse(line.substring(HotSpotChild.PREFIX.length() + 1));
          } else {
            err.println(line);
          }
        }
      }
      exit = child.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the child JVM " + cmd.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the child JVM", e);
    }
    String options = String.join(",", jvmFlags(gc, heapBytes));
    if (values == null) {
      return new RunResult(
          benchmark.name(),
          gc.label(),
          options,
          heapBytes,
          1,
          Status.ERROR,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          "the child JVM exited with code " + exit + " without a result");
    }
    Status status = Status.parse(values.get("status"));
    return new RunResult(
        benchmark.name(),
        gc.label(),
        options,
        heapBytes,
        mutators,
        status,
        Double.parseDouble(values.get("wall_ms")),
        Double.parseDouble(values.get("gc_ms")),
        Long.parseLong(values.get("major_gcs")),
        Long.parseLong(values.get("minor_gcs")),
        Double.parseDouble(values.get("pause_p50_ms")),
        Double.parseDouble(values.get("pause_p99_ms")),
        Double.parseDouble(values.get("pause_max_ms")),
        Long.parseLong(values.get("peak_heap_bytes")),
        Long.parseLong(values.get("live_bytes")),
        Long.parseLong(values.get("checksum")),
        values.get("message"));
  }

  private static Map<String, String> parse(String line) {
    Map<String, String> values = new HashMap<>();
    String pairs = line;
    int m = line.indexOf(" message=");
    if (m >= 0) {
      values.put("message", line.substring(m + " message=".length()));
      pairs = line.substring(0, m);
    }
    for (String pair : SPACES.split(pairs.trim())) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return values;
  }
}
