package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapExhaustedException;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParallelCopyingCollectorTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape pair = layout.defineRecord("pair", 2, 8);
  private final Shape bytes = layout.defineByteArray("bytes");
  private final Shape refs = layout.defineRefArray("refs");

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void listSurvivesManyCollections(int parallelism) {
    try (Heap heap =
        Heap.create(
            HeapOptions.parse(
                "collector=pcc,heap-size=2m,verify=true,checked=full,parallelism=" + parallelism),
            layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int head = roots.push(0);
      for (int i = 0; i < 200_000; i++) {
        long cell = layout.allocate(m, pair);
        m.storeWord(cell, pair.rawOffset(0), i);
        if (i % 100 == 0) {
          m.storeRef(cell, pair.refOffset(1), roots.get(head));
          roots.set(head, cell);
        }
      }
      long count = 0;
      for (long c = roots.get(head); c != 0; c = m.loadRef(c, pair.refOffset(1))) {
        assertThat(m.loadWord(c, pair.rawOffset(0)) % 100).isZero();
        count++;
      }
      assertThat(count).isEqualTo(2000);
      assertThat(heap.liveBytes()).isPositive();
      assertThat(heap.tracerStats().traces()).isPositive();
    }
  }

  @Test
  void largeObjectsNeverMoveAndDieWhenUnreachable() {
    try (Heap heap =
        Heap.create(
            HeapOptions.parse("collector=pcc,heap-size=4m,verify=true,parallelism=2"), layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      long big = layout.allocateArray(m, refs, 4096); // 32 KiB: a large object
      int slot = roots.push(big);
      long small = layout.allocate(m, pair);
      m.storeRef(roots.get(slot), StandardLayout.elementOffset(7), small);
      m.storeWord(small, pair.rawOffset(0), 42);
      for (int i = 0; i < 5; i++) {
        layout.allocateArray(m, bytes, 20_000); // garbage large objects
        m.collect();
      }
      assertThat(roots.get(slot)).isEqualTo(big);
      long moved = m.loadRef(big, StandardLayout.elementOffset(7));
      assertThat(moved).isNotEqualTo(small);
      assertThat(m.loadWord(moved, pair.rawOffset(0))).isEqualTo(42);
      assertThat(heap.liveBytes()).isEqualTo(refs.arraySize(4096) + pair.recordSize());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void exhaustionIsAnExceptionAndTheHeapStaysUsable(int parallelism) {
    try (Heap heap =
        Heap.create(
            HeapOptions.parse("collector=pcc,heap-size=1m,verify=true,parallelism=" + parallelism),
            layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int head = roots.push(0);
      assertThatThrownBy(
              () -> {
                while (true) {
                  long cell = layout.allocate(m, pair);
                  m.storeRef(cell, pair.refOffset(0), roots.get(head));
                  roots.set(head, cell);
                }
              })
          .isInstanceOf(HeapExhaustedException.class);
      assertThatThrownBy(() -> layout.allocateArray(m, bytes, 2_000_000))
          .isInstanceOf(HeapExhaustedException.class);
      roots.set(head, 0);
      m.collect();
      assertThat(heap.liveBytes()).isZero();
      long cell = layout.allocate(m, pair);
      assertThat(heap.contains(cell)).isTrue();
    }
  }

  @Test
  void workerThreadsStopWhenTheHeapCloses() {
    Heap heap = Heap.create(HeapOptions.parse("collector=pcc,heap-size=4m,parallelism=3"), layout);
    Mutator m = heap.attach();
    m.roots().push(layout.allocate(m, pair));
    m.collect();
    assertThat(workerThreads()).isPositive();
    heap.close();
    assertThat(workerThreads()).isZero();
  }

  private static long workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("lurcher-gc-worker-") && t.isAlive())
        .count();
  }
}
