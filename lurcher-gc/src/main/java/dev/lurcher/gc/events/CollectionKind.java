package dev.lurcher.gc.events;

/** Whether a collection traced the nursery only or the whole heap. */
public enum CollectionKind {
  /** A nursery collection of a generational configuration. */
  MINOR,
  /** A whole-heap collection. */
  MAJOR
}
