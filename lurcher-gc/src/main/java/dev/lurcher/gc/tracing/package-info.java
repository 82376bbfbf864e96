/**
 * The parallel tracer shared by the collectors: GC worker threads that compute the transitive
 * closure of the roots together, with work stealing.
 *
 * <p>A collector subclasses {@link dev.lurcher.gc.tracing.TraceWorker} with its per-object work
 * (copy or mark what an object refers to) and its per-worker state (a copy buffer, counters), and
 * hands a factory to a {@link dev.lurcher.gc.tracing.ParallelTracer}. At a collection it seeds
 * worker 0 with the roots and calls {@link dev.lurcher.gc.tracing.ParallelTracer#trace()}, which
 * returns when the closure is complete.
 *
 * <p>The scheme, and why:
 *
 * <ul>
 *   <li>Work is batched in packets of {@value dev.lurcher.gc.tracing.TraceWorker#PACKET_REFS}
 *       object references. A worker pushes and pops references on its private current packet with
 *       no atomic operation at all; only whole packets cross between threads, so shared atomics are
 *       paid per packet, not per edge.
 *   <li>Each worker owns a Chase-Lev deque of full packets: the owner pushes and pops at the bottom
 *       (a compare-and-set only for the last packet), idle workers steal whole packets from the top
 *       with one compare-and-set.
 *   <li>A busy worker whose deque is empty notices idle workers (one volatile read every 64
 *       objects) and publishes half of its current packet, so a narrow graph (a long list, a deep
 *       tree) still spreads.
 *   <li>Termination: a shared count of active workers. A worker decrements it only when its current
 *       packet and its deque are empty; it increments it before trying to steal. Work only lives in
 *       the current packets and deques of active workers, so the count reaching zero means there is
 *       no work anywhere, and every idle worker that reads zero stops. Idle workers look for
 *       stealable work, spinning briefly, then yielding, then parking for growing intervals (so
 *       that on few cores they give the processor to the worker that has the work).
 *   <li>{@code parallelism=1} runs the same loop inline on the collecting thread, with no worker
 *       thread, no stealing and no termination protocol.
 * </ul>
 *
 * <p>Nothing is allocated per traced object: packets are pooled per worker and reused across
 * collections. Worker threads are daemons named {@code lurcher-gc-worker-N}, started at the first
 * parallel trace and stopped when the tracer (its heap) is closed.
 */
package dev.lurcher.gc.tracing;
