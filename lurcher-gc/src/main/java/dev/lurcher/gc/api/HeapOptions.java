package dev.lurcher.gc.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration of a heap: an immutable value, parsed from {@code key=value,key=value} or built
 * in code with the {@code with…} methods.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>values</th><th>default</th></tr>
 *   <tr><td>collector</td><td>{@code semi}, {@code pcc}</td><td>semi</td></tr>
 *   <tr><td>heap-size</td><td>bytes, with an optional k, m or g suffix</td><td>64m</td></tr>
 *   <tr><td>checked</td><td>{@code off}, {@code on}, {@code full}</td><td>on</td></tr>
 *   <tr><td>verify</td><td>{@code true}, {@code false}: run the heap verifier after every
 *       collection</td><td>false</td></tr>
 *   <tr><td>gc-torture</td><td>N &ge; 0: collect at every Nth allocation (0: off)</td>
 *       <td>0</td></tr>
 *   <tr><td>parallelism</td><td>1 &le; N &le; 1024: GC worker threads of parallel collectors
 *       ({@code pcc}); 1 traces on the collecting thread alone</td>
 *       <td>the number of cores</td></tr>
 * </table>
 *
 * <p>An unknown key or a bad value is an {@link IllegalArgumentException} naming it.
 */
public final class HeapOptions {
  /** The smallest heap accepted, in bytes. */
  public static final long MIN_HEAP_SIZE = 256 * 1024;

  /** The most GC worker threads accepted. */
  public static final int MAX_PARALLELISM = 1024;

  /** The largest heap accepted, in bytes (1 TiB of address space). */
  public static final long MAX_HEAP_SIZE = 1L << 40;

  private static final HeapOptions DEFAULTS =
      new HeapOptions(
          CollectorKind.SEMI,
          64L << 20,
          CheckLevel.ON,
          false,
          0,
          Math.min(Runtime.getRuntime().availableProcessors(), 1024));

  private final CollectorKind collector;
  private final long heapSize;
  private final CheckLevel checked;
  private final boolean verify;
  private final int gcTorture;
  private final int parallelism;

  private HeapOptions(
      CollectorKind collector,
      long heapSize,
      CheckLevel checked,
      boolean verify,
      int gcTorture,
      int parallelism) {
    this.collector = collector;
    this.heapSize = heapSize;
    this.checked = checked;
    this.verify = verify;
    this.gcTorture = gcTorture;
    this.parallelism = parallelism;
  }

  /**
   * The default options: semi-space, 64 MiB, checks on, no verifier, no torture, one GC worker per
   * core.
   */
  public static HeapOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Parses {@code key=value} pairs separated by commas, applied over the defaults. Blank input
   * gives the defaults; a later key overrides an earlier one.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public static HeapOptions parse(String text) {
    return defaults().with(text);
  }

  /** Applies {@code key=value,…} pairs over these options. */
  public HeapOptions with(String text) {
    HeapOptions result = this;
    if (text == null || text.isBlank()) {
      return result;
    }
    for (String pair : text.split(",", -1)) {
      String item = pair.strip();
      if (item.isEmpty()) {
        throw new IllegalArgumentException("empty option in '" + text + "'");
      }
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("option '" + item + "' is not of the form key=value");
      }
      result = result.with(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
    }
    return result;
  }

  /**
   * Returns these options with one key set from its textual value.
   *
   * @throws IllegalArgumentException naming an unknown key or a bad value
   */
  public HeapOptions with(String key, String value) {
    return switch (key) {
      case "collector" -> withCollector(CollectorKind.parse(value));
      case "heap-size" -> withHeapSize(parseSize(key, value));
      case "checked" -> withChecked(parseCheckLevel(value));
      case "verify" -> withVerify(parseBoolean(key, value));
      case "gc-torture" -> withGcTorture(parseInt(key, value));
      case "parallelism" -> withParallelism(parseInt(key, value));
      default ->
          throw new IllegalArgumentException(
              "unknown heap option '"
                  + key
                  + "' (known: collector, heap-size, checked, verify, gc-torture, parallelism)");
    };
  }

  /** Returns these options with another collector. */
  public HeapOptions withCollector(CollectorKind kind) {
    return new HeapOptions(kind, heapSize, checked, verify, gcTorture, parallelism);
  }

