package dev.lurcher.scheme.runtime;

/** Thrown by {@code (exit code)} to stop the program; the runner turns it into an exit status. */
public final class SchemeExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An exit with {@code status}. */
  public SchemeExit(int status) {
    super("exit " + status, null, false, false);
    this.status = status;
  }

  /** The exit status. */
  public int status() {
    return status;
  }
}
