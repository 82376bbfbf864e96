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
 * Quad trees: a long-lived quad tree of depth {@code d} stays rooted while, {@code iterations}
 * times over, a garbage quad tree of depth {@code d - 1} is built bottom-up, checked and dropped,
 * and the long-lived tree is re-checked after each one.
 *
 * <p>A node is a {@link StandardLayout} record of four references and one raw word: 8 + 32 + 8 = 48
 * bytes. The raw word is {@link #tag(int, int)} of the node's height and its position among its
 * parent's children, so every check sees whether raw data and the tree's shape survived the
 * collections. The HotSpot twin ({@link QuadsTwin}) does the same work with plain Java objects and
 * computes the same checksum.
 *
 * <p>Every reference that must survive an allocation lives in a slot of the mutator's root stack.
 */
public final class Quads implements Benchmark {
  /** Default depth of the long-lived tree: (4^9 - 1) / 3 = 87381 nodes, 4 MiB. */
  public static final int DEPTH = 8;

  /** Default number of garbage trees built. */
  public static final int ITERATIONS = 500;

  /** The largest depth accepted (22369621 nodes, 1 GiB). */
  static final int MAX_DEPTH = 11;

  /**
   * The smallest {@code semi} heap size with which the default configuration completes, found by
   * bisecting {@code --heap-size} to 64 KiB: 10240k completes, 10176k runs out of memory. Half is
   * usable; the peak of live data is the long-lived tree (4 MiB) and a garbage tree (1 MiB).
   */
  static final long MIN_HEAP_BYTES = 10L << 20;

  /** The parameters of a run. */
  record Config(int depth, int iterations) {
    static Config from(Parameters p) {
      Config c = new Config(p.intValue("depth"), p.intValue("iterations"));
      if (c.depth < 1 || c.depth > MAX_DEPTH) {
        throw new IllegalArgumentException(
            "parameter depth must be in [1, " + MAX_DEPTH + "], got " + c.depth);
      }
      if (c.iterations < 0) {
        throw new IllegalArgumentException(
            "parameter iterations must be >= 0, got " + c.iterations);
      }
      return c;
    }

    /** Nodes in a quad tree of {@code depth}: (4^(depth+1) - 1) / 3. */
    static long treeSize(int depth) {
      return ((1L << (2 * (depth + 1))) - 1) / 3;
    }
  }

  /** The raw word of a node of subtree height {@code height}, child number {@code child} (0-3). */
  static long tag(int height, int child) {
    return ((long) (height * 4 + child) << 32)
        ^ ((0x9E37_79B9L * (height + 1)) & 0xFFFF_FFFFL)
        ^ child;
  }

  /**
   * The checksum both versions compute, from the nodes counted and raw words summed over every
   * check of the long-lived tree and every garbage tree.
   */
  static long checksum(long nodes, long wordSum) {
    return nodes * 1_000_003L + wordSum;
  }

  @Override
  public String name() {
    return "quads";
  }

  @Override
  public String description() {
    return "a long-lived quad tree re-checked while garbage quad trees one level smaller"
        + " are built and dropped";
  }

  @Override
  public long minHeapBytes() {
    return MIN_HEAP_BYTES;
  }

  @Override
  public Map<String, String> defaultParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("depth", Integer.toString(DEPTH));
    p.put("iterations", Integer.toString(ITERATIONS));
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
    return Optional.of(new QuadsTwin());
  }

  /** One run: its own layout, so that heaps share nothing. */
  static final class Run implements Workload {
    private final Config config;
    private final StandardLayout layout = new StandardLayout();
    private final Shape node = layout.defineRecord("quad", 4, 8);
    private final long[] kids = {
      node.refOffset(0), node.refOffset(1), node.refOffset(2), node.refOffset(3)
    };
    private final long word = node.rawOffset(0);
    private Mutator m;
    private RootStack roots;
    private long nodes;
    private long wordSum;

    Run(Config config) {
      this.config = config;
    }

    @Override
    public ObjectModel model() {
      return layout;
    }

    @Override
    public long run(Mutator mutator) {
      m = mutator;
      roots = mutator.roots();
      int live = roots.push(makeTree(config.depth, 0));
      check(roots.get(live), config.depth, "long-lived");
      for (int i = 0; i < config.iterations; i++) {
        long garbage = makeTree(config.depth - 1, i & 3);
        check(garbage, config.depth - 1, "garbage");
        check(roots.get(live), config.depth, "long-lived");
      }
      // The long-lived tree stays rooted: it is the live data the harness measures.
      return checksum(nodes, wordSum);
    }

    /**
     * Builds a tree of {@code depth} bottom-up. The result is a fresh reference: valid until the
     * caller's next allocation.
     */
    private long makeTree(int depth, int child) {
      if (depth <= 0) {
        return newNode(0, child);
      }
      int first = roots.push(makeTree(depth - 1, 0));
      for (int c = 1; c < 4; c++) {
        roots.push(makeTree(depth - 1, c));
      }
      long n = newNode(depth, child);
      for (int c = 0; c < 4; c++) {
        m.storeRef(n, kids[c], roots.get(first + c));
      }
      roots.reset(first);
      return n;
    }

    private long newNode(int height, int child) {
      long n = layout.allocate(m, node);
      m.storeWord(n, word, tag(height, child));
      return n;
    }

    /** Walks a tree (nothing allocates meanwhile), counting it into the checksum. */
    private void check(long root, int depth, String what) {
      long before = nodes;
      walk(root, depth, what);
      long expected = Config.treeSize(depth);
      if (nodes - before != expected) {
        throw new BenchmarkFailedException(
            what + " tree has " + (nodes - before) + " nodes, expected " + expected);
      }
    }

    private void walk(long n, int height, String what) {
      long w = m.loadWord(n, word);
      int child = (int) ((w >>> 32) & 3);
      if (w != tag(height, child)) {
        throw new BenchmarkFailedException(
            what + " tree node at height " + height + " has word " + Long.toHexString(w));
      }
      nodes++;
      wordSum += w;
      for (int c = 0; c < 4; c++) {
        long k = m.loadRef(n, kids[c]);
        if (height == 0) {
          if (k != 0) {
            throw new BenchmarkFailedException(what + " tree leaf has children");
          }
        } else if (k == 0) {
          throw new BenchmarkFailedException(
              what + " tree node at height " + height + " lacks child " + c);
        } else {
          if (((m.loadWord(k, word) >>> 32) & 3) != c) {
            throw new BenchmarkFailedException(
                what + " tree node at height " + height + " has child " + c + " out of place");
          }
          walk(k, height - 1, what);
        }
      }
    }
  }
}
