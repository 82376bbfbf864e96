package dev.lurcher.gc.spaces;

import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.memory.VirtualMemory;
import java.lang.foreign.ValueLayout;

/**
 * A mark-region space (Immix-like, after Whippet's "nofl" space): fixed 64 KiB blocks of 16-byte
 * granules, one side-metadata byte per granule, bump allocation through holes found by lazy
 * sweeping, no free lists.
 *
 * <h2>Metadata byte</h2>
 *
 * <pre>
 * bits 0-2  mark state: 0 none, 1 YOUNG (recorded since the last collection), 2/3/4 the marks,
 *           rotating per cycle (5-7 spare for a concurrent or sticky-generational mode)
 * bit  3    END: the object's last granule
 * bit  4    PINNED: never moves (pin(), and every untagged object)
 * bit  5    POINTERLESS: untagged raw data, never scanned
 * bit  6    CONSERVATIVE: untagged, scanned word by word
 * bit  7    LOGGED: reserved for the field-logging barrier of the generational mode
 * </pre>
 *
 * <p>The mark state is non-zero only on an object's first granule, so it doubles as an object-start
 * bit, and END bounds the object: object extents can be read from metadata alone, which headerless
 * objects need and which lets the sweeper skip live objects without touching their memory.
 *
 * <p>Marks rotate through three values, so starting a cycle clears nothing: last cycle's marks
 * simply stop meaning "live". A dead object's stale mark would read as live again three cycles
 * later; every block is swept (its free runs' metadata zeroed) lazily by the allocator, and a block
 * that escaped sweeping for two cycles gets its stale bytes of the coming mark cleared when the
 * next collection starts ({@link #startCollection}).
 *
 * <p>The metadata lives in its own mapping, one byte per granule of the block area, so an object's
 * metadata byte is {@code bias + (address >>> 4)}: a shift and an add.
 *
 * <h2>Blocks and sweeping</h2>
 *
 * <p>A block is free (in the empty pool, not charged to the heap's budget) or in use. After a
 * collection every block with survivors is queued for sweeping; an allocator takes a block and
 * sweeps it hole by hole as it needs room: a hole is a maximal run of granules not covered by a
 * survivor, found at granule precision from the metadata (no Immix lines: the per-granule marks and
 * END bits give exact object bounds, so no line-granularity space is lost). Holes are zeroed when
 * passed, so swept free memory always reads zero. When no queued block is left, empty blocks are
 * handed out, keeping an evacuation reserve of empty blocks back for the collector.
 *
 * <p>Thread safety: block hand-out is synchronized; the sweep of a block is done by the one mutator
 * that owns it, without locks. Collection-time methods run with the world stopped.
 */
public final class MarkRegionSpace {
  /** log2 of the block size. */
  public static final int BLOCK_SHIFT = 16;

  /** Bytes per block: 64 KiB, as Whippet. */
  public static final long BLOCK_BYTES = 1L << BLOCK_SHIFT;

  /** Granules per block. */
  public static final int GRANULES_PER_BLOCK = (int) (BLOCK_BYTES >>> 4);

  /** Mask of the mark state in a metadata byte. */
  public static final int MARK_MASK = 0x07;

  /** Mark state of an object recorded since the last collection. */
  public static final int YOUNG = 1;

  /** Metadata bit: the last granule of an object. */
  public static final int END = 0x08;

  /** Metadata bit: the object never moves. */
  public static final int PINNED = 0x10;

  /** Metadata bit: untagged raw data, never scanned. */
  public static final int POINTERLESS = 0x20;

  /** Metadata bit: untagged, scanned word by word. */
  public static final int CONSERVATIVE = 0x40;

  /** Metadata bits of untagged objects (no header: the size comes from END). */
  public static final int UNTAGGED = POINTERLESS | CONSERVATIVE;

  /** Metadata bit reserved for the field-logging write barrier. */
  public static final int LOGGED = 0x80;

  private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long ENDS = ONES * END;
  private static final long MARKS = ONES * MARK_MASK;

  private static final byte FREE = 0;
  private static final byte IN_USE = 1;

