package dev.lurcher.gc.memory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Absolute-address access to native memory through one constant segment spanning the address space.
 *
 * <p>Why one {@code static final} segment: the JIT folds it into a constant, so every access
 * compiles to a plain load or store (measured 1.5–2× faster than a segment held in an instance
 * field; see DESIGN.md). This is a constant view of memory, not mutable state: every heap owns its
 * own mapping and checks its own bounds before an address reaches these methods.
 */
public final class Memory {
  /** The whole address space; a restricted segment (needs {@code --enable-native-access}). */
  public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  // Direct var handles rather than ALL.get(layout, address): the segment methods add several frames
  // to every access, and deep embedder call chains then hit C2's inlining depth limit (seen as
  // "inlining too deep" under Memory.putLong in GCBench).
  private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle().withInvokeExactBehavior();
  private static final VarHandle BYTE = ValueLayout.JAVA_BYTE.varHandle().withInvokeExactBehavior();

  private Memory() {}

  /** Reads the aligned 64-bit word at {@code address}. */
  public static long getLong(long address) {
    return (long) LONG.get(ALL, address);
  }

  /** Writes the aligned 64-bit word at {@code address}. */
  public static void putLong(long address, long value) {
    LONG.set(ALL, address, value);
  }

  /** Reads the byte at {@code address}. */
  public static byte getByte(long address) {
    return (byte) BYTE.get(ALL, address);
  }

  /** Writes the byte at {@code address}. */
  public static void putByte(long address, byte value) {
    BYTE.set(ALL, address, value);
  }

  /** Reads the word at {@code address} with acquire semantics. */
  public static long getLongAcquire(long address) {
    return (long) LONG.getAcquire(ALL, address);
  }

  /** Writes the word at {@code address} with release semantics. */
  public static void putLongRelease(long address, long value) {
    LONG.setRelease(ALL, address, value);
  }

  /** Atomically replaces the word at {@code address} if it equals {@code expected}. */
  public static boolean compareAndSetLong(long address, long expected, long value) {
    return (boolean) LONG.compareAndSet(ALL, address, expected, value);
  }

  /** Copies {@code bytes} bytes between non-overlapping native ranges. */
  public static void copy(long from, long to, long bytes) {
    MemorySegment.copy(ALL, from, ALL, to, bytes);
  }

  /** Sets {@code bytes} bytes at {@code address} to zero. */
  public static void zero(long address, long bytes) {
    ALL.asSlice(address, bytes).fill((byte) 0);
  }
}
