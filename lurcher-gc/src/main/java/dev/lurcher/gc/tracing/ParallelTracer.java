package dev.lurcher.gc.tracing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Computes the transitive closure of a set of objects with {@code parallelism} workers: worker 0 on
 * the calling (collecting) thread, the others on daemon threads owned by this tracer.
 *
 * <p>Use: seed worker 0 (or any worker, from the collecting thread, before the trace) with {@link
 * TraceWorker#enqueue}, then call {@link #trace()}. See the package documentation for the packet,
 * stealing and termination scheme. Threads start at the first trace that needs them and stop at
 * {@link #close()}. Not reentrant: one trace at a time, which the stopped world guarantees.
 *
 * <p>If a worker's {@code traceObject} throws, the trace is aborted: the other workers stop, {@code
 * trace()} rethrows the first failure on the collecting thread, and the tracer stays usable.
 */
public final class ParallelTracer implements AutoCloseable {
  final TraceWorker[] workers;
  private final String threadNamePrefix;
  private final AtomicInteger active = new AtomicInteger();
  volatile boolean aborted;
  private volatile Throwable failure;

  // Cycle hand-off between the collecting thread and the worker threads.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private Thread[] threads;
  private long cycle;
  private int pending;
  private boolean shutdown;

  // Totals over all traces.
  private long traces;
  private long traceNanos;

  /**
   * Creates a tracer; no thread starts yet.
   *
   * @param parallelism the number of workers, 1 or more; 1 traces inline on the calling thread
   * @param threadNamePrefix worker threads are named this followed by their index (1, 2, …)
   * @param factory creates worker {@code index} for this tracer (the collector's subclass)
   */
  public ParallelTracer(
      int parallelism,
      String threadNamePrefix,
      BiFunction<ParallelTracer, Integer, ? extends TraceWorker> factory) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
    this.threadNamePrefix = threadNamePrefix;
    this.workers = new TraceWorker[parallelism];
    for (int i = 0; i < parallelism; i++) {
      TraceWorker w = factory.apply(this, i);
      if (w.tracer != this || w.index != i) {
        throw new IllegalArgumentException("the factory must create worker " + i + " of this");
      }
      workers[i] = w;
    }
  }

  /** The number of workers. */
  public int parallelism() {
    return workers.length;
  }

  /** Worker {@code index}; worker 0 runs on the collecting thread. */
  public TraceWorker worker(int index) {
    return workers[index];
  }

  /**
   * Traces everything enqueued so far and everything it reaches, and returns when the closure is
   * complete and every worker thread is quiescent (its writes are visible to the caller).
   *
   * @throws IllegalStateException if the tracer is closed
   */
  public void trace() {
    long start = System.nanoTime();
    try {
      if (workers.length == 1) {
        workers[0].run(false);
      } else {
        traceInParallel();
      }
    } catch (RuntimeException | Error e) {
      for (TraceWorker w : workers) {
        w.reset();
      }
      throw e;
    } finally {
      traces++;
      traceNanos += System.nanoTime() - start;
    }
  }

  private void traceInParallel() {
    active.set(workers.length);
    aborted = false;
    failure = null;
    lock.lock();
    try {
      if (shutdown) {
        throw new IllegalStateException("the tracer is closed");
      }
      startThreads();
      cycle++;
      pending = workers.length - 1;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    runWorker(workers[0]);
    lock.lock();
    try {
      while (pending > 0) {
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    Throwable f = failure;
    if (f != null) {
      for (TraceWorker w : workers) {
        w.reset();
      }
      if (f instanceof Error e) {
        throw e;
      }
      throw (RuntimeException) f;
    }
  }

  private void runWorker(TraceWorker w) {
    try {
      w.run(true);
    } catch (RuntimeException | Error e) {
      if (failure == null) {
        failure = e;
      }
      aborted = true;
      active.decrementAndGet(); // this worker holds no more work: let the others terminate
    }
  }

  private void startThreads() {
    if (threads != null) {
      return;
    }
    threads = new Thread[workers.length];
    for (int i = 1; i < workers.length; i++) {
      TraceWorker w = workers[i];
      Thread t = new Thread(() -> workerLoop(w), threadNamePrefix + i);
      t.setDaemon(true);
      threads[i] = t;
      t.start();
    }
  }

  private void workerLoop(TraceWorker w) {
    long seen = 0;
    while (true) {
      lock.lock();
      try {
        while (cycle == seen && !shutdown) {
          changed.awaitUninterruptibly();
        }
        if (shutdown) {
          return;
        }
        seen = cycle;
      } finally {
        lock.unlock();
      }
      runWorker(w);
      lock.lock();
      try {
        if (--pending == 0) {
          changed.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  void goIdle() {
    active.decrementAndGet();
  }

  void goActive() {
    active.incrementAndGet();
  }

  int activeWorkers() {
    return active.get();
  }

  boolean hasIdleWorkers() {
    return active.get() < workers.length;
  }

  boolean anyWorkVisible() {
    for (TraceWorker w : workers) {
      if (w.deque.looksNonEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The counters summed over every trace so far. Call between traces (from the collecting thread,
   * or after the heap is quiescent).
   */
  public TracerStats stats() {
    long objects = 0;
    long published = 0;
    long shared = 0;
    long steals = 0;
    long failedSteals = 0;
    long idle = 0;
    for (TraceWorker w : workers) {
      objects += w.objects;
      published += w.published;
      shared += w.shared;
      steals += w.steals;
      failedSteals += w.failedSteals;
      idle += w.idleNanos;
    }
    return new TracerStats(
        workers.length, traces, traceNanos, objects, published, shared, steals, failedSteals, idle);
  }

  /** Stops the worker threads (waiting briefly for them to exit). Idempotent. */
  @Override
  public void close() {
    Thread[] started;
    lock.lock();
    try {
      shutdown = true;
      changed.signalAll();
      started = threads;
    } finally {
      lock.unlock();
    }
    if (started == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Thread t : started) {
      if (t == null) {
        continue;
      }
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
