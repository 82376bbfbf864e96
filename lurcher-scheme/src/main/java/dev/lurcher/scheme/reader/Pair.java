package dev.lurcher.scheme.reader;

import java.util.ArrayList;
import java.util.List;

/**
 * A pair in source data. It remembers where it was read so that the expander can name the file,
 * line and column of a malformed form.
 */
public final class Pair {
  private final Object car;
  private Object cdr;
  private final SourcePos pos;

  /** A pair read at {@code pos} (null when synthesised). */
  public Pair(Object car, Object cdr, SourcePos pos) {
    this.car = car;
    this.cdr = cdr;
    this.pos = pos;
  }

  /** A synthesised pair with no position. */
  public Pair(Object car, Object cdr) {
    this(car, cdr, null);
  }

  /** The first element. */
  public Object car() {
    return car;
  }

  /** The rest. */
  public Object cdr() {
    return cdr;
  }

  /** Where the pair was read, or null. */
  public SourcePos pos() {
    return pos;
  }

  void setCdr(Object cdr) {
    this.cdr = cdr;
  }

  /** Builds a proper list. */
  public static Object list(Object... items) {
    Object result = Nil.NIL;
    for (int i = items.length - 1; i >= 0; i--) {
      result = new Pair(items[i], result);
    }
    return result;
  }

  /** Builds a proper list from {@code items} ending in {@code tail}. */
  public static Object listWithTail(List<Object> items, Object tail) {
    Object result = tail;
    for (int i = items.size() - 1; i >= 0; i--) {
      result = new Pair(items.get(i), result);
    }
    return result;
  }

  /** The elements of a proper list, or null if {@code datum} is not one. */
  public static List<Object> toList(Object datum) {
    List<Object> out = new ArrayList<>();
    while (datum instanceof Pair p) {
      out.add(p.car);
      datum = p.cdr;
    }
    return datum == Nil.NIL ? out : null;
  }

  @Override
  public String toString() {
    return Datums.write(this);
  }
}
