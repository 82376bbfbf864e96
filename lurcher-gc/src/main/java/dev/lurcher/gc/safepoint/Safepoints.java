package dev.lurcher.gc.safepoint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Invariants, all under the lock: {@code running} counts the handles in state {@link
 * State#RUNNING}; while {@code stopRequested} no handle becomes {@code RUNNING} except the
 * requester's when it restarts the world; so once the requester sees {@code running == 0} the set
 * of mutators and their roots is frozen until it restarts the world. That is what lets the
 * collector read every mutator's roots without the lock.
 *
 * <p>Time to safepoint. The allocation fast path does not poll: a mutator notices a stop when its
 * allocation buffer runs out (or at an explicit {@code safepoint()}), so after a stop is requested
 * it allocates at most one buffer more: 32 KiB for {@code semi}, one 64 KiB block for {@code pcc},
 * a few thousand small objects, some microseconds. We keep it that way deliberately. Forcing the
 * others' buffers empty (their {@code limit} set to 0 by the requester) would not be free: the
 * owner's limit read would have to become at least an opaque read, or the JIT may keep the limit in
 * a register for a whole allocating loop and never see the 0; and the owner's refill would race
 * with the requester (a refill installing a fresh limit after the requester zeroed it) and would
 * have to re-check the stop flag after installing. Both costs land on every allocation to save
 * microseconds against pauses of milliseconds. Loops that compute without allocating must call
 * {@code safepoint()}; that is the embedder's side of the bound.
 *
 * <p>Never a hang: a mutator whose thread terminated without detaching cannot reach a safepoint, so
 * a requester that waits notices dead owners (every {@link #DEAD_OWNER_CHECK_MILLIS} ms) and treats
 * them as inactive: their roots stay published and are still traced. A mutator that runs forever
 * without a safepoint poll breaks the contract and does hold collections up; nothing cooperative
 * can prevent that.
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
    /** Its thread terminated without detaching: treated as inactive forever. */
    ABANDONED,
    /** Running the collection. */
    COLLECTING,
    /** Detached from the heap. */
    DETACHED
  }

  /** How often a waiting requester looks for mutators whose thread died, in milliseconds. */
  static final long DEAD_OWNER_CHECK_MILLIS = 100;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<MutatorHandle> handles = new ArrayList<>();
  private volatile boolean stopRequested;
  private int running;
  private long collections;

  /** Whether a collection has been requested: the safepoint poll's fast path. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /** The lock guarding mutator states; held by callers that change the set of mutators. */
  public ReentrantLock lock() {
    return lock;
  }

  /** Number of attached mutators (abandoned ones included until the heap closes). */
  public int attachedCount() {
    lock.lock();
    try {
      return handles.size();
    } finally {
      lock.unlock();
    }
  }

  /** Number of stop-the-world collections completed so far. */
  public long collectionCount() {
    lock.lock();
    try {
      return collections;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Registers a new running mutator, waiting for a collection in progress to finish first. {@code
   * registration} runs under the lock once the world is running, before the mutator counts as
   * attached: if it throws, nothing changed.
   *
   * @throws IllegalStateException if the thread already has a mutator here: a thread parked with
   *     one mutator could never bring its other one to a safepoint, so every later collection would
   *     hang
   */
  public void attach(MutatorHandle mutator, Runnable registration) {
    lock.lock();
    try {
      for (MutatorHandle h : handles) {
        if (h.owner == mutator.owner) {
          throw new IllegalStateException(
              "thread '"
                  + mutator.owner.getName()
                  + "' already has a mutator attached to this heap");
        }
      }
      while (stopRequested) {
        changed.awaitUninterruptibly();
      }
      registration.run();
      mutator.state = State.RUNNING;
      running++;
      handles.add(mutator);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Unregisters a mutator; {@code unregistration} runs under the lock. A running mutator leaves at
   * once (that is as good as reaching a safepoint: a waiting requester proceeds without it). An
   * inactive one (detaching from inside {@link #enterInactive}) or an abandoned one first waits for
   * a collection in progress, which may be reading its roots.
   */
  public void detach(MutatorHandle mutator, Runnable unregistration) {
    lock.lock();
    try {
      if (mutator.state == State.INACTIVE || mutator.state == State.ABANDONED) {
        while (stopRequested) {
          changed.awaitUninterruptibly();
        }
      }
      switch (mutator.state) {
        case RUNNING -> running--;
        case INACTIVE, ABANDONED -> {}
        default ->
            throw new IllegalStateException("cannot detach a mutator in state " + mutator.state);
      }
      unregistration.run();
      mutator.state = State.DETACHED;
      handles.remove(mutator);
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
      requireState(requester, State.RUNNING);
      if (stopRequested) {
        parkLocked(requester);
        return false;
      }
      stopRequested = true;
      requester.state = State.COLLECTING;
      running--;
      try {
        onRequested.run();
        while (running > 0) {
          if (!awaitChange()) {
            abandonDeadOwners();
          }
        }
      } catch (RuntimeException | Error e) {
        restartLocked(requester);
        throw e;
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean awaitChange() {
    try {
      return changed.await(DEAD_OWNER_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      // Keep waiting: the world is half stopped and the others must get their collection. The
      // interrupt is not lost; the caller sees it when it next blocks.
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private void abandonDeadOwners() {
    for (MutatorHandle h : handles) {
      if (h.state == State.RUNNING && !h.owner.isAlive()) {
        h.state = State.ABANDONED;
        running--;
      }
    }
  }

  /** Ends the collection started by {@code collector} and wakes every parked mutator. */
  public void restartTheWorld(MutatorHandle collector) {
    lock.lock();
    try {
      requireState(collector, State.COLLECTING);
      collections++;
      restartLocked(collector);
    } finally {
      lock.unlock();
    }
  }

  private void restartLocked(MutatorHandle collector) {
    stopRequested = false;
    collector.state = State.RUNNING;
    running++;
    changed.signalAll();
  }

  /** Parks {@code mutator} if a collection is requested; returns when the world runs again. */
  public void park(MutatorHandle mutator) {
    lock.lock();
    try {
      if (stopRequested) {
        requireState(mutator, State.RUNNING);
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
      requireState(mutator, State.RUNNING);
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
      requireState(mutator, State.INACTIVE);
      while (stopRequested) {
        changed.awaitUninterruptibly();
      }
      mutator.state = State.RUNNING;
      running++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Describes the mutators not owned by {@code self}: thread names and states, for a clear error
   * when a heap cannot close. A mutator whose thread terminated without detaching it is listed too
   * (its memory would otherwise vanish under whoever still holds it); any thread may detach it.
   * Call with the lock held.
   */
  public List<String> othersAttached(Thread self) {
    List<String> others = new ArrayList<>();
    for (MutatorHandle h : handles) {
      if (h.owner != self) {
        String state = h.owner.isAlive() ? h.state.toString() : "thread terminated, not detached";
        others.add("'" + h.owner.getName() + "' (" + state + ")");
      }
    }
    return others;
  }

  private static void requireState(MutatorHandle mutator, State expected) {
    if (mutator.state != expected) {
      throw new IllegalStateException(
          "mutator of thread '"
              + mutator.owner.getName()
              + "' is "
              + mutator.state
              + ", expected "
              + expected);
    }
  }
}
