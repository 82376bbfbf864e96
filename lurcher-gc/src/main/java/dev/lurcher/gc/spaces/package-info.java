/**
 * Spaces: regions of memory with their allocation discipline (semi-space halves, the mark-region
 * space's blocks and side metadata, large-object mappings, allocation buffers, object-start maps).
 * Spaces know addresses, sizes and metadata, not policy.
 *
 * <p>May use {@code memory} only.
 */
package dev.lurcher.gc.spaces;
