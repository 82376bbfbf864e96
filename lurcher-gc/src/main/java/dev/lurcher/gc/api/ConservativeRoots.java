package dev.lurcher.gc.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Ranges of words that may or may not be references, scanned at every collection: the conservative
 * roots of a heap ({@link Heap#conservativeRoots()}) or of one mutator ({@link
 * Mutator#conservativeRoots()}).
 *
 * <p>Every word that points to the start of, or inside, a live object keeps that object alive and
 * pins it for that collection: the collector cannot update a word it is not sure is a reference, so
 * the object must stay where the word says it is. Words are read as they are at collection time;
 * the collector never writes them. Available only with {@code roots=conservative}.
 *
 * <p>Registration is thread-safe and meant to be rare (a stack segment registered once, say); the
 * registered memory must stay valid while registered.
 */
public final class ConservativeRoots {
  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;

  private final List<long[]> arrays = new CopyOnWriteArrayList<>();
  private final List<MemorySegment> regions = new CopyOnWriteArrayList<>();

  ConservativeRoots() {}

  /** Registers {@code words}: every element is scanned at each collection. Returns this. */
  public ConservativeRoots add(long[] words) {
    arrays.add(Objects.requireNonNull(words, "words"));
    return this;
  }

  /**
   * Registers a memory region (native or on the Java heap): each 8-byte word at an offset multiple
   * of 8 is scanned at each collection. Returns this.
   */
  public ConservativeRoots add(MemorySegment region) {
    regions.add(Objects.requireNonNull(region, "region"));
    return this;
  }

  /** Unregisters {@code words} (compared by identity); returns whether it was registered. */
  public boolean remove(long[] words) {
    for (long[] a : arrays) {
      if (a == words) {
        return arrays.remove(a);
      }
    }
    return false;
  }

  /** Unregisters {@code region}; returns whether it was registered. */
  public boolean remove(MemorySegment region) {
    return regions.remove(region);
  }

  /** Unregisters every range. */
  public void clear() {
    arrays.clear();
    regions.clear();
  }

  /** Whether no range is registered. */
  public boolean isEmpty() {
    return arrays.isEmpty() && regions.isEmpty();
  }

  /**
   * Reports every registered word to {@code visitor}; called by the heap with the world stopped.
   */
  void scan(LongConsumer visitor) {
    for (long[] a : arrays) {
      for (long w : a) {
        visitor.accept(w);
      }
    }
    for (MemorySegment r : regions) {
      long n = r.byteSize() & -8L;
      for (long off = 0; off < n; off += 8) {
        visitor.accept(r.get(WORD, off));
      }
    }
  }
}
