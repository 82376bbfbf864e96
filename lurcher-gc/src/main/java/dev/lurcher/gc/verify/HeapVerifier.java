package dev.lurcher.gc.verify;

import dev.lurcher.gc.api.AllocationKind;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootVisitor;
import dev.lurcher.gc.collectors.RootSet;
import dev.lurcher.gc.memory.Memory;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Checks a heap after a collection: every object's header and size are well-formed, objects do not
 * overlap, and every reference reachable from the roots is the start of an object in the live
 * spaces (never from-space, never the middle of an object, never outside the heap).
 *
 * <p>Untagged objects (see {@link HeapWalker#kindOf}) have no header to check: their sizes come
 * from the collector's metadata. Conservatively traced objects hold words that may or may not be
 * references, so the verifier follows those that land in an object (start or interior) and ignores
 * the rest: a stale word pointing at freed memory is legal, a collector that kept a dead object
 * alive through it with dangling fields is not.
 *
 * <p>It is a debugging tool (option {@code verify=true}, always on in the differential harness), so
 * it favours clear messages over speed and allocates freely.
 */
public final class HeapVerifier {
  private final ObjectModel model;
  private final HeapWalker walker;
  private long[] starts = new long[1024];
  private long[] sizes = new long[1024];
  private AllocationKind[] kinds;
  private int count;
  private BitSet reached;
  private long[] stack = new long[256];
  private int depth;
  private long reachedBytes;

  private HeapVerifier(ObjectModel model, HeapWalker walker) {
    this.model = model;
    this.walker = walker;
  }

  /**
   * Verifies the heap and returns the bytes reachable from the roots.
   *
   * @throws HeapVerificationException describing the first inconsistency found
   */
  public static long verify(ObjectModel model, RootSet roots, HeapWalker walker) {
    HeapVerifier v = new HeapVerifier(model, walker);
    v.collectObjects();
    v.traceFrom(roots);
    return v.reachedBytes;
  }

  private void collectObjects() {
    walker.forEachObject(
        ref -> {
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
          }
          starts[count++] = ref;
        });
    long[] order = Arrays.copyOf(starts, count);
    Arrays.sort(order);
    starts = order;
    sizes = new long[count];
    kinds = new AllocationKind[count];
    for (int i = 0; i < count; i++) {
      long ref = starts[i];
      if ((ref & 15) != 0) {
        fail("object at 0x" + Long.toHexString(ref) + " is not 16-byte aligned");
      }
      AllocationKind kind = walker.kindOf(ref);
      kinds[i] = kind;
      long size;
      if (kind == AllocationKind.TAGGED) {
        String problem = model.checkHeader(ref);
        if (problem != null) {
          fail("object at 0x" + Long.toHexString(ref) + " has a bad header: " + problem);
        }
        size = model.objectSize(ref);
      } else {
        size = walker.untaggedSize(ref);
      }
      if (size <= 0 || (size & 15) != 0) {
        fail(model.describe(ref) + " has size " + size + ", not a positive multiple of 16");
      }
      sizes[i] = size;
      if (i > 0 && starts[i - 1] + sizes[i - 1] > ref) {
        fail(model.describe(starts[i - 1]) + " overlaps " + model.describe(ref));
      }
    }
  }

  private void traceFrom(RootSet roots) {
    reached = new BitSet(count);
    roots.traceRoots(
        new RootVisitor() {
          @Override
          public void visitEdge(long edgeAddress) {
            check(Memory.getLong(edgeAddress), "root slot at 0x" + Long.toHexString(edgeAddress));
          }

          @Override
          public long visitValue(long value) {
            check(value, "a root");
            return value;
          }
        });
    while (depth > 0) {
      long ref = stack[--depth];
      int index = Arrays.binarySearch(starts, ref);
      long end = ref + sizes[index];
      if (kinds[index] == AllocationKind.POINTERLESS) {
        continue;
      }
      if (kinds[index] == AllocationKind.CONSERVATIVE) {
        for (long a = ref; a < end; a += 8) {
          reachInterior(Memory.getLong(a));
        }
        continue;
      }
      model.traceObject(
          ref,
          edge -> {
            if (edge < ref || edge + 8 > end || (edge & 7) != 0) {
              fail(
                  model.describe(ref)
                      + " reported an edge at offset "
                      + (edge - ref)
                      + ", outside its "
                      + (end - ref)
                      + " bytes");
            }
            check(Memory.getLong(edge), "field at offset " + (edge - ref) + " of " + describe(ref));
          });
    }
  }

  /** Follows a conservative word: any object it points into (start or interior) is reached. */
  private void reachInterior(long word) {
    int i = Arrays.binarySearch(starts, word);
    int index = i >= 0 ? i : -i - 2;
    if (index >= 0 && word < starts[index] + sizes[index]) {
      reach(index);
    }
  }

  private void reach(int index) {
    if (!reached.get(index)) {
      reached.set(index);
      reachedBytes += sizes[index];
      if (depth == stack.length) {
        stack = Arrays.copyOf(stack, depth * 2);
      }
      stack[depth++] = starts[index];
    }
  }

  private String describe(long ref) {
    return model.describe(ref);
  }

  private void check(long value, String where) {
    if (value == 0 || (value & 15) != 0) {
      return; // null or a tagged immediate
    }
    int index = Arrays.binarySearch(starts, value);
    if (index < 0) {
      fail(
          where
              + " holds 0x"
              + Long.toHexString(value)
              + ", which is not an object start ("
              + walker.regionOf(value)
              + ")");
    }
    reach(index);
  }

  private static void fail(String message) {
    throw new HeapVerificationException("heap verification failed: " + message);
  }
}
