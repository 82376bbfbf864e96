/**
 * The embedder's API: the only package an embedder needs besides the standard layout.
 *
 * <p>{@link dev.lurcher.gc.api.Heap} and {@link dev.lurcher.gc.api.Mutator} are the entry points;
 * {@link dev.lurcher.gc.api.ObjectModel}, {@link dev.lurcher.gc.api.Forwarding}, {@link
 * dev.lurcher.gc.api.RootTracer} and the visitors are the contract the embedder implements. Heap
 * wires a collector from {@code collectors} to the safepoint coordinator and listeners; nothing
 * here holds global state.
 */
package dev.lurcher.gc.api;
