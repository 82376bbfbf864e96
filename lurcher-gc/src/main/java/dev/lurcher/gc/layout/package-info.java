/**
 * The standard tagged object layout: a header word with shape and size, shape descriptors, and the
 * forwarding protocol on the header. An implementation of the {@code api} contract that most
 * embedders use as is.
 *
 * <p>May use {@code api} and {@code memory}.
 */
package dev.lurcher.gc.layout;
