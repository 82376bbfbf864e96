package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads build and mutate private graphs and a shared board of graphs on one heap under
 * torture, with the verifier after every collection. Each thread runs the same operations on a
 * plain-Java shadow of its data and of the board, and every value it reads from the heap must equal
 * the shadow's.
 *
 * <p>The board is guarded by a Java lock that threads acquire while inactive, as an embedder must
 * around any blocking call: a thread waiting for the lock must not hold a collection up, and the
 * holder may allocate (and collect) while holding it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MultiMutatorStressTest {
  private static final int THREADS = 4;
  private static final int OPERATIONS = 3_000;
  private static final int PRIVATE_SLOTS = 16;
  private static final int BOARD_SLOTS = 32;
  private static final int WALK_STEPS = 40;

  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 2, 8);
  private final Shape refs = layout.defineRefArray("refs");
  private final long left = node.refOffset(0);
  private final long right = node.refOffset(1);
  private final long value = node.rawOffset(0);

  /** The shadow of a node. */
  private static final class SNode {
    final long value;
    SNode left;
    SNode right;

    SNode(long value) {
      this.value = value;
    }
  }

  /** Shared state: the heap board is global root 0, its shadow beside it, both under the lock. */
  private final long[] globals = new long[1];

  private final SNode[] shadowBoard = new SNode[BOARD_SLOTS];
  private final ReentrantLock boardLock = new ReentrantLock();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "collector=semi",
        "collector=pcc,parallelism=1",
        "collector=pcc,parallelism=2",
        "collector=pcc,parallelism=4"
      })
  void threadsAgreeWithTheirShadows(String collector) throws Exception {
    BasicStats stats = new BasicStats();
    try (Heap heap =
        Heap.create(
            HeapOptions.parse(collector + ",heap-size=4m,verify=true,checked=full,gc-torture=211"),
            layout,
            v -> globals[0] = v.visitValue(globals[0]))) {
      heap.addListener(stats);
      Mutator main = heap.attach();
      globals[0] = layout.allocateArray(main, refs, BOARD_SLOTS);
      main.detach();
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      long[] results = new long[THREADS];
      CountDownLatch go = new CountDownLatch(1);
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        Thread thread =
            new Thread(
                () -> {
                  try {
                    go.await();
                    results[id] = new Worker(heap.attach(), id).run();
                  } catch (Throwable e) {
                    synchronized (failures) {
                      failures.add(e);
                    }
                  }
                },
                "stress-" + t);
        threads.add(thread);
        thread.start();
      }
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
      if (!failures.isEmpty()) {
        throw new AssertionError("a mutator failed", failures.get(0));
      }
      assertThat(results).doesNotContain(0L);
      assertThat(stats.majorCollections()).isGreaterThan(20);
    }
  }

  /** One thread's work: the same random operations on the heap and on its shadow. */
  private final class Worker {
    private final Mutator m;
    private final RootStack roots;
    private final SplittableRandom random;
    private final SNode[] shadow = new SNode[PRIVATE_SLOTS];
    private long nextValue;
    private long checksum;

    Worker(Mutator m, int id) {
      this.m = m;
      this.roots = m.roots();
      this.random = new SplittableRandom(1234 + id);
      this.nextValue = (long) id << 40;
      for (int i = 0; i < PRIVATE_SLOTS; i++) {
        roots.push(0);
      }
    }

    long run() {
      for (int op = 0; op < OPERATIONS; op++) {
        int slot = random.nextInt(PRIVATE_SLOTS);
        switch (random.nextInt(8)) {
          case 0, 1 -> {
            shadow[slot] = build(3);
            roots.set(slot, roots.pop());
          }
          case 2 -> mutate(slot);
          case 3 -> compare(roots.get(slot), shadow[slot]);
          case 4 -> m.safepoint();
          default -> shared(slot);
        }
      }
      m.detach();
      return checksum | 1;
    }

    /** Builds a random tree on the root stack (its root left pushed) and returns its shadow. */
    private SNode build(int depth) {
      long v = nextValue++;
      long cell = layout.allocate(m, node);
      m.storeWord(cell, value, v);
      int at = roots.push(cell);
      SNode s = new SNode(v);
      if (depth > 0 && random.nextInt(4) != 0) {
        s.left = build(depth - 1);
        long child = roots.pop();
        m.storeRef(roots.get(at), left, child); // re-read: the build may have moved the parent
      }
      if (depth > 0 && random.nextInt(4) != 0) {
        s.right = build(depth - 1);
        long child = roots.pop();
        m.storeRef(roots.get(at), right, child);
      }
      return s;
    }

    /**
     * Walks from a root, choosing left or right by the parity of each value; cycles and sharing are
     * fine because the walk is bounded. No allocation on the way, so plain locals are safe.
     */
    private void compare(long ref, SNode s) {
      long heapSum = 0;
      long shadowSum = 0;
      for (int i = 0; i < WALK_STEPS && (ref != 0 || s != null); i++) {
        assertThat(ref == 0).as("null in heap vs shadow").isEqualTo(s == null);
        long v = m.loadWord(ref, value);
        assertThat(v).isEqualTo(s.value);
        heapSum = heapSum * 31 + v;
        shadowSum = shadowSum * 31 + s.value;
        boolean goLeft = (v & 1) == 0;
        ref = m.loadRef(ref, goLeft ? left : right);
        s = goLeft ? s.left : s.right;
      }
      assertThat(heapSum).isEqualTo(shadowSum);
      checksum = checksum * 17 + heapSum;
    }

    /**
     * Rewires a node on a random path from {@code slot} to a fresh tree, a private tree or null.
     */
    private void mutate(int slot) {
      int choice = random.nextInt(3);
      SNode fresh = null;
      int other = random.nextInt(PRIVATE_SLOTS);
      if (choice == 0) {
        fresh = build(2); // allocates: everything read before this would be stale
      }
      int bits = random.nextInt();
      long ref = roots.get(slot);
      SNode s = shadow[slot];
      for (int i = 0; i < 4 && ref != 0; i++) {
        boolean goLeft = ((bits >>> i) & 1) == 0;
        long next = m.loadRef(ref, goLeft ? left : right);
        if (next == 0) {
          break;
        }
        ref = next;
        s = goLeft ? s.left : s.right;
      }
      long target = choice == 0 ? roots.pop() : choice == 1 ? roots.get(other) : 0;
      SNode shadowTarget = choice == 0 ? fresh : choice == 1 ? shadow[other] : null;
      if (ref == 0) {
        return;
      }
      boolean setLeft = ((bits >>> 8) & 1) == 0;
      m.storeRef(ref, setLeft ? left : right, target);
      if (setLeft) {
        s.left = shadowTarget;
      } else {
        s.right = shadowTarget;
      }
    }

    /** Board operations under the lock, taken while inactive. */
    private void shared(int slot) {
      m.inactive(boardLock::lock);
      try {
        int b = random.nextInt(BOARD_SLOTS);
        switch (random.nextInt(3)) {
          case 0 -> {
            SNode fresh = build(3); // may collect while the others wait for the lock
            long tree = roots.pop();
            m.storeRef(globals[0], StandardLayout.elementOffset(b), tree);
            shadowBoard[b] = fresh;
          }
          case 1 -> compare(m.loadRef(globals[0], StandardLayout.elementOffset(b)), shadowBoard[b]);
          default -> {
            // Publish a copy of a private tree's root value into the board, linked to what is
            // there: the board keeps growing chains shared by every thread.
            SNode fresh = build(1);
            long tree = roots.get(roots.size() - 1);
            long old = m.loadRef(globals[0], StandardLayout.elementOffset(b));
            m.storeRef(tree, right, old);
            fresh.right = shadowBoard[b];
            m.storeRef(globals[0], StandardLayout.elementOffset(b), roots.pop());
            shadowBoard[b] = fresh;
          }
        }
      } finally {
        boardLock.unlock();
      }
      compare(roots.get(slot), shadow[slot]);
    }
  }
}
