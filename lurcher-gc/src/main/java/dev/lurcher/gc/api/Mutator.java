package dev.lurcher.gc.api;

import dev.lurcher.gc.collectors.Collector;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.safepoint.MutatorHandle;
import dev.lurcher.gc.safepoint.Safepoints;
import dev.lurcher.gc.spaces.AllocationBuffer;
import java.util.function.LongConsumer;

/**
 * A thread attached to a {@link Heap}: it allocates, reads and writes heap objects.
 *
 * <p>A mutator belongs to the thread that attached it and must only be used there. It owns a
 * thread-local allocation buffer, so allocating is a bump and a compare with no lock. It must reach
 * a safepoint regularly (any allocation, or {@link #safepoint()} in loops that do not allocate) and
 * mark itself {@link #inactive inactive} around blocking calls, so that it never holds up another
 * thread's collection.
 *
 * <p>Anything that allocates or reaches a safepoint may collect and move objects: a reference held
 * only in a Java local is then stale. Keep references in {@link #roots()} (or the embedder's own
 * roots) across such calls and re-read them afterwards.
 *
 * <p>Unless the heap was created with {@code checked=off}, every reference and offset passed in is
 * checked and misuse is an exception naming what was wrong.
 */
public final class Mutator {
  private static final int CHECK_OFF = 0;
  private static final int CHECK_FULL = 2;

  private final Heap heap;
  private final Collector collector;
  private final ObjectModel model;
  private final Safepoints safepoints;
  private final MutatorHandle handle;
  private final AllocationBuffer buffer = new AllocationBuffer();
  private final RootStack rootStack = new RootStack();
  private final RootTracer roots;
  private final int checkLevel;
  private final int tortureEvery;
  private int tortureCountdown;
  private boolean detached;
  private boolean inactive;
  private ConservativeRoots conservativeRoots;

  Mutator(
      Heap heap,
      Collector collector,
      Safepoints safepoints,
      MutatorHandle handle,
      RootTracer roots) {
    this.heap = heap;
    this.collector = collector;
    this.model = heap.model();
    this.safepoints = safepoints;
    this.handle = handle;
    this.roots = roots;
    this.checkLevel = heap.options().checked().ordinal();
    this.tortureEvery = heap.options().gcTorture();
    this.tortureCountdown = tortureEvery;
  }

  /**
   * Allocates {@code bytes} of zeroed heap memory and returns its address. The caller must write
   * the object's header (as its object model defines it) before the next allocation or safepoint;
   * the standard layout's {@code allocate} methods do this.
   *
   * @param bytes a positive multiple of 16
   * @throws HeapExhaustedException if a full collection could not make room
   */
  public long allocate(long bytes) {
    if (checkLevel != CHECK_OFF) {
      checkAllocation(bytes);
    }
    if (tortureEvery != 0 && --tortureCountdown == 0) {
      tortureCountdown = tortureEvery;
      collectNow(CollectionKind.MAJOR, false);
    }
    AllocationBuffer b = buffer;
    long ref = b.cursor;
    if (bytes > b.limit - ref) { // not ref + bytes > limit: that wraps for huge requests
      ref = allocateSlow(bytes);
    } else {
      b.cursor = ref + bytes;
    }
    if (checkLevel == CHECK_FULL) {
      collector.recordObjectStart(ref);
    }
    return ref;
  }

  private long allocateSlow(long bytes) {
    pollSafepoint();
    while (true) {
      long ref = allocateOutsideBuffer(bytes);
      if (ref != 0) {
        return ref;
      }
      // Retry inside the collection, before the other mutators resume: only then does a failure
      // mean that a full collection could not make room.
      ref = heap.collectThen(this, CollectionKind.MAJOR, true, () -> allocateOutsideBuffer(bytes));
      if (ref == 0) {
        throw new HeapExhaustedException(heap.heapSize(), heap.liveBytes(), bytes);
      }
      if (ref != -1) {
        return ref;
      }
      // Another thread collected while we asked: try again in the room it made.
    }
  }

  /** A large object, or a small one from a fresh buffer; 0 if the collector has no room. */
  private long allocateOutsideBuffer(long bytes) {
    if (bytes > collector.maxBufferedObjectSize()) {
      return collector.allocateUnbuffered(bytes);
    }
    if (collector.refill(buffer, bytes)) {
      long ref = buffer.cursor;
      buffer.cursor = ref + bytes;
      return ref;
    }
    return 0;
  }

