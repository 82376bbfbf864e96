/**
 * Observability: the event listener interface every collection reports through, a chain of
 * listeners, and the basic statistics listener (HdrHistogram pause distribution).
 *
 * <p>Depends on nothing else in Lurcher. {@link dev.lurcher.gc.events.BasicStats} needs the
 * optional HdrHistogram dependency on the class path.
 */
package dev.lurcher.gc.events;
