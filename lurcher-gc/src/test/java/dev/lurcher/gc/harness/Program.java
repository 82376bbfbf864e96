package dev.lurcher.gc.harness;

import dev.lurcher.gc.harness.Op.ArrayKind;
import dev.lurcher.gc.harness.Op.Home;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A generated mutator program: a list of {@link Op}s, run by {@link ProgramRunner} against a heap
 * and a shadow model in lockstep.
 *
 * <p>{@link #toString} prints one op per line in the syntax {@link #parse} reads, so the program
 * that jqwik prints for a shrunk failure can be pasted into a regression test as is.
 */
public record Program(List<Op> ops) {
  /** Copies the ops. */
  public Program {
    ops = List.copyOf(ops);
  }

  /** A program of the given ops. */
  public static Program of(Op... ops) {
    return new Program(List.of(ops));
  }

  /** The number of ops. */
  public int size() {
    return ops.size();
  }

  /**
   * Reads a program printed by {@link #toString}: one op per line, blank lines and {@code #}
   * comments ignored, an optional leading {@code N:} index on each line.
   *
   * @throws IllegalArgumentException naming the line that does not parse
   */
  public static Program parse(String text) {
    List<Op> ops = new ArrayList<>();
    int lineNumber = 0;
    for (String raw : text.split("\n", -1)) {
      lineNumber++;
      String line = raw.strip();
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash).strip();
      }
      line = line.replaceFirst("^\\d+:\\s*", "");
      if (line.isEmpty() || line.startsWith("Program[")) {
        continue;
      }
      try {
        ops.add(parseOp(line.split("\\s+")));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "line " + lineNumber + ": cannot parse '" + raw + "'", e);
      }
    }
    return new Program(ops);
  }

  private static Op parseOp(String[] w) {
    return switch (w[0]) {
      case "alloc" -> new Op.Alloc(num(w, 1), home(w, 2));
      case "array" ->
          new Op.AllocArray(
              ArrayKind.valueOf(arg(w, 1).toUpperCase(Locale.ROOT)), num(w, 2), home(w, 3));
      case "store-ref" ->
          new Op.StoreRef(num(w, 1), num(w, 2), arg(w, 3).equals("null") ? -1 : num(w, 3));
      case "store-imm" -> new Op.StoreImmediate(num(w, 1), num(w, 2), Long.parseLong(arg(w, 3)));
      case "store-raw" -> new Op.StoreRaw(num(w, 1), num(w, 2), Long.parseLong(arg(w, 3)));
      case "load-ref" -> new Op.LoadRef(num(w, 1), num(w, 2), home(w, 3));
      case "read-raw" -> new Op.ReadRaw(num(w, 1), num(w, 2));
      case "push" -> new Op.PushRoot(num(w, 1), home(w, 2));
      case "drop" -> new Op.DropRoot(num(w, 1));
      case "collect" -> new Op.Collect();
      case "exhaust" -> new Op.Exhaust();
      case "churn" -> new Op.Churn(num(w, 1), num(w, 2));
      default -> throw new IllegalArgumentException("unknown op '" + w[0] + "'");
    };
  }

  private static String arg(String[] words, int i) {
    if (i >= words.length) {
      throw new IllegalArgumentException("missing operand " + i);
    }
    return words[i];
  }

  private static int num(String[] words, int i) {
    int n = Integer.parseInt(arg(words, i));
    if (n < 0) {
      throw new IllegalArgumentException("operand " + i + " must be >= 0, got " + n);
    }
    return n;
  }

  private static Home home(String[] words, int i) {
    return Home.valueOf(arg(words, i).toUpperCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Program[" + ops.size() + " ops]\n");
    for (int i = 0; i < ops.size(); i++) {
      out.append(String.format(Locale.ROOT, "%4d: %s%n", i, ops.get(i)));
    }
    return out.toString();
  }
}
