package dev.lurcher.gc.safepoint;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cooperative stop-the-world for one heap.
 *
 * <p>A thread that needs a collection calls {@link #stopTheWorld}: it raises the stop flag and
 * waits until every other attached mutator is parked at a safepoint or inactive. Mutators notice
 * the flag at their next safepoint poll (any allocation slow path, or an explicit safepoint) and
 * park until {@link #restartTheWorld}. If two threads ask at once, the second parks and lets the
 * first collect for both. The fast path of a poll is one volatile read; everything else takes a
 * lock, which is fine because it happens once per collection per thread.
 */
public final class Safepoints {
  /** A mutator's coordination state, owned by the heap's lock. */
  public enum State {
    /** Running mutator code; a collection must wait for it to reach a safepoint. */
    RUNNING,
    /** Parked at a safepoint while another thread collects. */
    PARKED,
    /** Blocked outside the heap with its roots published; never holds a collection up. */
    INACTIVE,
    /** Running the collection. */
    COLLECTING,
    /** Detached from the heap. */
    DETACHED
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean stopRequested;
  private int running;
  private int attached;

  /** Whether a collection has been requested: the safepoint poll's fast path. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** The lock guarding mutator states; held by callers that change the set of mutators. */
  public ReentrantLock lock() {
    return lock;
  }

  /** Number of attached mutators. */
  public int attachedCount() {
    lock.lock();
    try {
      return attached;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a new running mutator, waiting for a collection in progress to finish first. {@code
   * registration} runs under the lock once the world is running, before the mutator counts: if it
   * throws, nothing is registered.
   */
  public void attach(MutatorHandle mutator, Runnable registration) {
    lock.lock();
    try {
      while (stopRequested) {
        changed.awaitUninterruptibly();
      }
      registration.run();
      mutator.state = State.RUNNING;
      running++;
      attached++;
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a running mutator; {@code unregistration} runs under the lock. */
  public void detach(MutatorHandle mutator, Runnable unregistration) {
    lock.lock();
    try {
      if (mutator.state == State.RUNNING) {
        running--;
      } else if (mutator.state != State.INACTIVE) {
        throw new IllegalStateException("cannot detach a mutator in state " + mutator.state);
      }
      mutator.state = State.DETACHED;
      attached--;
      unregistration.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops every other mutator so that {@code requester} can collect. {@code onRequested} runs once
   * the stop is requested, before waiting for the others (a listener starts its pause clock there).
   *
   * @return true if the caller now owns the stopped world and must call {@link #restartTheWorld};
   *     false if another thread was already collecting, in which case the caller was parked until
   *     that collection finished and should simply retry what it was doing
   */
  public boolean stopTheWorld(MutatorHandle requester, Runnable onRequested) {
    lock.lock();
    try {
      if (stopRequested) {
        parkLocked(requester);
        return false;
      }
      stopRequested = true;
      onRequested.run();
      requester.state = State.COLLECTING;
      running--;
      while (running > 0) {
        changed.awaitUninterruptibly();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the collection started by {@code collector} and wakes every parked mutator. */
  public void restartTheWorld(MutatorHandle collector) {
    lock.lock();
    try {
      stopRequested = false;
      collector.state = State.RUNNING;
      running++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Parks {@code mutator} if a collection is requested; returns when the world runs again. */
  public void park(MutatorHandle mutator) {
    lock.lock();
    try {
      if (stopRequested) {
        parkLocked(mutator);
      }
    } finally {
      lock.unlock();
    }
  }

  private void parkLocked(MutatorHandle mutator) {
    mutator.state = State.PARKED;
    running--;
    changed.signalAll();
    while (stopRequested) {
      changed.awaitUninterruptibly();
    }
    mutator.state = State.RUNNING;
    running++;
  }

  /** Marks {@code mutator} inactive: collections proceed without it. */
  public void enterInactive(MutatorHandle mutator) {
    lock.lock();
    try {
      if (mutator.state != State.RUNNING) {
        throw new IllegalStateException("mutator is " + mutator.state + ", not running");
      }
      mutator.state = State.INACTIVE;
      running--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Makes an inactive mutator run again, waiting for a collection in progress to finish. */
  public void leaveInactive(MutatorHandle mutator) {
    lock.lock();
    try {
      while (stopRequested) {
        changed.awaitUninterruptibly();
      }
      mutator.state = State.RUNNING;
      running++;
    } finally {
      lock.unlock();
    }
  }
}
