package dev.lurcher.gc.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The configuration of a heap: an immutable value, parsed from {@code key=value,key=value} or built
 * in code with the {@code with…} methods.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>values</th><th>default</th></tr>
 *   <tr><td>collector</td><td>{@code semi}, {@code pcc}, {@code mmc}</td><td>semi</td></tr>
 *   <tr><td>heap-size</td><td>bytes, with an optional k, m or g suffix</td><td>64m</td></tr>
 *   <tr><td>checked</td><td>{@code off}, {@code on}, {@code full}</td><td>on</td></tr>
 *   <tr><td>verify</td><td>{@code true}, {@code false}: run the heap verifier after every
 *       collection</td><td>false</td></tr>
 *   <tr><td>gc-torture</td><td>N &ge; 0: collect at every Nth allocation (0: off)</td>
 *       <td>0</td></tr>
 *   <tr><td>parallelism</td><td>1 &le; N &le; 1024: GC worker threads of parallel collectors
 *       ({@code pcc}); 1 traces on the collecting thread alone</td>
 *       <td>the number of cores</td></tr>
 *   <tr><td>roots</td><td>{@code precise}, {@code conservative}: whether the embedder may register
 *       conservative root ranges (mmc only); what they reach is kept and pinned for the cycle</td>
 *       <td>precise</td></tr>
 *   <tr><td>heap</td><td>{@code precise}, {@code conservative}: trace every heap object word by
 *       word and pin it, headers or not (mmc only: the migration configuration)</td>
 *       <td>precise</td></tr>
 *   <tr><td>large-object-threshold</td><td>bytes (k, m suffixes), 16 to 32k: bigger objects go to
 *       the large-object space (mmc)</td><td>8k</td></tr>
 * </table>
 *
 * <p>An unknown key or a bad value is an {@link IllegalArgumentException} naming it.
 */
public final class HeapOptions {
  /** The smallest heap accepted, in bytes. */
  public static final long MIN_HEAP_SIZE = 256 * 1024;

  /** The largest heap accepted, in bytes (1 TiB of address space). */
  public static final long MAX_HEAP_SIZE = 1L << 40;

  /** The most GC worker threads accepted. */
  public static final int MAX_PARALLELISM = 1024;

  private static final HeapOptions DEFAULTS = new HeapOptions(new Draft());

  /** The largest {@code large-object-threshold}: half a mark-region block. */
  public static final long MAX_LARGE_OBJECT_THRESHOLD = 32 * 1024;

  private final CollectorKind collector;
  private final long heapSize;
  private final CheckLevel checked;
  private final boolean verify;
  private final int gcTorture;
  private final int parallelism;
  private final boolean conservativeRoots;
  private final boolean conservativeHeap;
  private final long largeObjectThreshold;

  private HeapOptions(Draft d) {
    this.collector = d.collector;
    this.heapSize = d.heapSize;
    this.checked = d.checked;
    this.verify = d.verify;
    this.gcTorture = d.gcTorture;
    this.parallelism = d.parallelism;
    this.conservativeRoots = d.conservativeRoots;
    this.conservativeHeap = d.conservativeHeap;
    this.largeObjectThreshold = d.largeObjectThreshold;
  }

  /** The mutable twin of the options, so that each {@code with…} method changes one field. */
  private static final class Draft {
    CollectorKind collector = CollectorKind.SEMI;
    long heapSize = 64L << 20;
    CheckLevel checked = CheckLevel.ON;
    boolean verify;
    int gcTorture;
    int parallelism = Math.min(Runtime.getRuntime().availableProcessors(), MAX_PARALLELISM);
    boolean conservativeRoots;
    boolean conservativeHeap;
    long largeObjectThreshold = 8192;

    Draft() {}

    Draft(HeapOptions o) {
      collector = o.collector;
      heapSize = o.heapSize;
      checked = o.checked;
      verify = o.verify;
      gcTorture = o.gcTorture;
      parallelism = o.parallelism;
      conservativeRoots = o.conservativeRoots;
      conservativeHeap = o.conservativeHeap;
      largeObjectThreshold = o.largeObjectThreshold;
    }
  }