  private final long reservation;
  private final long reservationBytes;
  private final long base;
  private final long limit;
  private final int blockCount;
  private final long metaMapping;
  private final long metaMappingBytes;
  private final long metaBias;
  private final long budgetBytes;
  private final int reserveBlocks;
  private final LargeObjectSpace los;

  private final byte[] state;
  private final int[] live;
  private final int[] sweptAt;
  private final int[] sweptTo;
  private final boolean[] fresh;
  private final boolean[] committed;
  private final int[] emptyPool;
  private int emptyCount;
  private final int[] toSweep;
  private int toSweepNext;
  private int toSweepCount;
  private int usedBlocks;
  private boolean reserveOpen;
  private int cycle;
  private int liveMark;

  /**
   * Reserves the blocks of a heap whose budget is {@code budgetBytes} (blocks and large objects
   * together), at least four blocks.
   */
  public MarkRegionSpace(long budgetBytes, LargeObjectSpace los) {
    this.blockCount = (int) Math.max(4, budgetBytes >>> BLOCK_SHIFT);
    this.budgetBytes = Math.max(budgetBytes, (long) blockCount << BLOCK_SHIFT);
    this.los = los;
    long blockBytes = (long) blockCount << BLOCK_SHIFT;
    // Over-reserve by one block so the block area can start on a block boundary.
    this.reservationBytes = blockBytes + BLOCK_BYTES;
    this.reservation = VirtualMemory.reserve(reservationBytes);
    this.base = (reservation + BLOCK_BYTES - 1) & -BLOCK_BYTES;
    this.limit = base + blockBytes;
    // One byte per granule, plus a page of slack: the word-at-a-time scans may read 7 bytes past
    // the last block's metadata.
    this.metaMappingBytes = VirtualMemory.pageAlign((blockBytes >>> 4) + VirtualMemory.PAGE_SIZE);
    this.metaMapping = VirtualMemory.reserve(metaMappingBytes);
    this.metaBias = metaMapping - (base >>> 4);
    this.reserveBlocks = Math.max(1, blockCount / 32);
    this.state = new byte[blockCount];
    this.live = new int[blockCount];
    this.sweptAt = new int[blockCount];
    this.sweptTo = new int[blockCount];
    this.fresh = new boolean[blockCount];
    this.committed = new boolean[blockCount];
    this.emptyPool = new int[blockCount];
    this.toSweep = new int[blockCount];
    for (int b = blockCount - 1; b >= 0; b--) {
      emptyPool[emptyCount++] = b; // block 0 on top: allocation starts at the low end
    }
    this.liveMark = markOf(0);
  }

  /** The mark value of collection cycle {@code cycle}: 2, 3, 4, 2, … */
  public static int markOf(int cycle) {
    return 2 + Integer.remainderUnsigned(cycle, 3);
  }

  // ---------------------------------------------------------------- addresses and metadata

  /** Whether {@code address} lies in the block area (in use or not). */
  public boolean inBlocks(long address) {
    return Long.compareUnsigned(address - base, limit - base) < 0;
  }

  /** Whether {@code address} lies in a block that is in use. */
  public boolean inUsedBlock(long address) {
    return inBlocks(address) && state[blockIndex(address)] == IN_USE;
  }

  /** The index of the block holding {@code address} (which must be in the block area). */
  public int blockIndex(long address) {
    return (int) ((address - base) >>> BLOCK_SHIFT);
  }

  /** The first address of block {@code b}. */
  public long blockStart(int b) {
    return base + ((long) b << BLOCK_SHIFT);
  }

  /** The address of the metadata byte of the granule holding {@code address}. */
  public long metaAddress(long address) {
    return metaBias + (address >>> 4);
  }

  /** The metadata byte of the granule at {@code address}, as an unsigned value. */
  public int meta(long address) {
    return Memory.getByte(metaBias + (address >>> 4)) & 0xFF;
  }

  /** Replaces the metadata byte of the granule at {@code address}. */
  public void setMeta(long address, int value) {
    Memory.putByte(metaBias + (address >>> 4), (byte) value);
  }

  /** Sets the END bit on the last granule of the {@code bytes}-long object at {@code ref}. */
  public void setEnd(long ref, long bytes) {
    long m = metaBias + ((ref + bytes - 16) >>> 4);
    Memory.putByte(m, (byte) (Memory.getByte(m) | END));
  }

