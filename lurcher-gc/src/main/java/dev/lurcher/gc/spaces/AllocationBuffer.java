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

  /** Empties the buffer so the next allocation takes the slow path. */
  public void retire() {
    cursor = 0;
    limit = 0;
  }

  /** Installs a fresh buffer {@code [start, end)}. */
  public void install(long start, long end) {
    cursor = start;
    limit = end;
  }
}
