/**
 * Collectors: the policies that own a heap's spaces, hand out allocation buffers and collect.
 *
 * <p>{@link dev.lurcher.gc.collectors.Collector} is the interface the heap drives; each collector
 * is one final class specialising shared spaces and tracing. May use {@code api}, {@code spaces},
 * {@code memory}, {@code events} and {@code verify}; never the mutator side of {@code api}.
 */
package dev.lurcher.gc.collectors;
