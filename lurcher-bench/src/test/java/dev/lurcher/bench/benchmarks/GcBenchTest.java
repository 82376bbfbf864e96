package dev.lurcher.bench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.bench.harness.LurcherRunner;
import dev.lurcher.bench.harness.RunResult;
import dev.lurcher.bench.harness.Status;
import dev.lurcher.gc.api.HeapOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcBenchTest {
  private final GcBench bench = new GcBench();

  private Parameters small() {
    return Parameters.of(
        bench,
        Map.of(
            "stretch-depth", "12",
            "long-lived-depth", "9",
            "array-size", "5000",
            "max-depth", "10"));
  }

  @Test
  void theDefaultsAreTheClassicSizes() {
    GcBench.Config c = GcBench.Config.from(Parameters.defaults(bench));

    assertThat(c).isEqualTo(new GcBench.Config(18, 16, 500_000, 4, 16));
    assertThat(GcBench.Config.treeSize(16)).isEqualTo(131_071);
    // NumIters(i) = 2 * TreeSize(kStretchTreeDepth) / TreeSize(i), as in the original.
    assertThat(c.iterations(4)).isEqualTo(2 * 524_287 / 31);
    assertThat(c.iterations(16)).isEqualTo(8);
  }

  @Test
  void aNodeIs32Bytes() {
    GcBench.Run run = (GcBench.Run) bench.prepare(Parameters.defaults(bench));
    dev.lurcher.gc.layout.StandardLayout layout =
        (dev.lurcher.gc.layout.StandardLayout) run.model();

    assertThat(layout.defineRecord("same-as-node", 2, 8).recordSize()).isEqualTo(32);
  }

  @Test
  void lurcherAndHotSpotVersionsAgreeOnTheChecksum() {
    RunResult lurcher =
        LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=2m,checked=off"), 1);
    HotSpotTwin.Outcome twin = bench.hotSpotTwin().orElseThrow().run(small());

    assertThat(lurcher.status()).as(lurcher.message()).isEqualTo(Status.OK);
    assertThat(lurcher.checksum()).isEqualTo(twin.checksum()).isNotZero();
  }

  @Test
  void rootsSurviveGcTortureUnderFullChecksAndTheVerifier() {
    // A collection every 13 allocations, the heap verified after each, every reference checked
    // to be an object start: a stale reference anywhere in the benchmark would show.
    RunResult r =
        LurcherRunner.run(
            bench,
            Parameters.of(
                bench,
                Map.of(
                    "stretch-depth", "8",
                    "long-lived-depth", "6",
                    "array-size", "300",
                    "max-depth", "8")),
            HeapOptions.parse("heap-size=256k,checked=full,verify=true,gc-torture=13"),
            1);

    assertThat(r.status()).as(r.message()).isEqualTo(Status.OK);
    assertThat(r.majorGcs()).isGreaterThan(100);
  }

  @Test
  void liveBytesAreTheLongLivedTreeAndArray() {
    RunResult r =
        LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=2m,checked=on"), 1);

    long tree = 32L * GcBench.Config.treeSize(9);
    long array = 16 + 8L * 5000;
    assertThat(r.liveBytes()).isEqualTo(tree + array);
  }

  @Test
  void parametersAreValidated() {
    assertThatThrownBy(() -> bench.validate(Parameters.of(bench, Map.of("max-depth", "20"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stretch-depth");
    assertThatThrownBy(() -> bench.validate(Parameters.of(bench, Map.of("array-size", "-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("array-size");
    assertThatThrownBy(() -> Parameters.of(bench, Map.of("depth", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown parameter 'depth'");
  }
}
