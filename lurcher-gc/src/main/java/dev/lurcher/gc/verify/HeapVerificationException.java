package dev.lurcher.gc.verify;

/** The heap verifier found an inconsistency: a collector or object-model bug. */
public final class HeapVerificationException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a description of what is inconsistent, and where. */
  public HeapVerificationException(String message) {
    super(message);
  }
}
