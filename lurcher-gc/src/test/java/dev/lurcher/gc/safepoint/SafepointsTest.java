package dev.lurcher.gc.safepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads on one heap. Every test body runs on a separate thread with a timeout, so a
 * safepoint bug fails the test instead of hanging the build; worker threads are daemons.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SafepointsTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 1, 8); // next, value: 32 bytes

  /** Runs {@code body} on a new daemon thread; the future completes with its outcome. */
  private static CompletableFuture<Void> thread(String name, Runnable body) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
                done.complete(null);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return done;
  }

  /** Pushes a list of {@code n} nodes holding base .. base+n-1 (head first) into a new root. */
  private int buildList(Mutator m, long base, int n) {
    RootStack r = m.roots();
    int head = r.push(0);
    for (int i = n - 1; i >= 0; i--) {
      long c = layout.allocate(m, node);
      m.storeWord(c, node.rawOffset(0), base + i);
      m.storeRef(c, node.refOffset(0), r.get(head));
      r.set(head, c);
    }
    return head;
  }

  private void assertList(Mutator m, int head, long base, int n) {
    int i = 0;
    for (long c = m.roots().get(head); c != 0; c = m.loadRef(c, node.refOffset(0)), i++) {
      assertThat(m.loadWord(c, node.rawOffset(0))).isEqualTo(base + i);
    }
    assertThat(i).isEqualTo(n);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void twoThreadsUnderGcTortureKeepTheirPrivateLists() throws Exception {
    BasicStats stats = new BasicStats();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=2m,gc-torture=64"), layout)) {
      heap.addListener(stats);
      CyclicBarrier start = new CyclicBarrier(2);
      CompletableFuture<?>[] workers = new CompletableFuture<?>[2];
      for (int w = 0; w < 2; w++) {
        long base = (w + 1) * 1_000_000L;
        workers[w] =
            thread(
                "worker-" + w,
                () -> {
                  Mutator m = heap.attach();
                  try {
                    start.await(20, TimeUnit.SECONDS);
                    int kept = buildList(m, base, 1500);
                    for (int round = 0; round < 5; round++) {
                      int mark = m.roots().mark();
                      buildList(m, base + 500_000, 300); // a temporary list, then dropped
                      m.roots().reset(mark);
                      assertList(m, kept, base, 1500);
                    }
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  } finally {
                    m.detach();
                  }
                });
      }
      CompletableFuture.allOf(workers).get(25, TimeUnit.SECONDS);
      assertThat(heap.mutatorCount()).isZero();
      // each worker asked for a collection at every 64th of its own 3000 allocations; a request
      // made while the other worker collects is served by that collection
      assertThat(stats.majorCollections()).isGreaterThanOrEqualTo(3000 / 64);
    }
  }

  @Test
  void aBlockedInactiveThreadDoesNotHoldUpCollections() throws Exception {
    BasicStats stats = new BasicStats();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m,verify=true"), layout)) {
      heap.addListener(stats);
      CountDownLatch published = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> blocked =
          thread(
              "blocked",
              () -> {
                Mutator m = heap.attach();
                try {
                  int head = buildList(m, 100, 1000);
                  m.inactive(
                      () -> {
                        published.countDown();
                        await(release); // blocked outside the heap, roots published
                      });
                  // the collections that ran meanwhile moved the list and updated the root
                  assertList(m, head, 100, 1000);
                  layout.allocate(m, node);
                } finally {
                  m.detach();
                }
              });
      await(published);
      Mutator m = heap.attach();
      int mine = buildList(m, 7, 200);
      // Would wait forever for the blocked thread if an inactive mutator held collections up.
      m.collect();
      m.collect();
      assertThat(release.getCount()).isEqualTo(1); // the other thread is still blocked
      assertThat(stats.majorCollections()).isEqualTo(2);
      assertThat(heap.liveBytes()).isEqualTo((1000 + 200) * node.recordSize());
      release.countDown();
      blocked.get(20, TimeUnit.SECONDS);
      assertList(m, mine, 7, 200);
    }
  }

  @Test
  void aThreadPollingSafepointsInANonAllocatingLoopLetsOthersCollect() throws Exception {
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch attached = new CountDownLatch(1);
      CompletableFuture<Void> spinner =
          thread(
              "spinner",
              () -> {
                Mutator m = heap.attach();
                try {
                  int head = buildList(m, 5, 100);
                  attached.countDown();
                  while (!stop.get()) {
                    m.safepoint();
                  }
                  assertList(m, head, 5, 100);
                } finally {
                  m.detach();
                }
              });
      await(attached);
      Mutator m = heap.attach();
      for (int i = 0; i < 5; i++) {
        m.collect(); // the spinner parks at its next safepoint poll
      }
      assertThat(heap.liveBytes()).isEqualTo(100 * node.recordSize());
      stop.set(true);
      spinner.get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void closeWhileAnotherThreadIsAttachedIsRefusedAndLeavesTheHeapUsable() throws Exception {
    Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout);
    CountDownLatch published = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch detach = new CountDownLatch(1);
    CompletableFuture<Void> other =
        thread(
            "still-attached",
            () -> {
              Mutator m = heap.attach();
              int head = buildList(m, 40, 300);
              m.inactive(
                  () -> {
                    published.countDown();
                    await(release);
                  });
              assertList(m, head, 40, 300);
              await(detach);
              m.detach();
            });
    await(published);
    Mutator m = heap.attach();
    int mine = buildList(m, 1, 50);
    assertThatThrownBy(heap::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("still-attached")
        .hasMessageContaining("INACTIVE");
    assertThat(heap.isClosed()).isFalse();
    assertThat(m.isDetached()).isFalse();
    // still usable, by both threads
    m.collect();
    assertList(m, mine, 1, 50);
    release.countDown();
    assertThatThrownBy(heap::close).isInstanceOf(IllegalStateException.class);
    detach.countDown();
    other.get(20, TimeUnit.SECONDS);
    assertThat(heap.mutatorCount()).isEqualTo(1);
    heap.close();
    assertThat(heap.isClosed()).isTrue();
    assertThat(m.isDetached()).isTrue();
  }

  @Test
  void concurrentCollectRequestsAreServedWithoutDeadlock() throws Exception {
    BasicStats stats = new BasicStats();
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      heap.addListener(stats);
      CyclicBarrier start = new CyclicBarrier(3);
      CompletableFuture<?>[] workers = new CompletableFuture<?>[3];
      for (int w = 0; w < 3; w++) {
        long base = w * 10_000L;
        workers[w] =
            thread(
                "collector-" + w,
                () -> {
                  Mutator m = heap.attach();
                  try {
                    int head = buildList(m, base, 100);
                    start.await(20, TimeUnit.SECONDS);
                    for (int i = 0; i < 30; i++) {
                      m.collect();
                      layout.allocate(m, node);
                    }
                    assertList(m, head, base, 100);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  } finally {
                    m.detach();
                  }
                });
      }
      CompletableFuture.allOf(workers).get(25, TimeUnit.SECONDS);
      // requests that arrive while another thread collects are served by that collection
      assertThat(stats.majorCollections()).isBetween(30L, 90L);
    }
  }
}
