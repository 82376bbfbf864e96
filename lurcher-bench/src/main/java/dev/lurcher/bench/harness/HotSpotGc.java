package dev.lurcher.bench.harness;

/** HotSpot's collectors that the plain-Java twins run under ({@code --hotspot NAME}). */
public enum HotSpotGc {
  /** The throughput collector. */
  PARALLEL(
      "parallel",
      "-XX:+UseParallelGC",
      "Parallel: stop-the-world generational copying young, mark-compact old"),
  /** The default collector. */
  G1("g1", "-XX:+UseG1GC", "G1: regional generational copying, concurrent marking"),
  /** The low-latency collector (generational ZGC). */
  ZGC("zgc", "-XX:+UseZGC", "ZGC: generational, concurrent marking and relocation");

  private final String optionName;
  private final String flag;
  private final String description;

  HotSpotGc(String optionName, String flag, String description) {
    this.optionName = optionName;
    this.flag = flag;
    this.description = description;
  }

  /** The name after {@code --hotspot}, e.g. {@code g1}. */
  public String optionName() {
    return optionName;
  }

  /** The JVM flag selecting it. */
  public String flag() {
    return flag;
  }

  /** A one-line description. */
  public String description() {
    return description;
  }

  /** The collector column of results, e.g. {@code hotspot-g1}. */
  public String label() {
    return "hotspot-" + optionName;
  }

  /**
   * Parses a name.
   *
   * @throws IllegalArgumentException naming the bad value and the known ones
   */
  public static HotSpotGc parse(String name) {
    for (HotSpotGc gc : values()) {
      if (gc.optionName.equals(name)) {
        return gc;
      }
    }
    StringBuilder known = new StringBuilder();
    for (HotSpotGc gc : values()) {
      known.append(known.isEmpty() ? "" : ", ").append(gc.optionName);
    }
    throw new IllegalArgumentException(
        "unknown HotSpot collector '" + name + "' (known: " + known + ")");
  }
}
