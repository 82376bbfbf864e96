package dev.lurcher.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.HeapOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the benchmark programs at a small size under torture, checking their printed result. */
class BenchmarkProgramsTest {
  /** Benchmark, arguments (after the thread count), expected output. */
  private static final List<String[]> CASES =
      List.of(
          new String[] {
            "gcbench.scm", "6", "depth 4 iterations 16\ndepth 6 iterations 4\ngcbench ok\n"
          },
          new String[] {"cpstak.scm", "1 9 6 3", "cpstak 6\n"},
          new String[] {"splay.scm", "8 4 2", "splay 8 nodes ok\n"},
          new String[] {"quads.scm", "4 3", "quads live 341 garbage 85 iterations 3\nquads ok\n"},
          new String[] {"peano-fib.scm", "10", "peano-fib 10 = 55\n"},
          new String[] {"earley.scm", "6 1", "earley 6 parses 42\n"},
          new String[] {"boyer.scm", "1 1 1", "boyer 1 tautology #t rewrites 31\n"},
          new String[] {"interp.scm", "10", "interp fib(10) = 55\n"});

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String[] c : CASES) {
      for (HeapOptions options : TestConfigs.torture()) {
        out.add(Arguments.of(c[0], c[1], c[2], options));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1} [{3}]")
  @MethodSource("cases")
  void printsItsResult(String name, String args, String expected, HeapOptions options)
      throws IOException {
    String source;
    try (InputStream in = Scheme.class.getResourceAsStream("/benchmarks/" + name)) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    RunConfig config = RunConfig.of(options).withArgs(1, List.of(args.split(" ")));
    int status = Scheme.run(name, source, config, out, err);
    assertThat(err.toString()).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString()).isEqualTo(expected);
  }
}
