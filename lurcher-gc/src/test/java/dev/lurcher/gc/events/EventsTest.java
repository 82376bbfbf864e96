package dev.lurcher.gc.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventsTest {
  private static final List<String> PHASES =
      List.of(
          "prepare",
          "start MAJOR",
          "mutatorsStopped",
          "rootsTraced",
          "heapTraced",
          "liveDataSize",
          "restarting");

  /** Records every event as a string; liveDataSize and heapResized keep their figures apart. */
  static final class Recorder implements GcEventListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Long> liveSizes = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void prepare(long heapBytes) {
      events.add("prepare");
    }

    @Override
    public void start(CollectionKind kind) {
      events.add("start " + kind);
    }

    @Override
    public void mutatorsStopped() {
      events.add("mutatorsStopped");
    }

    @Override
    public void rootsTraced() {
      events.add("rootsTraced");
    }

    @Override
    public void heapTraced() {
      events.add("heapTraced");
    }

    @Override
    public void liveDataSize(long bytes) {
      events.add("liveDataSize");
      liveSizes.add(bytes);
    }

    @Override
    public void heapResized(long bytes) {
      events.add("heapResized " + bytes);
    }

    @Override
    public void restarting() {
      events.add("restarting");
    }

    @Override
    public void mutatorAdded(int count) {
      events.add("mutatorAdded " + count);
    }

    @Override
    public void mutatorRemoved(int count) {
      events.add("mutatorRemoved " + count);
    }

    @Override
    public void mutatorCausedGc() {
      events.add("mutatorCausedGc");
    }

    /** The events of each collection, from prepare to restarting. */
    List<List<String>> collections() {
      List<List<String>> result = new ArrayList<>();
      List<String> current = null;
      for (String e : List.copyOf(events)) {
        if (e.equals("prepare")) {
          current = new ArrayList<>();
        }
        if (current != null) {
          current.add(e);
        }
        if (e.equals("restarting")) {
          result.add(current);
          current = null;
        }
      }
      return result;
    }
  }

  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 1, 8);

  @Test
  void explicitCollectionReportsEveryPhaseInOrderAndNoMutatorCause() {
    Recorder r = new Recorder();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      heap.addListener(r);
      assertThat(r.events).containsExactly("heapResized " + heap.heapSize());
      Mutator m = heap.attach();
      m.collect();
      m.collect();
      m.detach();
      assertThat(r.events)
          .containsExactlyElementsOf(
              concat(
                  List.of("heapResized " + heap.heapSize(), "mutatorAdded 1"),
                  PHASES,
                  PHASES,
                  List.of("mutatorRemoved 0")));
      assertThat(r.liveSizes).containsExactly(0L, 0L);
    }
  }

  @Test
  void allocationTriggeredCollectionsReportTheMutatorCause() {
    Recorder r = new Recorder();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      heap.addListener(r);
      Mutator m = heap.attach();
      for (int i = 0; i < 100_000; i++) { // 3.2 MB of garbage through a 512 KiB semi-space
        layout.allocate(m, node);
      }
      m.collect();
      List<List<String>> collections = r.collections();
      assertThat(collections).hasSizeGreaterThanOrEqualTo(6);
      for (List<String> c : collections.subList(0, collections.size() - 1)) {
        List<String> expected = new ArrayList<>(PHASES);
        expected.add(1, "mutatorCausedGc");
        assertThat(c).containsExactlyElementsOf(expected);
      }
      assertThat(collections.getLast()).containsExactlyElementsOf(PHASES);
    }
  }

  @Test
  void tortureCollectionsAreNotCausedByAFailedAllocation() {
    Recorder r = new Recorder();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m,gc-torture=10"), layout)) {
      heap.addListener(r);
      Mutator m = heap.attach();
      for (int i = 0; i < 100; i++) {
        layout.allocate(m, node);
      }
      assertThat(r.collections()).hasSize(10).allSatisfy(c -> assertThat(c).isEqualTo(PHASES));
    }
  }

  @Test
  void mutatorAddedAndRemovedCounts() throws Exception {
    Recorder r = new Recorder();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      heap.addListener(r);
      r.events.clear();
      Mutator m = heap.attach();
      CountDownLatch attached = new CountDownLatch(1);
      CountDownLatch detach = new CountDownLatch(1);
      // A thread of its own, not the common pool: with 2 cores the pool has one worker, which
      // anything else in the JVM may be holding.
      ExecutorService executor = Executors.newSingleThreadExecutor();
      CompletableFuture<Void> other =
          CompletableFuture.runAsync(
              () -> {
                Mutator om = heap.attach();
                attached.countDown();
                om.inactive(
                    () -> {
                      try {
                        detach.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
                om.detach();
              },
              executor);
      if (!attached.await(30, TimeUnit.SECONDS)) {
        other.get(1, TimeUnit.SECONDS); // surfaces the other thread's exception, if it threw
      }
      assertThat(attached.getCount()).isZero();
      assertThat(heap.mutatorCount()).isEqualTo(2);
      detach.countDown();
      other.get(30, TimeUnit.SECONDS);
      executor.shutdown();
      assertThat(heap.mutatorCount()).isEqualTo(1);
      m.detach();
      Mutator again = heap.attach();
      heap.close(); // detaches this thread's mutator
      assertThat(again.isDetached()).isTrue();
      assertThat(r.events)
          .containsExactly(
              "mutatorAdded 1",
              "mutatorAdded 2",
              "mutatorRemoved 1",
              "mutatorRemoved 0",
              "mutatorAdded 1",
              "mutatorRemoved 0");
    }
  }

  @Test
  void listenersAreCalledInOrderAndCanBeRemoved() {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    GcEventListener first =
        new GcEventListener() {
          @Override
          public void start(CollectionKind kind) {
            calls.add("first");
          }
        };
    GcEventListener second =
        new GcEventListener() {
          @Override
          public void start(CollectionKind kind) {
            calls.add("second");
          }
        };
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      heap.addListener(first);
      heap.addListener(second);
      Mutator m = heap.attach();
      m.collect();
      assertThat(heap.removeListener(first)).isTrue();
      assertThat(heap.removeListener(first)).isFalse();
      m.collect();
      assertThat(calls).containsExactly("first", "second", "second");
    }
  }

  @Test
  void basicStatsCountsCollectionsLiveBytesAndPauses() {
    Shape refs = layout.defineRefArray("refs");
    Shape bytes = layout.defineByteArray("bytes");
    BasicStats stats = new BasicStats();
    Recorder r = new Recorder();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=2m,verify=true"), layout)) {
      heap.addListener(stats);
      heap.addListener(r);
      assertThat(stats.toString()).contains("0 major");
      assertThat(stats.maxPauseMillis()).isZero();
      assertThat(stats.pausePercentileMillis(50)).isZero();
      Mutator m = heap.attach();
      // live data: an array of 100 nodes, a byte array, and the nodes themselves
      int arr = m.roots().push(layout.allocateArray(m, refs, 100));
      int buf = m.roots().push(layout.allocateArray(m, bytes, 1000));
      for (int i = 0; i < 100; i++) {
        long n = layout.allocate(m, node);
        m.storeRef(m.roots().get(arr), StandardLayout.elementOffset(i), n);
        for (int j = 0; j < 50; j++) {
          layout.allocate(m, node); // garbage
        }
      }
      long live = refs.arraySize(100) + bytes.arraySize(1000) + 100 * node.recordSize();
      assertThat(live).isEqualTo(816 + 1024 + 3200);
      for (int i = 0; i < 5; i++) {
        m.collect();
      }
      assertThat(stats.majorCollections()).isEqualTo(5);
      assertThat(stats.minorCollections()).isZero();
      assertThat(stats.lastLiveBytes()).isEqualTo(live);
      assertThat(heap.liveBytes()).isEqualTo(live);
      assertThat(r.liveSizes).containsOnly(live);
      assertThat(stats.peakHeapBytes()).isEqualTo(heap.heapSize());
      assertThat(stats.heapBytes()).isEqualTo(heap.heapSize());
      assertThat(stats.totalGcNanos()).isPositive();
      assertThat(stats.pauseHistogramMicros().getTotalCount()).isEqualTo(5);
      double p50 = stats.pausePercentileMillis(50);
      double p75 = stats.pausePercentileMillis(75);
      double p90 = stats.pausePercentileMillis(90);
      double p99 = stats.pausePercentileMillis(99);
      double max = stats.maxPauseMillis();
      assertThat(p50).isNotNegative();
      assertThat(p50).isLessThanOrEqualTo(p75);
      assertThat(p75).isLessThanOrEqualTo(p90);
      assertThat(p90).isLessThanOrEqualTo(p99);
      assertThat(p99).isLessThanOrEqualTo(max);
      assertThat(max * 1e6).isLessThanOrEqualTo(stats.totalGcNanos() * 1.01);
      assertThat(stats.toString()).contains("5 major", "0 minor", "live " + live);
      // the buffer is still intact: the byte array's length survives the collections
      assertThat(m.loadWord(m.roots().get(buf), StandardLayout.ARRAY_LENGTH_OFFSET))
          .isEqualTo(1000);
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
