package dev.lurcher.bench.harness;

import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link RunResult} as a two-line table (a header line and a value line, columns aligned,
 * separated by at least two spaces; no value contains whitespace) or as one JSON object on one
 * line. Field names and order are the result contract; milliseconds have three decimals.
 */
public final class ResultFormat {
  /** The contract's field names, in order. */
  public static final List<String> FIELD_NAMES =
      List.of(
          "benchmark",
          "collector",
          "options",
          "heap_bytes",
          "mutators",
          "status",
          "wall_ms",
          "gc_ms",
          "major_gcs",
          "minor_gcs",
          "pause_p50_ms",
          "pause_p99_ms",
          "pause_max_ms",
          "peak_heap_bytes",
          "live_bytes");

  private ResultFormat() {}

  /** One printed field: its name, its text, and whether it is a string (quoted in JSON). */
  record Field(String name, String text, boolean string) {}

  static List<Field> fields(RunResult r) {
    return List.of(
        new Field("benchmark", r.benchmark(), true),
        new Field("collector", r.collector(), true),
        new Field("options", r.options(), true),
        new Field("heap_bytes", Long.toString(r.heapBytes()), false),
        new Field("mutators", Integer.toString(r.mutators()), false),
        new Field("status", r.status().label(), true),
        new Field("wall_ms", millis(r.wallMs()), false),
        new Field("gc_ms", millis(r.gcMs()), false),
        new Field("major_gcs", Long.toString(r.majorGcs()), false),
        new Field("minor_gcs", Long.toString(r.minorGcs()), false),
        new Field("pause_p50_ms", millis(r.pauseP50Ms()), false),
        new Field("pause_p99_ms", millis(r.pauseP99Ms()), false),
        new Field("pause_max_ms", millis(r.pauseMaxMs()), false),
        new Field("peak_heap_bytes", Long.toString(r.peakHeapBytes()), false),
        new Field("live_bytes", Long.toString(r.liveBytes()), false));
  }

  /** Milliseconds with three decimals (microsecond resolution), whatever the locale. */
  public static String millis(double ms) {
    return String.format(Locale.ROOT, "%.3f", ms);
  }

  /** The header line and the value line, each ending with a newline. */
  public static String table(RunResult r) {
    List<Field> fields = fields(r);
    StringBuilder header = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (int k = 0; k < fields.size(); k++) {
      Field f = fields.get(k);
      String text = f.text().isEmpty() ? "-" : f.text().replaceAll("\\s", "_");
      int width = Math.max(f.name().length(), text.length());
      if (k > 0) {
        header.append("  ");
        values.append("  ");
      }
      header.append(pad(f.name(), k == fields.size() - 1 ? 0 : width));
      values.append(pad(text, k == fields.size() - 1 ? 0 : width));
    }
    return header + "\n" + values + "\n";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** One JSON object on one line, ending with a newline. */
  public static String json(RunResult r) {
    StringBuilder out = new StringBuilder("{");
    List<Field> fields = fields(r);
    for (int k = 0; k < fields.size(); k++) {
      Field f = fields.get(k);
      if (k > 0) {
        out.append(',');
      }
      out.append(Json.quote(f.name())).append(':');
      out.append(f.string() ? Json.quote(f.text()) : f.text());
    }
    if (r.tracer() != null) {
      // Extra fields, only for collectors that use the parallel tracer.
      out.append(",\"steals\":").append(r.tracer().steals());
      out.append(",\"idle_fraction\":")
          .append(String.format(Locale.ROOT, "%.4f", r.tracer().idleFraction()));
    }
    return out.append("}\n").toString();
  }
}
