package dev.lurcher.gc.spaces;

import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.memory.VirtualMemory;

/**
 * A reservation cut into fixed-size blocks, each free or in use, for collectors that allocate and
 * copy block by block.
 *
 * <p>Mutators get whole zeroed blocks as allocation buffers; copying workers get blocks as copy
 * buffers and record how far each was filled ({@link #setTop}), which is what makes the survivors
 * walkable for the verifier. Taking and returning blocks takes a lock, paid once per block; the
 * per-object tests ({@link #stateOf}) are a subtraction, a shift and a byte load.
 *
 * <p>Block states are the collector's to define (small non-zero numbers); {@link #FREE} is 0.
 */
public final class BlockSpace {
  /** log2 of the block size. */
  public static final int LOG_BLOCK_BYTES = 16;

  /** The block size: 64 KiB. */
  public static final long BLOCK_BYTES = 1L << LOG_BLOCK_BYTES;

  /** The state of a block on the free list. */
  public static final byte FREE = 0;

  private final long rawBase;
  private final long base;
  private final int blockCount;
  private final byte[] states;
  private final long[] tops;
  private final int[] freeList;
  private int freeCount;

  /** Reserves {@code blockCount} blocks of address space (committed on first touch). */
  public BlockSpace(int blockCount) {
    if (blockCount < 1) {
      throw new IllegalArgumentException("a block space needs at least one block");
    }
    this.blockCount = blockCount;
    // One extra block of address space lets us align the base to the block size, so that a
    // block's index is a shift of the address and blocks never straddle a start-map word.
    long raw = VirtualMemory.reserve((blockCount + 1L) * BLOCK_BYTES);
    this.rawBase = raw;
    this.base = (raw + BLOCK_BYTES - 1) & -BLOCK_BYTES;
    this.states = new byte[blockCount];
    this.tops = new long[blockCount];
    this.freeList = new int[blockCount];
    // Hand out low addresses first: the kernel commits pages on first touch, so a small heap
    // stays small in resident memory.
    for (int i = 0; i < blockCount; i++) {
      freeList[i] = blockCount - 1 - i;
    }
    this.freeCount = blockCount;
  }

  /** The first block's address. */
  public long base() {
    return base;
  }

  /** The end of the last block. */
  public long end() {
    return base + (long) blockCount * BLOCK_BYTES;
  }

  /** The number of blocks. */
  public int blockCount() {
    return blockCount;
  }

  /** The number of free blocks. */
  public synchronized int freeCount() {
    return freeCount;
  }

  /** Whether {@code address} lies in one of the blocks. */
  public boolean inBlocks(long address) {
    return Long.compareUnsigned(address - base, (long) blockCount * BLOCK_BYTES) < 0;
  }

  /** The index of the block holding {@code address}, which must be {@link #inBlocks}. */
  public int indexOf(long address) {
    return (int) ((address - base) >>> LOG_BLOCK_BYTES);
  }

  /** The address of block {@code index}. */
  public long blockStart(int index) {
    return base + ((long) index << LOG_BLOCK_BYTES);
  }

  /** The state of the block holding {@code address}, or -1 if it is outside the blocks. */
  public int stateOf(long address) {
    long off = address - base;
    if (Long.compareUnsigned(off, (long) blockCount * BLOCK_BYTES) >= 0) {
      return -1;
    }
    return states[(int) (off >>> LOG_BLOCK_BYTES)];
  }

  /** The state of block {@code index}. */
  public byte state(int index) {
    return states[index];
  }

  /**
   * Sets the state of block {@code index}. Between collections only through {@link #take} and
   * {@link #free}; a collector changes states freely while the world is stopped.
   */
  public void setState(int index, byte state) {
    states[index] = state;
  }

  /** The recorded end of the objects in block {@code index}. */
  public long top(int index) {
    return tops[index];
  }

  /** Records the end of the objects in block {@code index}. */
  public void setTop(int index, long top) {
    tops[index] = top;
  }

  /**
   * Takes a free block and gives it {@code state}, unless {@code maxInUse} blocks or more are in
   * use (not free) already. The block is not zeroed; its top is set to its start.
   *
   * @return the block's index, or -1 if none is free or the limit says no
   */
  public synchronized int take(byte state, int maxInUse) {
    if (freeCount == 0 || blockCount - freeCount >= maxInUse) {
      return -1;
    }
    int index = freeList[--freeCount];
    states[index] = state;
    tops[index] = blockStart(index);
    return index;
  }

  /** Returns block {@code index} to the free list. World stopped. */
  public synchronized void free(int index) {
    states[index] = FREE;
    tops[index] = 0;
    freeList[freeCount++] = index;
  }

  /** Blocks in use (not free). */
  public synchronized int inUse() {
    return blockCount - freeCount;
  }

  /** Zeroes block {@code index}. */
  public void zero(int index) {
    Memory.zero(blockStart(index), BLOCK_BYTES);
  }

  /** Unmaps every block. */
  public void release() {
    VirtualMemory.release(rawBase, (blockCount + 1L) * BLOCK_BYTES);
  }
}
