package dev.lurcher.scheme.reader;

/** A place in a source file: 1-based line and column. */
public record SourcePos(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
