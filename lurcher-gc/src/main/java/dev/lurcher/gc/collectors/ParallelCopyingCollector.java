package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.CheckLevel;
import dev.lurcher.gc.api.Forwarding;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.events.CollectionKind;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.memory.Memory;
import dev.lurcher.gc.spaces.AllocationBuffer;
import dev.lurcher.gc.spaces.BlockSpace;
import dev.lurcher.gc.spaces.LargeObjectSpace;
import dev.lurcher.gc.spaces.ObjectStartMap;
import dev.lurcher.gc.tracing.ParallelTracer;
import dev.lurcher.gc.tracing.TraceWorker;
import dev.lurcher.gc.tracing.TracerStats;
import dev.lurcher.gc.verify.HeapVerificationException;
import dev.lurcher.gc.verify.HeapVerifier;
import dev.lurcher.gc.verify.HeapWalker;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * {@code pcc}: a parallel copying collector over 64 KiB blocks, with a large-object space.
 *
 * <p>Mutators allocate into whole blocks (a block is a mutator's allocation buffer). A collection
 * turns every block in use into a from-block and evacuates the objects the roots reach into fresh
 * to-blocks, with {@code parallelism} GC workers sharing the work through the {@link
 * ParallelTracer}. Each worker copies into its own to-block (its thread-local copy buffer), so
 * copying takes no lock; a worker takes a new block from the shared free list (one lock per 64
 * KiB). Two workers reaching the same object race through the embedder's {@link Forwarding}
 * protocol: the one whose {@code tryClaim} wins copies and commits, the other waits for the
 * forwarding address, so every object is copied exactly once. With {@code parallelism=1} the claim
 * is skipped (nobody races) and the trace runs inline on the collecting thread.
 *
 * <p>Objects larger than {@value #MAX_SMALL_OBJECT} bytes live in the {@link LargeObjectSpace}:
 * never copied, marked with one compare-and-set on their mark word, unmapped when unmarked.
 *
 * <p><b>The copy reserve.</b> {@code heap-size} is the total budget for blocks (in use and reserve)
 * and large objects together, as in {@code semi}. Evacuation must never run out of to-blocks, so a
 * mutator gets a new block only while the free blocks cover the worst case, in which everything
 * that may survive does: the bytes the last collection copied (known exactly) plus every byte
 * handed to mutators since. Mutators first get the free tails of the workers' last to-blocks, which
 * cost no new block, then fresh blocks. A worker retires a to-block only when the next object does
 * not fit, so every retired block holds more than {@code BLOCK - MAX_SMALL_OBJECT} bytes (56 KiB),
 * and each worker ends with one partly filled block; hence
 *
 * <pre>
 *   may-survive = survivor bytes + bytes handed to mutators since the last collection
 *   reserve     = ceil(may-survive / 56 KiB) + parallelism                    (blocks)
 *   (blocks in use + reserve) * 64 KiB + large-object bytes &lt;= heap-size
 * </pre>
 *
 * <p>With little live data, almost half of the budget can be allocated between collections (a
 * little less than {@code semi}'s half, the price of exactness with any number of workers); the
 * reserve shrinks to what the survivors need, which also leaves room for large objects. The reserve
 * is not allocated memory: free blocks are only address space until touched. To keep small heaps
 * usable the effective parallelism is capped at one worker per 4 blocks (a 512 KiB heap collects
 * with at most 2 workers).
 *
 * <p>Time to safepoint: a mutator polls when its block runs out, so it allocates at most 64 KiB
 * after a stop is requested; see {@code Safepoints}.
 */
public final class ParallelCopyingCollector extends Collector {
  /** Objects larger than this go to the large-object space. */
  static final long MAX_SMALL_OBJECT = 8 * 1024;

  private static final long BLOCK = BlockSpace.BLOCK_BYTES;

  /** The smallest free tail of a to-block worth handing to a mutator. */
  private static final long MIN_TAIL = 1024;

  // Block states (BlockSpace.FREE is 0).
  private static final byte ALLOC = 1; // a mutator's allocation block since the last collection
  private static final byte SURVIVOR = 2; // filled by the last collection, walkable to its top
  private static final byte FROM = 3; // being evacuated
  private static final byte TO = 4; // being filled by a worker

  private final BlockSpace blocks;
  private final LargeObjectSpace los = new LargeObjectSpace();
  private final ParallelTracer tracer;
  private final int parallelism;
  private final ObjectStartMap starts;
  private long[] largeStarts = new long[0];
  private int largeCount;
  private long liveBytes;

  // The copy-reserve accounting, under this collector's lock: the bytes the last collection
  // copied and the bytes handed to mutators since, all of which may survive the next one.
  private long survivorBytes;
  private long allocBytes;

  // The free tails of the workers' last to-blocks, handed to mutators before fresh blocks: they
  // cost no new block, which matters in small heaps. Under this collector's lock.
  private final int[] tails;
  private int tailCount;

  ParallelCopyingCollector(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    super(options, model, roots, events);
    int blockCount = (int) Math.min(Integer.MAX_VALUE, options.heapSize() / BLOCK);
    this.parallelism = Math.max(1, Math.min(options.parallelism(), blockCount / 4));
    if (1 + reserveFor(BLOCK) > blockCount) {
      throw new IllegalArgumentException(
          "heap-size "
              + options.heapSize()
              + " is too small for pcc: it needs "
              + (1 + reserveFor(BLOCK))
              + " blocks of "
              + BLOCK
              + " bytes");
    }
    this.blocks = new BlockSpace(blockCount);
    this.tails = new int[parallelism];
    this.starts =
        options.checked() == CheckLevel.FULL
            ? new ObjectStartMap(blocks.base(), (long) blockCount * BLOCK)
            : null;
    this.tracer =
        new ParallelTracer(
            parallelism, "lurcher-gc-worker-", (t, i) -> new CopyWorker(t, i, this, model));
  }

  /**
   * Blocks to keep free to evacuate {@code bytes} of objects that may survive (see the class
   * comment): every retired to-block holds more than {@code BLOCK - MAX_SMALL_OBJECT} bytes, and
   * each worker ends with one partly filled block.
   */
  private long reserveFor(long bytes) {
    long perBlock = BLOCK - MAX_SMALL_OBJECT;
    return (bytes + perBlock - 1) / perBlock + parallelism;
  }

  /**
   * Whether {@code moreBlocks} more mutator blocks and {@code moreLargeBytes} more large-object
   * bytes fit in the heap size with the copy reserve intact. Caller holds this collector's lock.
   */
  private boolean fits(int moreBlocks, long moreBytes, long moreLargeBytes) {
    long inUse = blocks.inUse() + moreBlocks;
    long mayCopy = survivorBytes + allocBytes + moreBytes;
    long blockBytes = (inUse + reserveFor(mayCopy)) * BLOCK;
    return blockBytes + los.bytesInUse() + moreLargeBytes <= options.heapSize();
  }

  @Override
  public boolean refill(AllocationBuffer buffer, long minBytes) {
    long start = 0;
    long end = 0;
    // One lock for blocks and large objects, so that together they never eat into the reserve.
    synchronized (this) {
      for (int i = tailCount - 1; i >= 0; i--) {
        int index = tails[i];
        long top = blocks.top(index);
        long tailEnd = blocks.blockStart(index) + BLOCK;
        if (tailEnd - top >= minBytes && fits(0, tailEnd - top, 0)) {
          tails[i] = tails[--tailCount];
          blocks.setState(index, ALLOC);
          allocBytes += tailEnd - top;
          start = top;
          end = tailEnd;
          break;
        }
      }
      if (start == 0 && fits(1, BLOCK, 0)) {
        int index = blocks.take(ALLOC, Integer.MAX_VALUE);
        if (index >= 0) {
          allocBytes += BLOCK;
          start = blocks.blockStart(index);
          end = start + BLOCK;
        }
      }
    }
    if (start == 0) {
      return false;
    }
    Memory.zero(start, end - start); // outside the lock: up to 64 KiB of memset
    buffer.install(start, end);
    return true;
  }

  @Override
  public long maxBufferedObjectSize() {
    return MAX_SMALL_OBJECT;
  }

  @Override
  public synchronized long allocateUnbuffered(long bytes) {
    if (!fits(0, 0, LargeObjectSpace.footprint(bytes))) {
      return 0;
    }
    return los.allocate(bytes); // a fresh mapping: already zero
  }

  @Override
  public void collect(CollectionKind requested) {
    events.start(CollectionKind.MAJOR);
    events.mutatorsStopped();
    int n = blocks.blockCount();
    tailCount = 0; // every block in use is evacuated, tails included
    for (int i = 0; i < n; i++) {
      byte s = blocks.state(i);
      if (s == ALLOC || s == SURVIVOR) {
        blocks.setState(i, FROM);
      }
    }
    los.startCycle();
    snapshotLargeObjects();
    for (int i = 0; i < parallelism; i++) {
      ((CopyWorker) tracer.worker(i)).startCycle();
    }
    roots.traceRoots((CopyWorker) tracer.worker(0));
    events.rootsTraced();
    tracer.trace();
    long copied = 0;
    int lastBlocks = 0;
    for (int i = 0; i < parallelism; i++) {
      CopyWorker w = (CopyWorker) tracer.worker(i);
      int last = w.block;
      copied += w.finishCycle();
      if (last >= 0 && blocks.blockStart(last) + BLOCK - blocks.top(last) >= MIN_TAIL) {
        tails[lastBlocks++] = last;
      }
    }
    for (int i = 0; i < n; i++) {
      byte s = blocks.state(i);
      if (s == FROM) {
        blocks.free(i);
        if (starts != null) {
          long start = blocks.blockStart(i);
          starts.clear(start, start + BLOCK);
        }
      } else if (s == TO) {
        blocks.setState(i, SURVIVOR);
      }
    }
    los.sweep();
    synchronized (this) {
      allocBytes = 0;
      survivorBytes = copied;
      tailCount = lastBlocks;
    }
    liveBytes = copied + los.markedBytes();
    events.heapTraced();
    events.liveDataSize(liveBytes);
  }

  /**
   * Copies the large objects' starts into a plain sorted array: during the collection the space
   * does not change, and workers look objects up without taking its lock.
   */
  private void snapshotLargeObjects() {
    int count = los.objectCount();
    if (largeStarts.length < count) {
      largeStarts = new long[Math.max(count, 2 * largeStarts.length)];
    }
    int[] i = {0};
    long[] into = largeStarts;
    los.forEachObject(ref -> into[i[0]++] = ref);
    largeCount = i[0];
  }

  boolean isLargeObject(long ref) {
    return Arrays.binarySearch(largeStarts, 0, largeCount, ref) >= 0;
  }

  @Override
  public boolean contains(long ref) {
    int s = blocks.stateOf(ref);
    if (s >= 0) {
      return s != BlockSpace.FREE;
    }
    return los.objectContaining(ref) != 0;
  }

  @Override
  public boolean isObjectStart(long ref) {
    int s = blocks.stateOf(ref);
    if (s >= 0) {
      return s != BlockSpace.FREE && (starts == null || starts.isSet(ref));
    }
    return los.isObjectStart(ref);
  }

  @Override
  public void recordObjectStart(long ref) {
    if (starts != null && blocks.inBlocks(ref)) {
      starts.set(ref);
    }
  }

  @Override
  public long heapSize() {
    return options.heapSize();
  }

  @Override
  public long liveBytes() {
    return liveBytes;
  }

  @Override
  public TracerStats tracerStats() {
    return tracer.stats();
  }

  /** The number of GC workers actually used (the option, capped for small heaps). */
  public int parallelism() {
    return parallelism;
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
                // Right after a collection the blocks in use are exactly the to-blocks, each
                // holding copied objects back to back up to its recorded top.
                for (int i = 0; i < blocks.blockCount(); i++) {
                  if (blocks.state(i) == SURVIVOR) {
                    for (long a = blocks.blockStart(i);
                        a < blocks.top(i);
                        a += model.objectSize(a)) {
                      action.accept(a);
                    }
                  } else if (blocks.state(i) != BlockSpace.FREE) {
                    throw new HeapVerificationException(
                        "heap verification failed: block "
                            + i
                            + " is in use but was not copied to");
                  }
                }
                los.forEachObject(action);
              }

              @Override
              public String regionOf(long address) {
                int s = blocks.stateOf(address);
                if (s == BlockSpace.FREE) {
                  return "a free block: evacuated from-space";
                }
                if (s > 0) {
                  return "inside a block but not at an object start";
                }
                if (los.objectContaining(address) != 0) {
                  return "inside a large object but not at its start";
                }
                return "outside the heap";
              }
            });
    if (reachable != liveBytes) {
      throw new HeapVerificationException(
          "heap verification failed: the collection kept "
              + liveBytes
              + " bytes but only "
              + reachable
              + " are reachable (an object copied twice, or a large object kept unmarked)");
    }
  }

  @Override
  public void close() {
    tracer.close();
    blocks.release();
    los.release();
  }

  /**
   * A GC worker: copies what it reaches into its own to-block. Also the root visitor (worker 0, on
   * the collecting thread, before the trace).
   */
  private static final class CopyWorker extends TraceWorker implements RootVisitor {
    private final ParallelCopyingCollector owner;
    private final ObjectModel model;
    private final Forwarding forwarding;
    private final BlockSpace blocks;
    private final LargeObjectSpace los;
    private final ObjectStartMap starts;
    private final boolean racing;
    private long cursor;
    private long limit;
    int block = -1;
    private long copiedBytes;

    CopyWorker(
        ParallelTracer tracer, int index, ParallelCopyingCollector owner, ObjectModel model) {
      super(tracer, index);
      this.owner = owner;
      this.model = model;
      this.forwarding = model.forwarding();
      this.blocks = owner.blocks;
      this.los = owner.los;
      this.starts = owner.starts;
      this.racing = tracer.parallelism() > 1;
    }

    void startCycle() {
      cursor = 0;
      limit = 0;
      block = -1;
      copiedBytes = 0;
    }

    /** Records the fill of the last to-block; returns the bytes this worker copied. */
    long finishCycle() {
      if (block >= 0) {
        blocks.setTop(block, cursor);
      }
      block = -1;
      cursor = 0;
      limit = 0;
      return copiedBytes;
    }

    @Override
    protected void traceObject(long ref) {
      model.traceObject(ref, this);
    }

    @Override
    public void visitEdge(long edgeAddress) {
      long v = Memory.getLong(edgeAddress);
      if (v == 0 || (v & 15) != 0) {
        return;
      }
      int s = blocks.stateOf(v);
      if (s == FROM) {
        Memory.putLong(edgeAddress, forward(v));
      } else if (s < 0) {
        markLarge(v);
      }
    }

    @Override
    public long visitValue(long value) {
      if (value == 0 || (value & 15) != 0) {
        return value;
      }
      int s = blocks.stateOf(value);
      if (s == FROM) {
        return forward(value);
      }
      if (s < 0) {
        markLarge(value);
      }
      return value;
    }

    private void markLarge(long ref) {
      // Addresses outside the heap are the embedder's business, not references: leave them.
      if (owner.isLargeObject(ref) && los.mark(ref)) {
        enqueue(ref);
      }
    }

    private long forward(long ref) {
      long to = racing ? forwarding.tryClaim(ref) : forwarding.forwardedAddress(ref);
      if (to != 0) {
        return to;
      }
      long size = model.objectSize(ref);
      long copy = cursor;
      if (copy + size > limit) {
        try {
          copy = nextBlock();
        } catch (RuntimeException e) {
          if (racing) {
            forwarding.abort(ref); // never leave a claim behind: other workers wait on it
          }
          throw e;
        }
      }
      cursor = copy + size;
      Memory.copy(ref, copy, size);
      forwarding.commit(ref, copy);
      copiedBytes += size;
      if (starts != null) {
        starts.set(copy);
      }
      enqueue(copy);
      return copy;
    }

    private long nextBlock() {
      if (block >= 0) {
        blocks.setTop(block, cursor);
      }
      int index = blocks.take(TO, Integer.MAX_VALUE);
      if (index < 0) {
        throw new IllegalStateException(
            "pcc ran out of to-blocks while copying: the copy reserve is too small (a bug)");
      }
      block = index;
      long start = blocks.blockStart(index);
      limit = start + BLOCK;
      return start;
    }
  }
}
