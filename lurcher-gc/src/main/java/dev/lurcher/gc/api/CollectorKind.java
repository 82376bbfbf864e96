package dev.lurcher.gc.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The collectors a heap can be created with ({@code collector=NAME}). */
public enum CollectorKind {
  /** Serial semi-space copying collector (Cheney): half the heap is the copy reserve. */
  SEMI("semi", "serial semi-space copying (Cheney)"),
  /** Parallel copying collector over fixed-size blocks, with a large-object space. */
  PCC("pcc", "parallel copying into blocks, work-stealing tracer, large-object space"),

  /**
   * Mostly-marking: an Immix-like mark-region space (bump allocation into holes, opportunistic
   * evacuation of fragmented blocks) and a large-object space; supports pinning, pointerless and
   * conservative objects, conservative roots and a conservative heap.
   */
  MMC("mmc", "mostly-marking mark-region (Immix-like) with opportunistic evacuation");

  private final String optionName;
  private final String description;

  CollectorKind(String optionName, String description) {
    this.optionName = optionName;
    this.description = description;
  }

  /** The name used in options, e.g. {@code semi}. */
  public String optionName() {
    return optionName;
  }

  /** A one-line description for listings. */
  public String description() {
    return description;
  }

  /**
   * Parses a collector name.
   *
   * @throws IllegalArgumentException naming the bad value and the known collectors
   */
  public static CollectorKind parse(String name) {
    for (CollectorKind kind : values()) {
      if (kind.optionName.equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown collector '" + name + "' (known: " + names() + ")");
  }

  /** The known names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(CollectorKind::optionName).collect(Collectors.joining(", "));
  }
}
