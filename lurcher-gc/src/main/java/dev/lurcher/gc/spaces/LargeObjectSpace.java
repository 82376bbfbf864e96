package dev.lurcher.gc.spaces;

import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.memory.VirtualMemory;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Objects too large to copy or to fit in a block: each lives in its own mapping, never moves, and
 * is unmapped (its memory handed back to the kernel) when a collection finds it unmarked.
 *
 * <p>Each mapping starts with a 16-byte prefix holding the object's mark word and a tag word (the
 * owning collector's per-object bits, e.g. its allocation kind), so marking is one compare-and-set
 * on memory next to the object, safe from parallel tracers, with no side table. A mark word equal
 * to the current cycle's epoch means marked; starting a cycle bumps the epoch, which unmarks
 * everything without a clearing pass. Lookup (exact or interior, for conservative roots) is a
 * binary search over the sorted object starts: large objects are few.
 */
public final class LargeObjectSpace {
  private static final long PREFIX = 16;

  private long[] starts = new long[16];
  private long[] sizes = new long[16];
  private int count;
  private long bytesInUse;
  private long epoch = 1;

  /**
   * Maps a zeroed object of {@code bytes}. The caller has checked the heap's budget.
   *
   * @return the object's address (16-byte aligned)
   */
  public synchronized long allocate(long bytes) {
    long mapped = VirtualMemory.pageAlign(bytes + PREFIX);
    long base = VirtualMemory.reserve(mapped);
    long ref = base + PREFIX;
    Memory.putLong(base, 0); // unmarked in the current cycle
    Memory.putLong(base + 8, 0); // no tag
    int at = insertionPoint(ref);
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      sizes = Arrays.copyOf(sizes, count * 2);
    }
    System.arraycopy(starts, at, starts, at + 1, count - at);
    System.arraycopy(sizes, at, sizes, at + 1, count - at);
    starts[at] = ref;
    sizes[at] = bytes;
    count++;
    bytesInUse += mapped;
    return ref;
  }

  private int insertionPoint(long ref) {
    int i = Arrays.binarySearch(starts, 0, count, ref);
    return i >= 0 ? i : -i - 1;
  }

  /** Bytes of mappings in use, including page rounding. */
  public synchronized long bytesInUse() {
    return bytesInUse;
  }

  /** Number of large objects. */
  public synchronized int objectCount() {
    return count;
  }

  /** The mapped footprint {@link #allocate} would add for an object of {@code bytes}. */
  public static long footprint(long bytes) {
    return VirtualMemory.pageAlign(bytes + PREFIX);
  }

  /** The size in bytes requested for the large object at {@code ref}, or 0 if there is none. */
  public synchronized long sizeOf(long ref) {
    int i = Arrays.binarySearch(starts, 0, count, ref);
    return i >= 0 ? sizes[i] : 0;
  }

  /** Sets the tag word kept beside the large object at {@code ref} (zero when allocated). */
  public void setTag(long ref, long tag) {
    Memory.putLong(ref - PREFIX + 8, tag);
  }

  /** The tag word kept beside the large object at {@code ref}. */
  public long tag(long ref) {
    return Memory.getLong(ref - PREFIX + 8);
  }

  /** Whether {@code ref} is the start of a large object. */
  public synchronized boolean isObjectStart(long ref) {
    return Arrays.binarySearch(starts, 0, count, ref) >= 0;
  }

  /** The start of the large object containing {@code address}, or 0 if there is none. */
  public synchronized long objectContaining(long address) {
    int i = Arrays.binarySearch(starts, 0, count, address);
    if (i >= 0) {
      return starts[i];
    }
    int before = -i - 2;
    if (before >= 0 && address < starts[before] + sizes[before]) {
      return starts[before];
    }
    return 0;
  }

  /** Starts a collection cycle: every object is unmarked from now on. World stopped. */
  public void startCycle() {
    epoch++;
  }

  /**
   * Marks the large object at {@code ref}.
   *
   * @return true if this call marked it (it was unmarked in this cycle)
   */
  public boolean mark(long ref) {
    long word = ref - PREFIX;
    long current = epoch;
    while (true) {
      long seen = Memory.getLongAcquire(word);
      if (seen == current) {
        return false;
      }
      if (Memory.compareAndSetLong(word, seen, current)) {
        return true;
      }
    }
  }

  /** Whether the object at {@code ref} is marked in the current cycle. */
  public boolean isMarked(long ref) {
    return Memory.getLongAcquire(ref - PREFIX) == epoch;
  }

  /**
   * Unmaps every object not marked in this cycle. World stopped.
   *
   * @return the bytes handed back
   */
  public synchronized long sweep() {
    long freed = 0;
    int kept = 0;
    for (int i = 0; i < count; i++) {
      long ref = starts[i];
      if (Memory.getLong(ref - PREFIX) == epoch) {
        starts[kept] = ref;
        sizes[kept] = sizes[i];
        kept++;
      } else {
        long mapped = VirtualMemory.pageAlign(sizes[i] + PREFIX);
        VirtualMemory.release(ref - PREFIX, mapped);
        freed += mapped;
      }
    }
    Arrays.fill(starts, kept, count, 0);
    count = kept;
    bytesInUse -= freed;
    return freed;
  }

  /** Bytes held by marked objects (their own sizes, not the mappings). World stopped. */
  public synchronized long markedBytes() {
    long total = 0;
    for (int i = 0; i < count; i++) {
      if (isMarked(starts[i])) {
        total += sizes[i];
      }
    }
    return total;
  }

  /** Calls {@code action} with every large object's address, in address order. */
  public synchronized void forEachObject(LongConsumer action) {
    for (int i = 0; i < count; i++) {
      action.accept(starts[i]);
    }
  }

  /** Unmaps every object. */
  public synchronized void release() {
    for (int i = 0; i < count; i++) {
      VirtualMemory.release(starts[i] - PREFIX, VirtualMemory.pageAlign(sizes[i] + PREFIX));
    }
    count = 0;
    bytesInUse = 0;
  }
}
