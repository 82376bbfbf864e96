package dev.lurcher.gc.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Checks the harness's promise that a failing case shrinks to a short program that the failure
 * prints: it runs the differential property against a broken collector (a missed edge, see {@link
 * BrokenCollectors#missedEdge}) through the JUnit Platform launcher, so that jqwik generates,
 * fails, and shrinks as it would in CI, and inspects the failure jqwik reports.
 */
class ShrinkingTest {
  @Test
  void aFailingProgramShrinksToAFewOpsAndIsPrinted() {
    List<Throwable> failures = new ArrayList<>();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(BrokenProperty.class))
            .filters(EngineFilter.includeEngines("jqwik"))
            .configurationParameter("jqwik.database", "target/.jqwik-database-shrinking-test")
            // Report through the platform (to the listener below, which ignores reports) rather
            // than on stdout, so the expected failure does not look like one in the build log.
            .configurationParameter("jqwik.reporting.usejunitplatform", "true")
            .build();
    Launcher launcher = LauncherFactory.create();
    BrokenProperty.enabled = true;
    try {
      launcher.execute(
          request,
          new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (id.isTest() && result.getStatus() == TestExecutionResult.Status.FAILED) {
                failures.add(result.getThrowable().orElseThrow());
              }
            }
          });
    } finally {
      BrokenProperty.enabled = false;
    }

    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).isInstanceOf(HarnessFailure.class);
    HarnessFailure failure = (HarnessFailure) failures.get(0);
    assertThat(failure.kind()).isEqualTo(HarnessFailure.Kind.MISMATCH);
    // The smallest failing program: a wide record, a store into its last field, a collection.
    assertThat(failure.program().size()).isLessThanOrEqualTo(5);
    assertThat(failure.getMessage()).contains(failure.program().toString());
    assertThat(Program.parse(failure.program().toString())).isEqualTo(failure.program());
  }

  /**
   * The differential property against a collector that misses an edge. Not a test of its own:
   * surefire skips nested classes, and it does nothing unless {@link ShrinkingTest} enabled it.
   */
  static class BrokenProperty {
    static volatile boolean enabled;

    @Property(
        tries = 200,
        seed = "20260101",
        edgeCases = EdgeCasesMode.NONE,
        shrinking = ShrinkingMode.FULL,
        afterFailure = AfterFailureMode.RANDOM_SEED)
    void missedEdge(
        @ForAll("programs") Program program, @ForAll @IntRange(min = 1, max = 7) int torture) {
      if (enabled) {
        new ProgramRunner(BrokenCollectors.missedEdge("wide"))
            .run(program, "collector=semi", torture);
      }
    }

    @Provide
    Arbitrary<Program> programs() {
      // Shorter than the real harness's programs only to keep this test quick on a busy machine:
      // shrinking runs the program once per step.
      return Programs.programs(60);
    }
  }
}