  /**
   * Returns these options with another heap size in bytes.
   *
   * @throws IllegalArgumentException if the size is outside [{@value #MIN_HEAP_SIZE}, 1 TiB]
   */
  public HeapOptions withHeapSize(long bytes) {
    if (bytes < MIN_HEAP_SIZE || bytes > MAX_HEAP_SIZE) {
      throw new IllegalArgumentException(
          "heap-size "
              + bytes
              + " is out of range ["
              + MIN_HEAP_SIZE
              + ", "
              + MAX_HEAP_SIZE
              + "] bytes");
    }
    return new HeapOptions(collector, bytes, checked, verify, gcTorture, parallelism);
  }

  /** Returns these options with another check level. */
  public HeapOptions withChecked(CheckLevel level) {
    return new HeapOptions(collector, heapSize, level, verify, gcTorture, parallelism);
  }

  /** Returns these options with the verifier switched on or off. */
  public HeapOptions withVerify(boolean on) {
    return new HeapOptions(collector, heapSize, checked, on, gcTorture, parallelism);
  }

  /**
   * Returns these options collecting at every {@code everyNthAllocation}th allocation (0: never).
   *
   * @throws IllegalArgumentException if the value is negative
   */
  public HeapOptions withGcTorture(int everyNthAllocation) {
    if (everyNthAllocation < 0) {
      throw new IllegalArgumentException("gc-torture must be >= 0, got " + everyNthAllocation);
    }
    return new HeapOptions(collector, heapSize, checked, verify, everyNthAllocation, parallelism);
  }

  /**
   * Returns these options with {@code workers} GC worker threads for parallel collectors (1: trace
   * on the collecting thread, no worker thread). Serial collectors ignore it.
   *
   * @throws IllegalArgumentException if the value is not in [1, 1024]
   */
  public HeapOptions withParallelism(int workers) {
    if (workers < 1 || workers > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism must be in [1, " + MAX_PARALLELISM + "], got " + workers);
    }
    return new HeapOptions(collector, heapSize, checked, verify, gcTorture, workers);
  }

  /** The collector. */
  public CollectorKind collector() {
    return collector;
  }

  /** The heap size in bytes: the most memory the heap's spaces may use together. */
  public long heapSize() {
    return heapSize;
  }

  /** The check level for references crossing the API. */
  public CheckLevel checked() {
    return checked;
  }

  /** Whether the heap verifier runs after every collection. */
  public boolean verify() {
    return verify;
  }

  /** Collect at every Nth allocation; 0 when torture is off. */
  public int gcTorture() {
    return gcTorture;
  }

  /** The number of GC workers of parallel collectors; the machine's cores by default. */
  public int parallelism() {
    return parallelism;
  }

  /** The options as an ordered map of their textual values. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("collector", collector.optionName());
    map.put("heap-size", Long.toString(heapSize));
    map.put("checked", checked.optionName());
    map.put("verify", Boolean.toString(verify));
    map.put("gc-torture", Integer.toString(gcTorture));
    map.put("parallelism", Integer.toString(parallelism));
    return map;
  }

  /** The options in the {@code key=value,…} form that {@link #parse} reads back. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    asMap()
        .forEach(
            (k, v) -> {
              if (!out.isEmpty()) {
                out.append(',');
              }
              out.append(k).append('=').append(v);
            });
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeapOptions o && toString().equals(o.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  /**
   * Parses a byte size: digits with an optional {@code k}, {@code m} or {@code g} suffix (binary
   * multiples, case-insensitive).
   *
   * @throws IllegalArgumentException naming {@code what} and the bad value
   */
  public static long parseSize(String what, String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    long multiplier = 1;
    if (!v.isEmpty()) {
      switch (v.charAt(v.length() - 1)) {
        case 'k' -> multiplier = 1L << 10;
        case 'm' -> multiplier = 1L << 20;
        case 'g' -> multiplier = 1L << 30;
        default -> {}
      }
    }
    String digits = multiplier == 1 ? v : v.substring(0, v.length() - 1);
    try {
      long n = Long.parseLong(digits);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.multiplyExact(n, multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " '" + value + "' is not a size (bytes, or a number with a k, m or g suffix)", e);
    }
  }

  private static CheckLevel parseCheckLevel(String value) {
    for (CheckLevel level : CheckLevel.values()) {
      if (level.optionName().equals(value)) {
        return level;
      }
    }
    throw new IllegalArgumentException("checked '" + value + "' must be off, on or full");
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + " '" + value + "' must be true or false");
    };
  }

  private static int parseInt(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " '" + value + "' is not an integer", e);
    }
  }
}
