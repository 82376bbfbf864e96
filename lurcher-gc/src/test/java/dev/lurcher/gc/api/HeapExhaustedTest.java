package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failed allocation is an exception with the heap's figures, and the heap stays usable. */
class HeapExhaustedTest {
  private static final long HEAP = 1 << 20; // 512 KiB usable: the other half is the copy reserve
  private static final int NODES = 4000;

  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 1, 8); // next, value: 32 bytes
  private final Shape bytes = layout.defineByteArray("bytes");
  private Heap heap;
  private Mutator m;
  private int head;

  @BeforeEach
  void setUp() {
    heap = Heap.create(HeapOptions.parse("heap-size=1m,verify=true"), layout);
    m = heap.attach();
    head = m.roots().push(0);
  }

  @AfterEach
  void tearDown() {
    heap.close();
  }

  /** Builds a list of NODES nodes holding 0 .. NODES-1 in order, rooted at {@code head}. */
  private void buildList() {
    for (int i = NODES - 1; i >= 0; i--) {
      long n = layout.allocate(m, node);
      m.storeWord(n, node.rawOffset(0), i * 7L);
      m.storeRef(n, node.refOffset(0), m.roots().get(head));
      m.roots().set(head, n);
    }
  }

  private void assertListIntact() {
    int i = 0;
    for (long n = m.roots().get(head); n != 0; n = m.loadRef(n, node.refOffset(0)), i++) {
      assertThat(m.loadWord(n, node.rawOffset(0))).isEqualTo(i * 7L);
    }
    assertThat(i).isEqualTo(NODES);
  }

  @Test
  void exceptionCarriesTheHeapSizeLiveBytesAndRequest() {
    buildList();
    long live = NODES * node.recordSize();
    long length = HEAP / 2 - live + 1; // one byte more than what is free after a collection
    HeapExhaustedException e =
        catchThrowableOfType(
            HeapExhaustedException.class, () -> layout.allocateArray(m, bytes, length));
    assertThat(e.heapBytes()).isEqualTo(heap.heapSize()).isEqualTo(HEAP);
    assertThat(e.liveBytes()).isEqualTo(live).isEqualTo(heap.liveBytes());
    assertThat(e.requestedBytes()).isEqualTo(bytes.arraySize(length));
    assertThat(e)
        .hasMessageContaining("requested " + bytes.arraySize(length))
        .hasMessageContaining("heap size " + HEAP)
        .hasMessageContaining("live after last collection " + live);

    assertListIntact();
    // a smaller request succeeds, and the list survives the collections that follow
    int slot = m.roots().push(layout.allocateArray(m, bytes, length / 2));
    m.storeByte(m.roots().get(slot), StandardLayout.ARRAY_DATA_OFFSET, (byte) 42);
    m.collect();
    assertListIntact();
    assertThat(m.loadByte(m.roots().get(slot), StandardLayout.ARRAY_DATA_OFFSET))
        .isEqualTo((byte) 42);
    assertThat(heap.liveBytes()).isEqualTo(live + bytes.arraySize(length / 2));
  }

  @Test
  void filledByLiveSmallObjectsThenReleased() {
    buildList();
    int second = m.roots().push(0);
    long count = 0;
    HeapExhaustedException e = null;
    while (e == null) {
      try {
        long n = layout.allocate(m, node);
        m.storeRef(n, node.refOffset(0), m.roots().get(second));
        m.roots().set(second, n);
        count++;
      } catch (HeapExhaustedException x) {
        e = x;
      }
    }
    long live = (NODES + count) * node.recordSize();
    assertThat(e.liveBytes()).isEqualTo(live);
    assertThat(live).isGreaterThan(HEAP / 2 - node.recordSize());
    assertThat(e.requestedBytes()).isEqualTo(node.recordSize());
    assertListIntact();
    // dropping the second list makes room again
    m.roots().set(second, 0);
    layout.allocate(m, node);
    assertListIntact();
  }

  @Test
  void objectLargerThanTheUsableHalfFailsCleanly() {
    buildList();
    long tooBig = HEAP / 2 + 16;
    HeapExhaustedException e =
        catchThrowableOfType(HeapExhaustedException.class, () -> m.allocate(tooBig));
    assertThat(e.requestedBytes()).isEqualTo(tooBig);
    assertThat(e.heapBytes()).isEqualTo(HEAP);
    assertListIntact();
    layout.allocate(m, node);
    assertListIntact();
  }

  @Test
  void theWholeUsableHalfCanBeOneObjectWhenNothingElseIsLive() {
    long ref = m.allocate(HEAP / 2);
    assertThat(heap.contains(ref)).isTrue();
    m.allocate(HEAP / 2); // the first is garbage: a collection makes room
  }

  @Test
  void absurdRequestsAreHeapExhaustionNotAWrappedBumpPointer() {
    buildList(); // the mutator now has a partly used allocation buffer
    for (long request : new long[] {Long.MAX_VALUE & -16L, 1L << 62, 1L << 44}) {
      HeapExhaustedException e =
          catchThrowableOfType(HeapExhaustedException.class, () -> m.allocate(request));
      assertThat(e).as("allocate(%d)", request).isNotNull();
      assertThat(e.requestedBytes()).isEqualTo(request);
      assertListIntact();
    }
    HeapExhaustedException e =
        catchThrowableOfType(
            HeapExhaustedException.class, () -> layout.allocateArray(m, bytes, 1L << 40));
    assertThat(e.requestedBytes()).isEqualTo(bytes.arraySize(1L << 40));
    layout.allocate(m, node);
    assertListIntact();
  }
}
