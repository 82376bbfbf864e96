package dev.lurcher.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.HeapOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every program under {@code src/test/resources/conformance} (expected output in {@code
 * NAME.out}) and {@code errors} (expected standard error in {@code NAME.err}, exit status 1, and
 * the output before the error in {@code NAME.out} if present) under every torture configuration.
 */
class ConformanceTest {
  static Stream<Arguments> programs() {
    List<Arguments> out = new ArrayList<>();
    for (String dir : List.of("conformance", "errors")) {
      for (Path p : list(dir)) {
        for (HeapOptions options : TestConfigs.torture()) {
          out.add(Arguments.of(dir + "/" + p.getFileName(), options));
        }
      }
    }
    return out.stream();
  }

  private static List<Path> list(String dir) {
    try (Stream<Path> files = Files.list(resource(dir))) {
      return files.filter(p -> p.toString().endsWith(".scm")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(ConformanceTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String readOr(Path p, String fallback) throws IOException {
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : fallback;
  }

  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("programs")
  void runs(String program, HeapOptions options) throws IOException {
    Path file = resource(program);
    String base = file.getFileName().toString().replaceFirst("\\.scm$", "");
    Path dir = file.getParent();
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int status =
        Scheme.run(
            file.getFileName().toString(),
            Files.readString(file, StandardCharsets.UTF_8),
            RunConfig.of(options),
            out,
            err);
    Path expectedErr = dir.resolve(base + ".err");
    if (Files.exists(expectedErr)) {
      assertThat(err.toString()).isEqualTo(Files.readString(expectedErr, StandardCharsets.UTF_8));
      assertThat(status).isEqualTo(Scheme.EXIT_ERROR);
      assertThat(out.toString()).isEqualTo(readOr(dir.resolve(base + ".out"), ""));
    } else {
      assertThat(err.toString()).isEmpty();
      assertThat(status).isEqualTo(Scheme.EXIT_OK);
      assertThat(out.toString()).isEqualTo(readOr(dir.resolve(base + ".out"), ""));
    }
  }
}
