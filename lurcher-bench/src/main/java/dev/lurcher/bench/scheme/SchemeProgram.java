package dev.lurcher.bench.scheme;

import dev.lurcher.scheme.Scheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Scheme program to run: a file, or one of the programs bundled with lurcher-scheme (resources
 * {@code benchmarks/NAME.scm}), named by {@code NAME} or {@code NAME.scm}.
 *
 * @param name the name shown in result rows: the bundled program's name, or the path as given
 * @param fileName the name used in the program's error messages
 * @param source the program text
 * @param defaultArgs the arguments after the thread count for a measured run (bundled programs
 *     only; empty for files)
 */
public record SchemeProgram(String name, String fileName, String source, String defaultArgs) {
  /**
   * The bundled programs and their default arguments (after the thread count) for {@code ./lurcher
   * run scheme:NAME}: sizes of a second or so, not tuned.
   */
  private static final Map<String, String> BUNDLED = bundled();

  private static Map<String, String> bundled() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("gcbench", "16");
    m.put("quads", "8 100");
    m.put("splay", "2000 1000 20");
    m.put("cpstak", "40 18 12 6");
    m.put("peano-fib", "27");
    m.put("earley", "30 40");
    m.put("boyer", "2 5");
    m.put("interp", "28");
    return m;
  }

  /** The bundled programs' names and default arguments, in listing order. */
  public static Map<String, String> bundledPrograms() {
    return BUNDLED;
  }

  /**
   * Resolves {@code spec}: an existing file, else a bundled program's name.
   *
   * @throws IllegalArgumentException (one line) if it is neither, or cannot be read
   */
  public static SchemeProgram resolve(String spec) {
    Path path = Path.of(spec);
    if (Files.isRegularFile(path)) {
      try {
        return new SchemeProgram(spec, spec, Files.readString(path, StandardCharsets.UTF_8), "");
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + spec + ": " + e.getMessage(), e);
      }
    }
    String name = spec.endsWith(".scm") ? spec.substring(0, spec.length() - 4) : spec;
    Optional<String> source = name.contains("/") ? Optional.empty() : bundledSource(name);
    if (source.isEmpty()) {
      throw new IllegalArgumentException(
          "no such file or bundled Scheme program: "
              + spec
              + " (bundled: "
              + String.join(", ", BUNDLED.keySet())
              + ")");
    }
    return new SchemeProgram(
        name, "benchmarks/" + name + ".scm", source.get(), BUNDLED.getOrDefault(name, ""));
  }

  private static Optional<String> bundledSource(String name) {
    try (InputStream in = Scheme.class.getResourceAsStream("/benchmarks/" + name + ".scm")) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
