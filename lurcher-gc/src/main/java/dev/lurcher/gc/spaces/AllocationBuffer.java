package dev.lurcher.gc.spaces;

/**
 * A mutator's thread-local allocation buffer: the range {@code [cursor, limit)} it bumps through
 * without locks. Spaces hand out buffers; the heap retires every buffer at each collection.
 *
 * <p>Fields are public and plain because the allocation fast path reads and writes them directly:
 * only the owning thread touches a buffer, except while the world is stopped.
 */
public final class AllocationBuffer {
  /** The next free address. */
  public long cursor;

  /** The end of the buffer (exclusive). */
  public long limit;

  /**
   * For block-structured spaces that sweep lazily: where the search for the next hole resumes in
   * the mutator's current block (0: no block). Only the space refilling this buffer uses it.
   */
  public long sweepCursor;

  /** The end of the block {@link #sweepCursor} sweeps through. */
  public long sweepLimit;

  /**
   * Empties the buffer so the next allocation takes the slow path, and gives up any block it was
   * sweeping (a collection re-sweeps every block with the new marks).
   */
  public void retire() {
    cursor = 0;
    limit = 0;
    sweepCursor = 0;
    sweepLimit = 0;
  }

  /** Installs a fresh buffer {@code [start, end)}. */
  public void install(long start, long end) {
    cursor = start;
    limit = end;
  }
}
