package dev.lurcher.gc.api;

/**
 * Thrown when a full collection could not free enough memory for an allocation.
 *
 * <p>The heap stays usable: every object reachable before the failed request is intact, and smaller
 * requests may still succeed.
 */
public final class HeapExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long heapBytes;
  private final long liveBytes;
  private final long requestedBytes;

  /** Creates the exception with the heap's figures at the time of the failure. */
  public HeapExhaustedException(long heapBytes, long liveBytes, long requestedBytes) {
    super(
        "heap exhausted: requested "
            + requestedBytes
            + " bytes, heap size "
            + heapBytes
            + " bytes, live after last collection "
            + liveBytes
            + " bytes");
    this.heapBytes = heapBytes;
    this.liveBytes = liveBytes;
    this.requestedBytes = requestedBytes;
  }

  /** The heap's size in bytes. */
  public long heapBytes() {
    return heapBytes;
  }

  /** Live bytes measured by the last collection. */
  public long liveBytes() {
    return liveBytes;
  }

  /** The size of the allocation that failed, in bytes. */
  public long requestedBytes() {
    return requestedBytes;
  }
}
