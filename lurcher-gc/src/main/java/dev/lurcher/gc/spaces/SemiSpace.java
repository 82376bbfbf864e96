package dev.lurcher.gc.spaces;

import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.memory.VirtualMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Two equal halves of one reservation: mutators allocate in to-space, a collection flips the halves
 * and copies the survivors back to the start of the new to-space.
 *
 * <p>Allocation buffers are carved from to-space with one compare-and-set per buffer, so many
 * mutators can allocate at once. The previous from-space keeps its committed pages (its contents
 * are stale and are zeroed buffer by buffer when reused); {@link #decommitFromSpace} hands them
 * back when a caller wants the memory returned.
 */
public final class SemiSpace {
  private static final VarHandle TOP;

  static {
    try {
      TOP = MethodHandles.lookup().findVarHandle(SemiSpace.class, "top", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long reservation;
  private final long halfBytes;
  private long fromBase;
  private long toBase;
  private volatile long top;
  private long end;

  /** Reserves two halves of {@code halfBytes} each (rounded up to whole pages). */
  public SemiSpace(long halfBytes) {
    this.halfBytes = VirtualMemory.pageAlign(halfBytes);
    this.reservation = VirtualMemory.reserve(2 * this.halfBytes);
    this.toBase = reservation;
    this.fromBase = reservation + this.halfBytes;
    this.top = toBase;
    this.end = toBase + this.halfBytes;
  }

  /** The size of one half in bytes. */
  public long halfBytes() {
    return halfBytes;
  }

  /** The start of the whole reservation. */
  public long reservationBase() {
    return reservation;
  }

  /** The size of the whole reservation. */
  public long reservationBytes() {
    return 2 * halfBytes;
  }

  /** The start of to-space. */
  public long toBase() {
    return toBase;
  }

  /** The end of the allocated part of to-space. */
  public long top() {
    return top;
  }

  /** Bytes still free in to-space. */
  public long freeBytes() {
    return end - top;
  }

  /**
   * Installs a zeroed buffer of up to {@code preferredBytes}, but at least {@code minBytes}.
   *
   * @return false if to-space has less than {@code minBytes} left
   */
  public boolean refill(AllocationBuffer buffer, long minBytes, long preferredBytes) {
    while (true) {
      long start = top;
      long available = end - start;
      if (available < minBytes) {
        return false;
      }
      long size = Math.min(Math.max(minBytes, preferredBytes), available);
      if (TOP.compareAndSet(this, start, start + size)) {
        Memory.zero(start, size);
        buffer.install(start, start + size);
        return true;
      }
    }
  }

  /**
   * Allocates {@code bytes} of zeroed memory directly from to-space.
   *
   * @return the address, or 0 if to-space is full
   */
  public long allocate(long bytes) {
    while (true) {
      long start = top;
      if (end - start < bytes) {
        return 0;
      }
      if (TOP.compareAndSet(this, start, start + bytes)) {
        Memory.zero(start, bytes);
        return start;
      }
    }
  }

  /** Swaps the halves: the old to-space becomes from-space. World stopped. */
  public void flip() {
    long t = toBase;
    toBase = fromBase;
    fromBase = t;
    top = toBase;
    end = toBase + halfBytes;
  }

  /** Sets the end of the allocated part of to-space after a copy. World stopped. */
  public void setTop(long newTop) {
    top = newTop;
  }

  /** Whether {@code address} lies in from-space. */
  public boolean inFromSpace(long address) {
    return Long.compareUnsigned(address - fromBase, halfBytes) < 0;
  }

  /** Whether {@code address} lies in the allocated part of to-space. */
  public boolean inToSpace(long address) {
    return address >= toBase && address < top;
  }

  /** Whether {@code address} lies anywhere in the reservation. */
  public boolean inReservation(long address) {
    return Long.compareUnsigned(address - reservation, 2 * halfBytes) < 0;
  }

  /** Returns from-space's pages to the kernel. */
  public void decommitFromSpace() {
    VirtualMemory.decommit(fromBase, halfBytes);
  }

  /** Unmaps both halves. */
  public void release() {
    VirtualMemory.release(reservation, 2 * halfBytes);
  }
}
