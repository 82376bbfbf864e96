/**
 * Spaces: regions of memory with their allocation discipline (semi-space halves, large-object
 * mappings, allocation buffers, object-start maps). Spaces know addresses and sizes, not policy.
 *
 * <p>May use {@code memory} only.
 */
package dev.lurcher.gc.spaces;
