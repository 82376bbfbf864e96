package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Conservative roots and conservatively traced objects in the mostly-marking collector. */
class MmcConservativeTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape pair = layout.defineRecord("pair", 2, 8);
  private final Shape refs = layout.defineRefArray("refs");

  private Heap heap(String options) {
    return Heap.create(
        HeapOptions.parse("collector=mmc,verify=true,checked=full,heap-size=4m").with(options),
        layout);
  }

  private long newPair(Mutator m, long tag) {
    long p = layout.allocate(m, pair);
    m.storeWord(p, pair.rawOffset(0), tag);
    return p;
  }

  private static void churn(Mutator m, StandardLayout layout, Shape pair, int count) {
    for (int i = 0; i < count; i++) {
      layout.allocate(m, pair);
    }
  }

  /**
   * Fragments the heap: allocates 64,000 pairs tagged with their index and keeps one in 64 in a
   * reference array pushed on the root stack (returns its slot); the rest dies.
   */
  private int fragment(Mutator m) {
    RootStack roots = m.roots();
    int keep = roots.push(layout.allocateArray(m, refs, 1000));
    for (int i = 0; i < 64_000; i++) {
      long p = newPair(m, i);
      if (i % 64 == 0) {
        m.storeRef(roots.get(keep), StandardLayout.elementOffset(i / 64), p);
      }
    }
    return keep;
  }

  @Test
  void integersThatLookLikeReferencesKeepTheirTargetsAliveAndInPlace() {
    try (Heap heap = heap("roots=conservative")) {
      Mutator m = heap.attach();
      var _ = fragment(m); // so that collections evacuate
      long a = newPair(m, 0xA);
      long b = newPair(m, 0xB);
      long c = newPair(m, 0xC);
      long[] words = {a, b + 20, 12345}; // a start, an interior pointer, an integer
      m.conservativeRoots().add(words);
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment nativeStack = arena.allocate(64, 8);
        nativeStack.set(ValueLayout.JAVA_LONG, 8, c + 8); // interior, in native memory
        heap.conservativeRoots().add(nativeStack);
        for (int round = 0; round < 5; round++) {
          churn(m, layout, pair, 100_000); // several collections, evacuating ones among them
          m.collect();
        }
        assertThat(heap.collectorStatistics().get("evacuating-collections")).isPositive();
        // Same addresses, intact contents: kept alive and never moved.
        assertThat(m.loadWord(a, pair.rawOffset(0))).isEqualTo(0xA);
        assertThat(m.loadWord(b, pair.rawOffset(0))).isEqualTo(0xB);
        assertThat(m.loadWord(c, pair.rawOffset(0))).isEqualTo(0xC);
        heap.conservativeRoots().remove(nativeStack);
      }
      long before = heap.liveBytes();
      words[0] = 0;
      words[1] = 0;
      m.collect();
      assertThat(heap.liveBytes()).isEqualTo(before - 3 * pair.recordSize());
    }
  }

  @Test
  void aConservativelyReachedObjectStaysWhileAPreciselyReachedOneMoves() {
    try (Heap heap = heap("roots=conservative")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int keep = fragment(m);
      int kept = 1000;
      long pinnedByWord = m.loadRef(roots.get(keep), StandardLayout.elementOffset(1));
      long onlyPrecise = m.loadRef(roots.get(keep), StandardLayout.elementOffset(2));
      long[] words = {pinnedByWord};
      m.conservativeRoots().add(words);
      m.collect(); // measures the fragmentation
      m.collect(); // evacuates the sparse blocks
      assertThat(heap.collectorStatistics().get("last-bytes-evacuated")).isPositive();
      long arr = roots.get(keep);
      assertThat(m.loadRef(arr, StandardLayout.elementOffset(1))).isEqualTo(pinnedByWord);
      assertThat(m.loadWord(pinnedByWord, pair.rawOffset(0))).isEqualTo(64);
      long moved = m.loadRef(arr, StandardLayout.elementOffset(2));
      assertThat(moved).isNotEqualTo(onlyPrecise);
      assertThat(m.loadWord(moved, pair.rawOffset(0))).isEqualTo(128);
      for (int i = 0; i < kept; i++) {
        assertThat(m.loadWord(m.loadRef(arr, StandardLayout.elementOffset(i)), pair.rawOffset(0)))
            .isEqualTo(64L * i);
      }
    }
  }

  @Test
  void staleWordsNeverResurrectFreedMemory() {
    try (Heap heap = heap("roots=conservative")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int keep = roots.push(layout.allocateArray(m, refs, 200));
      long[] stale = new long[4000];
      for (int i = 0; i < stale.length; i++) {
        long p = newPair(m, i);
        stale[i] = p + 8L * (i % 4); // starts and interior pointers
        if (i % 20 == 0) {
          m.storeRef(roots.get(keep), StandardLayout.elementOffset(i / 20), p);
        }
      }
      long liveSet = 200 * pair.recordSize() + layout.allocateArray(m, refs, 0) * 0;
      m.collect();
      long live = heap.liveBytes();
      // Now the words are stale: most point into freed holes. Registering them resurrects nothing.
      m.conservativeRoots().add(stale);
      m.collect();
      assertThat(heap.liveBytes()).isEqualTo(live);
      assertThat(live).isGreaterThanOrEqualTo(liveSet);
      // Reuse the freed memory with objects of other sizes: the stale words now land on starts,
      // interiors and holes of new objects; the verifier checks whatever they keep is whole.
      Shape triple = layout.defineRecord("triple", 3, 24);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 20_000; i++) {
          long t = layout.allocate(m, triple);
          m.storeRef(t, triple.refOffset(0), roots.get(keep));
        }
        m.collect();
      }
      for (int i = 0; i < 200; i++) {
        long p = m.loadRef(roots.get(keep), StandardLayout.elementOffset(i));
        assertThat(m.loadWord(p, pair.rawOffset(0))).isEqualTo(20L * i);
      }
    }
  }

  @Test
  void conservativeObjectsKeepWhatTheirWordsPointTo() {
    try (Heap heap = heap("")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int holder = roots.push(m.allocateConservative(64));
      long target = newPair(m, 42);
      // An untagged object: no header, every word a possible reference (an interior one here).
      m.storeWord(roots.get(holder), 24, target + 16);
      m.storeWord(roots.get(holder), 32, 0xDEAD_BEEF_0000L);
      for (int round = 0; round < 4; round++) {
        churn(m, layout, pair, 60_000);
        m.collect();
      }
      assertThat(m.loadWord(target, pair.rawOffset(0))).isEqualTo(42);
      assertThat(m.loadWord(roots.get(holder), 24)).isEqualTo(target + 16);
      // While a conservative object may hold words, nothing moves.
      assertThat(heap.collectorStatistics().get("bytes-evacuated")).isZero();
      m.storeWord(roots.get(holder), 24, 0);
      m.collect();
      assertThat(heap.liveBytes()).isEqualTo(64);
    }
  }

  @Test
  void aConservativeHeapScansEveryObjectWordByWordAndMovesNothing() {
    try (Heap heap = heap("roots=conservative,heap=conservative,gc-torture=5000")) {
      Mutator m = heap.attach();
      long[] words = new long[1];
      m.conservativeRoots().add(words);
      // A tagged object whose raw word (not a reference field) holds an address keeps it alive.
      long holder = newPair(m, 1);
      long target = newPair(m, 2);
      m.storeWord(holder, pair.rawOffset(0), target);
      words[0] = holder;
      for (int round = 0; round < 4; round++) {
        churn(m, layout, pair, 60_000);
        m.collect();
      }
      assertThat(m.loadWord(holder, pair.rawOffset(0))).isEqualTo(target);
      assertThat(m.loadWord(target, pair.rawOffset(0))).isEqualTo(2);
      assertThat(heap.collectorStatistics().get("bytes-evacuated")).isZero();
    }
  }

  @Test
  void preciseRootsRejectConservativeRanges() {
    try (Heap heap = heap("")) {
      Mutator m = heap.attach();
      assertThatThrownBy(m::conservativeRoots)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("roots=conservative");
      assertThatThrownBy(heap::conservativeRoots).isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> Heap.create(HeapOptions.parse("roots=conservative"), layout))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collector semi cannot pin");
  }
}
