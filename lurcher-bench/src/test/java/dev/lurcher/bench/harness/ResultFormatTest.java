package dev.lurcher.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultFormatTest {
  private static RunResult result(String options) {
    return new RunResult(
        "gcbench",
        "semi",
        options,
        1 << 20,
        1,
        Status.ERROR,
        12.3456,
        1.5,
        3,
        0,
        0.25,
        0.5,
        0.75,
        1 << 20,
        4096,
        0,
        "boom");
  }

  @Test
  void tableColumnsLineUpAndValuesHaveNoSpaces() {
    String[] lines = ResultFormat.table(result("a b")).split("\n");

    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("a_b", "error", "12.346", "0.250");
    assertThat(lines[0].indexOf("status")).isEqualTo(lines[1].indexOf("error"));
    assertThat(lines[0].indexOf("live_bytes")).isEqualTo(lines[1].indexOf("4096"));
  }

  @Test
  void jsonQuotesStrings() {
    String json = ResultFormat.json(result("q\"b\\s\n\u0001"));

    assertThat(json)
        .startsWith("{\"benchmark\":\"gcbench\",")
        .contains("\"options\":\"q\\\"b\\\\s\\n\\u0001\"")
        .contains("\"wall_ms\":12.346,")
        .endsWith("\"live_bytes\":4096}\n");
  }
}
