package dev.lurcher.gc.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Address-space reservation through the C library's {@code mmap}, {@code munmap} and {@code
 * madvise}, reached with the FFM linker.
 *
 * <p>A heap reserves its maximum size once with {@code MAP_NORESERVE}: pages are committed by the
 * kernel on first touch, and {@link #decommit} hands them back. Linux x86-64 and aarch64 constants.
 */
public final class VirtualMemory {
  private static final int PROT_READ = 0x1;
  private static final int PROT_WRITE = 0x2;
  private static final int MAP_PRIVATE = 0x02;
  private static final int MAP_ANONYMOUS = 0x20;
  private static final int MAP_NORESERVE = 0x4000;
  private static final int MADV_DONTNEED = 4;
  private static final long MAP_FAILED = -1L;

  /** The page size assumed for alignment of reservations and decommits. */
  public static final long PAGE_SIZE = 4096;

  private static final MethodHandle MMAP;
  private static final MethodHandle MUNMAP;
  private static final MethodHandle MADVISE;

  static {
    Linker linker = Linker.nativeLinker();
    var libc = linker.defaultLookup();
    MMAP =
        linker.downcallHandle(
            libc.find("mmap").orElseThrow(),
            FunctionDescriptor.of(
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG));
    MUNMAP =
        linker.downcallHandle(
            libc.find("munmap").orElseThrow(),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    MADVISE =
        linker.downcallHandle(
            libc.find("madvise").orElseThrow(),
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_INT));
  }

  private VirtualMemory() {}

  /**
   * Reserves {@code bytes} of zero-filled, readable and writable address space, committed on touch.
   *
   * @return the base address, page aligned
   * @throws OutOfMemoryError if the kernel refuses the mapping
   */
  public static long reserve(long bytes) {
    long base;
    try {
      base =
          (long)
              MMAP.invokeExact(
                  0L,
                  bytes,
                  PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                  -1,
                  0L);
    } catch (Throwable t) {
      throw new IllegalStateException("mmap failed", t);
    }
    if (base == MAP_FAILED || base == 0) {
      throw new OutOfMemoryError("cannot reserve " + bytes + " bytes of address space");
    }
    return base;
  }

  /** Releases a reservation made by {@link #reserve}. */
  public static void release(long base, long bytes) {
    int rc;
    try {
      rc = (int) MUNMAP.invokeExact(base, bytes);
    } catch (Throwable t) {
      throw new IllegalStateException("munmap failed", t);
    }
    if (rc != 0) {
      throw new IllegalStateException(
          "munmap(" + Long.toHexString(base) + ", " + bytes + ") failed");
    }
  }

  /**
   * Hands the pages of {@code [base, base + bytes)} back to the kernel; they read as zero when
   * touched again. Both bounds are rounded inwards to whole pages.
   */
  public static void decommit(long base, long bytes) {
    long start = (base + PAGE_SIZE - 1) & -PAGE_SIZE;
    long end = (base + bytes) & -PAGE_SIZE;
    if (end <= start) {
      return;
    }
    int rc;
    try {
      rc = (int) MADVISE.invokeExact(start, end - start, MADV_DONTNEED);
    } catch (Throwable t) {
      throw new IllegalStateException("madvise failed", t);
    }
    if (rc != 0) {
      throw new IllegalStateException("madvise(DONTNEED) failed");
    }
  }

  /** Rounds {@code bytes} up to a whole number of pages. */
  public static long pageAlign(long bytes) {
    return (bytes + PAGE_SIZE - 1) & -PAGE_SIZE;
  }
}
