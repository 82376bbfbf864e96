package dev.lurcher.gc.collectors;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A throwaway measurement, not a test: GCBench-style binary trees (a long-lived tree plus many
 * short-lived ones) on {@code mutators} threads, printing GC time, the tracer's counters and the
 * time to safepoint. Run one configuration per JVM:
 *
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp ... dev.lurcher.gc.collectors.PccTiming \
 *       collector=pcc,parallelism=2,heap-size=64m,checked=off 2
 * </pre>
 */
public final class PccTiming {
  private PccTiming() {}

  public static void main(String[] args) throws Exception {
    String options = args[0];
    int mutators = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int longLivedDepth = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    List<Long> pauses = new ArrayList<>();
    StandardLayout layout = new StandardLayout();
    Shape tree = layout.defineRecord("tree", 2, 8);
    BasicStats stats = new BasicStats();
    long[] ttsp = new long[2]; // sum, max (ns)
    long[] prepared = new long[1];
    // Process CPU time during pauses: on a shared machine wall time overstates a worker's work.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long[] cpu = new long[2]; // at prepare, sum over warm pauses
    try (Heap heap = Heap.create(HeapOptions.parse(options), layout)) {
      heap.addListener(stats);
      heap.addListener(
          new GcEventListener() {
            @Override
            public void prepare(long heapBytes) {
              prepared[0] = System.nanoTime();
              cpu[0] = os.getProcessCpuTime();
            }

            @Override
            public void restarting() {
              pauses.add(System.nanoTime() - prepared[0]);
              if (pauses.size() > 3) {
                cpu[1] += os.getProcessCpuTime() - cpu[0];
              }
            }

            @Override
            public void mutatorsStopped() {
              long d = System.nanoTime() - prepared[0];
              ttsp[0] += d;
              ttsp[1] = Math.max(ttsp[1], d);
            }
          });
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < mutators; t++) {
        Thread th =
            new Thread(
                () -> {
                  Mutator m = heap.attach();
                  RootStack roots = m.roots();
                  roots.push(makeTree(m, layout, tree, longLivedDepth)); // long-lived
                  for (int round = 0; round < rounds; round++) {
                    for (int depth = 4; depth <= 16; depth += 2) {
                      int iterations = 2 << (16 - depth);
                      for (int i = 0; i < iterations; i++) {
                        makeTree(m, layout, tree, depth); // garbage
                      }
                    }
                  }
                  m.detach();
                });
        threads.add(th);
        th.start();
      }
      for (Thread th : threads) {
        th.join();
      }
      long wall = System.nanoTime() - start;
      // The first collections run in the interpreter and C1: report the warm ones apart.
      long warm = 0;
      for (int i = 3; i < pauses.size(); i++) {
        warm += pauses.get(i);
      }
      System.out.printf(
          "%s mutators=%d: wall %.0f ms, warm gc (collections 4..%d) %.1f ms, cpu %.1f ms, %s%n"
              + "  tracer: %s%n"
              + "  time to safepoint: mean %.1f us, max %.1f us%n",
          options,
          mutators,
          wall / 1e6,
          pauses.size(),
          warm / 1e6,
          cpu[1] / 1e6,
          stats,
          heap.tracerStats(),
          ttsp[0] / 1e3 / Math.max(1, stats.majorCollections()),
          ttsp[1] / 1e3);
    }
  }

  /** Builds a complete tree bottom-up, keeping the partial results on the root stack. */
  private static long makeTree(Mutator m, StandardLayout layout, Shape tree, int depth) {
    RootStack roots = m.roots();
    if (depth == 0) {
      return layout.allocate(m, tree);
    }
    int mark = roots.mark();
    roots.push(makeTree(m, layout, tree, depth - 1));
    roots.push(makeTree(m, layout, tree, depth - 1));
    long node = layout.allocate(m, tree);
    m.storeRef(node, tree.refOffset(0), roots.get(mark));
    m.storeRef(node, tree.refOffset(1), roots.get(mark + 1));
    roots.reset(mark);
    return node;
  }
}
