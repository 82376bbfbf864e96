package dev.lurcher.bench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.bench.harness.LurcherRunner;
import dev.lurcher.bench.harness.RunResult;
import dev.lurcher.bench.harness.Status;
import dev.lurcher.gc.api.HeapOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuadsTest {
  private final Quads bench = new Quads();

  private Parameters small() {
    return Parameters.of(bench, Map.of("depth", "5", "iterations", "20"));
  }

  @Test
  void isRegistered() {
    assertThat(Benchmarks.get("quads")).isInstanceOf(Quads.class);
  }

  @Test
  void treeSizes() {
    assertThat(Quads.Config.treeSize(0)).isEqualTo(1);
    assertThat(Quads.Config.treeSize(1)).isEqualTo(5);
    assertThat(Quads.Config.treeSize(8)).isEqualTo(87_381);
  }

  @Test
  void lurcherAndHotSpotVersionsAgreeOnTheChecksum() {
    RunResult lurcher =
        LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=1m,checked=off"), 1);
    HotSpotTwin.Outcome twin = bench.hotSpotTwin().orElseThrow().run(small());

    assertThat(lurcher.status()).as(lurcher.message()).isEqualTo(Status.OK);
    assertThat(lurcher.checksum()).isEqualTo(twin.checksum()).isNotZero();
  }

  @Test
  void survivesGcTortureUnderFullChecksAndTheVerifier() {
    for (String collector : new String[] {"semi", "pcc", "mmc"}) {
      RunResult r =
          LurcherRunner.run(
              bench,
              Parameters.of(bench, Map.of("depth", "4", "iterations", "6")),
              HeapOptions.parse(
                  "collector="
                      + collector
                      + ",heap-size=256k,checked=full,verify=true,gc-torture=13"),
              1);

      assertThat(r.status()).as(collector + ": " + r.message()).isEqualTo(Status.OK);
      assertThat(r.majorGcs() + r.minorGcs()).isGreaterThan(50);
    }
  }

  @Test
  void liveBytesAreTheLongLivedTree() {
    RunResult r =
        LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=1m,checked=on"), 1);

    assertThat(r.liveBytes()).isEqualTo(48L * Quads.Config.treeSize(5));
  }

  @Test
  void parametersAreValidated() {
    assertThatThrownBy(() -> bench.validate(Parameters.of(bench, Map.of("depth", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> bench.validate(Parameters.of(bench, Map.of("iterations", "-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iterations");
  }
}
