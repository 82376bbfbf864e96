package dev.lurcher.gc.api;

/**
 * How the collector treats an object: the kind is chosen at allocation and never changes.
 *
 * <p>Only {@link #TAGGED} objects have a header the {@link ObjectModel} understands; the other two
 * kinds are <em>untagged</em>: raw memory whose size the collector keeps in its own metadata, which
 * is why only collectors with per-object side metadata ({@code mmc}) accept them.
 */
public enum AllocationKind {
  /** Has a header; traced precisely through the object model; may move unless pinned. */
  TAGGED,
  /** Raw data with no header: never scanned, never moved (so native code may keep its address). */
  POINTERLESS,
  /** No header: scanned word by word, every plausible reference kept alive; never moved. */
  CONSERVATIVE
}
