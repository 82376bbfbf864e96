package dev.lurcher.gc.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards every event to a list of listeners, in the order they were added.
 *
 * <p>Events fire per collection, not per object, so iterating a list here costs nothing that
 * matters; the copy-on-write list lets a listener be added while another thread collects.
 *
 * <p>A listener that throws during a collection must not break it: an exception escaping halfway
 * would leave the world stopped for good (from {@link #prepare}) or the heap half copied (from a
 * later phase). So the collection events catch what a listener throws, carry on with the other
 * listeners and the collection, and keep the first exception (later ones suppressed in it) for
 * {@link #rethrowCollectionFailure} once the world runs again.
 */
public final class ListenerChain implements GcEventListener {
  private final List<GcEventListener> listeners = new CopyOnWriteArrayList<>();

  // Written and read by the collecting thread only, from prepare to rethrowCollectionFailure.
  private Throwable failure;

  /** Adds a listener at the end of the chain. */
  public void add(GcEventListener listener) {
    listeners.add(listener);
  }

  /** Removes a listener; returns whether it was present. */
  public boolean remove(GcEventListener listener) {
    return listeners.remove(listener);
  }

  @Override
  public void prepare(long heapBytes) {
    failure = null; // a new collection
    for (GcEventListener l : listeners) {
      try {
        l.prepare(heapBytes);
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void start(CollectionKind kind) {
    for (GcEventListener l : listeners) {
      try {
        l.start(kind);
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void mutatorsStopped() {
    for (GcEventListener l : listeners) {
      try {
        l.mutatorsStopped();
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void rootsTraced() {
    for (GcEventListener l : listeners) {
      try {
        l.rootsTraced();
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void heapTraced() {
    for (GcEventListener l : listeners) {
      try {
        l.heapTraced();
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void liveDataSize(long bytes) {
    for (GcEventListener l : listeners) {
      try {
        l.liveDataSize(bytes);
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void heapResized(long bytes) {
    for (GcEventListener l : listeners) {
      try {
        l.heapResized(bytes);
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void restarting() {
    for (GcEventListener l : listeners) {
      try {
        l.restarting();
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  @Override
  public void mutatorAdded(int count) {
    for (GcEventListener l : listeners) {
      l.mutatorAdded(count);
    }
  }

  @Override
  public void mutatorRemoved(int count) {
    for (GcEventListener l : listeners) {
      l.mutatorRemoved(count);
    }
  }

  @Override
  public void mutatorCausedGc() {
    for (GcEventListener l : listeners) {
      try {
        l.mutatorCausedGc();
      } catch (RuntimeException | Error e) {
        record(e);
      }
    }
  }

  private void record(Throwable e) {
    if (failure == null) {
      failure = e;
    } else if (failure != e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Throws the first exception a listener threw during the collection that just ended, if any, and
   * forgets it. Called by the collecting thread after the world has restarted.
   */
  public void rethrowCollectionFailure() {
    Throwable f = failure;
    failure = null;
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
  }
}
