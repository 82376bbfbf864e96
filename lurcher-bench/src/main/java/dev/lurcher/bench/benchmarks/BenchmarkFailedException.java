package dev.lurcher.bench.benchmarks;

/** A benchmark found its own data corrupted: the run's status is {@code error}. */
public final class BenchmarkFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying what was wrong. */
  public BenchmarkFailedException(String message) {
    super(message);
  }
}
