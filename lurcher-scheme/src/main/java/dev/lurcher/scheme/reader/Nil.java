package dev.lurcher.scheme.reader;

/** The empty list in source data. */
public enum Nil {
  /** The only instance: {@code ()}. */
  NIL;

  @Override
  public String toString() {
    return "()";
  }
}
