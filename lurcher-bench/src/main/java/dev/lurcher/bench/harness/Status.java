package dev.lurcher.bench.harness;

import java.util.Locale;

/** How a run ended. */
public enum Status {
  /** The benchmark completed and validated its data. */
  OK,
  /** The heap was exhausted: Lurcher's {@code HeapExhaustedException} or HotSpot's OOM. */
  OOM,
  /** The benchmark failed (corrupted data, an exception, a child JVM that died). */
  ERROR;

  /** The spelling in results: {@code ok}, {@code oom} or {@code error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a label.
   *
   * @throws IllegalArgumentException if it is not one
   */
  public static Status parse(String label) {
    for (Status s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status '" + label + "'");
  }
}
