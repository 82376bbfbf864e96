package dev.lurcher.gc.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A listener that throws never breaks a collection: the collection completes, the world restarts,
 * and the requester gets the listener's exception afterwards.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenerFailureTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape cell = layout.defineRecord("cell", 1, 8);

  /** Throws once, from the phase named {@code phase}. */
  private static GcEventListener throwingOnceIn(String phase) {
    return new GcEventListener() {
      private boolean thrown;

      private void maybeThrow(String here) {
        if (!thrown && here.equals(phase)) {
          thrown = true;
          throw new IllegalStateException("listener bug in " + here);
        }
      }

      @Override
      public void prepare(long heapBytes) {
        maybeThrow("prepare");
      }

      @Override
      public void start(CollectionKind kind) {
        maybeThrow("start");
      }

      @Override
      public void mutatorsStopped() {
        maybeThrow("mutatorsStopped");
      }

      @Override
      public void rootsTraced() {
        maybeThrow("rootsTraced");
      }

      @Override
      public void heapTraced() {
        maybeThrow("heapTraced");
      }

      @Override
      public void liveDataSize(long bytes) {
        maybeThrow("liveDataSize");
      }

      @Override
      public void restarting() {
        maybeThrow("restarting");
      }

      @Override
      public void mutatorCausedGc() {
        maybeThrow("mutatorCausedGc");
      }
    };
  }

  private void withHeap(GcEventListener listener, Consumer<Mutator> body) {
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m,verify=true"), layout)) {
      heap.addListener(listener);
      body.accept(heap.attach());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prepare",
        "start",
        "mutatorsStopped",
        "rootsTraced",
        "heapTraced",
        "liveDataSize",
        "restarting"
      })
  void explicitCollection(String phase) {
    BasicStats stats = new BasicStats();
    withHeap(
        throwingOnceIn(phase),
        m -> {
          m.heap().addListener(stats);
          int slot = m.roots().push(layout.allocate(m, cell));
          m.storeWord(m.roots().get(slot), cell.rawOffset(0), 99);
          assertThatThrownBy(m::collect)
              .isInstanceOf(IllegalStateException.class)
              .hasMessage("listener bug in " + phase);
          // the collection completed: the object moved, its root was updated, the world runs
          long obj = m.roots().get(slot);
          assertThat(m.heap().contains(obj)).isTrue();
          assertThat(m.loadWord(obj, cell.rawOffset(0))).isEqualTo(99);
          assertThat(m.heap().liveBytes()).isEqualTo(cell.recordSize());
          assertThat(stats.majorCollections()).isEqualTo(1);
          // allocation continues in to-space (the buffers were retired with the collection)
          int fresh = m.roots().push(layout.allocate(m, cell));
          assertThat(m.heap().contains(m.roots().get(fresh))).isTrue();
          m.storeRef(m.roots().get(slot), cell.refOffset(0), m.roots().get(fresh));
          m.collect(); // and the next one neither throws nor hangs
          assertThat(m.loadWord(m.roots().get(slot), cell.rawOffset(0))).isEqualTo(99);
          assertThat(m.loadRef(m.roots().get(slot), cell.refOffset(0)))
              .isEqualTo(m.roots().get(fresh));
          assertThat(m.heap().liveBytes()).isEqualTo(2 * cell.recordSize());
          assertThat(stats.majorCollections()).isEqualTo(2);
        });
  }

  @Test
  void allocationTriggeredCollection() {
    withHeap(
        throwingOnceIn("mutatorCausedGc"),
        m -> {
          int slot = m.roots().push(layout.allocate(m, cell));
          m.storeWord(m.roots().get(slot), cell.rawOffset(0), 7);
          AtomicInteger allocated = new AtomicInteger();
          assertThatThrownBy(
                  () -> {
                    while (true) {
                      layout.allocate(m, cell);
                      allocated.incrementAndGet();
                    }
                  })
              .isInstanceOf(IllegalStateException.class)
              .hasMessage("listener bug in mutatorCausedGc");
          assertThat(allocated.get()).isGreaterThan(1000);
          assertThat(m.loadWord(m.roots().get(slot), cell.rawOffset(0))).isEqualTo(7);
          for (int i = 0; i < 50_000; i++) {
            layout.allocate(m, cell); // more allocation-triggered collections, no exception
          }
          assertThat(m.loadWord(m.roots().get(slot), cell.rawOffset(0))).isEqualTo(7);
        });
  }

  @Test
  void everyListenerStillSeesEveryPhaseAndLaterFailuresAreSuppressed() {
    EventsTest.Recorder after = new EventsTest.Recorder();
    GcEventListener second = throwingOnceIn("heapTraced");
    withHeap(
        throwingOnceIn("rootsTraced"),
        m -> {
          m.heap().addListener(second);
          m.heap().addListener(after);
          assertThatThrownBy(m::collect)
              .hasMessage("listener bug in rootsTraced")
              .satisfies(
                  e ->
                      assertThat(e.getSuppressed())
                          .singleElement()
                          .satisfies(s -> assertThat(s).hasMessage("listener bug in heapTraced")));
          assertThat(after.collections()).singleElement().isEqualTo(EventsTest.PHASES);
        });
  }
}
