package dev.lurcher.bench.benchmarks;

import dev.lurcher.bench.benchmarks.Quads.Config;

/**
 * {@link Quads} with plain Java objects: same trees, same node contents, same checks, same
 * checksum.
 */
public final class QuadsTwin implements HotSpotTwin {
  /** A node: four references and a raw word. */
  static final class Node {
    Node k0;
    Node k1;
    Node k2;
    Node k3;
    final long word;

    Node(long word) {
      this.word = word;
    }

    Node kid(int c) {
      return switch (c) {
        case 0 -> k0;
        case 1 -> k1;
        case 2 -> k2;
        default -> k3;
      };
    }
  }

  private long nodes;
  private long wordSum;

  @Override
  public Outcome run(Parameters parameters) {
    Config config = Config.from(parameters);
    nodes = 0;
    wordSum = 0;
    Node live = makeTree(config.depth(), 0);
    check(live, config.depth(), "long-lived");
    for (int i = 0; i < config.iterations(); i++) {
      Node garbage = makeTree(config.depth() - 1, i & 3);
      check(garbage, config.depth() - 1, "garbage");
      check(live, config.depth(), "long-lived");
    }
    return new Outcome(Quads.checksum(nodes, wordSum), live);
  }

  private static Node makeTree(int depth, int child) {
    Node n = new Node(Quads.tag(depth, child));
    if (depth > 0) {
      Node a = makeTree(depth - 1, 0);
      Node b = makeTree(depth - 1, 1);
      Node c = makeTree(depth - 1, 2);
      Node d = makeTree(depth - 1, 3);
      n.k0 = a;
      n.k1 = b;
      n.k2 = c;
      n.k3 = d;
    }
    return n;
  }

  private void check(Node root, int depth, String what) {
    long before = nodes;
    walk(root, depth, what);
    long expected = Config.treeSize(depth);
    if (nodes - before != expected) {
      throw new BenchmarkFailedException(
          what + " tree has " + (nodes - before) + " nodes, expected " + expected);
    }
  }

  private void walk(Node n, int height, String what) {
    int child = (int) ((n.word >>> 32) & 3);
    if (n.word != Quads.tag(height, child)) {
      throw new BenchmarkFailedException(
          what + " tree node at height " + height + " has word " + Long.toHexString(n.word));
    }
    nodes++;
    wordSum += n.word;
    for (int c = 0; c < 4; c++) {
      Node k = n.kid(c);
      if (height == 0) {
        if (k != null) {
          throw new BenchmarkFailedException(what + " tree leaf has children");
        }
      } else if (k == null) {
        throw new BenchmarkFailedException(
            what + " tree node at height " + height + " lacks child " + c);
      } else {
        if (((k.word >>> 32) & 3) != c) {
          throw new BenchmarkFailedException(
              what + " tree node at height " + height + " has child " + c + " out of place");
        }
        walk(k, height - 1, what);
      }
    }
  }
}
