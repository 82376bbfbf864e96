package dev.lurcher.bench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.bench.harness.LurcherRunner;
import dev.lurcher.bench.harness.ResultFormat;
import dev.lurcher.bench.harness.RunResult;
import dev.lurcher.bench.harness.Status;
import dev.lurcher.gc.api.HeapOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MtGcBenchTest {
  private final MtGcBench bench = new MtGcBench();

  private Parameters small() {
    return Parameters.of(
        bench,
        Map.of(
            "stretch-depth", "10",
            "long-lived-depth", "7",
            "array-size", "1000",
            "max-depth", "8"));
  }

  @Test
  void isRegisteredAndItsMinimumHeapScalesWithTheMutators() {
    assertThat(Benchmarks.get("mt-gcbench")).isInstanceOf(MtGcBench.class);
    assertThat(bench.minHeapBytes(3)).isEqualTo(3 * GcBench.MIN_HEAP_BYTES);
    assertThat(bench.maxMutators()).isGreaterThan(1);
  }

  @Test
  void twoMutatorsSurviveGcTortureUnderFullChecksAndTheVerifier() {
    for (String collector : new String[] {"semi", "pcc", "mmc"}) {
      RunResult r =
          LurcherRunner.run(
              bench,
              small(),
              HeapOptions.parse(
                  "collector="
                      + collector
                      + ",heap-size=1m,checked=full,verify=true,gc-torture=101"),
              2);
      long single =
          LurcherRunner.run(new GcBench(), small(), HeapOptions.parse("heap-size=1m"), 1)
              .checksum();

      assertThat(r.status()).as(collector + ": " + r.message()).isEqualTo(Status.OK);
      assertThat(r.mutators()).isEqualTo(2);
      assertThat(r.majorGcs() + r.minorGcs()).isGreaterThan(20);
      assertThat(r.checksum()).isEqualTo(2 * single).isNotZero();
      long tree = 32L * GcBench.Config.treeSize(7);
      long array = 16 + 8L * 1000;
      assertThat(r.liveBytes()).as(collector).isEqualTo(2 * (tree + array));
    }
  }

  @Test
  void aHeapTooSmallForTwoMutatorsIsOomWithoutHanging() {
    for (String collector : new String[] {"semi", "pcc", "mmc"}) {
      RunResult r =
          LurcherRunner.run(
              bench,
              Parameters.of(bench, Map.of("stretch-depth", "14", "max-depth", "10")),
              HeapOptions.parse("collector=" + collector + ",heap-size=256k"),
              2);

      assertThat(r.status()).as(collector).isEqualTo(Status.OOM);
      assertThat(r.checksum()).isZero();
    }
  }

  @Test
  void theTwinRunsOnAsManyThreadsAndAgreesOnTheChecksum() {
    RunResult lurcher =
        LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=2m,checked=off"), 3);
    HotSpotTwin.Outcome twin = bench.hotSpotTwin().orElseThrow().run(small(), 3);

    assertThat(lurcher.status()).as(lurcher.message()).isEqualTo(Status.OK);
    assertThat(lurcher.checksum()).isEqualTo(twin.checksum()).isNotZero();
  }

  @Test
  void parallelCollectorsReportTracerCountersInJsonOnly() {
    RunResult pcc =
        LurcherRunner.run(
            bench, small(), HeapOptions.parse("collector=pcc,parallelism=2,heap-size=1m"), 2);
    RunResult semi = LurcherRunner.run(bench, small(), HeapOptions.parse("heap-size=1m"), 2);

    assertThat(pcc.tracer()).isNotNull();
    assertThat(ResultFormat.json(pcc)).contains("\"steals\":").contains("\"idle_fraction\":");
    assertThat(ResultFormat.table(pcc)).doesNotContain("steals");
    assertThat(semi.tracer()).isNull();
    assertThat(ResultFormat.json(semi)).doesNotContain("steals");
  }
}
