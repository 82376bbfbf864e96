package dev.lurcher.gc.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.lurcher.gc.harness.HarnessFailure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Proves the harness has teeth: realistic collector bugs, injected through {@link BrokenCollectors}
 * wrappers, are caught by the same runner and the same generated programs that the differential
 * harness uses, and the same programs pass without the bug.
 *
 * <p>The programs come from the harness's own generator, seeded so that the test is repeatable
 * (jqwik {@code @Example}s, because jqwik generators run only inside its lifecycle).
 *
 * <p>Each bug is run twice: with the heap verifier on (as the harness always runs) and with it off,
 * to show which layer catches it. The missed edge, the lost forwarding pointer and the truncated
 * copy leave a well-formed heap, so only the shadow comparison can catch them; the stale root is
 * caught by the verifier first, and by the shadow comparison on its own when the verifier is off.
 */
class HarnessCatchesBrokenCollectorTest {
  /** Seeded programs each bug is tried on; a bug must be caught within them. */
  private static final int PROGRAMS = 100;

  private static final String CONFIG = "collector=semi";
  private static final String CONFIG_NO_VERIFIER = "collector=semi,verify=false";

  private static List<Program> programs;

  @BeforeContainer
  static void generatePrograms() {
    RandomGenerator<Program> generator = Programs.programs().generator(1000);
    Random random = new Random(20260101L);
    programs = new ArrayList<>();
    for (int i = 0; i < PROGRAMS; i++) {
      programs.add(generator.next(random).value());
    }
  }

  private static int torture(int i) {
    return i % 8; // 0 (off) and 1..7
  }

  @Example
  void theSameProgramsPassWithoutAnInjectedBug() {
    ProgramRunner runner = new ProgramRunner();
    for (int i = 0; i < PROGRAMS; i++) {
      Program p = programs.get(i);
      int t = torture(i);
      assertThatCode(() -> runner.run(p, CONFIG, t)).doesNotThrowAnyException();
      assertThatCode(() -> runner.run(p, CONFIG_NO_VERIFIER, t)).doesNotThrowAnyException();
    }
  }

  @Example
  void aMissedEdgeIsCaughtByTheShadowComparison() {
    Faults fault = BrokenCollectors.missedEdge("wide");
    assertCaught(fault, CONFIG, Kind.MISMATCH);
    assertCaught(fault, CONFIG_NO_VERIFIER, Kind.MISMATCH);
  }

  @Example
  void aStaleRootIsCaughtByTheVerifierAndByTheShadowComparison() {
    Faults fault = BrokenCollectors.staleGlobalRoot();
    assertCaught(fault, CONFIG, Kind.VERIFIER);
    assertCaught(fault, CONFIG_NO_VERIFIER, Kind.MISMATCH);
  }

  @Example
  void aLostForwardingPointerIsCaughtByTheShadowComparison() {
    Faults fault = BrokenCollectors.lostForwarding(5, 8);
    assertCaught(fault, CONFIG, Kind.MISMATCH);
    assertCaught(fault, CONFIG_NO_VERIFIER, Kind.MISMATCH);
  }

  @Example
  void aTruncatedCopyIsCaughtByTheShadowComparison() {
    Faults fault = BrokenCollectors.truncatedCopy();
    assertCaught(fault, CONFIG, Kind.MISMATCH);
    assertCaught(fault, CONFIG_NO_VERIFIER, Kind.MISMATCH);
  }

  /**
   * Runs the seeded programs with {@code fault} injected and asserts that at least one fails, that
   * every failure is of the {@code expected} kind, and that the failure message is usable: it names
   * the op and prints the program in a form that parses back.
   */
  private static void assertCaught(Faults fault, String config, Kind expected) {
    ProgramRunner broken = new ProgramRunner(fault);
    List<HarnessFailure> failures = new ArrayList<>();
    for (int i = 0; i < PROGRAMS; i++) {
      try {
        broken.run(programs.get(i), config, torture(i));
      } catch (HarnessFailure f) {
        failures.add(f);
      }
    }
    System.out.printf(
        "fault '%s' under %s: caught in %d of %d programs, by %s%n",
        fault.name(),
        config,
        failures.size(),
        PROGRAMS,
        failures.stream().map(HarnessFailure::kind).distinct().toList());
    assertThat(failures).as("programs that caught: " + fault.name()).isNotEmpty();
    assertThat(failures).extracting(HarnessFailure::kind).containsOnly(expected);
    HarnessFailure first = failures.get(0);
    assertThat(first)
        .hasMessageContaining("at op " + first.opIndex())
        .hasMessageContaining(fault.name())
        .hasMessageContaining("Program[");
  }
}
