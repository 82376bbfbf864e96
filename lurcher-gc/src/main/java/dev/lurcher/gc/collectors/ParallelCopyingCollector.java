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
 * and large objects together, as in {@code semi}. Evacuation must never run out of to-blocks, so
 * mutators may hold {@code n} blocks only while the free blocks cover the worst case, in which
 * every object in those {@code n} blocks survives. A worker retires a to-block only when the next
 * object does not fit, so every retired block holds more than {@code BLOCK - MAX_SMALL_OBJECT}
 * bytes (56 KiB), and each worker ends with one partly filled block; hence
 *
 * <pre>
 *   reserve(n) = ceil(n * 64 KiB / 56 KiB) + parallelism
 *   n + reserve(n) &lt;= floor((heap-size - large-object bytes) / 64 KiB)
 * </pre>
 *
 * <p>so about 7/15 of the block budget can hold objects, a little less than {@code semi}'s half, in
 * exchange for exactness with any number of workers and objects of any size up to the large-object
 * threshold. The reserve is not allocated memory: free blocks are only address space until touched.
 * To keep small heaps usable the effective parallelism is capped at one worker per 8 blocks (a 1
 * MiB heap collects with at most 2 workers).
 *
 * <p>Time to safepoint: a mutator polls when its block runs out, so it allocates at most 64 KiB
 * after a stop is requested; see {@code Safepoints}.
 */
public final class ParallelCopyingCollector extends Collector {
  /** Objects larger than this go to the large-object space. */
  static final long MAX_SMALL_OBJECT = 8 * 1024;

  private static final long BLOCK = BlockSpace.BLOCK_BYTES;

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

  ParallelCopyingCollector(
      HeapOptions options, ObjectModel model, RootSet roots, GcEventListener events) {
    super(options, model, roots, events);
    int blockCount = (int) Math.min(Integer.MAX_VALUE, options.heapSize() / BLOCK);
    this.parallelism = Math.max(1, Math.min(options.parallelism(), blockCount / 8));
    if (1 + reserveFor(1) > blockCount) {
      throw new IllegalArgumentException(
          "heap-size "
              + options.heapSize()
              + " is too small for pcc: it needs "
              + (1 + reserveFor(1))
              + " blocks of "
              + BLOCK
              + " bytes");
    }
    this.blocks = new BlockSpace(blockCount);
    this.starts =
        options.checked() == CheckLevel.FULL
            ? new ObjectStartMap(blocks.base(), (long) blockCount * BLOCK)
            : null;
    this.tracer =
        new ParallelTracer(
            parallelism, "lurcher-gc-worker-", (t, i) -> new CopyWorker(t, i, this, model));
  }

  /** Blocks to keep free for evacuating {@code inUse} blocks (see the class comment). */
  private long reserveFor(long inUse) {
    long perBlock = BLOCK - MAX_SMALL_OBJECT;
    return (inUse * BLOCK + perBlock - 1) / perBlock + parallelism;
  }

  /** The most blocks that may be in use with {@code largeBytes} of large objects. */
  private int maxBlocksInUse(long largeBytes) {
    long budget = (options.heapSize() - largeBytes) / BLOCK;
    long n = Math.max(0, budget * (BLOCK - MAX_SMALL_OBJECT) / (2 * BLOCK - MAX_SMALL_OBJECT));
    while (n + reserveFor(n) > budget && n > 0) {
      n--;
    }
    while (n + 1 + reserveFor(n + 1) <= budget) {
      n++;
    }
    return n + reserveFor(n) > budget ? 0 : (int) Math.min(n, blocks.blockCount());
  }

  @Override
  public boolean refill(AllocationBuffer buffer, long minBytes) {
    int index;
    // One lock for blocks and large objects, so that together they never eat into the reserve.
    synchronized (this) {
      index = blocks.take(ALLOC, maxBlocksInUse(los.bytesInUse()));
    }
    if (index < 0) {
      return false;
    }
    blocks.zero(index); // outside the lock: 64 KiB of memset
    long start = blocks.blockStart(index);
    buffer.install(start, start + BLOCK);
    return true;
  }

  @Override
  public long maxBufferedObjectSize() {
    return MAX_SMALL_OBJECT;
  }

  @Override
  public synchronized long allocateUnbuffered(long bytes) {
    long footprint = LargeObjectSpace.footprint(bytes);
    long inUse = blocks.inUse();
    if ((inUse + reserveFor(inUse)) * BLOCK + los.bytesInUse() + footprint > options.heapSize()) {
      return 0;
    }
    return los.allocate(bytes); // a fresh mapping: already zero
  }

  @Override
  public void collect(CollectionKind requested) {
    events.start(CollectionKind.MAJOR);
    events.mutatorsStopped();
    int n = blocks.blockCount();
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
    for (int i = 0; i < parallelism; i++) {
      copied += ((CopyWorker) tracer.worker(i)).finishCycle();
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
    private int block = -1;
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
