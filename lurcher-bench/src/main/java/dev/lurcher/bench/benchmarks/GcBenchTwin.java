package dev.lurcher.bench.benchmarks;

import dev.lurcher.bench.benchmarks.GcBench.Config;

/**
 * {@link GcBench} with plain Java objects, as in Boehm's Java version: the yardstick under
 * HotSpot's collectors. Same phases, same node contents, same checks, same checksum.
 */
public final class GcBenchTwin implements HotSpotTwin {
  /** The original's node: two references and two ints. */
  static final class Node {
    Node left;
    Node right;
    int i;
    int j;

    Node(int height) {
      this.i = GcBench.tagI(height);
      this.j = GcBench.tagJ(height);
    }

    Node(Node left, Node right, int height) {
      this(height);
      this.left = left;
      this.right = right;
    }
  }

  /** The long-lived data a run leaves behind. */
  static final class LongLived {
    final Node tree;
    final double[] array;

    LongLived(Node tree, double[] array) {
      this.tree = tree;
      this.array = array;
    }
  }

  @Override
  public Outcome run(Parameters parameters) {
    Config config = Config.from(parameters);
    long builtSumI = 0;

    // Stretch the memory space quickly.
    builtSumI += makeTree(config.stretchDepth()).i;

    Node tree = new Node(config.longLivedDepth());
    populate(config.longLivedDepth(), tree);
    double[] array = new double[config.arraySize()];
    for (int i = 0; i < config.arraySize() / 2; i++) {
      array[i] = 1.0 / i;
    }

    for (int depth = config.minDepth(); depth <= config.maxDepth(); depth += 2) {
      builtSumI += timeConstruction(config, depth);
    }

    long[] counts = new long[2];
    checkTree(tree, config.longLivedDepth(), counts);
    long expected = Config.treeSize(config.longLivedDepth());
    if (counts[0] != expected) {
      throw new BenchmarkFailedException(
          "long-lived tree has " + counts[0] + " nodes, expected " + expected);
    }
    for (int i = 0; i < array.length; i++) {
      double want = i < array.length / 2 ? 1.0 / i : 0.0;
      if (Double.doubleToRawLongBits(array[i]) != Double.doubleToRawLongBits(want)) {
        throw new BenchmarkFailedException(
            "long-lived array[" + i + "] is " + array[i] + ", expected " + want);
      }
    }
    return new Outcome(
        GcBench.checksum(counts[0], counts[1], builtSumI), new LongLived(tree, array));
  }

  private static long timeConstruction(Config config, int depth) {
    int iterations = config.iterations(depth);
    long sum = 0;
    for (int i = 0; i < iterations; i++) {
      Node t = new Node(depth);
      populate(depth, t);
      sum += t.i;
    }
    for (int i = 0; i < iterations; i++) {
      sum += makeTree(depth).i;
    }
    return sum;
  }

  private static void populate(int depth, Node node) {
    if (depth <= 0) {
      return;
    }
    depth--;
    node.left = new Node(depth);
    node.right = new Node(depth);
    populate(depth, node.left);
    populate(depth, node.right);
  }

  private static Node makeTree(int depth) {
    if (depth <= 0) {
      return new Node(0);
    }
    return new Node(makeTree(depth - 1), makeTree(depth - 1), depth);
  }

  private static void checkTree(Node n, int height, long[] counts) {
    if (n.i != GcBench.tagI(height) || n.j != GcBench.tagJ(height)) {
      throw new BenchmarkFailedException(
          "long-lived tree node at height " + height + " has i=" + n.i + ", j=" + n.j);
    }
    counts[0]++;
    counts[1] += n.i;
    if (height == 0) {
      if (n.left != null || n.right != null) {
        throw new BenchmarkFailedException("long-lived tree leaf has children");
      }
      return;
    }
    if (n.left == null || n.right == null) {
      throw new BenchmarkFailedException(
          "long-lived tree node at height " + height + " lacks a child");
    }
    checkTree(n.left, height - 1, counts);
    checkTree(n.right, height - 1, counts);
  }
}