  /**
   * The address just past the object starting at {@code start}: found from its END bit, reading
   * eight metadata bytes at a time.
   *
   * @return the end, or 0 if no END bit lies between {@code start} and its block's end
   */
  public long objectEnd(long start) {
    long blockEnd = (start & -BLOCK_BYTES) + BLOCK_BYTES;
    long m = metaBias + (start >>> 4);
    long mEnd = metaBias + (blockEnd >>> 4);
    while (m < mEnd) {
      long ends = Memory.ALL.get(WORD, m) & ENDS;
      if (ends != 0) {
        long at = m + (Long.numberOfTrailingZeros(ends) >>> 3);
        return at < mEnd ? ((at - metaBias) << 4) + 16 : 0;
      }
      m += 8;
    }
    return 0;
  }

  /**
   * The first granule in {@code [from, to)} whose mark state is {@code mark}, or {@code to}: the
   * end of a hole. Eight metadata bytes at a time (a SWAR zero-byte search).
   */
  private long nextWithMark(long from, long to, int mark) {
    long m = metaBias + (from >>> 4);
    long mEnd = metaBias + (to >>> 4);
    long pattern = ONES * mark;
    while (m < mEnd) {
      long x = (Memory.ALL.get(WORD, m) & MARKS) ^ pattern;
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        long at = m + (Long.numberOfTrailingZeros(zero) >>> 3);
        return at < mEnd ? (at - metaBias) << 4 : to;
      }
      m += 8;
    }
    return to;
  }

  /**
   * Resolves a possibly interior pointer to the start of the object containing it, using only the
   * metadata: scan back to the nearest granule with a mark state (an object start), accept it if
   * its state says allocated ({@code survivorMark}, YOUNG or {@code currentMark}) and its END bit
   * lies at or after {@code address}. Free granules and dead objects resolve to 0, so a stale word
   * never resurrects freed memory. Only valid when every allocated object has its start and END
   * recorded (the collector parses young objects first in conservative configurations).
   */
  public long objectContaining(long address, int survivorMark, int currentMark) {
    if (!inUsedBlock(address)) {
      return 0;
    }
    long blockStart = address & -BLOCK_BYTES;
    long g = address & -16L;
    int m;
    while (((m = meta(g)) & MARK_MASK) == 0) {
      if (g == blockStart) {
        return 0;
      }
      g -= 16;
    }
    int mark = m & MARK_MASK;
    if (mark != survivorMark && mark != YOUNG && mark != currentMark) {
      return 0;
    }
    long end = objectEnd(g);
    return end > address ? g : 0;
  }

  // ---------------------------------------------------------------- allocation

  /**
   * Installs in {@code buffer} the next hole of at least {@code minBytes}, sweeping the buffer's
   * current block onwards and taking further blocks as needed. The hole is zeroed, data and
   * metadata.
   *
   * @return false if no block has such a hole and no empty block may be taken
   */
  public boolean refill(AllocationBuffer buffer, long minBytes) {
    while (true) {
      if (buffer.sweepCursor < buffer.sweepLimit && sweepToHole(buffer, minBytes)) {
        return true;
      }
      int b = acquireBlock();
      if (b < 0) {
        buffer.sweepCursor = 0;
        buffer.sweepLimit = 0;
        return false;
      }
      buffer.sweepCursor = blockStart(b);
      buffer.sweepLimit = blockStart(b) + BLOCK_BYTES;
    }
  }

  private boolean sweepToHole(AllocationBuffer buffer, long minBytes) {
    long a = buffer.sweepCursor;
    long end = buffer.sweepLimit;
    int b = blockIndex(a);
    int mark = liveMark;
    while (a < end) {
      int m = meta(a);
      if ((m & MARK_MASK) == mark) {
        long e = objectEnd(a);
        if (e == 0) {
          throw new IllegalStateException(
              "mark-region metadata corrupt: survivor at 0x" + Long.toHexString(a) + " has no END");
        }
        a = e;
        continue;
      }
      long holeEnd = nextWithMark(a, end, mark);
      // Zero what we pass, handed out or skipped: swept free memory reads zero (data and
      // metadata), which the young-object parse and conservative lookups rely on.
      Memory.zero(metaAddress(a), (holeEnd - a) >>> 4);
      Memory.zero(a, holeEnd - a);
      if (holeEnd - a >= minBytes) {
        buffer.install(a, holeEnd);
        buffer.sweepCursor = holeEnd;
        sweptTo[b] = (int) (holeEnd - blockStart(b));
        if (holeEnd == end) {
          sweptAt[b] = cycle;
        }
        return true;
      }
      a = holeEnd;
    }
    sweptTo[b] = (int) BLOCK_BYTES;
    sweptAt[b] = cycle;
    buffer.sweepCursor = 0;
    buffer.sweepLimit = 0;
    return false;
  }

  private synchronized int acquireBlock() {
    if (toSweepNext < toSweepCount) {
      return toSweep[toSweepNext++];
    }
    long withheld = reserveOpen ? 0 : reserveBlocks;
    if (emptyCount > 0 && fitsBudget(1 + withheld)) {
      int b = emptyPool[--emptyCount];
      takeEmpty(b);
      fresh[b] = true;
      return b;
    }
    return -1;
  }

  private boolean fitsBudget(long moreBlocks) {
    return ((usedBlocks + moreBlocks) << BLOCK_SHIFT) + los.bytesInUse() <= budgetBytes;
  }

  private void takeEmpty(int b) {
    state[b] = IN_USE;
    usedBlocks++;
    committed[b] = true;
    live[b] = 0;
    sweptAt[b] = cycle; // its metadata is all zero: nothing stale
    sweptTo[b] = 0;
  }

  /**
   * Maps a large object if the budget (blocks in use plus large objects) allows it.
   *
   * @return the object's address, or 0 if over budget
   */
  public synchronized long allocateLarge(long bytes) {
    if (((long) usedBlocks << BLOCK_SHIFT) + los.bytesInUse() + LargeObjectSpace.footprint(bytes)
        > budgetBytes) {
      return 0;
    }
    return los.allocate(bytes);
  }

  // ---------------------------------------------------------------- collection support

  /** The number of blocks. */
  public int blockCount() {
    return blockCount;
  }

  /** Whether block {@code b} is in use. */
  public boolean isInUse(int b) {
    return state[b] == IN_USE;
  }

  /** Live granules of block {@code b} counted by the last (or current) marking. */
  public int liveGranules(int b) {
    return live[b];
  }

  /** Adds {@code granules} to block {@code b}'s live count during marking. */
  public void addLive(int b, int granules) {
    live[b] += granules;
  }

  /**
   * Whether block {@code b} was taken empty since the last collection (its live count is stale).
   */
  public boolean isFresh(int b) {
    return fresh[b];
  }

  /** Bytes of block {@code b} swept since the last collection (allocated into, parsable). */
  public int sweptBytes(int b) {
    return sweptTo[b];
  }

  /** The number of completed collections whose marks are in force. */
  public int cycle() {
    return cycle;
  }

  /** The mark value of survivors of the last collection. */
  public int liveMark() {
    return liveMark;
  }

  /** Blocks in use. */
  public synchronized int usedBlocks() {
    return usedBlocks;
  }

  /** Empty blocks kept back from mutators for evacuation. */
  public int reserveBlocks() {
    return reserveBlocks;
  }

  /** Empty blocks the collector may still take within the budget (evacuation targets). */
  public synchronized int availableEmptyBlocks() {
    long budgetBlocks = (budgetBytes - los.bytesInUse()) >> BLOCK_SHIFT;
    return (int) Math.max(0, Math.min(emptyCount, budgetBlocks - usedBlocks));
  }

  /**
   * Takes an empty block as an evacuation target during a collection in cycle {@code newCycle},
   * within the budget (the reserve included).
   *
   * @return the block, or -1 if none is left
   */
  public synchronized int acquireEvacuationTarget(int newCycle) {
    if (emptyCount == 0 || !fitsBudget(1)) {
      return -1;
    }
    int b = emptyPool[--emptyCount];
    takeEmpty(b);
    sweptAt[b] = newCycle; // holds only marks of this cycle
    return b;
  }

  /**
   * Starts a collection that will mark with {@code markOf(newCycle)}: clears the stale bytes
   * carrying that value from every in-use block not fully swept since two cycles ago (the only
   * places a dead object's three-cycles-old mark can linger), and zeroes the live counts.
   */
  public void startCollection(int newCycle) {
    int next = markOf(newCycle);
    for (int b = 0; b < blockCount; b++) {
      if (state[b] != IN_USE) {
        continue;
      }
      if (sweptAt[b] < newCycle - 2) {
        long m = metaBias + (blockStart(b) >>> 4);
        for (int i = 0; i < GRANULES_PER_BLOCK; i++) {
          int v = Memory.getByte(m + i) & 0xFF;
          if ((v & MARK_MASK) == next) {
            Memory.putByte(m + i, (byte) 0);
          }
        }
        // Stale marks of the two previous cycles may remain; they are cleared in turn.
        sweptAt[b] = newCycle - 2;
      }
      live[b] = 0;
    }
  }

  /**
   * Clears the YOUNG state of objects recorded since the last collection that marking did not reach
   * (survivors now carry the new mark): they are dead and must not look allocated later. Only the
   * parts of blocks swept since the last collection can hold YOUNG bytes.
   */
  public void retireYoung() {
    for (int b = 0; b < blockCount; b++) {
      int n = sweptTo[b];
      if (n == 0 || state[b] != IN_USE) {
        continue;
      }
      long m = metaBias + (blockStart(b) >>> 4);
      long mEnd = m + (n >>> 4);
      for (; m < mEnd; m++) {
        int v = Memory.getByte(m) & 0xFF;
        if ((v & MARK_MASK) == YOUNG) {
          Memory.putByte(m, (byte) 0);
        }
      }
    }
  }

  /**
   * Ends a collection of cycle {@code newCycle}: blocks with no live granule return to the empty
   * pool (metadata zeroed), the others are queued for lazy sweeping in address order, and empty
   * blocks are decommitted while the committed footprint exceeds the budget.
   *
   * @return the number of blocks that became empty
   */
  public synchronized int finishCollection(int newCycle) {
    cycle = newCycle;
    liveMark = markOf(newCycle);
    toSweepNext = 0;
    toSweepCount = 0;
    int emptied = 0;
    for (int b = 0; b < blockCount; b++) {
      fresh[b] = false;
      sweptTo[b] = 0;
      if (state[b] != IN_USE) {
        continue;
      }
      if (live[b] == 0) {
        Memory.zero(metaBias + (blockStart(b) >>> 4), GRANULES_PER_BLOCK);
        state[b] = FREE;
        usedBlocks--;
        emptyPool[emptyCount++] = b;
        emptied++;
      } else {
        toSweep[toSweepCount++] = b;
      }
    }
    long committedEmpty = 0;
    for (int i = 0; i < emptyCount; i++) {
      if (committed[emptyPool[i]]) {
        committedEmpty++;
      }
    }
    for (int i = 0;
        i < emptyCount
            && ((usedBlocks + committedEmpty) << BLOCK_SHIFT) + los.bytesInUse() > budgetBytes;
        i++) {
      int b = emptyPool[i];
      if (committed[b]) {
        VirtualMemory.decommit(blockStart(b), BLOCK_BYTES);
        committed[b] = false;
        committedEmpty--;
      }
    }
    reserveOpen = availableEmptyBlocksLocked() <= reserveBlocks;
    return emptied;
  }

  /**
   * Keeps the evacuation reserve from mutators until the next collection, even if few empty blocks
   * remain. The collector calls it when it has decided to evacuate next time: a fragmented heap is
   * better served by a collection that compacts into the reserve than by mutators consuming the
   * only blocks it could compact into.
   */
  public synchronized void holdReserve() {
    reserveOpen = false;
  }

  private int availableEmptyBlocksLocked() {
    long budgetBlocks = (budgetBytes - los.bytesInUse()) >> BLOCK_SHIFT;
    return (int) Math.max(0, Math.min(emptyCount, budgetBlocks - usedBlocks));
  }

  /** The budget in bytes: blocks in use and large objects together. */
  public long budgetBytes() {
    return budgetBytes;
  }

  /** Unmaps the blocks and their metadata. */
  public void release() {
    VirtualMemory.release(reservation, reservationBytes);
    VirtualMemory.release(metaMapping, metaMappingBytes);
  }
}
