package dev.lurcher.gc.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards every event to a list of listeners, in the order they were added.
 *
 * <p>Events fire per collection, not per object, so iterating a list here costs nothing that
 * matters; the copy-on-write list lets a listener be added while another thread collects.
 */
public final class ListenerChain implements GcEventListener {
  private final List<GcEventListener> listeners = new CopyOnWriteArrayList<>();

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
    for (GcEventListener l : listeners) {
      l.prepare(heapBytes);
    }
  }

  @Override
  public void start(CollectionKind kind) {
    for (GcEventListener l : listeners) {
      l.start(kind);
    }
  }

  @Override
  public void mutatorsStopped() {
    for (GcEventListener l : listeners) {
      l.mutatorsStopped();
    }
  }

  @Override
  public void rootsTraced() {
    for (GcEventListener l : listeners) {
      l.rootsTraced();
    }
  }

  @Override
  public void heapTraced() {
    for (GcEventListener l : listeners) {
      l.heapTraced();
    }
  }

  @Override
  public void liveDataSize(long bytes) {
    for (GcEventListener l : listeners) {
      l.liveDataSize(bytes);
    }
  }

  @Override
  public void heapResized(long bytes) {
    for (GcEventListener l : listeners) {
      l.heapResized(bytes);
    }
  }

  @Override
  public void restarting() {
    for (GcEventListener l : listeners) {
      l.restarting();
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
      l.mutatorCausedGc();
    }
  }
}