  private HeapOptions change(Consumer<Draft> edit) {
    Draft d = new Draft(this);
    edit.accept(d);
    return new HeapOptions(d);
  }

  /** The default options: semi-space, 64 MiB, checks on, no verifier, no torture. */
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
      case "roots" -> withConservativeRoots(parsePrecision(key, value));
      case "heap" -> withConservativeHeap(parsePrecision(key, value));
      case "large-object-threshold" -> withLargeObjectThreshold(parseSize(key, value));
      default ->
          throw new IllegalArgumentException(
              "unknown heap option '"
                  + key
                  + "' (known: collector, heap-size, checked, verify, gc-torture, parallelism, roots,"
                  + " heap, large-object-threshold)");
    };
  }

  /** Returns these options with another collector. */
  public HeapOptions withCollector(CollectorKind kind) {
    return change(d -> d.collector = kind);
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
    return change(d -> d.heapSize = bytes);
  }

  /** Returns these options with another check level. */
  public HeapOptions withChecked(CheckLevel level) {
    return change(d -> d.checked = level);
  }

  /** Returns these options with the verifier switched on or off. */
  public HeapOptions withVerify(boolean on) {
    return change(d -> d.verify = on);
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
    return change(d -> d.gcTorture = everyNthAllocation);
  }

  /**
   * Returns these options with {@code workers} GC worker threads for parallel collectors (1: trace
   * on the collecting thread, no worker thread). Serial collectors ignore it.
   *
   * @throws IllegalArgumentException if the value is not in [1, {@value #MAX_PARALLELISM}]
   */
  public HeapOptions withParallelism(int workers) {
    if (workers < 1 || workers > MAX_PARALLELISM) {
      throw new IllegalArgumentException(
          "parallelism must be in [1, " + MAX_PARALLELISM + "], got " + workers);
    }
    return change(d -> d.parallelism = workers);
  }

  /**
   * Returns these options with conservative root ranges allowed ({@code roots=conservative}) or not
   * ({@code roots=precise}). Only collectors that can pin ({@code mmc}) accept conservative roots.
   */
  public HeapOptions withConservativeRoots(boolean on) {
    return change(d -> d.conservativeRoots = on);
  }

  /**
   * Returns these options with every heap object traced word by word and pinned ({@code
   * heap=conservative}) or traced through the object model ({@code heap=precise}).
   */
  public HeapOptions withConservativeHeap(boolean on) {
    return change(d -> d.conservativeHeap = on);
  }

  /**
   * Returns these options sending objects bigger than {@code bytes} to the large-object space.
   *
   * @throws IllegalArgumentException if the threshold is not within [16, {@value
   *     #MAX_LARGE_OBJECT_THRESHOLD}] bytes
   */
  public HeapOptions withLargeObjectThreshold(long bytes) {
    if (bytes < 16 || bytes > MAX_LARGE_OBJECT_THRESHOLD) {
      throw new IllegalArgumentException(
          "large-object-threshold "
              + bytes
              + " is out of range [16, "
              + MAX_LARGE_OBJECT_THRESHOLD
              + "] bytes");
    }
    return change(d -> d.largeObjectThreshold = bytes);
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

  /** Whether the embedder may register conservative root ranges ({@code roots=conservative}). */
  public boolean conservativeRoots() {
    return conservativeRoots;
  }

  /** Whether every heap object is traced word by word and pinned ({@code heap=conservative}). */
  public boolean conservativeHeap() {
    return conservativeHeap;
  }

  /**
   * Objects bigger than this many bytes go to the large-object space (collectors that have one).
   */
  public long largeObjectThreshold() {
    return largeObjectThreshold;
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
    map.put("roots", conservativeRoots ? "conservative" : "precise");
    map.put("heap", conservativeHeap ? "conservative" : "precise");
    map.put("large-object-threshold", Long.toString(largeObjectThreshold));
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

  private static boolean parsePrecision(String key, String value) {
    return switch (value) {
      case "precise" -> false;
      case "conservative" -> true;
      default ->
          throw new IllegalArgumentException(
              key + " '" + value + "' must be precise or conservative");
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
