package dev.lurcher.gc.tracing;

import java.util.concurrent.locks.LockSupport;

/**
 * One GC worker's side of a {@link ParallelTracer}: its private packet of pending references, its
 * work-stealing deque, its counters, and (in a collector's subclass) its per-worker state such as a
 * copy buffer.
 *
 * <p>A collector subclasses it, implementing {@link #traceObject}: visit the object's edges, copy
 * or mark each object reached for the first time and {@link #enqueue} it. Only the thread running
 * the worker calls these; the collecting thread may also use worker 0 to seed the roots before
 * {@link ParallelTracer#trace()}. A process should load one subclass (one collector), so that the
 * {@code traceObject} call in the drain loop stays monomorphic.
 */
public abstract class TraceWorker extends TraceWorkerPadding {
  /** References per work packet: 4 KiB of work moves between threads at a time. */
  public static final int PACKET_REFS = 512;

  /** Objects traced between two looks at whether other workers are idle. */
  private static final int SHARE_CHECK_MASK = 63;

  /** Packets kept in a worker's free pool; more are dropped (packets migrate when stolen). */
  private static final int MAX_FREE_PACKETS = 64;

  final ParallelTracer tracer;
  final int index;
  final PacketDeque deque = new PacketDeque();
  private Packet current = new Packet();
  private final Packet[] free = new Packet[MAX_FREE_PACKETS];
  private int freeCount;
  private int nextVictim;

  // Counters: written by this worker only, read by the collecting thread after a trace.
  long objects;
  long published;
  long shared;
  long steals;
  long failedSteals;
  long idleNanos;

  /**
   * Creates worker {@code index} of {@code tracer}; called by the tracer through the collector's
   * factory.
   */
  protected TraceWorker(ParallelTracer tracer, int index) {
    this.tracer = tracer;
    this.index = index;
    this.nextVictim = 0;
  }

  /** This worker's number: 0 runs on the collecting thread, 1.. on GC worker threads. */
  public final int index() {
    return index;
  }

  /**
   * Traces the object at {@code ref}: visits its edges, and enqueues each object it reaches for the
   * first time. Runs on this worker's thread.
   */
  protected abstract void traceObject(long ref);

  /**
   * Schedules the object at {@code ref} for {@link #traceObject}. The caller must have won the
   * object (copied or marked it) so that each object is enqueued once. No atomic operation unless
   * the current packet is full, when it is published for stealing.
   */
  public final void enqueue(long ref) {
    Packet p = current;
    int n = p.count;
    if (n == PACKET_REFS) {
      deque.push(p);
      published++;
      p = takeFree();
      current = p;
      n = 0;
    }
    p.refs[n] = ref;
    p.count = n + 1;
  }

  private Packet takeFree() {
    if (freeCount > 0) {
      Packet p = free[--freeCount];
      free[freeCount] = null;
      return p;
    }
    return new Packet(); // once per packet of work at the high-water mark, not per object
  }

  private void recycle(Packet p) {
    p.count = 0;
    if (freeCount < MAX_FREE_PACKETS) {
      free[freeCount++] = p;
    }
  }

  /** Drops any pending work (after a failed trace). Only while no trace runs. */
  final void reset() {
    current.count = 0;
    deque.clear();
  }

  /** Runs this worker until the closure is complete (or the trace aborts). */
  final void run(boolean parallel) {
    while (true) {
      drainLocal(parallel);
      if (!parallel || !findWork()) {
        return;
      }
    }
  }

  /** Traces until the current packet and the own deque are empty. */
  private void drainLocal(boolean parallel) {
    Packet p = current;
    int sinceCheck = 0;
    while (true) {
      int n = p.count;
      if (n == 0) {
        Packet next = deque.pop();
        if (next == null) {
          return;
        }
        recycle(p);
        current = next;
        p = next;
        continue;
      }
      long ref = p.refs[n - 1];
      p.count = n - 1;
      traceObject(ref);
      objects++;
      p = current; // traceObject may have published the packet and started a new one
      if (parallel && (++sinceCheck & SHARE_CHECK_MASK) == 0 && tracer.hasIdleWorkers()) {
        shareHalf(p);
      }
    }
  }

  /**
   * Publishes half of {@code p} when idle workers have nothing to steal from us. The packet is a
   * stack, so its oldest entries are the objects nearest the roots of what is left to trace (in a
   * tree, the biggest subtrees): those are the half worth giving away, and the thief then has
   * enough work not to come back at once.
   */
  private void shareHalf(Packet p) {
    int n = p.count;
    if (n < 2 || !deque.isEmptyForOwner()) {
      return;
    }
    Packet half = takeFree();
    int give = n / 2;
    System.arraycopy(p.refs, 0, half.refs, 0, give);
    System.arraycopy(p.refs, give, p.refs, 0, n - give);
    half.count = give;
    p.count = n - give;
    deque.push(half);
    shared++;
  }

  /**
   * Out of local work: steals, or waits idle until there is work to steal or the trace is over.
   *
   * @return true with stolen work in the current packet; false when the closure is complete
   */
  private boolean findWork() {
    if (trySteal()) {
      return true;
    }
    long idleStart = System.nanoTime();
    ParallelTracer t = tracer;
    t.goIdle();
    int round = 0;
    try {
      while (true) {
        if (t.aborted) {
          return false;
        }
        if (t.anyWorkVisible()) {
          t.goActive();
          if (trySteal()) {
            return true;
          }
          t.goIdle();
        }
        if (t.activeWorkers() == 0) {
          return false; // nobody holds work, so nobody can make more: the closure is complete
        }
        backOff(round++);
      }
    } finally {
      idleNanos += System.nanoTime() - idleStart;
    }
  }

  private static void backOff(int round) {
    if (round < 32) {
      Thread.onSpinWait();
    } else if (round < 40) {
      Thread.yield();
    } else {
      // Give the core to the worker that has the work (2 cores, 4 workers must still be fast).
      LockSupport.parkNanos(Math.min(1000L << Math.min(round - 40, 7), 100_000L));
    }
  }

  /** Tries each other worker once, starting after the last victim; takes one whole packet. */
  private boolean trySteal() {
    TraceWorker[] all = tracer.workers;
    int n = all.length;
    int start = nextVictim;
    for (int i = 0; i < n; i++) {
      int v = (start + i) % n;
      if (v == index) {
        continue;
      }
      Packet p = all[v].deque.steal();
      while (p == PacketDeque.CONTENDED) {
        failedSteals++;
        p = all[v].deque.steal();
      }
      if (p != null) {
        recycle(current);
        current = p;
        steals++;
        nextVictim = v; // it had work: look there first next time
        return true;
      }
    }
    return false;
  }
}
