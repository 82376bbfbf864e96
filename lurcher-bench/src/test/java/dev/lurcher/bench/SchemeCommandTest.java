package dev.lurcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.bench.MainTest.Outcome;
import dev.lurcher.bench.scheme.SchemeProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemeCommandTest {
  @TempDir Path dir;

  @Test
  void aBundledProgramRunsByNameUnderTortureWithItsOutputPassedThrough() {
    Outcome o =
        MainTest.lurcher(
            "scheme",
            "splay",
            "--collector",
            "mmc",
            "--options",
            "checked=full,verify=true,gc-torture=97",
            "--heap-size",
            "4m",
            "--print-stats",
            "1",
            "50",
            "10",
            "2");

    assertThat(o.exit()).as(o.err()).isZero();
    assertThat(o.out()).isEqualTo("splay 50 nodes ok\n");
    assertThat(o.err()).contains("major");
  }

  @Test
  void aFileRunsAndItsExitStatusIsPassedOn() throws IOException {
    Path file = dir.resolve("exit.scm");
    Files.writeString(
        file, "(lambda (n x) (display (+ n x)) (newline) (exit 3))\n", StandardCharsets.UTF_8);

    Outcome o = MainTest.lurcher("scheme", file.toString(), "2", "40");

    assertThat(o.out()).isEqualTo("42\n");
    assertThat(o.exit()).isEqualTo(3);
  }

  @Test
  void aMissingFileIsAUsageErrorOnOneLine() {
    Outcome o = MainTest.lurcher("scheme", "no/such/file.scm", "1");

    assertThat(o.exit()).isEqualTo(2);
    assertThat(o.err()).startsWith("lurcher scheme: no such file or bundled Scheme program");
    assertThat(o.err().strip()).doesNotContain("\n");
  }

  @Test
  void aSyntaxErrorIsAProgramErrorOnOneLine() throws IOException {
    Path file = dir.resolve("bad.scm");
    Files.writeString(file, "(define (f x) (+ x 1)\n", StandardCharsets.UTF_8);

    Outcome o = MainTest.lurcher("scheme", file.toString(), "1");

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.err()).contains("syntax error");
    assertThat(o.err().strip()).doesNotContain("\n");

    Outcome run = MainTest.lurcher("run", "scheme:" + file, "--json");
    assertThat(run.exit()).isEqualTo(1);
    Map<String, Object> json = MiniJson.parseObject(run.out().strip());
    assertThat(json).containsEntry("benchmark", "scheme:" + file).containsEntry("status", "error");
    assertThat(run.err()).contains("lurcher run: error: ").contains("syntax error");
  }

  @Test
  void aBundledProgramRunsAsABenchmarkWithTheStandardRow() {
    Outcome o =
        MainTest.lurcher(
            "run",
            "scheme:quads",
            "--collector",
            "semi",
            "--heap-size",
            "8m",
            "-P",
            "args=4 3",
            "--json");

    assertThat(o.exit()).as(o.err()).isZero();
    Map<String, Object> json = MiniJson.parseObject(o.out().strip());
    assertThat(json)
        .containsEntry("benchmark", "scheme:quads")
        .containsEntry("collector", "semi")
        .containsEntry("status", "ok")
        .containsEntry("mutators", 1.0)
        .containsEntry("heap_bytes", 8.0 * (1 << 20));
    // The program's own output goes to stderr: stdout is the row only.
    assertThat(o.err()).contains("quads ok");
  }

  @Test
  void aSchemeErrorIsStatusError() throws IOException {
    Path file = dir.resolve("car.scm");
    Files.writeString(file, "(lambda (n) (car 1))\n", StandardCharsets.UTF_8);

    Outcome o = MainTest.lurcher("run", "scheme:" + file);

    assertThat(o.exit()).isEqualTo(1);
    assertThat(o.out()).contains(" error ");
    assertThat(o.err()).endsWith("lurcher run: error: car: not a pair: 1\n");
  }

  @Test
  void bundledProgramsResolveAndAreListed() {
    Outcome list = MainTest.lurcher("list");
    for (String name : SchemeProgram.bundledPrograms().keySet()) {
      assertThat(SchemeProgram.resolve(name).source()).isNotEmpty();
      assertThat(SchemeProgram.resolve(name + ".scm").name()).isEqualTo(name);
      assertThat(list.out()).contains(name);
    }
    assertThat(list.out()).contains("Bundled Scheme programs");
  }
}
