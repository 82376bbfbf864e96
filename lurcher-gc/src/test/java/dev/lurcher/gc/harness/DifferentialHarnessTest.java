package dev.lurcher.gc.harness;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The differential harness: random programs run on every collector configuration in {@link
 * CollectorConfigs#ALL}, each once without torture and once with {@code gc-torture=N}, with the
 * heap verifier on and full reference checks, compared with a shadow model after every op (see
 * {@link ProgramRunner}). A failing program is shrunk by jqwik and printed, one op per line, in the
 * syntax {@link Program#parse} reads.
 */
class DifferentialHarnessTest {
  /**
   * Programs per CI run: each runs twice per configuration (no torture, then torture). Measured on
   * the 2-core CI machine: about 3 s of CPU per 1000 programs for {@code collector=semi}.
   */
  static final int TRIES = 2000;

  private static final ProgramRunner RUNNER = new ProgramRunner();

  private static final String FULL_HEAP = "collections caused by a full heap, no torture: ";

  // Bounded shrinking, raised to 120 s in the surefire configuration: jqwik's default 10 s is a few
  // dozen steps on a busy 2-core machine, but unbounded shrinking of a rare failure across six
  // configurations can outlast CI's whole time budget. ShrinkingTest shows full shrinking reaching
  // a three-op program.
  @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
  @StatisticsReport(onFailureOnly = true)
  void heapGraphMatchesShadowModel(
      @ForAll("programs") Program program, @ForAll @IntRange(min = 1, max = 7) int torture) {
    for (String config : CollectorConfigs.ALL) {
      RunResult plain = RUNNER.run(program, config, 0);
      RunResult tortured = RUNNER.run(program, config, torture);
      // One label per configuration: a shared label would measure each configuration's share of
      // all runs, which no configuration can keep above 20% once there are several.
      Statistics.label(FULL_HEAP + config).collect(plain.allocationCollections() > 0);
      Statistics.label("collections under torture").collect(config, bucket(tortured.collections()));
    }
    Statistics.label("program length").collect(program.size() / 50 * 50 + "+");
    // Guard the generator: the programs must keep filling the heap on their own, or the runs
    // without torture would only ever see explicit collections.
    for (String config : CollectorConfigs.ALL) {
      int minimum = minimumFullHeapPercent(config);
      Statistics.label(FULL_HEAP + config)
          .coverage(coverage -> coverage.check(true).percentage(p -> p >= minimum));
    }
  }

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void printedProgramsParseBack(@ForAll("programs") Program program) {
    assertThat(Program.parse(program.toString())).isEqualTo(program);
  }

  @Provide
  Arbitrary<Program> programs() {
    return Programs.programs();
  }

  /**
   * The share of programs that must fill a configuration's heap without torture. At the smallest
   * heap (256 KiB) mmc's mutators get three 64 KiB blocks where semi gets a 128 KiB half, so mmc
   * fills its heap about half as often as semi (measured: semi 28%, each mmc configuration 9.8-12%
   * of 2000 programs, depending on the seed); its guard is lower rather than its heap smaller than
   * the minimum, and leaves room for seed-to-seed variation (7% of 2000 is still 140 programs).
   */
  private static int minimumFullHeapPercent(String config) {
    return config.startsWith("collector=mmc") ? 7 : 20;
  }

  private static String bucket(int n) {
    return n == 0 ? "0" : n < 10 ? "1-9" : n < 100 ? "10-99" : "100+";
  }
}
