package dev.lurcher.gc.spaces;

/**
 * One bit per 16-byte granule of a range, set where an object starts.
 *
 * <p>Spaces without side metadata of their own use it to validate object starts under {@code
 * checked=full}; it costs nothing when checks are lower because nobody records into it.
 */
public final class ObjectStartMap {
  private final long base;
  private final long[] bits;

  /** A map over {@code [base, base + bytes)}. */
  public ObjectStartMap(long base, long bytes) {
    this.base = base;
    this.bits = new long[(int) ((bytes >>> 4) + 63 >>> 6)];
  }

  /** Records an object start at {@code ref}. */
  public void set(long ref) {
    long g = (ref - base) >>> 4;
    bits[(int) (g >>> 6)] |= 1L << g;
  }

  /** Whether an object start was recorded at {@code ref}. */
  public boolean isSet(long ref) {
    long g = (ref - base) >>> 4;
    return (bits[(int) (g >>> 6)] & (1L << g)) != 0;
  }

  /** Clears the records of {@code [from, to)}, both granule aligned. */
  public void clear(long from, long to) {
    for (long a = from; a < to; a += 16) {
      long g = (a - base) >>> 4;
      if ((g & 63) == 0 && a + 1024 <= to) {
        bits[(int) (g >>> 6)] = 0;
        a += 1024 - 16;
      } else {
        bits[(int) (g >>> 6)] &= ~(1L << g);
      }
    }
  }
}
