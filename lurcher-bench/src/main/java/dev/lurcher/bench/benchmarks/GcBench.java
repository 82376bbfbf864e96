package dev.lurcher.bench.benchmarks;

import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ellis–Kovac–Boehm GCBench (Hans Boehm's 1997 version), written against the Lurcher API.
 *
 * <p>The program: build and drop a "stretch" tree of depth 18; build a long-lived binary tree of
 * depth 16 top-down and a long-lived array of 500000 doubles, filling half of it; then for depths
 * 4, 6, … 16 build {@code 2 * treeSize(18) / treeSize(depth)} trees top-down (populate: allocate
 * the children and store them into an older parent) and as many bottom-up (make-tree: children
 * first, then the parent pointing at them). Each phase allocates about the same number of nodes. At
 * the end the long-lived tree and array are checked; a mismatch fails the run.
 *
 * <p>The number of trees per depth follows the original, {@code NumIters(i) = 2 *
 * TreeSize(kStretchTreeDepth) / TreeSize(i)}: it is relative to the stretch depth, not the maximum
 * depth.
 *
 * <p>A node is a record of the {@link StandardLayout} with two reference fields ({@code left},
 * {@code right}) and one raw word holding the original's two ints {@code i} (low half) and {@code
 * j} (high half): 8 + 16 + 8 = 32 bytes, as in C. Unlike the original, which leaves them zero, the
 * nodes' {@code i} and {@code j} carry the height of their subtree and a function of it, so that
 * the final check sees whether raw data survived the collections; the HotSpot twin ({@link
 * GcBenchTwin}) does the same. The double array is a byte array (pointerless: never scanned) of
 * 8-byte IEEE doubles.
 *
 * <p>Every reference that must survive an allocation lives in a slot of the mutator's root stack
 * and is re-read from there: semi-space collection moves objects.
 */
public final class GcBench implements Benchmark {
  /** Depth of the temporary tree built first to stretch the heap (about 16 MiB of nodes). */
  public static final int STRETCH_TREE_DEPTH = 18;

  /** Depth of the long-lived tree (about 4 MiB of nodes). */
  public static final int LONG_LIVED_TREE_DEPTH = 16;

  /** Length of the long-lived array of doubles (about 4 MiB). */
  public static final int ARRAY_SIZE = 500_000;

  /** The smallest depth of the short-lived trees. */
  public static final int MIN_TREE_DEPTH = 4;

  /** The largest depth of the short-lived trees. */
  public static final int MAX_TREE_DEPTH = 16;

  /**
   * The smallest {@code semi} heap size with which the default configuration completes, found by
   * bisecting {@code --heap-size} to 64 KiB (32768k completes, 32704k runs out of memory; a later
   * issue measures minimum heaps automatically). Semi's heap size includes its copy reserve, so
   * half of it is usable: 16 MiB, and the peak of live data is the stretch tree, 2^19 - 1 nodes of
   * 32 bytes = 16 MiB - 32 bytes, which is why the edge is so sharp.
   */
  static final long MIN_HEAP_BYTES = 32L << 20;

  /** The largest tree depth accepted as a parameter (2^25 - 1 nodes, 1 GiB). */
  static final int MAX_DEPTH_PARAMETER = 24;

  /** The parameters of a run; the defaults are the classic sizes. */
  record Config(int stretchDepth, int longLivedDepth, int arraySize, int minDepth, int maxDepth) {
    static Config from(Parameters p) {
      Config c =
          new Config(
              p.intValue("stretch-depth"),
              p.intValue("long-lived-depth"),
              p.intValue("array-size"),
              p.intValue("min-depth"),
              p.intValue("max-depth"));
      checkDepth("stretch-depth", c.stretchDepth);
      checkDepth("long-lived-depth", c.longLivedDepth);
      checkDepth("min-depth", c.minDepth);
      checkDepth("max-depth", c.maxDepth);
      if (c.arraySize < 0) {
        throw new IllegalArgumentException("parameter array-size must be >= 0, got " + c.arraySize);
      }
      if (c.minDepth > c.maxDepth) {
        throw new IllegalArgumentException(
            "parameter min-depth " + c.minDepth + " is above max-depth " + c.maxDepth);
      }
      if (c.maxDepth > c.stretchDepth) {
        throw new IllegalArgumentException(
            "parameter max-depth " + c.maxDepth + " is above stretch-depth " + c.stretchDepth);
      }
      return c;
    }

