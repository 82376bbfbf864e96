package dev.lurcher.gc.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Hand-written programs: every op and every root home in one place, readable as documentation of
 * the text syntax, and a template for regression tests (paste the program a failure printed).
 */
class HarnessExamplesTest {
  /** A list and a cycle across the three root homes, an array near the large-object threshold. */
  static final Program EVERY_OP =
      Program.parse(
          """
          alloc 2 stack          # r0 = pair #1
          alloc 3 global         # r1 = wide #2
          alloc 1 native         # r2 = box #3
          store-ref 0 0 1        # pair.f0 = wide
          store-ref 1 4 0        # wide.f4 = pair: a cycle
          store-ref 2 0 2        # box.f0 = box: a self-loop
          store-imm 1 2 42       # wide.f2 = a tagged immediate (42 | 8)
          store-raw 1 1 -7       # wide word 1
          store-raw 5 0 99       # operands wrap: r(5 mod 3) = r2, the box; word 0 (its id) := 99
          array ref 1022 stack   # r3: the largest ref array that fits an allocation buffer
          array ref 1023 native  # r4: one more element, allocated outside the buffers
          array byte 8200 global # r5: bytes, outside the buffers
          store-ref 3 1021 4     # r3[1021] = r4
          store-ref 4 1022 1     # r4[1022] = wide
          churn 60 7
          load-ref 0 0 native    # r6 = pair.f0 (wide), reported by edge
          push 6 global          # r7 = r6, reported by value
          load-ref 1 2 stack     # r8 = wide.f2, the immediate, as a root
          read-raw 1 1
          read-raw 5 8199
          collect
          drop 1                 # the wide record stays reachable through the pair and r4
          drop 0
          exhaust
          collect
          read-raw 0 3
          store-ref 0 0 null
          collect
          """);

  @Test
  void everyOpRunsUnderEveryTortureSetting() {
    ProgramRunner runner = new ProgramRunner();
    for (String config : CollectorConfigs.ALL) {
      for (int torture = 0; torture <= 7; torture++) {
        RunResult result = runner.run(EVERY_OP, config, torture);
        assertThat(result.collections()).isGreaterThanOrEqualTo(3);
        assertThat(result.skippedOps()).isZero();
      }
    }
  }

  @Test
  void printedProgramsParseBack() {
    assertThat(Program.parse(EVERY_OP.toString())).isEqualTo(EVERY_OP);
    assertThat(EVERY_OP.toString()).startsWith("Program[28 ops]\n   0: alloc 2 stack\n");
  }

  @Test
  void aBadLineIsNamed() {
    assertThatThrownBy(() -> Program.parse("alloc 1 stack\nstore-ref 0 x 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }
}
