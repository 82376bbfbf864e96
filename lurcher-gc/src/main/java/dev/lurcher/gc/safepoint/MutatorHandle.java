package dev.lurcher.gc.safepoint;

/**
 * What the safepoint coordinator knows of a mutator: its state and its thread. Read and written
 * only under the coordinator's lock.
 */
public final class MutatorHandle {
  final Thread owner;
  Safepoints.State state = Safepoints.State.DETACHED;

  /** A handle for a mutator running on {@code owner}. */
  public MutatorHandle(Thread owner) {
    this.owner = owner;
  }

  /** The thread the mutator was attached on. */
  public Thread owner() {
    return owner;
  }

  /** The current state; callers should hold the coordinator's lock for a stable answer. */
  public Safepoints.State state() {
    return state;
  }
}