  /**
   * Allocates {@code bytes} of zeroed, untagged raw data: no header, never scanned (words in it
   * that look like references keep nothing alive), never moved. The collector records its size.
   *
   * @param bytes a positive multiple of 16
   * @throws UnsupportedOperationException if the collector has no per-object metadata to record an
   *     untagged object's size (only {@code mmc} has)
   * @throws HeapExhaustedException if a full collection could not make room
   */
  public long allocatePointerless(long bytes) {
    return allocateUntagged(bytes, AllocationKind.POINTERLESS);
  }

  /**
   * Allocates {@code bytes} of zeroed, untagged memory that the collector scans word by word: every
   * word that points into a live object keeps it alive and pinned. The object has no header and
   * never moves; the collector records its size.
   *
   * @param bytes a positive multiple of 16
   * @throws UnsupportedOperationException if the collector cannot trace conservatively (only {@code
   *     mmc} can)
   * @throws HeapExhaustedException if a full collection could not make room
   */
  public long allocateConservative(long bytes) {
    return allocateUntagged(bytes, AllocationKind.CONSERVATIVE);
  }

  private long allocateUntagged(long bytes, AllocationKind kind) {
    collector.checkAllocationKind(kind);
    long ref = allocate(bytes);
    // No safepoint between the bump and the record: no collection can see the object unrecorded.
    collector.recordAllocation(ref, bytes, kind);
    return ref;
  }

  /**
   * Pins {@code ref}: the object never moves from now on, so its address may be handed to native
   * code for as long as it is reachable.
   *
   * @throws UnsupportedOperationException if the collector cannot pin (a copying collector moves
   *     everything it keeps)
   * @throws IllegalArgumentException if {@code ref} is not a reference into this heap (unless
   *     checks are off)
   */
  public void pin(long ref) {
    checkReference(ref, "pinned object");
    collector.pin(ref);
  }

  /**
   * This mutator's own conservative root ranges (its native stack, say), scanned at every
   * collection while it is attached.
   *
   * @throws IllegalStateException unless the heap was created with {@code roots=conservative}
   */
  public ConservativeRoots conservativeRoots() {
    Heap.checkConservativeRoots(heap.options());
    if (conservativeRoots == null) {
      conservativeRoots = new ConservativeRoots();
    }
    return conservativeRoots;
  }

  void traceConservativeRoots(LongConsumer visitor) {
    ConservativeRoots c = conservativeRoots;
    if (c != null) {
      c.scan(visitor);
    }
  }

  /**
   * Reads the reference field at byte {@code offset} of {@code obj}.
   *
   * @throws IllegalArgumentException if {@code obj} is not a heap reference or the offset is not a
   *     word inside it (unless checks are off)
   */
  public long loadRef(long obj, long offset) {
    if (checkLevel != CHECK_OFF) {
      checkField(obj, offset);
    }
    return Memory.getLong(obj + offset);
  }

  /**
   * Stores {@code value} (a reference, 0, or a tagged immediate) into the reference field at byte
   * {@code offset} of {@code obj}. This is the write barrier's place: always store references
   * through it.
   *
   * @throws IllegalArgumentException if {@code obj} or {@code value} is not a heap reference or the
   *     offset is not a word inside {@code obj} (unless checks are off)
   */
  public void storeRef(long obj, long offset, long value) {
    if (checkLevel != CHECK_OFF) {
      checkField(obj, offset);
      if (value != 0 && (value & 15) == 0) {
        checkReference(value, "stored value");
      }
    }
    Memory.putLong(obj + offset, value);
  }

  /** Reads the raw 64-bit word at byte {@code offset} of {@code obj}. */
  public long loadWord(long obj, long offset) {
    if (checkLevel != CHECK_OFF) {
      checkField(obj, offset);
    }
    return Memory.getLong(obj + offset);
  }

  /**
   * Writes a raw 64-bit word at byte {@code offset} of {@code obj}. Never use it for references:
   * the collector would not see them through a raw field, and a barrier would be bypassed.
   */
  public void storeWord(long obj, long offset, long value) {
    if (checkLevel != CHECK_OFF) {
      checkField(obj, offset);
    }
    Memory.putLong(obj + offset, value);
  }

  /** Reads the byte at {@code offset} of {@code obj}. */
  public byte loadByte(long obj, long offset) {
    if (checkLevel != CHECK_OFF) {
      checkBytes(obj, offset, 1);
    }
    return Memory.getByte(obj + offset);
  }

  /** Writes the byte at {@code offset} of {@code obj}. */
  public void storeByte(long obj, long offset, byte value) {
    if (checkLevel != CHECK_OFF) {
      checkBytes(obj, offset, 1);
    }
    Memory.putByte(obj + offset, value);
  }

