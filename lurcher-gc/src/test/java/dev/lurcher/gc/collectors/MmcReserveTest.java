package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.api.Test;

/**
 * A regression found by the differential harness: in a four-block heap, survivors scattered over
 * every block left no empty block, so a large object (which needs a block's worth of budget) was
 * refused with a few KiB live — the evacuation reserve had been handed to mutators although the
 * heap was fragmented, so the collection caused by the refusal had nowhere to evacuate to.
 */
class MmcReserveTest {
  @Test
  void aFragmentedSmallHeapStillFindsRoomForALargeObject() {
    StandardLayout layout = new StandardLayout();
    Shape pair = layout.defineRecord("pair", 2, 0);
    Shape bytes = layout.defineByteArray("bytes");
    try (Heap heap =
        Heap.create(HeapOptions.parse("collector=mmc,heap-size=256k,verify=true"), layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      // Several heapfuls of pairs, one in 64 kept: a few survivors in every block.
      for (int i = 0; i < 40_000; i++) {
        long p = layout.allocate(m, pair);
        if (i % 64 == 0) {
          roots.push(p);
        }
      }
      long live = heap.liveBytes();
      assertThat(live).isLessThan(heap.heapSize() / 8);
      long big = layout.allocateArray(m, bytes, 8182); // 8208 bytes: the large-object space
      roots.push(big);
      m.collect();
      assertThat(heap.contains(roots.get(roots.size() - 1))).isTrue();
      assertThat(roots.size()).isEqualTo(625 + 1); // i = 0, 64, …, 39936, and the large object
    }
  }
}
