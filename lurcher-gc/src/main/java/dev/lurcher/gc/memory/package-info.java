/**
 * Native memory: the constant address-space segment with absolute-address accessors, and address
 * space reservation through the C library (mmap, munmap, madvise).
 *
 * <p>Depends on nothing else in Lurcher; every other package may use it.
 */
package dev.lurcher.gc.memory;
