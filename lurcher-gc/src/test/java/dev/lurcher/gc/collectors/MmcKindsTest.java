package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapExhaustedException;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.gc.spaces.LargeObjectSpace;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pointerless objects, large objects and pinning in the mostly-marking collector. */
class MmcKindsTest {
  private final StandardLayout layout = new StandardLayout();
  private final Shape pair = layout.defineRecord("pair", 2, 8);
  private final Shape refs = layout.defineRefArray("refs");
  private final Shape bytes = layout.defineByteArray("bytes");

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

  @ParameterizedTest
  @ValueSource(strings = {"", "roots=conservative,heap=conservative"})
  void pointerlessObjectsAreNeverScanned(String config) {
    try (Heap heap = heap(config)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int small = roots.push(m.allocatePointerless(256));
      int large = roots.push(m.allocatePointerless(64 * 1024)); // in the large-object space
      long[] victims = new long[64];
      for (int i = 0; i < victims.length; i++) {
        victims[i] = newPair(m, i);
      }
      // Raw data full of words that are exactly the victims' addresses (and interiors).
      for (int i = 0; i < 32; i++) {
        m.storeWord(roots.get(small), 8L * i, victims[i] + (i % 2) * 8L);
        m.storeWord(roots.get(large), 8L * i, victims[32 + i]);
      }
      m.collect();
      // Only the two pointerless objects are live: the victims died, whatever the words say.
      assertThat(heap.liveBytes()).isEqualTo(256 + 64 * 1024);
      assertThat(m.loadWord(roots.get(small), 8)).isEqualTo(victims[1] + 8);
    }
  }

  @Test
  void largeObjectsSurviveKeepTheirAddressAndAreFreed() {
    try (Heap heap = heap("large-object-threshold=4k")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int big = roots.push(layout.allocateArray(m, refs, 1000)); // 8 KiB: large
      long bigAddress = roots.get(big);
      m.pin(bigAddress); // a no-op that must be accepted: large objects never move
      for (int i = 0; i < 1000; i++) {
        m.storeRef(roots.get(big), StandardLayout.elementOffset(i), newPair(m, i));
      }
      int garbage = roots.push(0);
      for (int i = 0; i < 20; i++) {
        roots.set(garbage, layout.allocateArray(m, bytes, 100_000)); // each replaces the last
      }
      long losBefore = heap.collectorStatistics().get("large-object-bytes");
      assertThat(losBefore).isGreaterThanOrEqualTo(100_000 + 8016);
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 50_000; i++) {
          newPair(m, -1);
        }
        m.collect();
      }
      assertThat(roots.get(big)).isEqualTo(bigAddress);
      for (int i = 0; i < 1000; i++) {
        long p = m.loadRef(bigAddress, StandardLayout.elementOffset(i));
        assertThat(m.loadWord(p, pair.rawOffset(0))).isEqualTo(i);
      }
      roots.set(garbage, 0);
      m.collect();
      // The 100,000-byte arrays were unmapped: only the 8 KiB array's mapping is left.
      assertThat(heap.collectorStatistics().get("large-object-bytes"))
          .isEqualTo(LargeObjectSpace.footprint(refs.arraySize(1000)));
      assertThat(heap.collectorStatistics().get("large-objects")).isEqualTo(1);
      roots.set(big, 0);
      m.collect();
      assertThat(heap.collectorStatistics().get("large-object-bytes")).isZero();
    }
  }

  @Test
  void exhaustionIsAnExceptionAndTheHeapStaysUsable() {
    try (Heap heap = heap("heap-size=1m")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int list = roots.push(layout.allocateArray(m, refs, 512));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 512; i++) {
                  long chunk = layout.allocateArray(m, bytes, 4000);
                  m.storeRef(roots.get(list), StandardLayout.elementOffset(i), chunk);
                }
              })
          .isInstanceOf(HeapExhaustedException.class);
      assertThatThrownBy(() -> layout.allocateArray(m, bytes, 600_000))
          .isInstanceOf(HeapExhaustedException.class);
      roots.set(list, 0);
      for (int i = 0; i < 10_000; i++) {
        newPair(m, i);
      }
      long big = layout.allocateArray(m, bytes, 600_000);
      assertThat(layout.arrayLength(big)).isEqualTo(600_000);
    }
  }

  @Test
  void pinnedObjectsNeverMoveEvenInEvacuatedBlocks() {
    try (Heap heap = heap("")) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int keep = roots.push(layout.allocateArray(m, refs, 1000));
      Set<Long> pinned = new HashSet<>();
      for (int i = 0; i < 64_000; i++) {
        long p = newPair(m, i);
        if (i % 64 == 0) {
          m.storeRef(roots.get(keep), StandardLayout.elementOffset(i / 64), p);
          if (i % 256 == 0) {
            m.pin(p);
            pinned.add(p);
          }
        }
      }
      int moved = 0;
      for (int round = 0; round < 4; round++) {
        m.collect();
        long arr = roots.get(keep);
        for (int i = 0; i < 1000; i++) {
          long p = m.loadRef(arr, StandardLayout.elementOffset(i));
          assertThat(m.loadWord(p, pair.rawOffset(0))).isEqualTo(64L * i);
          if (i % 4 == 0) {
            assertThat(pinned).contains(p);
          } else if (round == 3 && !pinned.contains(p)) {
            moved++;
          }
        }
      }
      assertThat(heap.collectorStatistics().get("bytes-evacuated")).isPositive();
      assertThat(moved).isPositive();
    }
  }

  @Test
  void semiSpaceCannotPinNorAllocateUntaggedObjects() {
    try (Heap heap = Heap.create(HeapOptions.parse("collector=semi"), layout)) {
      Mutator m = heap.attach();
      long p = newPair(m, 1);
      assertThatThrownBy(() -> m.pin(p))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("collector semi cannot pin objects");
      assertThatThrownBy(() -> m.allocatePointerless(32))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("collector semi cannot allocate pointerless objects");
      assertThatThrownBy(() -> m.allocateConservative(32))
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("conservative");
    }
  }

  @Test
  void optionsParseAndPrint() {
    HeapOptions o =
        HeapOptions.parse(
            "collector=mmc,roots=conservative,heap=conservative,large-object-threshold=16k");
    assertThat(o.conservativeRoots()).isTrue();
    assertThat(o.conservativeHeap()).isTrue();
    assertThat(o.largeObjectThreshold()).isEqualTo(16384);
    assertThat(HeapOptions.parse(o.toString())).isEqualTo(o);
    assertThat(HeapOptions.defaults().largeObjectThreshold()).isEqualTo(8192);
    assertThatThrownBy(() -> HeapOptions.parse("roots=maybe"))
        .hasMessageContaining("roots 'maybe' must be precise or conservative");
    assertThatThrownBy(() -> HeapOptions.parse("large-object-threshold=1m"))
        .hasMessageContaining("large-object-threshold");
    assertThatThrownBy(() -> HeapOptions.parse("colour=blue"))
        .hasMessageContaining("large-object-threshold");
  }
}
