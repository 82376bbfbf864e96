package dev.lurcher.gc.safepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.events.GcEventListener;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stop-the-world with many threads: inactive threads never hold a collection up, attach and detach
 * are safe around collections, and closing a heap with attached threads fails fast. Every wait is
 * on a latch or a thread state, never on elapsed time; the timeouts only turn a hang into a
 * failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SafepointTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 1, 8);

  private Heap heap(String collector) {
    return Heap.create(
        HeapOptions.parse(collector + ",heap-size=4m,verify=true,checked=full"), layout);
  }

  /** Builds a list of {@code n} nodes holding 0..n-1 in root slot {@code slot}. */
  private long buildList(Mutator m, int n) {
    RootStack roots = m.roots();
    int slot = roots.push(0);
    for (int i = n - 1; i >= 0; i--) {
      long cell = layout.allocate(m, node);
      m.storeWord(cell, node.rawOffset(0), i);
      m.storeRef(cell, node.refOffset(0), roots.get(slot));
      roots.set(slot, cell);
    }
    return slot;
  }

  private void checkList(Mutator m, long head, int n) {
    int i = 0;
    for (long c = head; c != 0; c = m.loadRef(c, node.refOffset(0)), i++) {
      assertThat(m.loadWord(c, node.rawOffset(0))).isEqualTo(i);
    }
    assertThat(i).isEqualTo(n);
  }

  private static Thread spawn(String name, Runnable body, AtomicReference<Throwable> failure) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                failure.compareAndSet(null, e);
              }
            },
            name);
    t.start();
    return t;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitState(Thread t, Thread.State state) {
    while (t.getState() != state) {
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi", "collector=pcc,parallelism=2"})
  void aThreadBlockedInactiveNeverDelaysCollections(String collector) throws Exception {
    try (Heap heap = heap(collector)) {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean stillInside = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread blocked =
          spawn(
              "blocked",
              () -> {
                Mutator m = heap.attach();
                long slot = buildList(m, 100);
                // Roots published (the root stack); now block for as long as the test likes.
                m.inactive(
                    () -> {
                      stillInside.set(true);
                      inside.countDown();
                      await(release);
                      stillInside.set(false);
                    });
                checkList(m, m.roots().get((int) slot), 100); // moved while it was away
                m.detach();
              },
              failure);
      inside.await();
      Mutator m = heap.attach();
      long before = m.roots().size();
      for (int i = 0; i < 20; i++) {
        m.collect(); // would hang (and time out) if it waited for the blocked thread
        assertThat(stillInside).isTrue();
      }
      assertThat(before).isZero();
      release.countDown();
      blocked.join();
      assertThat(failure.get()).isNull();
      m.detach();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi", "collector=pcc,parallelism=2"})
  void attachAndLeavingInactiveWaitForTheCollectionInProgress(String collector) throws Exception {
    try (Heap heap = heap(collector)) {
      AtomicBoolean collecting = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicReference<Boolean> attachedDuringCollection = new AtomicReference<>();
      AtomicReference<Boolean> resumedDuringCollection = new AtomicReference<>();
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch leave = new CountDownLatch(1);
      Thread sleeper =
          spawn(
              "sleeper",
              () -> {
                Mutator s = heap.attach();
                s.inactive(
                    () -> {
                      inside.countDown();
                      await(leave);
                    });
                resumedDuringCollection.set(collecting.get());
                s.detach();
              },
              failure);
      inside.await();
      List<Thread> late = new ArrayList<>();
      heap.addListener(
          new GcEventListener() {
            @Override
            public void mutatorsStopped() {
              collecting.set(true);
              if (!late.isEmpty()) {
                return;
              }
              Thread t =
                  spawn(
                      "late",
                      () -> {
                        Mutator l = heap.attach();
                        attachedDuringCollection.set(collecting.get());
                        l.detach();
                      },
                      failure);
              late.add(t);
              leave.countDown();
              // Both threads are now blocked on the coordinator until the world restarts.
              awaitState(t, Thread.State.WAITING);
              awaitState(sleeper, Thread.State.WAITING);
            }

            @Override
            public void restarting() {
              collecting.set(false);
            }
          });
      Mutator m = heap.attach();
      m.collect();
      late.get(0).join();
      sleeper.join();
      assertThat(failure.get()).isNull();
      assertThat(attachedDuringCollection.get()).isFalse();
      assertThat(resumedDuringCollection.get()).isFalse();
      m.detach();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi", "collector=pcc,parallelism=2"})
  void closingWithParkedAndCollectingThreadsIsAClearErrorNotAHang(String collector)
      throws Exception {
    Heap heap = heap(collector);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch allAttached = new CountDownLatch(3);
    CountDownLatch releaseSlow = new CountDownLatch(1);
    AtomicBoolean stop = new AtomicBoolean();
    // "slow" computes without a safepoint for a while (holding the stop up, as the contract
    // allows for a bounded time); "requester" asks for a collection and waits for "slow";
    // "poller" parks at its next safepoint.
    Thread slow =
        spawn(
            "slow",
            () -> {
              Mutator m = heap.attach();
              allAttached.countDown();
              await(releaseSlow);
              m.safepoint();
              m.detach();
            },
            failure);
    Thread requester =
        spawn(
            "requester",
            () -> {
              Mutator m = heap.attach();
              long slot = buildList(m, 50);
              allAttached.countDown();
              await(allAttached);
              m.collect();
              checkList(m, m.roots().get((int) slot), 50);
              m.detach();
            },
            failure);
    Thread poller =
        spawn(
            "poller",
            () -> {
              Mutator m = heap.attach();
              allAttached.countDown();
              while (!stop.get()) {
                m.safepoint();
              }
              m.detach();
            },
            failure);
    allAttached.await();
    String message = "";
    while (!(message.contains("'poller' (PARKED)")
        && message.contains("'requester' (COLLECTING)"))) {
      IllegalStateException e = closeFails(heap);
      message = e.getMessage();
      assertThat(message).contains("'slow' (RUNNING)").contains("detach them first");
      assertThat(heap.isClosed()).isFalse();
      Thread.yield();
    }
    releaseSlow.countDown();
    stop.set(true);
    slow.join();
    requester.join();
    poller.join();
    assertThat(failure.get()).isNull();
    heap.close();
    assertThat(heap.isClosed()).isTrue();
  }

  private static IllegalStateException closeFails(Heap heap) {
    try {
      heap.close();
    } catch (IllegalStateException e) {
      return e;
    }
    throw new AssertionError("close() succeeded with other threads attached");
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi", "collector=pcc,parallelism=2"})
  void aThreadThatDiesAttachedHoldsNothingUp(String collector) throws Exception {
    Heap heap = heap(collector);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Mutator> orphan = new AtomicReference<>();
    Thread dying =
        spawn(
            "dying",
            () -> {
              Mutator m = heap.attach();
              orphan.set(m);
              buildList(m, 10); // its roots stay published
            },
            failure);
    dying.join();
    Mutator m = heap.attach();
    m.collect(); // finds the dead thread instead of waiting forever
    assertThat(heap.liveBytes()).isEqualTo(10 * node.recordSize());
    m.collect(); // and again: it stays out of the way
    assertThatThrownBy(heap::close).hasMessageContaining("'dying' (thread terminated");
    orphan.get().detach(); // any thread may detach a dead thread's mutator
    m.collect();
    assertThat(heap.liveBytes()).isZero();
    heap.close();
    assertThat(heap.isClosed()).isTrue();
    assertThat(failure.get()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi"})
  void misuseIsAClearError(String collector) throws Exception {
    try (Heap heap = heap(collector)) {
      Mutator m = heap.attach();
      assertThatThrownBy(heap::attach)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already has a mutator");
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread other = new Thread(() -> thrown.set(catching(m::detach)), "other");
      other.start();
      other.join();
      assertThat(thrown.get())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to thread");
      m.detach();
      assertThatThrownBy(() -> layout.allocate(m, node))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("detached");
    }
  }

  private static Throwable catching(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"collector=semi", "collector=pcc,parallelism=2"})
  void threadsAttachAndDetachWhileOthersCollect(String collector) throws Exception {
    try (Heap heap =
        Heap.create(
            HeapOptions.parse(collector + ",heap-size=4m,verify=true,gc-torture=97"), layout)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong cycles = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        threads.add(
            spawn(
                "churn-" + t,
                () -> {
                  for (int round = 0; round < 40 && failure.get() == null; round++) {
                    Mutator m = heap.attach();
                    long slot = buildList(m, 200); // torture: collects every 97 allocations
                    checkList(m, m.roots().get((int) slot), 200);
                    m.detach();
                    cycles.incrementAndGet();
                  }
                },
                failure));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failure.get()).isNull();
      assertThat(cycles.get()).isEqualTo(160);
      assertThat(heap.mutatorCount()).isZero();
    }
  }
}
