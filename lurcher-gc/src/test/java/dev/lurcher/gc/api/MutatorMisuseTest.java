package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Misuse of a mutator is an exception that names what was wrong, never a crash. */
class MutatorMisuseTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape pair = layout.defineRecord("pair", 2, 16); // 48 bytes
  private final Shape big = layout.defineRecord("big", 0, 64); // 80 bytes
  private Heap heap;
  private Mutator m;

  @BeforeEach
  void setUp() {
    heap = Heap.create(HeapOptions.parse("heap-size=1m"), layout);
    m = heap.attach();
  }

  @AfterEach
  void tearDown() {
    heap.close();
  }

  private static Throwable onOtherThread(Runnable action) throws Exception {
    CompletableFuture<Throwable> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                action.run();
                result.complete(null);
              } catch (Throwable e) {
                result.complete(e);
              }
            },
            "other-thread");
    t.setDaemon(true);
    t.start();
    return result.get(10, TimeUnit.SECONDS);
  }

  @Test
  void referenceOutsideTheHeap() {
    long obj = layout.allocate(m, pair);
    long outside = 0x1000;
    assertThatThrownBy(() -> m.loadRef(outside, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object 0x1000")
        .hasMessageContaining("not a reference into this heap");
    assertThatThrownBy(() -> m.storeRef(outside, 8, obj))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x1000");
    assertThatThrownBy(() -> m.loadWord(outside, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.loadByte(outside, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.storeByte(outside, 8, (byte) 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.loadRef(0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x0");
  }

  @Test
  void referenceIntoAnotherHeapIsOutsideThisOne() {
    try (Heap other = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
      Mutator om = other.attach();
      long foreign = layout.allocate(om, pair);
      long mine = layout.allocate(m, pair);
      assertThatThrownBy(() -> m.loadRef(foreign, pair.refOffset(0)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Long.toHexString(foreign));
      assertThatThrownBy(() -> m.storeRef(mine, pair.refOffset(0), foreign))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("stored value")
          .hasMessageContaining(Long.toHexString(foreign));
    }
  }

  @Test
  void referenceBeyondTheAllocatedPartOfTheHeap() {
    long obj = layout.allocate(m, pair);
    long farAway = obj + (256 << 10); // inside the reservation, but never allocated
    assertThatThrownBy(() -> m.loadRef(farAway, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a reference into this heap");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 4, 8, 15})
  void misalignedReference(long delta) {
    long obj = layout.allocate(m, pair);
    long bad = obj + delta;
    assertThatThrownBy(() -> m.loadRef(bad, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Long.toHexString(bad));
    assertThatThrownBy(() -> m.storeWord(bad, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Long.toHexString(bad));
  }

  @Test
  void offsetOutsideTheObject() {
    long obj = layout.allocate(m, pair);
    long size = pair.recordSize();
    assertThatThrownBy(() -> m.loadRef(obj, size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + size)
        .hasMessageContaining("pair")
        .hasMessageContaining(size + " bytes");
    assertThatThrownBy(() -> m.storeRef(obj, size - 4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + (size - 4));
    assertThatThrownBy(() -> m.loadByte(obj, size))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + size);
    assertThatThrownBy(() -> m.storeByte(obj, 1 << 20, (byte) 1))
        .isInstanceOf(IllegalArgumentException.class);
    // the last word and the last byte are inside
    assertThatCode(() -> m.storeWord(obj, size - 8, 42)).doesNotThrowAnyException();
    assertThatCode(() -> m.storeByte(obj, size - 1, (byte) 1)).doesNotThrowAnyException();
  }

  @Test
  void hugeOffsetsDoNotOverflowTheBoundsCheck() {
    long obj = layout.allocate(m, pair);
    for (long offset : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 7, Long.MAX_VALUE - 6}) {
      assertThatThrownBy(() -> m.loadByte(obj, offset))
          .as("loadByte at %d", offset)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("offset " + offset);
      assertThatThrownBy(() -> m.storeByte(obj, offset, (byte) 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("offset " + offset);
    }
    long aligned = Long.MAX_VALUE - 7; // a multiple of 8
    assertThatThrownBy(() -> m.loadRef(obj, aligned))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + aligned);
    assertThatThrownBy(() -> m.storeWord(obj, aligned, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + aligned);
  }

  @Test
  void negativeOffset() {
    long obj = layout.allocate(m, pair);
    assertThatThrownBy(() -> m.loadRef(obj, -8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset -8");
    assertThatThrownBy(() -> m.loadByte(obj, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset -1");
    assertThatThrownBy(() -> m.storeWord(obj, Long.MIN_VALUE, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset " + Long.MIN_VALUE);
  }

  @Test
  void unalignedFieldOffset() {
    long obj = layout.allocate(m, pair);
    assertThatThrownBy(() -> m.loadRef(obj, 12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field offset 12")
        .hasMessageContaining("not word aligned");
    assertThatThrownBy(() -> m.storeRef(obj, 9, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field offset 9");
    assertThatThrownBy(() -> m.storeWord(obj, 20, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field offset 20");
    // bytes have no alignment requirement
    m.storeByte(obj, pair.rawOffset(3), (byte) 7);
    assertThat(m.loadByte(obj, pair.rawOffset(3))).isEqualTo((byte) 7);
  }

  @Test
  void storingANonHeapAlignedValue() {
    long obj = layout.allocate(m, pair);
    assertThatThrownBy(() -> m.storeRef(obj, pair.refOffset(0), 0x7000_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stored value 0x700000000000")
        .hasMessageContaining("not a reference into this heap");
    assertThat(m.loadRef(obj, pair.refOffset(0))).isZero(); // nothing was written
    // null and tagged immediates are not references and are stored as they are
    m.storeRef(obj, pair.refOffset(0), 0);
    m.storeRef(obj, pair.refOffset(1), 0x7000_0000_0003L);
    assertThat(m.loadRef(obj, pair.refOffset(1))).isEqualTo(0x7000_0000_0003L);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -16, -1, 1, 8, 24, Long.MIN_VALUE})
  void badAllocationSizes(long bytes) {
    assertThatThrownBy(() -> m.allocate(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("allocation size " + bytes);
  }

  @Test
  void detachedMutator() {
    long obj = layout.allocate(m, pair);
    m.roots().push(obj);
    m.detach();
    assertThat(m.isDetached()).isTrue();
    assertThat(heap.mutatorCount()).isZero();
    assertThatThrownBy(() -> m.allocate(16))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> m.loadRef(obj, 8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> m.storeRef(obj, 8, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> m.storeByte(obj, 30, (byte) 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(m::collect)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> m.inactive(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatThrownBy(() -> m.checkReference(obj, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("detached");
    assertThatCode(m::detach).doesNotThrowAnyException(); // idempotent
    // the thread can attach again
    Mutator again = heap.attach();
    assertThat(heap.mutatorCount()).isEqualTo(1);
    again.detach();
  }

  @Test
  void mutatorUsedFromAnotherThread() throws Exception {
    long obj = layout.allocate(m, pair);
    String me = Thread.currentThread().getName();
    for (Runnable misuse :
        new Runnable[] {
          () -> m.allocate(16),
          () -> m.loadRef(obj, 8),
          () -> m.storeRef(obj, 8, 0),
          () -> m.loadWord(obj, 24),
          () -> m.storeByte(obj, 24, (byte) 1),
          m::collect,
          () -> m.inactive(() -> {}),
          () -> m.checkReference(obj, "x"),
        }) {
      assertThat(onOtherThread(misuse))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to thread '" + me + "'")
          .hasMessageContaining("'other-thread'");
    }
    // the mutator still works on its own thread
    assertThat(m.loadRef(obj, 8)).isZero();
    layout.allocate(m, pair);
  }

  @Test
  void detachFromAnotherThreadIsRejected() throws Exception {
    assertThat(onOtherThread(m::detach))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("belongs to thread");
    assertThat(m.isDetached()).isFalse();
    assertThat(heap.mutatorCount()).isEqualTo(1);
    layout.allocate(m, pair);
    m.collect();
  }

  @Test
  void mutatorOfATerminatedThreadCanBeDetachedSoTheHeapCanClose() throws Exception {
    CompletableFuture<Mutator> attached = new CompletableFuture<>();
    Thread t = new Thread(() -> attached.complete(heap.attach()), "short-lived");
    t.setDaemon(true);
    t.start();
    Mutator orphan = attached.get(10, TimeUnit.SECONDS);
    t.join(10_000);
    assertThatThrownBy(heap::close)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("short-lived");
    orphan.detach();
    assertThat(heap.mutatorCount()).isEqualTo(1);
    m.collect(); // the orphan no longer holds collections up
    heap.close();
    assertThat(heap.isClosed()).isTrue();
  }

  @Test
  void secondMutatorOnTheSameThreadIsRejected() {
    assertThatThrownBy(heap::attach)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a mutator");
    assertThat(heap.mutatorCount()).isEqualTo(1);
    m.collect(); // would wait forever for the second mutator to reach a safepoint
  }

  @Test
  void heapUseInsideInactiveIsRejected() {
    long obj = layout.allocate(m, pair);
    m.inactive(
        () -> {
          assertThatThrownBy(() -> m.allocate(16))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("inactive");
          assertThatThrownBy(() -> m.loadRef(obj, 8))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("inactive");
          assertThatThrownBy(m::collect)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("inactive");
          assertThatThrownBy(m::detach)
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("inactive");
          assertThatThrownBy(() -> m.inactive(() -> {}))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("inactive");
        });
    // afterwards everything works again, and collections do not wait for a ghost
    assertThat(m.isDetached()).isFalse();
    layout.allocate(m, pair);
    m.collect();
  }

  @Test
  void detachInsideInactiveDoesNotLeaveAGhostThatHoldsCollectionsUp() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (Heap h = Heap.create(HeapOptions.parse("heap-size=1m"), layout)) {
            Mutator first = h.attach();
            assertThatThrownBy(() -> first.inactive(first::detach))
                .isInstanceOf(IllegalStateException.class);
            first.detach();
            Mutator second = h.attach();
            second.collect(); // hung when the detached mutator was still counted as running
          }
        });
  }

  @Test
  void checkedFullRejectsAnInteriorPointerThatCheckedOnAccepts() {
    for (CheckLevel level : new CheckLevel[] {CheckLevel.ON, CheckLevel.FULL}) {
      try (Heap h = Heap.create(HeapOptions.defaults().withChecked(level), layout)) {
        Mutator hm = h.attach();
        long holder = layout.allocate(hm, pair);
        long b = layout.allocate(hm, big);
        long interior = b + 16;
        if (level == CheckLevel.ON) {
          assertThatCode(() -> hm.checkReference(interior, "x")).doesNotThrowAnyException();
          hm.storeRef(holder, pair.refOffset(0), interior);
          hm.storeRef(holder, pair.refOffset(0), 0); // undo before anything collects
        } else {
          assertThatThrownBy(() -> hm.checkReference(interior, "x"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("x 0x" + Long.toHexString(interior))
              .hasMessageContaining("not an object start");
          assertThatThrownBy(() -> hm.storeRef(holder, pair.refOffset(0), interior))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("stored value")
              .hasMessageContaining("not an object start");
          assertThatThrownBy(() -> hm.loadWord(interior, 0))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("not an object start");
          hm.checkReference(b, "x");
          hm.storeRef(holder, pair.refOffset(0), b);
        }
      }
    }
  }

  /**
   * Object-start records must not outlive the objects: after two collections the semi-space reuses
   * the half where small objects once started, now inside a larger survivor.
   */
  @Test
  void checkedFullRejectsInteriorPointersAfterTheHalvesAreReused() {
    try (Heap h = Heap.create(HeapOptions.parse("heap-size=1m,checked=full"), layout)) {
      Mutator hm = h.attach();
      Shape small = layout.defineRecord("small", 1, 0); // 16 bytes: starts at every granule
      for (int i = 0; i < 64; i++) {
        layout.allocate(hm, small);
      }
      int slot = hm.roots().push(layout.allocate(hm, big));
      hm.collect(); // big moves to the other half
      hm.collect(); // and back to the start of the first, over the dead small objects
      long b = hm.roots().get(slot);
      for (long interior = b + 16; interior < b + big.recordSize(); interior += 16) {
        long bad = interior;
        assertThatThrownBy(() -> hm.checkReference(bad, "x"))
            .as("interior pointer at +%d", bad - b)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not an object start");
      }
      hm.checkReference(b, "x");
    }
  }

  @Test
  void useAfterHeapClose() throws ExecutionException, InterruptedException {
    long obj = layout.allocate(m, pair);
    heap.close();
    assertThat(heap.isClosed()).isTrue();
    assertThat(m.isDetached()).isTrue();
    assertThat(heap.contains(obj)).isFalse();
    assertThatThrownBy(heap::attach)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> m.allocate(16)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> layout.allocate(m, pair)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.loadRef(obj, 8)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> m.storeWord(obj, 24, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(m::collect).isInstanceOf(IllegalStateException.class);
    assertThatCode(heap::close).doesNotThrowAnyException(); // idempotent
  }
}
