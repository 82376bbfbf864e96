package dev.lurcher.gc.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootTracer;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.gc.memory.Memory;
import org.junit.jupiter.api.Test;

/** The verifier catches a corrupted heap after a collection with a message naming the problem. */
class HeapVerifierTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape node = layout.defineRecord("node", 2, 16); // 48 bytes
  private final Shape big = layout.defineRecord("big", 1, 96); // 112 bytes

  private Heap verifiedHeap(RootTracer heapRoots) {
    return Heap.create(HeapOptions.parse("heap-size=1m,verify=true"), layout, heapRoots);
  }

  /** A rooted chain a -> b -> c of nodes, then some garbage so the chain does not start at base. */
  private static int[] chain(StandardLayout layout, Shape node, Mutator m) {
    for (int i = 0; i < 10; i++) {
      layout.allocate(m, node); // garbage before the chain
    }
    int a = m.roots().push(layout.allocate(m, node));
    int b = m.roots().push(layout.allocate(m, node));
    int c = m.roots().push(layout.allocate(m, node));
    m.storeRef(m.roots().get(a), node.refOffset(0), m.roots().get(b));
    m.storeRef(m.roots().get(b), node.refOffset(0), m.roots().get(c));
    return new int[] {a, b, c};
  }

  @Test
  void healthyHeapPassesManyVerifiedCollections() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      chain(layout, node, m);
      for (int i = 0; i < 20; i++) {
        m.collect();
      }
      assertThat(heap.liveBytes()).isEqualTo(3 * node.recordSize());
    }
  }

  @Test
  void rootLeftPointingAtFromSpaceIsNamed() {
    // A buggy embedder tracer that ignores the value visitValue returns: its root keeps the old
    // (from-space) address of the object after the object moved.
    long[] embedderRoot = new long[1];
    try (Heap heap = verifiedHeap(v -> v.visitValue(embedderRoot[0]))) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      embedderRoot[0] = m.roots().get(s[1]);
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("a root holds 0x" + Long.toHexString(embedderRoot[0]))
          .hasMessageContaining("from-space");
    }
  }

  @Test
  void staleAddressWrittenIntoARootAfterACollection() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      long old = m.roots().get(s[2]);
      m.collect(); // c moves; 'old' is its from-space copy
      assertThat(m.roots().get(s[2])).isNotEqualTo(old);
      m.roots().set(s[2], old);
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("0x" + Long.toHexString(old))
          .hasMessageContaining("not an object start");
    }
  }

  @Test
  void staleAddressWrittenIntoAFieldAfterACollection() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      long old = m.roots().get(s[2]);
      m.collect();
      // the checked API refuses the stale address; write it raw
      assertThatThrownBy(() -> m.storeRef(m.roots().get(s[0]), node.refOffset(1), old))
          .isInstanceOf(IllegalArgumentException.class);
      Memory.putLong(m.roots().get(s[0]) + node.refOffset(1), old);
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("field at offset " + node.refOffset(1))
          .hasMessageContaining("0x" + Long.toHexString(old));
    }
  }

  @Test
  void zeroedHeaderOfALiveObject() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      m.collect();
      long victim = m.roots().get(s[1]);
      Memory.putLong(victim, 0);
      // Copied as a 0-byte object, it used to alias whatever was copied next: no error at all.
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("a root holds 0x" + Long.toHexString(victim))
          .hasMessageContaining("from-space")
          .hasMessageContaining("zero header");
    }
  }

  @Test
  void zeroedHeaderOfTheLastLiveObject() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int only = m.roots().push(layout.allocate(m, node));
      long victim = m.roots().get(only);
      Memory.putLong(victim, 0);
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("a root holds 0x" + Long.toHexString(victim))
          .hasMessageContaining("zero header");
    }
  }

  @Test
  void referenceIntoTheMiddleOfAnObjectInARoot() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      int b = m.roots().push(layout.allocate(m, big));
      long interior = m.roots().get(b) + 16;
      m.roots().push(interior); // RootStack does not check what it holds
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("a root holds 0x" + Long.toHexString(interior))
          .hasMessageContaining("not an object start");
      assertThat(s).hasSize(3);
    }
  }

  @Test
  void referenceIntoTheMiddleOfAnObjectTracedBeforeTheObject() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      long b = layout.allocate(m, big);
      m.roots().push(b + 32); // traced first: its word (zero) read as a header says "0 bytes"
      m.roots().push(b);
      m.roots().push(layout.allocate(m, node));
      // Copied as a 0-byte object it used to alias the next copy, b itself: no error at all.
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("a root holds 0x" + Long.toHexString(b + 32))
          .hasMessageContaining("zero header");
    }
  }

  @Test
  void referenceIntoTheMiddleOfAnObjectInAField() {
    try (Heap heap = verifiedHeap(RootTracer.NONE)) {
      Mutator m = heap.attach();
      int[] s = chain(layout, node, m);
      int b = m.roots().push(layout.allocate(m, big));
      m.storeWord(m.roots().get(b), big.rawOffset(0), 0x1234);
      long interior = m.roots().get(b) + 16;
      Memory.putLong(m.roots().get(s[2]) + node.refOffset(1), interior);
      assertThatThrownBy(m::collect)
          .isInstanceOf(HeapVerificationException.class)
          .hasMessageContaining("field at offset " + node.refOffset(1) + " of node@")
          .hasMessageContaining("holds 0x" + Long.toHexString(interior))
          .hasMessageContaining("not an object start");
    }
  }
}
