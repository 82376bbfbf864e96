package dev.lurcher.bench.benchmarks;

import dev.lurcher.bench.scheme.SchemeBenchmark;
import dev.lurcher.bench.scheme.SchemeProgram;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry of benchmarks, in listing order. */
public final class Benchmarks {
  private static final List<Benchmark> ALL = List.of(new GcBench(), new MtGcBench(), new Quads());

  private Benchmarks() {}

  /** Every benchmark. */
  public static List<Benchmark> all() {
    return ALL;
  }

  /**
   * The benchmark called {@code name}, if any; {@code scheme:PROGRAM} names a Scheme program (a
   * file or a bundled program, see {@link SchemeProgram#resolve}).
   *
   * @throws IllegalArgumentException if a {@code scheme:} program cannot be found or read
   */
  public static Optional<Benchmark> find(String name) {
    if (name.startsWith(SchemeBenchmark.PREFIX)) {
      return Optional.of(
          new SchemeBenchmark(
              SchemeProgram.resolve(name.substring(SchemeBenchmark.PREFIX.length()))));
    }
    return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
  }

  /**
   * The benchmark called {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown benchmark and the known ones
   */
  public static Benchmark get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown benchmark '" + name + "' (known: " + names() + ")"));
  }

  /** The known names, comma separated. */
  public static String names() {
    return ALL.stream().map(Benchmark::name).collect(Collectors.joining(", "));
  }
}
