package dev.lurcher.scheme.reader;

/** A symbol in source data; two symbols are the same when their names are equal. */
public record Sym(String name) {
  @Override
  public String toString() {
    return name;
  }
}