    private static void checkDepth(String name, int depth) {
      if (depth < 0 || depth > MAX_DEPTH_PARAMETER) {
        throw new IllegalArgumentException(
            "parameter " + name + " must be in [0, " + MAX_DEPTH_PARAMETER + "], got " + depth);
      }
    }

    /** Nodes in a tree of {@code depth}. */
    static int treeSize(int depth) {
      return (1 << (depth + 1)) - 1;
    }

    /** Trees built per direction at {@code depth}. */
    int iterations(int depth) {
      return 2 * treeSize(stretchDepth) / treeSize(depth);
    }
  }

  /** The {@code i} field of a node of subtree height {@code height}. */
  static int tagI(int height) {
    return height;
  }

  /** The {@code j} field of a node of subtree height {@code height}. */
  static int tagJ(int height) {
    return height ^ 0x5EED;
  }

  /**
   * The checksum both versions compute: nodes and their {@code i} fields summed over the long-lived
   * tree, plus the sum of the roots' {@code i} over every tree built.
   */
  static long checksum(long longLivedNodes, long longLivedSumI, long builtRootsSumI) {
    return longLivedNodes * 1_000_003L + longLivedSumI * 31 + builtRootsSumI;
  }

  @Override
  public String name() {
    return "gcbench";
  }

  @Override
  public String description() {
    return "Ellis-Kovac-Boehm GCBench: binary trees built top-down and bottom-up"
        + " beside a long-lived tree and array";
  }

  @Override
  public long minHeapBytes() {
    return MIN_HEAP_BYTES;
  }

