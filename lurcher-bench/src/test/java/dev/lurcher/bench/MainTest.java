package dev.lurcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.bench.harness.HotSpotGc;
import dev.lurcher.bench.harness.ResultFormat;
import dev.lurcher.gc.api.CollectorKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MainTest {
  /** A gcbench small enough for a test: a few hundred KiB live, a few MiB allocated. */
  static final String[] SMALL = {
    "-P", "stretch-depth=12",
    "-P", "long-lived-depth=9",
    "-P", "array-size=5000",
    "-P", "min-depth=4",
    "-P", "max-depth=10"
  };

  record Outcome(int exit, String out, String err) {}

  static Outcome lurcher(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  static String[] small(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(Arrays.asList(SMALL));
    return all.toArray(String[]::new);
  }

  static Stream<Arguments> usageErrors() {
    return Stream.of(
        Arguments.of(List.of(), "missing command"),
        Arguments.of(List.of("frobnicate"), "frobnicate"),
        Arguments.of(List.of("run"), "BENCH"),
        Arguments.of(List.of("run", "nosuch"), "unknown benchmark 'nosuch'"),
        Arguments.of(List.of("run", "gcbench", "--collector", "nosuch"), "unknown collector"),
        Arguments.of(List.of("run", "gcbench", "--heap-size", "12x"), "is not a size"),
        Arguments.of(List.of("run", "gcbench", "--heap-size", "1k"), "out of range"),
        Arguments.of(
            List.of("run", "gcbench", "--heap-size", "64m", "--heap-multiplier", "2"),
            "mutually exclusive"),
        Arguments.of(List.of("run", "gcbench", "--heap-multiplier", "-1"), "positive"),
        Arguments.of(List.of("run", "gcbench", "--heap-multiplier", "abc"), "--heap-multiplier"),
        Arguments.of(List.of("run", "gcbench", "--mutators", "0"), "at least 1"),
        Arguments.of(List.of("run", "gcbench", "--mutators", "2"), "single-threaded"),
        Arguments.of(List.of("run", "gcbench", "--mutators", "x"), "--mutators"),
        Arguments.of(List.of("run", "gcbench", "--options", "bogus=1"), "unknown heap option"),
        Arguments.of(List.of("run", "gcbench", "--options", "checked=maybe"), "checked"),
        Arguments.of(List.of("run", "gcbench", "--options", "heap-size=1m"), "--heap-size"),
        Arguments.of(List.of("run", "gcbench", "--options", "nonsense"), "key=value"),
        Arguments.of(List.of("run", "gcbench", "--hotspot", "cms"), "unknown HotSpot collector"),
        Arguments.of(
            List.of("run", "gcbench", "--hotspot", "g1", "--collector", "semi"),
            "mutually exclusive"),
        Arguments.of(List.of("run", "gcbench", "--hotspot", "g1", "--options", "x=1"), "--options"),
        Arguments.of(List.of("run", "gcbench", "--bogus"), "--bogus"),
        Arguments.of(List.of("run", "gcbench", "-P", "nosuch=1"), "unknown parameter 'nosuch'"),
        Arguments.of(List.of("run", "gcbench", "-P", "min-depth=x"), "not an integer"),
        Arguments.of(List.of("run", "gcbench", "-P", "min-depth=9", "-P", "max-depth=8"), "min"),
        Arguments.of(List.of("run", "gcbench", "-P", "novalue"), "KEY=VALUE"));
  }

  @ParameterizedTest
  @MethodSource("usageErrors")
  void badArgumentsAreOneLineAndExitCode2(List<String> args, String mentions) {
    Outcome o = lurcher(args.toArray(String[]::new));

    assertThat(o.exit()).as(o.err()).isEqualTo(2);
    assertThat(o.out()).isEmpty();
    assertThat(o.err()).startsWith("lurcher").contains(mentions).endsWith("\n");
    assertThat(o.err().strip()).doesNotContain("\n").doesNotContain("\tat ");
  }

  @Test
  void runPrintsAHeaderAndAValueLineWithEveryContractField() {
    Outcome o = lurcher(small("run", "gcbench", "--heap-size", "1m"));

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.err()).isEmpty();
    String[] lines = o.out().split("\n");
    assertThat(lines).hasSize(2);
    List<String> names = List.of(lines[0].trim().split("\\s+"));
    List<String> values = List.of(lines[1].trim().split("\\s+"));
    assertThat(names).isEqualTo(ResultFormat.FIELD_NAMES);
    assertThat(values).hasSameSizeAs(names);
    Map<String, String> row = new java.util.HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      row.put(names.get(i), values.get(i));
    }
    assertThat(row)
        .containsEntry("benchmark", "gcbench")
        .containsEntry("collector", "semi")
        .containsEntry("heap_bytes", "1048576")
        .containsEntry("mutators", "1")
        .containsEntry("status", "ok");
    assertThat(row.get("options")).contains("checked=off");
    assertThat(Long.parseLong(row.get("major_gcs"))).isPositive();
    assertThat(Long.parseLong(row.get("live_bytes"))).isPositive();
    assertThat(Double.parseDouble(row.get("wall_ms"))).isPositive();
    assertThat(Double.parseDouble(row.get("pause_max_ms")))
        .isGreaterThanOrEqualTo(Double.parseDouble(row.get("pause_p50_ms")));
  }

  @Test
  void jsonIsOneObjectWithTheContractFieldsInOrder() {
    Outcome o =
        lurcher(small("run", "gcbench", "--heap-size", "2m", "--json", "--options", "verify=true"));

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).endsWith("}\n");
    assertThat(o.out().strip()).doesNotContain("\n");
    Map<String, Object> json = MiniJson.parseObject(o.out().strip());
    assertThat(List.copyOf(json.keySet())).isEqualTo(ResultFormat.FIELD_NAMES);
    assertThat(json)
        .containsEntry("benchmark", "gcbench")
        .containsEntry("collector", "semi")
        .containsEntry("status", "ok")
        .containsEntry("heap_bytes", 2097152.0)
        .containsEntry("mutators", 1.0);
    assertThat(json.get("options")).asString().contains("verify=true", "checked=off");
    for (String numeric : ResultFormat.FIELD_NAMES.subList(6, 15)) {
      assertThat(json.get(numeric)).as(numeric).isInstanceOf(Double.class);
    }
  }

  @Test
  void outOfMemoryStillPrintsTheRowAndExits1() {
    Outcome o = lurcher("run", "gcbench", "--heap-size", "256k", "--json");

    assertThat(o.exit()).isEqualTo(1);
    assertThat(MiniJson.parseObject(o.out().strip())).containsEntry("status", "oom");
    assertThat(o.err()).startsWith("lurcher run: oom: heap exhausted");
    assertThat(o.err().strip()).doesNotContain("\n");
  }

  @Test
  void theHotSpotTwinRunsInAChildJvm() {
    // A long-lived tree of depth 12 (8191 nodes of 32 bytes: 256 KiB) so that its live data
    // stands out of the JVM's own noise in the child's live-bytes figure.
    Outcome o =
        lurcher(
            "run",
            "gcbench",
            "--hotspot",
            "parallel",
            "--heap-size",
            "24m",
            "--json",
            "-P",
            "stretch-depth=14",
            "-P",
            "long-lived-depth=12",
            "-P",
            "array-size=5000",
            "-P",
            "max-depth=10");

    assertThat(o.exit()).as(o.err()).isZero();
    Map<String, Object> json = MiniJson.parseObject(o.out().strip());
    assertThat(json)
        .containsEntry("collector", "hotspot-parallel")
        .containsEntry("status", "ok")
        .containsEntry("heap_bytes", 24.0 * (1 << 20));
    assertThat(json.get("options")).asString().contains("-XX:+UseParallelGC", "-Xmx24m");
    assertThat((Double) json.get("minor_gcs") + (Double) json.get("major_gcs")).isPositive();
    assertThat((Double) json.get("live_bytes")).isGreaterThan(128 * 1024.0);
  }

  @Test
  void mtGcBenchRunsOnTwoMutatorsWithTwiceTheMinimumHeapHereAndUnderHotSpot() {
    for (String[] target : new String[][] {{"--collector", "semi"}, {"--hotspot", "parallel"}}) {
      List<String> args =
          new ArrayList<>(
              List.of("run", "mt-gcbench", "--mutators", "2", "--heap-multiplier", "0.25"));
      args.addAll(List.of(target));
      args.add("--json");
      Outcome o = lurcher(small(args.toArray(String[]::new)));

      assertThat(o.exit()).as(o.err()).isZero();
      Map<String, Object> json = MiniJson.parseObject(o.out().strip());
      assertThat(json)
          .containsEntry("benchmark", "mt-gcbench")
          .containsEntry("mutators", 2.0)
          .containsEntry("status", "ok")
          .containsEntry("heap_bytes", 16.0 * (1 << 20));
    }
  }

  @Test
  void listShowsBenchmarksAndEveryCollector() {
    Outcome o = lurcher("list");

    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("gcbench", "min heap", "max-depth=16", "mt-gcbench", "quads");
    for (CollectorKind kind : CollectorKind.values()) {
      assertThat(o.out()).contains(kind.optionName(), kind.description());
    }
    for (HotSpotGc gc : HotSpotGc.values()) {
      assertThat(o.out()).contains(gc.optionName(), gc.flag());
    }
  }

  @Test
  void helpExitsZero() {
    Outcome o = lurcher("run", "--help");

    assertThat(o.exit()).isZero();
    assertThat(o.out()).contains("--heap-multiplier", "--hotspot", "Exit codes");
  }
}
