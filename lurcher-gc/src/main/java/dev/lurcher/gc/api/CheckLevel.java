package dev.lurcher.gc.api;

import java.util.Locale;

/** How much the heap checks references and offsets that cross the API. */
public enum CheckLevel {
  /** No checks: a bad reference may corrupt memory or crash the JVM. For measured runs only. */
  OFF,
  /** References must lie in the heap; offsets must lie inside the object. The default. */
  ON,
  /** As {@link #ON}, and every reference must be the start of an allocated object. */
  FULL;

  /** The option spelling: {@code off}, {@code on} or {@code full}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