  /**
   * Checks that {@code ref} is a reference into this heap (and, under {@code checked=full}, the
   * start of an object). Does nothing when checks are off.
   *
   * @throws IllegalArgumentException naming the bad reference
   */
  public void checkReference(long ref, String what) {
    if (checkLevel == CHECK_OFF) {
      return;
    }
    checkAttached();
    if ((ref & 15) != 0 || !collector.contains(ref)) {
      throw new IllegalArgumentException(
          what + " 0x" + Long.toHexString(ref) + " is not a reference into this heap");
    }
    if (checkLevel == CHECK_FULL && !collector.isObjectStart(ref)) {
      throw new IllegalArgumentException(
          what + " 0x" + Long.toHexString(ref) + " is inside the heap but not an object start");
    }
  }

  /**
   * A safepoint: parks here if another thread needs to collect. Call it in non-allocating loops.
   */
  public void safepoint() {
    if (safepoints.stopRequested()) {
      pollSafepoint();
    }
  }

  private void pollSafepoint() {
    checkAttached();
    safepoints.park(handle);
  }

  /**
   * Runs {@code blocking} with this mutator inactive: other threads collect without waiting for it.
   * The roots must already be published; {@code blocking} must not touch the heap: using this
   * mutator inside it (allocating, accessing objects, collecting, detaching, nesting {@code
   * inactive}) is an {@link IllegalStateException} unless checks are off.
   */
  public void inactive(Runnable blocking) {
    checkAttached();
    safepoints.enterInactive(handle);
    inactive = true;
    try {
      blocking.run();
    } finally {
      inactive = false;
      safepoints.leaveInactive(handle);
    }
  }

  /** Collects the whole heap now (waiting for the other mutators to reach safepoints). */
  public void collect() {
    checkAttached();
    collectNow(CollectionKind.MAJOR, false);
  }

  private void collectNow(CollectionKind kind, boolean causedByAllocation) {
    // If another thread collected while we waited, that collection serves this request too.
    boolean unused = heap.collect(this, kind, causedByAllocation);
  }

  /** This mutator's ready-made root stack, traced at every collection. */
  public RootStack roots() {
    return rootStack;
  }

  /** The heap this mutator is attached to. */
  public Heap heap() {
    return heap;
  }

  /** Whether {@link #detach()} was called. */
  public boolean isDetached() {
    return detached;
  }

  /**
   * Detaches this mutator; its roots are no longer traced. Later use is an error. Only the owning
   * thread may detach it, unless that thread has terminated.
   *
   * @throws IllegalStateException if called from another thread while the owner is alive
   */
  public void detach() {
    if (detached) {
      return;
    }
    if (handle.owner().isAlive()) {
      checkAttached();
    }
    heap.detach(this);
    detached = true;
    buffer.retire();
  }

  void traceRoots(RootVisitor visitor) {
    rootStack.trace(visitor);
    roots.traceRoots(visitor);
  }

  AllocationBuffer buffer() {
    return buffer;
  }

  MutatorHandle handle() {
    return handle;
  }

  private void checkAttached() {
    if (detached) {
      throw new IllegalStateException("the mutator is detached");
    }
    if (handle.owner() != Thread.currentThread()) {
      throw new IllegalStateException(
          "the mutator belongs to thread '"
              + handle.owner().getName()
              + "', not '"
              + Thread.currentThread().getName()
              + "'");
    }
    if (inactive) {
      throw new IllegalStateException(
          "the mutator is inactive: code inside inactive() must not touch the heap");
    }
  }

  private void checkAllocation(long bytes) {
    checkAttached();
    heap.ensureOpen();
    if (bytes <= 0 || (bytes & 15) != 0) {
      throw new IllegalArgumentException(
          "allocation size " + bytes + " is not a positive multiple of 16");
    }
  }

  private void checkField(long obj, long offset) {
    checkBytes(obj, offset, 8);
    if ((offset & 7) != 0) {
      throw new IllegalArgumentException("field offset " + offset + " is not word aligned");
    }
  }

  private void checkBytes(long obj, long offset, long width) {
    checkReference(obj, "object");
    long size = collector.objectSize(obj); // untagged objects have no header to size them
    if (offset < 0 || offset > size - width) { // not offset + width: it overflows for huge offsets
      throw new IllegalArgumentException(
          "offset " + offset + " is outside " + model.describe(obj) + " (" + size + " bytes)");
    }
  }
}
