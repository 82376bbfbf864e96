package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.CheckLevel;
import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.memory.VirtualMemory;
import dev.lurcher.gc.spaces.AllocationBuffer;
import dev.lurcher.gc.spaces.ObjectStartMap;
import dev.lurcher.gc.spaces.SemiSpace;
import dev.lurcher.gc.verify.HeapVerificationException;
import dev.lurcher.gc.verify.HeapVerifier;
import dev.lurcher.gc.verify.HeapWalker;
import java.util.function.LongConsumer;

/**
 * The serial semi-space collector: Cheney's algorithm over a {@link SemiSpace}.
 *
 * <p>Half of the heap is the copy reserve, so the usable heap is half the heap size. A collection
 * flips the halves, copies the objects the roots reach into to-space, then scans to-space left to
 * right, copying what each scanned object refers to: to-space itself is the work queue, so the
 * collection allocates nothing. Every collection is major; nothing grows.
 */
public final class SemiSpaceCollector extends Collector implements RootVisitor {
  /** Size of the allocation buffers handed to mutators. */
  static final long BUFFER_BYTES = 32 * 1024;

  private final SemiSpace space;
  private final Forwarding forwarding;
  private final ObjectStartMap starts;

  /**
   * Under {@code verify=true}: the from-space objects this collection has copied. Every other
   * from-space object the collector reaches has its header checked before it is copied, because a
   * corrupt header (zeroed, or an interior pointer's field read as one) would otherwise be copied
   * with a bogus size and leave a heap the post-collection verifier cannot tell from a good one.
   */
  private final ObjectStartMap copied;

  private long copyTop;
  private long liveBytes;
  private long scanning; // the to-space object being scanned, 0 while tracing roots (for messages)

  SemiSpaceCollector(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    super(options, model, roots, events);
    // Round each half down to whole pages: SemiSpace rounds up, and heap-size is a maximum.
    this.space = new SemiSpace((options.heapSize() / 2) & -VirtualMemory.PAGE_SIZE);
    this.forwarding = model.forwarding();
    this.starts =
        options.checked() == CheckLevel.FULL
            ? new ObjectStartMap(space.reservationBase(), space.reservationBytes())
            : null;
    this.copied =
        options.verify()
            ? new ObjectStartMap(space.reservationBase(), space.reservationBytes())
            : null;
  }

  @Override
  public boolean refill(AllocationBuffer buffer, long minBytes) {
    return space.refill(buffer, minBytes, BUFFER_BYTES);
  }

  @Override
  public long maxBufferedObjectSize() {
    return BUFFER_BYTES / 4;
  }

  @Override
  public long allocateUnbuffered(long bytes) {
    return space.allocate(bytes);
  }

  @Override
  public void collect(CollectionKind requested) {
    events.start(CollectionKind.MAJOR);
    events.mutatorsStopped();
    long newFromBase = space.toBase();
    space.flip();
    copyTop = space.toBase();
    if (copied != null) {
      copied.clear(newFromBase, newFromBase + space.halfBytes());
    }
    if (starts != null) {
      // This half was to-space two collections ago: forget the object starts it held then.
      starts.clear(space.toBase(), space.toBase() + space.halfBytes());
    }
    scanning = 0;
    roots.traceRoots(this);
    events.rootsTraced();
    long scan = space.toBase();
    ObjectModel m = model;
    while (scan < copyTop) {
      scanning = scan;
      m.traceObject(scan, this);
      scan += m.objectSize(scan);
    }
    scanning = 0;
    space.setTop(copyTop);
    liveBytes = copyTop - space.toBase();
    events.heapTraced();
    events.liveDataSize(liveBytes);
  }

  @Override
  public void visitEdge(long edgeAddress) {
    long ref = Memory.getLong(edgeAddress);
    if ((ref & 15) == 0 && space.inFromSpace(ref)) {
      if (copied != null) {
        checkBeforeCopy(ref, edgeAddress);
      }
      Memory.putLong(edgeAddress, forward(ref));
    }
  }

  @Override
  public long visitValue(long value) {
    if ((value & 15) == 0 && space.inFromSpace(value)) {
      if (copied != null) {
        checkBeforeCopy(value, 0);
      }
      return forward(value);
    }
    return value;
  }

  /** Under verify: {@code ref} must be an object copied already or one with a sound header. */
  private void checkBeforeCopy(long ref, long edgeAddress) {
    if (copied.isSet(ref)) {
      return;
    }
    String problem = model.checkHeader(ref);
    if (problem != null) {
      String where =
          edgeAddress == 0
              ? "a root"
              : scanning == 0
                  ? "root slot at 0x" + Long.toHexString(edgeAddress)
                  : "field at offset "
                      + (edgeAddress - scanning)
                      + " of "
                      + model.describe(scanning);
      throw new HeapVerificationException(
          "heap verification failed: "
              + where
              + " holds 0x"
              + Long.toHexString(ref)
              + ", which is not an object start in from-space (its header is bad: "
              + problem
              + ")");
    }
  }

  private long forward(long ref) {
    long to = forwarding.forwardedAddress(ref);
    if (to != 0) {
      return to;
    }
    long size = model.objectSize(ref);
    long copy = copyTop;
    copyTop = copy + size;
    Memory.copy(ref, copy, size);
    forwarding.commit(ref, copy);
    if (starts != null) {
      starts.set(copy);
    }
    if (copied != null) {
      copied.set(ref);
    }
    return copy;
  }

  @Override
  public boolean contains(long ref) {
    return space.inToSpace(ref);
  }

  @Override
  public boolean isObjectStart(long ref) {
    return space.inToSpace(ref) && (starts == null || starts.isSet(ref));
  }

  @Override
  public void recordObjectStart(long ref) {
    if (starts != null) {
      starts.set(ref);
    }
  }

  @Override
  public long heapSize() {
    return space.reservationBytes();
  }

  @Override
  public long liveBytes() {
    return liveBytes;
  }

  @Override
  public void verify() {
    long reachable =
        HeapVerifier.verify(
            model,
            roots,
            new HeapWalker() {
              @Override
              public void forEachObject(LongConsumer action) {
                // Right after a collection to-space is exactly the copied objects, back to back.
                for (long a = space.toBase(); a < space.top(); a += model.objectSize(a)) {
                  action.accept(a);
                }
              }

              @Override
              public String regionOf(long address) {
                if (space.inFromSpace(address)) {
                  return "from-space";
                }
                if (space.inReservation(address)) {
                  return "inside to-space but not at an object start";
                }
                return "outside the heap";
              }
            });
    if (reachable != liveBytes) {
      throw new HeapVerificationException(
          "heap verification failed: to-space holds "
              + liveBytes
              + " bytes but only "
              + reachable
              + " are reachable (a semi-space copy must hold exactly the reachable objects)");
    }
  }

  @Override
  public void close() {
    space.release();
  }
}
