package dev.lurcher.scheme.runtime;

/**
 * An error raised by a running Scheme program: a runtime type error, a bad argument count, an
 * unbound variable, or a call to {@code error}. Its message is what the user sees; the JVM stack
 * trace is shown only in debug mode.
 */
public final class SchemeError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with the user-facing {@code message}. */
  public SchemeError(String message) {
    super(message);
  }
}
