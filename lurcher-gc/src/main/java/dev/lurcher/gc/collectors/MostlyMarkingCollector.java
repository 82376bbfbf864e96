package dev.lurcher.gc.collectors;

import static dev.lurcher.gc.spaces.MarkRegionSpace.BLOCK_BYTES;
import static dev.lurcher.gc.spaces.MarkRegionSpace.CONSERVATIVE;
import static dev.lurcher.gc.spaces.MarkRegionSpace.END;
import static dev.lurcher.gc.spaces.MarkRegionSpace.GRANULES_PER_BLOCK;
import static dev.lurcher.gc.spaces.MarkRegionSpace.MARK_MASK;
import static dev.lurcher.gc.spaces.MarkRegionSpace.PINNED;
import static dev.lurcher.gc.spaces.MarkRegionSpace.POINTERLESS;
import static dev.lurcher.gc.spaces.MarkRegionSpace.UNTAGGED;
import static dev.lurcher.gc.spaces.MarkRegionSpace.YOUNG;

import dev.lurcher.gc.api.AllocationKind;
import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.spaces.AllocationBuffer;
import dev.lurcher.gc.spaces.LargeObjectSpace;
import dev.lurcher.gc.spaces.MarkRegionSpace;
import dev.lurcher.gc.verify.HeapVerificationException;
import dev.lurcher.gc.verify.HeapVerifier;
import dev.lurcher.gc.verify.HeapWalker;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The mostly-marking collector ({@code collector=mmc}): a {@link MarkRegionSpace} for objects up to
 * {@code large-object-threshold} and a {@link LargeObjectSpace} for bigger ones, sharing the
 * heap-size budget. Serial and stop-the-world.
 *
 * <p>A collection marks from the roots with an explicit mark stack (no recursion, nothing allocated
 * per object). Objects stay where they are, except that when the previous collection left the space
 * fragmented, the blocks with the fewest live granules are chosen as evacuation candidates and
 * their movable objects are copied, as marking reaches them, into empty blocks (the evacuation
 * reserve), through the embedder's {@link Forwarding} protocol. Pinned objects, untagged objects
 * and objects reached conservatively stay put; when no target block is left the rest are marked in
 * place, so evacuation never fails. Blocks left with no live granule return to the empty pool; the
 * others are swept lazily by the allocators.
 *
 * <p>Conservative configurations: conservative root words are traced first, so everything they
 * reach is marked in place (pinned for the cycle) before anything could be evacuated. Words are
 * resolved to objects through the metadata (interior pointers included); objects allocated since
 * the last collection have no metadata yet on the tagged fast path (a bump and a compare, nothing
 * more), so in these configurations the collection first parses the memory allocated since the last
 * collection and records their starts and ends. Evacuation is off whenever a conservative object
 * may exist ({@code heap=conservative}, or untagged conservative objects allocated or live): a word
 * inside such an object cannot be updated, so nothing it might reach may move.
 *
 * <p>The per-object work ({@link #markValue}: mark or evacuate one object; {@link #scanObject}:
 * visit one object's edges) is separate from the worklist ({@link #drain}), so a parallel tracer
 * can drive the same work later.
 */
public final class MostlyMarkingCollector extends Collector implements RootVisitor {
  // The allocation kind of a large object, kept in its tag word (0 when allocated: tagged).
  private static final long LOS_POINTERLESS = 1;
  private static final long LOS_CONSERVATIVE = 2;

  private final LargeObjectSpace los = new LargeObjectSpace();
  private final MarkRegionSpace space;
  private final Forwarding forwarding;
  private final boolean conservativeRoots;
  private final boolean conservativeHeap;
  private final long largeObjectThreshold;
  private final LongConsumer conservativeWordVisitor = this::markConservative;
  private final boolean[] candidate;
  private int[] candidates = new int[16];
  private int candidateCount;

  // The mark stack: the worklist of marked objects whose edges are still to be visited.
  private long[] stack = new long[1024];
  private int depth;

  // State of the cycle being collected.
  private int mark;
  private int survivorMark;
  private int newCycle;
  private boolean evacuating;
  private boolean reserveExhausted;
  private int targetBlock = -1;
  private long targetCursor;
  private long targetLimit;
  private long cycleLiveBytes;
  private long cycleEvacuatedBytes;
  private long cycleConservativeObjects;

  // Facts gathered between collections. Plain fields: mutators write them, the collector reads
  // them after the safepoint handshake, whose lock orders the accesses.
  private boolean youngRecorded;
  private boolean conservativeAllocated;
  private long conservativeLive;
  private boolean evacuateNext;

  // Statistics.
  private long liveBytes;
  private long collections;
  private long evacuatingCollections;
  private long bytesEvacuated;
  private long lastBytesEvacuated;
  private long blocksEvacuated;
  private long blocksEmptied;
  private long lastEmptiedBlocks;
  private long lastHoleBytes;
  private long lastCandidateBlocks;

  MostlyMarkingCollector(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    super(options, model, roots, events);
    this.space = new MarkRegionSpace(options.heapSize(), los);
    this.forwarding = model.forwarding();
    this.conservativeRoots = options.conservativeRoots();
    this.conservativeHeap = options.conservativeHeap();
    this.largeObjectThreshold = options.largeObjectThreshold();
    this.candidate = new boolean[space.blockCount()];
  }

  // ---------------------------------------------------------------- allocation

  @Override
  public boolean refill(AllocationBuffer buffer, long minBytes) {
    return space.refill(buffer, minBytes);
  }

  @Override
  public long maxBufferedObjectSize() {
    return largeObjectThreshold;
  }

  @Override
  public long allocateUnbuffered(long bytes) {
    return space.allocateLarge(bytes);
  }

  @Override
  public void checkAllocationKind(AllocationKind kind) {
    // Every kind is supported: untagged sizes live in the metadata (END) or the LOS table.
  }

  @Override
  public void recordAllocation(long ref, long bytes, AllocationKind kind) {
    if (kind == AllocationKind.TAGGED) {
      return;
    }
    if (kind == AllocationKind.CONSERVATIVE) {
      conservativeAllocated = true;
    }
    if (space.inBlocks(ref)) {
      int bits = kind == AllocationKind.POINTERLESS ? POINTERLESS : CONSERVATIVE;
      space.setMeta(ref, YOUNG | PINNED | bits);
      space.setEnd(ref, bytes);
      youngRecorded = true;
    } else {
      los.setTag(ref, kind == AllocationKind.POINTERLESS ? LOS_POINTERLESS : LOS_CONSERVATIVE);
    }
  }

  @Override
  public void pin(long ref) {
    if (space.inUsedBlock(ref)) {
      int m = space.meta(ref);
      // A young tagged object has no metadata yet: record it as an object start too.
      int state = (m & MARK_MASK) == 0 ? YOUNG : 0;
      space.setMeta(ref, m | PINNED | state);
      youngRecorded = true;
    } else if (los.objectContaining(ref) == 0) {
      throw new IllegalArgumentException(
          "pinned object 0x" + Long.toHexString(ref) + " is not in this heap");
    }
    // Large objects never move: nothing to record.
  }

  // ---------------------------------------------------------------- collection

  @Override
  public void collect(CollectionKind requested) {
    events.start(CollectionKind.MAJOR);
    events.mutatorsStopped();
    survivorMark = space.liveMark();
    newCycle = space.cycle() + 1;
    mark = MarkRegionSpace.markOf(newCycle);
    boolean parse =
        conservativeRoots || conservativeHeap || conservativeAllocated || conservativeLive > 0;
    if (parse) {
      parseYoung();
    }
    // Conservative roots do not prevent evacuation (they are traced first and pin what they
    // reach); conservative objects do, since their words are found during tracing.
    evacuating =
        evacuateNext && !conservativeHeap && !conservativeAllocated && conservativeLive == 0;
    if (evacuating) {
      selectCandidates();
    }
    space.startCollection(newCycle);
    los.startCycle();
    cycleLiveBytes = 0;
    cycleEvacuatedBytes = 0;
    cycleConservativeObjects = 0;
    reserveExhausted = false;
    targetBlock = -1;
    targetCursor = 0;
    targetLimit = 0;

    if (conservativeRoots) {
      // First, so that what they reach is marked in place before anything is evacuated.
      roots.traceConservativeRoots(conservativeWordVisitor);
      drain();
    }
    roots.traceRoots(this);
    events.rootsTraced();
    drain();

    if (parse || youngRecorded) {
      space.retireYoung();
    }
    los.sweep();
    int emptied = space.finishCollection(newCycle);
    finishStatistics(emptied);
    events.heapTraced();
    events.liveDataSize(liveBytes);
  }

  private void finishStatistics(int emptied) {
    int evacuatedBlocks = 0;
    for (int i = 0; i < candidateCount; i++) {
      int b = candidates[i];
      if (!space.isInUse(b)) {
        evacuatedBlocks++;
      }
      candidate[b] = false;
    }
    lastCandidateBlocks = candidateCount;
    candidateCount = 0;
    blocksEvacuated += evacuatedBlocks;
    if (evacuating) {
      evacuatingCollections++;
    }
    evacuating = false;
    collections++;
    liveBytes = cycleLiveBytes + los.markedBytes();
    lastBytesEvacuated = cycleEvacuatedBytes;
    bytesEvacuated += cycleEvacuatedBytes;
    lastEmptiedBlocks = emptied;
    blocksEmptied += emptied;
    conservativeLive = cycleConservativeObjects;
    conservativeAllocated = false;
    youngRecorded = false;
    // Fragmentation: free granules trapped in blocks that still hold survivors. Evacuate next
    // time if they amount to a tenth of the budget, or if this collection freed fewer empty
    // blocks than the reserve while a reserve's worth of holes is trapped.
    long holeGranules = 0;
    int used = 0;
    for (int b = 0; b < space.blockCount(); b++) {
      if (space.isInUse(b)) {
        used++;
        holeGranules += GRANULES_PER_BLOCK - space.liveGranules(b);
      }
    }
    lastHoleBytes = holeGranules << 4;
    long reserveGranules = (long) space.reserveBlocks() * GRANULES_PER_BLOCK;
    evacuateNext =
        used > 1
            && ((lastHoleBytes >= space.budgetBytes() / 10)
                || (emptied < space.reserveBlocks() && holeGranules >= reserveGranules));
    if (evacuateNext) {
      // Otherwise mutators may take the reserve, and the evacuation would find no target block.
      space.holdReserve();
    }
  }

  /**
   * Chooses evacuation candidates from last cycle's live counts: the blocks with the fewest live
   * granules first, while their live data fits in the empty blocks available as targets (with an
   * eighth kept for the space lost at target block ends). Blocks taken empty since the last
   * collection have no live count yet and are skipped.
   */
  private void selectCandidates() {
    int targets = space.availableEmptyBlocks();
    long capacity = (long) targets * GRANULES_PER_BLOCK * 7 / 8;
    if (capacity == 0) {
      evacuating = false;
      return;
    }
    // Counting sort of blocks by live granules, in 64 buckets; only blocks at most 3/4 full.
    int buckets = 64;
    int shift = Integer.numberOfTrailingZeros(GRANULES_PER_BLOCK / buckets);
    int[] bucketCount = new int[buckets];
    int n = space.blockCount();
    for (int b = 0; b < n; b++) {
      if (eligible(b)) {
        bucketCount[space.liveGranules(b) >>> shift]++;
      }
    }
    long chosenGranules = 0;
    int lastBucket = -1;
    for (int k = 0; k < buckets * 3 / 4; k++) {
      long bucketGranules = (long) bucketCount[k] * ((k + 1L) << shift);
      if (chosenGranules + bucketGranules > capacity && chosenGranules > 0) {
        break;
      }
      chosenGranules += bucketGranules;
      lastBucket = k;
    }
    long budget = capacity;
    for (int b = 0; b < n && lastBucket >= 0; b++) {
      if (eligible(b) && (space.liveGranules(b) >>> shift) <= lastBucket) {
        int liveGranules = space.liveGranules(b);
        if (liveGranules > budget) {
          continue;
        }
        budget -= liveGranules;
        candidate[b] = true;
        if (candidateCount == candidates.length) {
          candidates = Arrays.copyOf(candidates, candidateCount * 2);
        }
        candidates[candidateCount++] = b;
      }
    }
    if (candidateCount == 0) {
      evacuating = false;
    }
  }

  private boolean eligible(int b) {
    return space.isInUse(b)
        && !space.isFresh(b)
        && space.liveGranules(b) > 0
        && space.liveGranules(b) <= GRANULES_PER_BLOCK * 3 / 4;
  }

  /**
   * Records the start (YOUNG) and END of every object allocated since the last collection, so that
   * conservative words can be resolved through the metadata. Swept memory is zero where nothing was
   * allocated, and a tagged object's first word is never zero once initialised, so the parse walks
   * each block's swept part: survivors and untagged young objects are skipped through their END
   * bits, tagged young objects are sized through the object model.
   */
  private void parseYoung() {
    int survivors = survivorMark;
    for (int b = 0; b < space.blockCount(); b++) {
      int swept = space.sweptBytes(b);
      if (swept == 0 || !space.isInUse(b)) {
        continue;
      }
      long a = space.blockStart(b);
      long end = a + swept;
      while (a < end) {
        int m = space.meta(a);
        int state = m & MARK_MASK;
        if (state == survivors || (state == YOUNG && (m & UNTAGGED) != 0)) {
          long e = space.objectEnd(a);
          if (e == 0) {
            throw new IllegalStateException(
                "mark-region metadata corrupt: object at 0x" + Long.toHexString(a) + " has no END");
          }
          a = e;
        } else if (state == YOUNG || Memory.getLong(a) != 0) {
          long size = model.objectSize(a);
          if (size <= 0 || (size & 15) != 0 || a + size > end) {
            throw new IllegalStateException(
                "young object at 0x"
                    + Long.toHexString(a)
                    + " has size "
                    + size
                    + ": tagged objects must have a non-zero, well-formed header by the next"
                    + " safepoint");
          }
          space.setMeta(a, (m & ~MARK_MASK) | YOUNG);
          space.setEnd(a, size);
          a += size;
        } else {
          a += 16;
        }
      }
    }
  }

  /** The worklist loop: visits the edges of every marked object until none is left. */
  private void drain() {
    while (depth > 0) {
      scanObject(stack[--depth]);
    }
  }

  private void push(long ref) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    stack[depth++] = ref;
  }

  /** Per-object work: visits the edges of the marked object at {@code ref} by its kind. */
  private void scanObject(long ref) {
    MarkRegionSpace s = space;
    if (s.inBlocks(ref)) {
      int m = s.meta(ref);
      if ((m & POINTERLESS) != 0) {
        return;
      }
      if ((m & CONSERVATIVE) != 0 || conservativeHeap) {
        scanWords(ref, s.objectEnd(ref));
        return;
      }
    } else {
      long tag = los.tag(ref);
      if (tag == LOS_POINTERLESS) {
        return;
      }
      if (tag == LOS_CONSERVATIVE || conservativeHeap) {
        scanWords(ref, ref + los.sizeOf(ref));
        return;
      }
    }
    model.traceObject(ref, this);
  }

  private void scanWords(long from, long to) {
    for (long a = from; a < to; a += 8) {
      markConservative(Memory.getLong(a));
    }
  }

  @Override
  public void visitEdge(long edgeAddress) {
    long v = Memory.getLong(edgeAddress);
    if (v != 0 && (v & 15) == 0) {
      long nv = markValue(v);
      if (nv != v) {
        Memory.putLong(edgeAddress, nv);
      }
    }
  }

  @Override
  public long visitValue(long value) {
    if (value != 0 && (value & 15) == 0) {
      return markValue(value);
    }
    return value;
  }

  /**
   * Per-object work for a precise reference: marks the object (or evacuates it, if it sits in a
   * candidate block and may move) and returns its address after this collection.
   */
  private long markValue(long v) {
    MarkRegionSpace s = space;
    if (s.inBlocks(v)) {
      long meta = s.metaAddress(v);
      int m = Memory.getByte(meta) & 0xFF;
      if ((m & MARK_MASK) == mark) {
        return v;
      }
      if (evacuating && candidate[s.blockIndex(v)]) {
        long to = forwarding.forwardedAddress(v);
        if (to != 0) {
          return to;
        }
        if ((m & PINNED) == 0 && !reserveExhausted) {
          long copy = evacuate(v, meta);
          if (copy != 0) {
            return copy;
          }
        }
      }
      markInPlace(v, meta, m);
    } else if (los.objectCount() > 0 && los.isObjectStart(v) && los.mark(v)) {
      push(v);
    }
    return v;
  }

  /** Marks a conservatively reached word's object in place (pinned for this cycle), if any. */
  private void markConservative(long word) {
    MarkRegionSpace s = space;
    if (s.inBlocks(word)) {
      long start = s.objectContaining(word, survivorMark, mark);
      if (start != 0) {
        long meta = s.metaAddress(start);
        int m = Memory.getByte(meta) & 0xFF;
        if ((m & MARK_MASK) != mark) {
          markInPlace(start, meta, m);
        }
      }
    } else if (los.objectCount() > 0) {
      long start = los.objectContaining(word);
      if (start != 0 && los.mark(start)) {
        push(start);
      }
    }
  }

  private void markInPlace(long v, long meta, int m) {
    MarkRegionSpace s = space;
    long size = (m & UNTAGGED) != 0 || conservativeHeap ? s.objectEnd(v) - v : model.objectSize(v);
    Memory.putByte(meta, (byte) ((m & ~MARK_MASK) | mark));
    long endMeta = meta + (size >>> 4) - 1;
    Memory.putByte(endMeta, (byte) (Memory.getByte(endMeta) | END));
    s.addLive(s.blockIndex(v), (int) (size >>> 4));
    cycleLiveBytes += size;
    if ((m & CONSERVATIVE) != 0) {
      cycleConservativeObjects++;
    }
    push(v);
  }

  /** Copies a movable object to the current target block; 0 if the reserve is used up. */
  private long evacuate(long v, long meta) {
    long size = model.objectSize(v);
    if (targetCursor + size > targetLimit) {
      int b = space.acquireEvacuationTarget(newCycle);
      if (b < 0) {
        reserveExhausted = true; // the rest is marked in place
        return 0;
      }
      targetBlock = b;
      targetCursor = space.blockStart(b);
      targetLimit = targetCursor + BLOCK_BYTES;
    }
    long copy = targetCursor;
    targetCursor += size;
    // Serial: nobody races, so no claim is needed (see Forwarding).
    Memory.copy(v, copy, size);
    forwarding.commit(v, copy);
    Memory.putByte(meta, (byte) 0); // the old copy is free memory now
    space.setMeta(copy, mark);
    space.setEnd(copy, size);
    space.addLive(targetBlock, (int) (size >>> 4));
    cycleLiveBytes += size;
    cycleEvacuatedBytes += size;
    push(copy);
    return copy;
  }

  // ---------------------------------------------------------------- queries

  @Override
  public long objectSize(long ref) {
    if (space.inBlocks(ref)) {
      if ((space.meta(ref) & UNTAGGED) != 0) {
        return space.objectEnd(ref) - ref;
      }
    } else if (los.tag(ref) != 0) {
      return los.sizeOf(ref);
    }
    return model.objectSize(ref);
  }

  @Override
  public boolean contains(long ref) {
    if (space.inBlocks(ref)) {
      return space.inUsedBlock(ref);
    }
    return los.objectCount() > 0 && los.objectContaining(ref) != 0;
  }

  @Override
  public boolean isObjectStart(long ref) {
    if (space.inBlocks(ref)) {
      if (!space.inUsedBlock(ref) || (ref & 15) != 0) {
        return false;
      }
      int state = space.meta(ref) & MARK_MASK;
      return state == space.liveMark() || state == YOUNG;
    }
    return los.isObjectStart(ref);
  }

  @Override
  public void recordObjectStart(long ref) {
    if (space.inBlocks(ref)) {
      int m = space.meta(ref);
      if ((m & MARK_MASK) == 0) {
        space.setMeta(ref, m | YOUNG);
        youngRecorded = true;
      }
    }
  }

  @Override
  public long heapSize() {
    return space.budgetBytes();
  }

  @Override
  public long liveBytes() {
    return liveBytes;
  }

  /**
   * The counters: {@code collections}, {@code evacuating-collections}, {@code bytes-evacuated},
   * {@code last-bytes-evacuated}, {@code blocks-evacuated} (candidates emptied by evacuation),
   * {@code blocks-emptied}, {@code last-blocks-emptied}, {@code last-candidate-blocks}, {@code
   * last-hole-bytes} (free bytes trapped in blocks with survivors), {@code blocks-in-use}, {@code
   * large-object-bytes}, {@code large-objects}.
   */
  @Override
  public Map<String, Long> statistics() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("collections", collections);
    map.put("evacuating-collections", evacuatingCollections);
    map.put("bytes-evacuated", bytesEvacuated);
    map.put("last-bytes-evacuated", lastBytesEvacuated);
    map.put("blocks-evacuated", blocksEvacuated);
    map.put("blocks-emptied", blocksEmptied);
    map.put("last-blocks-emptied", lastEmptiedBlocks);
    map.put("last-candidate-blocks", lastCandidateBlocks);
    map.put("last-hole-bytes", lastHoleBytes);
    map.put("blocks-in-use", (long) space.usedBlocks());
    map.put("large-object-bytes", los.bytesInUse());
    map.put("large-objects", (long) los.objectCount());
    return map;
  }

  // ---------------------------------------------------------------- verification

  @Override
  public void verify() {
    long[] walked = new long[1];
    HeapWalker walker =
        new HeapWalker() {
          @Override
          public void forEachObject(LongConsumer action) {
            walkBlocks(action, walked);
            los.forEachObject(action);
          }

          @Override
          public String regionOf(long address) {
            if (space.inBlocks(address)) {
              return space.inUsedBlock(address)
                  ? "inside a block but not at the start of a live object"
                  : "in a free block";
            }
            return los.objectContaining(address) != 0
                ? "inside a large object but not at its start"
                : "outside the heap";
          }

          @Override
          public AllocationKind kindOf(long ref) {
            if (space.inBlocks(ref)) {
              int m = space.meta(ref);
              if ((m & POINTERLESS) != 0) {
                return AllocationKind.POINTERLESS;
              }
              return (m & CONSERVATIVE) != 0 || conservativeHeap
                  ? AllocationKind.CONSERVATIVE
                  : AllocationKind.TAGGED;
            }
            long tag = los.tag(ref);
            if (tag == LOS_POINTERLESS) {
              return AllocationKind.POINTERLESS;
            }
            return tag == LOS_CONSERVATIVE || conservativeHeap
                ? AllocationKind.CONSERVATIVE
                : AllocationKind.TAGGED;
          }

          @Override
          public long untaggedSize(long ref) {
            return space.inBlocks(ref) ? space.objectEnd(ref) - ref : los.sizeOf(ref);
          }
        };
    long reachable = HeapVerifier.verify(model, roots, walker);
    long marked = walked[0] + los.markedBytes();
    if (marked != liveBytes) {
      fail(
          "the blocks and large objects hold "
              + marked
              + " marked bytes, the marking counted "
              + liveBytes);
    }
    if (reachable > liveBytes) {
      fail(reachable + " bytes are reachable but only " + liveBytes + " were marked");
    }
  }

  /**
   * Walks every in-use block's metadata: a granule carrying the current mark starts a live object
   * that ends at its END bit. Checks the metadata against the object model and the live counts.
   */
  private void walkBlocks(LongConsumer action, long[] walked) {
    int current = space.liveMark();
    for (int b = 0; b < space.blockCount(); b++) {
      if (!space.isInUse(b)) {
        continue;
      }
      long a = space.blockStart(b);
      long end = a + BLOCK_BYTES;
      long granules = 0;
      while (a < end) {
        int m = space.meta(a);
        if ((m & MARK_MASK) != current) {
          a += 16;
          continue;
        }
        long e = space.objectEnd(a);
        if (e == 0) {
          fail("live object at 0x" + Long.toHexString(a) + " has no END bit in its block");
        }
        if ((m & UNTAGGED) == 0 && !conservativeHeap && model.checkHeader(a) == null) {
          long size = model.objectSize(a);
          if (size != e - a) {
            fail(model.describe(a) + " has size " + size + " but its END bit says " + (e - a));
          }
        }
        granules += (e - a) >>> 4;
        action.accept(a);
        a = e;
      }
      if (granules != space.liveGranules(b)) {
        fail(
            "block "
                + b
                + " holds "
                + granules
                + " live granules, marking counted "
                + space.liveGranules(b));
      }
      if (granules == 0) {
        fail("block " + b + " is in use but holds no live object");
      }
      walked[0] += granules << 4;
    }
  }

  private static void fail(String message) {
    throw new HeapVerificationException("heap verification failed (mmc): " + message);
  }

  @Override
  public void close() {
    space.release();
    los.release();
  }
}