  @Override
  public Map<String, String> defaultParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("stretch-depth", Integer.toString(STRETCH_TREE_DEPTH));
    p.put("long-lived-depth", Integer.toString(LONG_LIVED_TREE_DEPTH));
    p.put("array-size", Integer.toString(ARRAY_SIZE));
    p.put("min-depth", Integer.toString(MIN_TREE_DEPTH));
    p.put("max-depth", Integer.toString(MAX_TREE_DEPTH));
    return p;
  }

  @Override
  public void validate(Parameters parameters) {
    Config _ = Config.from(parameters);
  }

  @Override
  public Workload prepare(Parameters parameters) {
    return new Run(Config.from(parameters));
  }

  @Override
  public Optional<HotSpotTwin> hotSpotTwin() {
    return Optional.of(new GcBenchTwin());
  }

  /** The object model of a heap: one per run, shared by the run's mutator threads. */
  static final class Model {
    final StandardLayout layout = new StandardLayout();
    final Shape node = layout.defineRecord("node", 2, 8);
    final Shape doubles = layout.defineByteArray("double-array");
  }

  /**
   * One run on one mutator: its own layout, so that heaps share nothing, unless it is another
   * mutator's workload on the same heap ({@link #forMutator}), which shares the layout and nothing
   * else.
   */
  static final class Run implements Workload {
    private final Config config;
    private final Model model;
    private final StandardLayout layout;
    private final Shape node;
    private final Shape doubles;
    private final long left;
    private final long right;
    private final long tags;
    private Mutator m;
    private RootStack roots;
    private long checkedNodes;
    private long checkedSumI;

    Run(Config config) {
      this(config, new Model());
    }

    private Run(Config config, Model model) {
      this.config = config;
      this.model = model;
      this.layout = model.layout;
      this.node = model.node;
      this.doubles = model.doubles;
      this.left = node.refOffset(0);
      this.right = node.refOffset(1);
      this.tags = node.rawOffset(0);
    }

    @Override
    public ObjectModel model() {
      return layout;
    }

    /** Another, independent run of the program on the same heap: its own long-lived data. */
    @Override
    public Workload forMutator(int index) {
      return index == 0 ? this : new Run(config, model);
    }

    @Override
    public long run(Mutator mutator) {
      m = mutator;
      roots = mutator.roots();
      long builtSumI = 0;

      // Stretch the memory space quickly.
      builtSumI += nodeI(makeTree(config.stretchDepth));

      // A long-lived tree, built top-down, and a long-lived array, half filled.
      int tree = roots.push(newNode(config.longLivedDepth));
      populate(config.longLivedDepth, tree);
      int array = roots.push(layout.allocateArray(m, doubles, 8L * config.arraySize));
      long a = roots.get(array);
      for (int i = 0; i < config.arraySize / 2; i++) {
        m.storeWord(a, element(i), Double.doubleToRawLongBits(1.0 / i));
      }

      for (int depth = config.minDepth; depth <= config.maxDepth; depth += 2) {
        builtSumI += timeConstruction(depth);
      }

      checkTree(roots.get(tree), config.longLivedDepth);
      long expected = Config.treeSize(config.longLivedDepth);
      if (checkedNodes != expected) {
        throw new BenchmarkFailedException(
            "long-lived tree has " + checkedNodes + " nodes, expected " + expected);
      }
      checkArray(roots.get(array));
      // The tree and the array stay rooted: they are the live data the harness measures.
      return checksum(checkedNodes, checkedSumI, builtSumI);
    }

    /** Builds the trees of one depth both ways; returns the sum of their roots' {@code i}. */
    private long timeConstruction(int depth) {
      int iterations = config.iterations(depth);
      long sum = 0;
      for (int i = 0; i < iterations; i++) {
        int slot = roots.push(newNode(depth));
        populate(depth, slot);
        sum += nodeI(roots.pop());
      }
      for (int i = 0; i < iterations; i++) {
        sum += nodeI(makeTree(depth));
      }
      return sum;
    }

    /** Builds a tree of {@code depth} below the node in root slot {@code slot}, top-down. */
    private void populate(int depth, int slot) {
      if (depth <= 0) {
        return;
      }
      depth--;
      // Each allocation may move the parent: re-read it from its slot every time.
      long l = newNode(depth);
      m.storeRef(roots.get(slot), left, l);
      long r = newNode(depth);
      m.storeRef(roots.get(slot), right, r);
      int child = roots.push(m.loadRef(roots.get(slot), left));
      populate(depth, child);
      roots.set(child, m.loadRef(roots.get(slot), right));
      populate(depth, child);
      roots.pop();
    }

    /**
     * Builds a tree of {@code depth} bottom-up. The result is a fresh reference: valid until the
     * caller's next allocation.
     */
    private long makeTree(int depth) {
      if (depth <= 0) {
        return newNode(0);
      }
      int l = roots.push(makeTree(depth - 1));
      int r = roots.push(makeTree(depth - 1));
      long n = newNode(depth);
      m.storeRef(n, left, roots.get(l));
      m.storeRef(n, right, roots.get(r));
      roots.pop();
      roots.pop();
      return n;
    }

    private long newNode(int height) {
      long n = layout.allocate(m, node);
      m.storeWord(n, tags, ((long) tagJ(height) << 32) | (tagI(height) & 0xFFFF_FFFFL));
      return n;
    }

    private int nodeI(long n) {
      return (int) m.loadWord(n, tags);
    }

    private static long element(int index) {
      return StandardLayout.ARRAY_DATA_OFFSET + 8L * index;
    }

    /** Walks the long-lived tree (nothing allocates meanwhile, so references stay valid). */
    private void checkTree(long n, int height) {
      long word = m.loadWord(n, tags);
      int i = (int) word;
      int j = (int) (word >>> 32);
      if (i != tagI(height) || j != tagJ(height)) {
        throw new BenchmarkFailedException(
            "long-lived tree node at height " + height + " has i=" + i + ", j=" + j);
      }
      checkedNodes++;
      checkedSumI += i;
      long l = m.loadRef(n, left);
      long r = m.loadRef(n, right);
      if (height == 0) {
        if (l != 0 || r != 0) {
          throw new BenchmarkFailedException("long-lived tree leaf has children");
        }
        return;
      }
      if (l == 0 || r == 0) {
        throw new BenchmarkFailedException(
            "long-lived tree node at height " + height + " lacks a child");
      }
      checkTree(l, height - 1);
      checkTree(r, height - 1);
    }

    private void checkArray(long a) {
      if (layout.arrayLength(a) != 8L * config.arraySize) {
        throw new BenchmarkFailedException(
            "long-lived array has " + layout.arrayLength(a) + " bytes");
      }
      for (int i = 0; i < config.arraySize; i++) {
        double expected = i < config.arraySize / 2 ? 1.0 / i : 0.0;
        long bits = m.loadWord(a, element(i));
        if (bits != Double.doubleToRawLongBits(expected)) {
          throw new BenchmarkFailedException(
              "long-lived array["
                  + i
                  + "] is "
                  + Double.longBitsToDouble(bits)
                  + ", expected "
                  + expected);
        }
      }
    }
  }
}
