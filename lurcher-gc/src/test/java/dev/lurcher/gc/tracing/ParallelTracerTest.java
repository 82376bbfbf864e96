package dev.lurcher.gc.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tracer on plain Java graphs: every reachable node traced exactly once, termination on wide,
 * narrow and random graphs with more workers than cores, failures propagated without a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelTracerTest {
  /** A graph as adjacency lists; node i is reference {@code i}. */
  private record Graph(int[][] edges) {
    static Graph random(int nodes, int degree, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int[][] e = new int[nodes][];
      for (int i = 0; i < nodes; i++) {
        e[i] = new int[r.nextInt(degree + 1)];
        for (int j = 0; j < e[i].length; j++) {
          e[i][j] = r.nextInt(nodes);
        }
      }
      return new Graph(e);
    }

    static Graph list(int nodes) {
      int[][] e = new int[nodes][];
      for (int i = 0; i < nodes; i++) {
        e[i] = i + 1 < nodes ? new int[] {i + 1} : new int[0];
      }
      return new Graph(e);
    }

    static Graph binaryTree(int nodes) {
      int[][] e = new int[nodes][];
      for (int i = 0; i < nodes; i++) {
        int l = 2 * i + 1;
        e[i] = l + 1 < nodes ? new int[] {l, l + 1} : l < nodes ? new int[] {l} : new int[0];
      }
      return new Graph(e);
    }

    BitSet reachableFrom(int root) {
      BitSet seen = new BitSet();
      ArrayDeque<Integer> todo = new ArrayDeque<>();
      seen.set(root);
      todo.push(root);
      while (!todo.isEmpty()) {
        for (int to : edges[todo.pop()]) {
          if (!seen.get(to)) {
            seen.set(to);
            todo.push(to);
          }
        }
      }
      return seen;
    }
  }

  /**
   * Marks with a compare-and-set, as a marking collector would, and counts visits per node. The
   * arrays sit in one-element holders so that rounds can swap them (workers outlive a trace).
   */
  private static final class MarkWorker extends TraceWorker {
    private final Graph graph;
    private final AtomicIntegerArray[] marks;
    private final AtomicIntegerArray[] visits;
    private final int failAt;

    MarkWorker(
        ParallelTracer t,
        int index,
        Graph graph,
        AtomicIntegerArray[] marks,
        AtomicIntegerArray[] visits,
        int failAt) {
      super(t, index);
      this.graph = graph;
      this.marks = marks;
      this.visits = visits;
      this.failAt = failAt;
    }

    void root(int node) {
      if (marks[0].compareAndSet(node, 0, 1)) {
        enqueue(node);
      }
    }

    @Override
    protected void traceObject(long ref) {
      int node = (int) ref;
      if (node == failAt) {
        throw new IllegalStateException("bad object " + node);
      }
      visits[0].incrementAndGet(node);
      for (int to : graph.edges()[node]) {
        if (marks[0].compareAndSet(to, 0, 1)) {
          enqueue(to);
        }
      }
    }
  }

  private static AtomicIntegerArray[] holder(int n) {
    return new AtomicIntegerArray[] {new AtomicIntegerArray(n)};
  }

  private static void traceAndCheck(Graph g, int parallelism, int rounds) {
    int n = g.edges().length;
    AtomicIntegerArray[] marks = holder(n);
    AtomicIntegerArray[] visits = holder(n);
    try (ParallelTracer tracer =
        new ParallelTracer(
            parallelism, "test-worker-", (t, i) -> new MarkWorker(t, i, g, marks, visits, -1))) {
      BitSet expected = g.reachableFrom(0);
      for (int round = 0; round < rounds; round++) {
        marks[0] = new AtomicIntegerArray(n);
        visits[0] = new AtomicIntegerArray(n);
        ((MarkWorker) tracer.worker(0)).root(0);
        tracer.trace();
        for (int i = 0; i < n; i++) {
          if (visits[0].get(i) != (expected.get(i) ? 1 : 0)) {
            assertThat(visits[0].get(i))
                .as("visits of node %d", i)
                .isEqualTo(expected.get(i) ? 1 : 0);
          }
        }
      }
      TracerStats stats = tracer.stats();
      assertThat(stats.traces()).isEqualTo(rounds);
      assertThat(stats.objectsTraced()).isEqualTo((long) rounds * expected.cardinality());
      assertThat(stats.parallelism()).isEqualTo(parallelism);
      if (parallelism == 1) {
        assertThat(stats.steals()).isZero();
        assertThat(stats.idleNanos()).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8})
  void randomGraphTracedExactlyOnce(int parallelism) {
    traceAndCheck(Graph.random(50_000, 4, 7), parallelism, 5);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void longListTerminates(int parallelism) {
    traceAndCheck(Graph.list(20_000), parallelism, 3);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4})
  void wideTreeSpreadsToIdleWorkers(int parallelism) {
    traceAndCheck(Graph.binaryTree(200_000), parallelism, 3);
  }

  @Test
  void emptyTraceTerminatesAtOnce() {
    try (ParallelTracer tracer =
        new ParallelTracer(
            4,
            "test-worker-",
            (t, i) -> new MarkWorker(t, i, Graph.list(1), holder(1), holder(1), -1))) {
      for (int i = 0; i < 100; i++) {
        tracer.trace();
      }
      assertThat(tracer.stats().objectsTraced()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void aFailingWorkerAbortsTheTraceWithoutAHangAndTheTracerStaysUsable(int parallelism) {
    Graph g = Graph.binaryTree(100_000);
    AtomicIntegerArray[] marks = holder(100_000);
    AtomicIntegerArray[] visits = holder(100_000);
    try (ParallelTracer tracer =
        new ParallelTracer(
            parallelism, "test-worker-", (t, i) -> new MarkWorker(t, i, g, marks, visits, 5_000))) {
      ((MarkWorker) tracer.worker(0)).root(0);
      assertThatThrownBy(tracer::trace)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("bad object 5000");
      // Usable again: a trace of nothing (every node is marked or dropped) terminates.
      tracer.trace();
    }
  }

  @Test
  void closedTracerRefusesToTraceAndItsThreadsAreGone() {
    ParallelTracer tracer =
        new ParallelTracer(
            3,
            "closing-test-worker-",
            (t, i) -> new MarkWorker(t, i, Graph.list(1), holder(1), holder(1), -1));
    tracer.trace();
    tracer.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("closing-test-worker-") && t.isAlive());
    assertThatThrownBy(tracer::trace).isInstanceOf(IllegalStateException.class);
  }
}
