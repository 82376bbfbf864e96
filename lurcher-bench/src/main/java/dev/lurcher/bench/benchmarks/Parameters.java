package dev.lurcher.bench.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's parameter values: its defaults with the user's {@code KEY=VALUE} overrides. */
public final class Parameters {
  private final Map<String, String> values;

  private Parameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * The defaults of {@code benchmark} with {@code overrides} applied.
   *
   * @throws IllegalArgumentException naming an unknown parameter
   */
  public static Parameters of(Benchmark benchmark, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>(benchmark.defaultParameters());
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      if (!values.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "unknown parameter '"
                + e.getKey()
                + "' for benchmark "
                + benchmark.name()
                + " (known: "
                + String.join(", ", values.keySet())
                + ")");
      }
      values.put(e.getKey(), e.getValue().strip());
    }
    return new Parameters(values);
  }

  /** The defaults of {@code benchmark}. */
  public static Parameters defaults(Benchmark benchmark) {
    return of(benchmark, Map.of());
  }

  /**
   * The value of {@code name} as an int.
   *
   * @throws IllegalArgumentException if it is not an integer or not a parameter
   */
  public int intValue(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter " + name + " '" + v + "' is not an integer", e);
    }
  }

  /** Every value, in the benchmark's order. */
  public Map<String, String> asMap() {
    return values;
  }

  /** The values as {@code KEY=VALUE} strings, the form the command line takes. */
  public List<String> asArguments() {
    List<String> args = new ArrayList<>();
    values.forEach((k, v) -> args.add(k + "=" + v));
    return args;
  }

  @Override
  public String toString() {
    return String.join(",", asArguments());
  }
}
