package dev.lurcher.gc.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StandardLayoutTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape pair = layout.defineRecord("pair", 2, 0); // 24 -> 32 bytes
  private final Shape cell = layout.defineRecord("cell", 1, 8); // header, ref, 8 raw: 32 bytes
  private final Shape empty = layout.defineRecord("empty", 0, 0); // header only: 16 bytes
  private final Shape refs = layout.defineRefArray("refs");
  private final Shape bytes = layout.defineByteArray("bytes");
  private Heap heap;
  private Mutator m;

  @BeforeEach
  void setUp() {
    heap = Heap.create(HeapOptions.parse("heap-size=4m,verify=true"), layout);
    m = heap.attach();
  }

  @AfterEach
  void tearDown() {
    heap.close();
  }

  @Test
  void shapeDescriptors() {
    assertThat(pair.id()).isEqualTo(1);
    assertThat(bytes.id()).isEqualTo(5);
    assertThat(pair.kind()).isEqualTo(Shape.Kind.RECORD);
    assertThat(refs.kind()).isEqualTo(Shape.Kind.REF_ARRAY);
    assertThat(bytes.kind()).isEqualTo(Shape.Kind.BYTE_ARRAY);
    assertThat(pair.recordSize()).isEqualTo(32);
    assertThat(cell.recordSize()).isEqualTo(32);
    assertThat(empty.recordSize()).isEqualTo(16);
    assertThat(layout.defineRecord("odd", 1, 1).recordSize()).isEqualTo(32);
    assertThat(layout.defineRecord("exact", 1, 15).recordSize()).isEqualTo(32);
    assertThat(pair.refOffset(0)).isEqualTo(8);
    assertThat(pair.refOffset(1)).isEqualTo(16);
    assertThat(cell.rawOffset(0)).isEqualTo(16);
    assertThat(cell.rawOffset(7)).isEqualTo(23);
    assertThat(refs.arraySize(0)).isEqualTo(16);
    assertThat(refs.arraySize(1)).isEqualTo(32);
    assertThat(refs.arraySize(2)).isEqualTo(32);
    assertThat(bytes.arraySize(0)).isEqualTo(16);
    assertThat(bytes.arraySize(1)).isEqualTo(32);
    assertThat(bytes.arraySize(16)).isEqualTo(32);
    assertThat(StandardLayout.elementOffset(3)).isEqualTo(40);
    assertThat(pair).hasToString("pair");
  }

  @Test
  void shapeErrors() {
    assertThatThrownBy(() -> pair.refOffset(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("reference field 2")
        .hasMessageContaining("pair");
    assertThatThrownBy(() -> pair.refOffset(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> cell.rawOffset(8))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("raw byte 8")
        .hasMessageContaining("cell");
    assertThatThrownBy(() -> pair.rawOffset(0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> layout.defineRecord("neg", -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neg");
    assertThatThrownBy(() -> layout.defineRecord("neg-raw", 0, -8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neg-raw");
    assertThatThrownBy(() -> layout.allocate(m, refs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refs")
        .hasMessageContaining("allocateArray");
    assertThatThrownBy(() -> layout.allocate(m, bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bytes");
    assertThatThrownBy(() -> layout.allocateArray(m, pair, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair")
        .hasMessageContaining("use allocate");
    assertThatThrownBy(() -> layout.allocateArray(m, refs, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("array length -1");
    assertThatThrownBy(() -> layout.allocateArray(m, bytes, Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("array length " + Long.MAX_VALUE);
    m.collect(); // nothing half-allocated was left behind
  }

  @Test
  void shapeOfAnotherLayoutIsRejected() {
    StandardLayout other = new StandardLayout();
    other.defineRecord("a", 0, 0);
    other.defineRecord("b", 0, 0);
    Shape foreign = other.defineRecord("wide", 9, 0); // id 3: "empty" in this layout
    Shape foreignArray = other.defineRefArray("foreign-refs");
    assertThatThrownBy(() -> layout.allocate(m, foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wide")
        .hasMessageContaining("another layout");
    assertThatThrownBy(() -> layout.allocateArray(m, foreignArray, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("foreign-refs")
        .hasMessageContaining("another layout");
    m.collect();
  }

  @Test
  void recordsStartZeroedAndKeepTheirValuesAcrossCollections() {
    RootStack r = m.roots();
    int p = r.push(layout.allocate(m, pair));
    int c = r.push(layout.allocate(m, cell));
    int e = r.push(layout.allocate(m, empty));
    assertThat(m.loadRef(r.get(p), pair.refOffset(0))).isZero();
    assertThat(m.loadRef(r.get(p), pair.refOffset(1))).isZero();
    assertThat(m.loadWord(r.get(c), cell.rawOffset(0))).isZero();
    m.storeRef(r.get(p), pair.refOffset(0), r.get(c));
    m.storeRef(r.get(p), pair.refOffset(1), r.get(e));
    m.storeRef(r.get(c), cell.refOffset(0), r.get(p)); // a cycle
    m.storeWord(r.get(c), cell.rawOffset(0), 0x1122_3344_5566_7788L);
    r.reset(1); // only the pair is a root now
    m.collect();
    long pp = r.get(p);
    long cc = m.loadRef(pp, pair.refOffset(0));
    long ee = m.loadRef(pp, pair.refOffset(1));
    assertThat(layout.shapeOf(pp)).isSameAs(pair);
    assertThat(layout.shapeOf(cc)).isSameAs(cell);
    assertThat(layout.shapeOf(ee)).isSameAs(empty);
    assertThat(m.loadRef(cc, cell.refOffset(0))).isEqualTo(pp);
    assertThat(m.loadWord(cc, cell.rawOffset(0))).isEqualTo(0x1122_3344_5566_7788L);
    assertThat(layout.objectSize(pp)).isEqualTo(32);
    assertThat(layout.objectSize(ee)).isEqualTo(16);
    assertThat(heap.liveBytes()).isEqualTo(32 + 32 + 16);
    assertThat(layout.describe(cc)).startsWith("cell@0x");
    assertThat(layout.checkHeader(cc)).isNull();
  }

  @Test
  void emptyRefArraySurvives() {
    int a = m.roots().push(layout.allocateArray(m, refs, 0));
    m.collect();
    long arr = m.roots().get(a);
    assertThat(layout.shapeOf(arr)).isSameAs(refs);
    assertThat(layout.arrayLength(arr)).isZero();
    assertThat(layout.objectSize(arr)).isEqualTo(16);
    assertThat(heap.liveBytes()).isEqualTo(16);
    assertThatThrownBy(() -> m.loadRef(arr, StandardLayout.elementOffset(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void largeRefArrayIsTracedAndUpdated() {
    int n = 40_000; // 320 KB: a large object, allocated outside the buffers
    int a = m.roots().push(layout.allocateArray(m, refs, n));
    for (int i = 0; i < n; i++) {
      long c = layout.allocate(m, cell);
      m.storeWord(c, cell.rawOffset(0), i);
      m.storeRef(m.roots().get(a), StandardLayout.elementOffset(i), c);
      if (i % 3 == 0) {
        layout.allocate(m, pair); // garbage
      }
    }
    m.collect();
    m.collect();
    long arr = m.roots().get(a);
    assertThat(layout.arrayLength(arr)).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      long c = m.loadRef(arr, StandardLayout.elementOffset(i));
      assertThat(heap.contains(c)).isTrue();
      assertThat(m.loadWord(c, cell.rawOffset(0))).isEqualTo(i);
    }
    assertThat(heap.liveBytes()).isEqualTo(refs.arraySize(n) + (long) n * cell.recordSize());
  }

  @Test
  void byteArraysAreNeverTraced() {
    RootStack r = m.roots();
    int live = r.push(layout.allocate(m, cell));
    m.storeWord(r.get(live), cell.rawOffset(0), 77);
    List<Long> deadAddresses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      deadAddresses.add(layout.allocate(m, pair)); // unreachable except through raw bytes below
    }
    int buf = r.push(layout.allocateArray(m, bytes, 8 * 10));
    long b = r.get(buf);
    // words that look exactly like references: to a live object, to dead objects, to itself
    m.storeWord(b, StandardLayout.ARRAY_DATA_OFFSET, r.get(live));
    m.storeWord(b, StandardLayout.ARRAY_DATA_OFFSET + 8, b);
    for (int i = 0; i < deadAddresses.size(); i++) {
      m.storeWord(b, StandardLayout.ARRAY_DATA_OFFSET + 16 + 8L * i, deadAddresses.get(i));
    }
    long[] before = new long[10];
    for (int i = 0; i < 10; i++) {
      before[i] = m.loadWord(b, StandardLayout.ARRAY_DATA_OFFSET + 8L * i);
    }
    m.collect();
    // the dead pairs did not survive: live data is exactly the cell and the byte array
    assertThat(heap.liveBytes()).isEqualTo(cell.recordSize() + bytes.arraySize(80));
    long moved = r.get(buf);
    assertThat(moved).isNotEqualTo(b);
    for (int i = 0; i < 10; i++) {
      assertThat(m.loadWord(moved, StandardLayout.ARRAY_DATA_OFFSET + 8L * i))
          .as("word %d is raw data: copied, never updated", i)
          .isEqualTo(before[i]);
    }
    assertThat(m.loadWord(r.get(live), cell.rawOffset(0))).isEqualTo(77);
  }

  @Test
  void traceObjectVisitsExactlyTheReferenceFields() {
    long p = layout.allocate(m, pair);
    long e = layout.allocate(m, empty);
    long a = layout.allocateArray(m, refs, 5);
    long b = layout.allocateArray(m, bytes, 100);
    assertThat(edges(p)).containsExactly(p + 8, p + 16);
    assertThat(edges(e)).isEmpty();
    assertThat(edges(a)).containsExactly(a + 16, a + 24, a + 32, a + 40, a + 48);
    assertThat(edges(b)).isEmpty();
  }

  private List<Long> edges(long ref) {
    List<Long> edges = new ArrayList<>();
    layout.traceObject(ref, edges::add);
    return edges;
  }

  @Test
  void checkHeaderDescribesWhatIsWrong() {
    long p = layout.allocate(m, pair);
    long a = layout.allocateArray(m, refs, 3);
    long header = Memory.getLong(p);
    assertThat(layout.checkHeader(p)).isNull();
    assertThat(layout.checkHeader(a)).isNull();
    try {
      Memory.putLong(p, 0);
      assertThat(layout.checkHeader(p)).contains("zero header");
      Memory.putLong(p, header | 4);
      assertThat(layout.checkHeader(p)).contains("reserved bits");
      Memory.putLong(p, header | 1);
      assertThat(layout.checkHeader(p)).contains("forwarded");
      Memory.putLong(p, header | 2);
      assertThat(layout.checkHeader(p)).contains("claimed");
      Memory.putLong(p, (header & ~(0xFFFFFL << 4)) | (999L << 4));
      assertThat(layout.checkHeader(p)).contains("unknown shape id 999");
      Memory.putLong(p, header + (1L << 24)); // one granule more than a pair needs
      assertThat(layout.checkHeader(p)).contains("pair needs 32 bytes but the header says 48");
      Memory.putLong(a + StandardLayout.ARRAY_LENGTH_OFFSET, 7); // length no longer fits
      assertThat(layout.checkHeader(a)).contains("refs needs");
    } finally {
      Memory.putLong(p, header);
      Memory.putLong(a + StandardLayout.ARRAY_LENGTH_OFFSET, 3);
    }
  }
}
