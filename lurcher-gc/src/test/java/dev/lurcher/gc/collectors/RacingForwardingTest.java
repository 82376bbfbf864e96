package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.gc.tracing.TracerStats;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many workers reaching the same objects at once: every node is referenced from every view (each a
 * different permutation, scanned by different workers), from small hub arrays and from other nodes.
 * After each collection every reference to node {@code id} must be the same address holding {@code
 * id} (one copy per object), the collection must have traced each object exactly once and kept
 * exactly the reachable bytes, and the verifier must find no reference into from-space.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RacingForwardingTest {
  private static final int NODES = 20_000;
  private static final int VIEWS = 6;
  private static final int HUBS = 400;
  private static final int HUB_REFS = 64;

  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 2, 8);
  private final Shape refs = layout.defineRefArray("refs");

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 8})
  void everyObjectIsCopiedOnceWhateverTheRaces(int parallelism) {
    try (Heap heap =
        Heap.create(
            HeapOptions.parse(
                "collector=pcc,heap-size=16m,verify=true,checked=full,parallelism=" + parallelism),
            layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      SplittableRandom random = new SplittableRandom(parallelism);
      // View 0 holds the nodes in id order; the others in shuffled orders.
      int[][] orders = new int[VIEWS][NODES];
      for (int v = 0; v < VIEWS; v++) {
        for (int i = 0; i < NODES; i++) {
          orders[v][i] = i;
        }
        for (int i = NODES - 1; v > 0 && i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = orders[v][i];
          orders[v][i] = orders[v][j];
          orders[v][j] = t;
        }
        roots.push(layout.allocateArray(m, refs, NODES)); // 160 KiB: large, never moves
      }
      for (int id = 0; id < NODES; id++) {
        long n = layout.allocate(m, node);
        m.storeWord(n, node.rawOffset(0), id);
        m.storeRef(roots.get(0), StandardLayout.elementOffset(id), n);
      }
      for (int v = 1; v < VIEWS; v++) {
        for (int i = 0; i < NODES; i++) {
          long n = m.loadRef(roots.get(0), StandardLayout.elementOffset(orders[v][i]));
          m.storeRef(roots.get(v), StandardLayout.elementOffset(i), n);
        }
      }
      for (int i = 0; i < NODES; i++) {
        long n = m.loadRef(roots.get(0), StandardLayout.elementOffset(i));
        for (int f = 0; f < 2; f++) {
          long to = m.loadRef(roots.get(0), StandardLayout.elementOffset(random.nextInt(NODES)));
          m.storeRef(n, node.refOffset(f), to);
        }
      }
      int[][] hubTargets = new int[HUBS][HUB_REFS];
      for (int h = 0; h < HUBS; h++) {
        int slot = roots.push(layout.allocateArray(m, refs, HUB_REFS)); // 528 bytes: copied
        for (int k = 0; k < HUB_REFS; k++) {
          hubTargets[h][k] = random.nextInt(NODES);
          long n = m.loadRef(roots.get(0), StandardLayout.elementOffset(hubTargets[h][k]));
          m.storeRef(roots.get(slot), StandardLayout.elementOffset(k), n);
        }
      }
      long expectedLive =
          NODES * node.recordSize()
              + VIEWS * refs.arraySize(NODES)
              + HUBS * refs.arraySize(HUB_REFS);
      for (int round = 0; round < 5; round++) {
        TracerStats before = heap.tracerStats();
        m.collect(); // verify=true: no reference left into from-space, no double copy
        TracerStats during = heap.tracerStats().since(before);
        assertThat(heap.liveBytes()).isEqualTo(expectedLive);
        assertThat(during.objectsTraced()).isEqualTo(NODES + VIEWS + HUBS);
        long[] address = new long[NODES];
        for (int i = 0; i < NODES; i++) {
          address[i] = m.loadRef(roots.get(0), StandardLayout.elementOffset(i));
          assertThat(m.loadWord(address[i], node.rawOffset(0))).isEqualTo(i);
        }
        for (int v = 1; v < VIEWS; v++) {
          for (int i = 0; i < NODES; i++) {
            long n = m.loadRef(roots.get(v), StandardLayout.elementOffset(i));
            if (n != address[orders[v][i]]) {
              assertThat(n).as("view %d slot %d", v, i).isEqualTo(address[orders[v][i]]);
            }
          }
        }
        for (int h = 0; h < HUBS; h++) {
          for (int k = 0; k < HUB_REFS; k++) {
            long n = m.loadRef(roots.get(VIEWS + h), StandardLayout.elementOffset(k));
            if (n != address[hubTargets[h][k]]) {
              assertThat(n).as("hub %d slot %d", h, k).isEqualTo(address[hubTargets[h][k]]);
            }
          }
        }
      }
      m.detach();
    }
  }
}
