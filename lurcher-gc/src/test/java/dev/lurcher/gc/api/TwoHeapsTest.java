package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.events.BasicStats;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heaps share nothing: interleaved use of two heaps leaves each intact. */
class TwoHeapsTest {
  /** One heap, its layout, a node shape and this thread's mutator; a list rooted in slot 0. */
  private static final class World {
    final StandardLayout layout;
    final Shape node;
    final Heap heap;
    final Mutator m;
    final long tag;
    final List<Long> expected = new ArrayList<>(); // the list's values, head first
    long next;

    World(StandardLayout layout, Shape node, String options, long tag) {
      this.layout = layout;
      this.node = node;
      this.heap = Heap.create(HeapOptions.parse(options), layout);
      this.m = heap.attach();
      this.tag = tag;
      m.roots().push(0);
    }

    /** Pushes a node holding a fresh value onto the list; the previous head goes in field 0. */
    void grow() {
      long value = tag + next++;
      long n = layout.allocate(m, node);
      m.storeWord(n, node.rawOffset(0), value);
      m.storeRef(n, node.refOffset(0), m.roots().get(0));
      m.roots().set(0, n);
      expected.addFirst(value);
    }

    /** Unlinks every second node, keeping the head: half the list becomes garbage. */
    void thin() {
      for (long n = m.roots().get(0); n != 0; n = m.loadRef(n, node.refOffset(0))) {
        long next = m.loadRef(n, node.refOffset(0));
        if (next != 0) {
          m.storeRef(n, node.refOffset(0), m.loadRef(next, node.refOffset(0)));
        }
      }
      List<Long> kept = new ArrayList<>();
      for (int i = 0; i < expected.size(); i += 2) {
        kept.add(expected.get(i));
      }
      expected.clear();
      expected.addAll(kept);
    }

    void assertIntact() {
      List<Long> actual = new ArrayList<>();
      for (long n = m.roots().get(0); n != 0; n = m.loadRef(n, node.refOffset(0))) {
        assertThat(heap.contains(n)).isTrue();
        assertThat(layout.shapeOf(n)).isSameAs(node);
        actual.add(m.loadWord(n, node.rawOffset(0)));
      }
      assertThat(actual).isEqualTo(expected);
    }

    long liveBytes() {
      return expected.size() * node.recordSize();
    }
  }

  @Test
  void sameSizeAndLayoutInterleaved() {
    StandardLayout layout = new StandardLayout();
    Shape node = layout.defineRecord("node", 1, 8);
    World a = new World(layout, node, "heap-size=1m,verify=true", 1_000_000);
    World b = new World(layout, node, "heap-size=1m,verify=true,gc-torture=101", 2_000_000);
    try (a.heap;
        b.heap) {
      for (int i = 0; i < 3000; i++) {
        a.grow();
        b.grow();
        if (i % 500 == 499) {
          a.m.collect();
          a.assertIntact();
          b.assertIntact();
        }
      }
      a.assertIntact();
      b.assertIntact();
      assertThat(a.heap.liveBytes()).isEqualTo(3000 * node.recordSize());
      // objects of one heap are not references into the other
      long foreign = b.m.roots().get(0);
      assertThat(a.heap.contains(foreign)).isFalse();
      assertThatThrownBy(() -> a.m.loadRef(foreign, 8))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void differentSizesAndLayoutsInterleavedThenOneClosed() {
    StandardLayout small = new StandardLayout();
    Shape smallNode = small.defineRecord("small-node", 1, 8); // id 1, 32 bytes
    StandardLayout large = new StandardLayout();
    large.defineRecord("padding", 5, 0); // so the shape ids of the two layouts differ
    large.defineRefArray("refs");
    Shape largeNode = large.defineRecord("large-node", 3, 40); // id 3, 80 bytes
    assertThat(smallNode.id()).isNotEqualTo(largeNode.id());

    World a = new World(small, smallNode, "heap-size=512k,verify=true,checked=full", 0);
    World b = new World(large, largeNode, "heap-size=4m,verify=true", 7_000_000);
    BasicStats statsA = new BasicStats();
    BasicStats statsB = new BasicStats();
    a.heap.addListener(statsA);
    b.heap.addListener(statsB);
    try (b.heap) {
      try (a.heap) {
        for (int round = 0; round < 6; round++) {
          for (int i = 0; i < 2000; i++) {
            a.grow();
            b.grow();
          }
          a.thin();
          b.thin();
          b.m.collect();
          a.assertIntact();
          b.assertIntact();
          assertThat(b.heap.liveBytes()).isEqualTo(b.liveBytes());
        }
        assertThat(a.heap.heapSize()).isEqualTo(512 << 10);
        assertThat(b.heap.heapSize()).isEqualTo(4 << 20);
        assertThat(statsA.majorCollections()).isPositive(); // from allocation in the small heap
        assertThat(statsB.majorCollections()).isGreaterThanOrEqualTo(6);
        assertThat(statsA.peakHeapBytes()).isEqualTo(512 << 10);
        assertThat(statsB.peakHeapBytes()).isEqualTo(4 << 20);
      }
      // closing the small heap leaves the large one working
      assertThat(a.heap.isClosed()).isTrue();
      assertThat(b.heap.isClosed()).isFalse();
      long majorBefore = statsB.majorCollections();
      long majorA = statsA.majorCollections();
      for (int i = 0; i < 10_000; i++) {
        b.grow();
      }
      b.m.collect();
      b.assertIntact();
      assertThat(statsB.majorCollections()).isGreaterThan(majorBefore);
      assertThat(statsA.majorCollections()).isEqualTo(majorA);
    }
  }
}
