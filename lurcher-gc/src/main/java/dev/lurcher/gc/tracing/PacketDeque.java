package dev.lurcher.gc.tracing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A Chase-Lev work-stealing deque of packets (Chase and Lev, SPAA 2005; the memory-model argument
 * of Lê, Pop, Cohen and Zappa Nardelli, PPoPP 2013).
 *
 * <p>The owner pushes and pops at the bottom; thieves take from the top with a compare-and-set.
 * {@code top} and {@code bottom} are volatile, which gives the one ordering the algorithm needs
 * beyond acquire/release: in {@link #pop} the store of {@code bottom} must not pass the load of
 * {@code top} (a store-load fence). That costs a fence per packet, never per reference.
 *
 * <p>Growing: the owner copies the live range into a twice larger array and publishes it before the
 * next {@code bottom} store. A thief that still reads the old array finds the right packet there:
 * the owner never writes a slot of the old array again, and wrap-around within an array happens
 * only when {@code bottom - top < length}, so slot {@code t} is not overwritten while {@code t} is
 * still the top. If {@code top} moved, the thief's compare-and-set fails and the packet it read is
 * discarded.
 */
final class PacketDeque {
  private static final VarHandle TOP;

  static {
    try {
      TOP = MethodHandles.lookup().findVarHandle(PacketDeque.class, "top", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Returned by {@link #steal} when it lost a race: there may be more work, try again. */
  static final Packet CONTENDED = new Packet();

  private volatile long top;
  private volatile long bottom;
  private volatile Packet[] array = new Packet[32];

  /** Pushes a packet at the bottom. Owner only. */
  void push(Packet p) {
    long b = bottom;
    long t = top;
    Packet[] a = array;
    if (b - t >= a.length - 1) {
      a = grow(a, t, b);
    }
    a[(int) b & (a.length - 1)] = p;
    bottom = b + 1; // publishes the slot store to thieves that read bottom
  }

  private Packet[] grow(Packet[] old, long t, long b) {
    Packet[] a = new Packet[old.length * 2];
    for (long i = t; i < b; i++) {
      a[(int) i & (a.length - 1)] = old[(int) i & (old.length - 1)];
    }
    array = a;
    return a;
  }

  /** Pops the most recently pushed packet, or returns null if the deque is empty. Owner only. */
  Packet pop() {
    long b = bottom - 1;
    Packet[] a = array;
    bottom = b;
    long t = top;
    if (t > b) {
      bottom = b + 1;
      return null;
    }
    Packet p = a[(int) b & (a.length - 1)];
    if (t == b) {
      // The last packet: race the thieves for it.
      if (!TOP.compareAndSet(this, t, t + 1)) {
        p = null;
      }
      bottom = b + 1;
    }
    return p;
  }

  /**
   * Takes the oldest packet. Any thread.
   *
   * @return the packet, null if the deque looked empty, or {@link #CONTENDED} if another thread
   *     took it first
   */
  Packet steal() {
    long t = top;
    long b = bottom;
    if (t >= b) {
      return null;
    }
    Packet[] a = array;
    Packet p = a[(int) t & (a.length - 1)];
    if (!TOP.compareAndSet(this, t, t + 1)) {
      return CONTENDED;
    }
    return p;
  }

  /** Whether the deque looks non-empty; a hint for idle workers. Any thread. */
  boolean looksNonEmpty() {
    return top < bottom;
  }

  /** Whether the deque is empty, as seen by its owner. Owner only. */
  boolean isEmptyForOwner() {
    return bottom <= top;
  }

  /** Drops every packet. Only while no other thread uses the deque. */
  void clear() {
    Packet[] a = array;
    java.util.Arrays.fill(a, null);
    top = 0;
    bottom = 0;
  }
}
