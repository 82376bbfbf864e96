package dev.lurcher.scheme.reader;

/** A syntax error in a program, naming the file, line and column where it was found. */
public final class SchemeSyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SourcePos pos;

  /** An error at {@code pos} (which may be null when the place is unknown). */
  public SchemeSyntaxError(SourcePos pos, String message) {
    super((pos == null ? "<unknown>" : pos.toString()) + ": syntax error: " + message);
    this.pos = pos;
  }

  /** Where the error was found, or null. */
  public SourcePos pos() {
    return pos;
  }
}
