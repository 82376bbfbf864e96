package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Several mutators sweep and allocate in their own blocks while any of them may collect.
 *
 * <p>The heap is generous on purpose: Mutator gives up after its own collection when its next
 * refill fails, and on a busy machine the other mutators may use up everything that collection
 * freed before this one runs again (a shared Mutator/Heap issue, not an mmc one).
 */
class MmcThreadsTest {
  @Test
  void mutatorsOnSeveralThreadsKeepTheirLists() throws InterruptedException {
    StandardLayout layout = new StandardLayout();
    Shape pair = layout.defineRecord("pair", 2, 8);
    try (Heap heap =
        Heap.create(HeapOptions.parse("collector=mmc,heap-size=8m,verify=true"), layout)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        long id = t;
        threads.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      Mutator m = heap.attach();
                      try {
                        RootStack roots = m.roots();
                        int head = roots.push(0);
                        for (int i = 0; i < 150_000; i++) {
                          long p = layout.allocate(m, pair);
                          m.storeWord(p, pair.rawOffset(0), id * 1_000_000 + i);
                          if (i % 30 == 0) {
                            m.storeRef(p, pair.refOffset(0), roots.get(head));
                            roots.set(head, p);
                          }
                        }
                        long n = 0;
                        long expect = 149_970;
                        for (long c = roots.get(head);
                            c != 0;
                            c = m.loadRef(c, pair.refOffset(0))) {
                          assertThat(m.loadWord(c, pair.rawOffset(0)))
                              .isEqualTo(id * 1_000_000 + expect);
                          expect -= 30;
                          n++;
                        }
                        assertThat(n).isEqualTo(5000);
                      } catch (Throwable e) {
                        failure.compareAndSet(
                            null, new AssertionError(heap.collectorStatistics().toString(), e));
                      } finally {
                        m.detach();
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertThat(heap.collectorStatistics().get("collections")).isPositive();
    }
  }
}
