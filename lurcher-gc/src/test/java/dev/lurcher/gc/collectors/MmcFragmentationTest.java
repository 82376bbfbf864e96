package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import dev.lurcher.gc.spaces.MarkRegionSpace;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fragmentation scenario: many small objects, most dying young, a few long-lived ones scattered
 * over every block. The first collection finds the blocks nearly empty but not empty; the next one
 * evacuates their survivors, the emptied blocks return to the pool, and new allocation reuses them.
 */
class MmcFragmentationTest {
  private static final int OBJECTS = 400_000;
  private static final int KEEP_EVERY = 50;

  @Test
  void fragmentedBlocksAreEvacuatedAndReused() {
    StandardLayout layout = new StandardLayout();
    Shape pair = layout.defineRecord("pair", 2, 8);
    Shape refs = layout.defineRefArray("refs");
    try (Heap heap =
        Heap.create(
            HeapOptions.parse("collector=mmc,heap-size=16m,verify=true,checked=full"), layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int kept = OBJECTS / KEEP_EVERY;
      int keep = roots.push(layout.allocateArray(m, refs, kept));
      for (int i = 0; i < OBJECTS; i++) {
        long p = layout.allocate(m, pair);
        m.storeWord(p, pair.rawOffset(0), i);
        if (i % KEEP_EVERY == 0) {
          m.storeRef(roots.get(keep), StandardLayout.elementOffset(i / KEEP_EVERY), p);
        }
      }
      m.collect();
      long liveAfterFirst = heap.liveBytes();
      Map<String, Long> first = heap.collectorStatistics();
      Set<Long> fragmentedBlocks = new HashSet<>();
      long[] before = new long[kept];
      for (int i = 0; i < kept; i++) {
        before[i] = m.loadRef(roots.get(keep), StandardLayout.elementOffset(i));
        fragmentedBlocks.add(before[i] & -MarkRegionSpace.BLOCK_BYTES);
      }

      m.collect(); // evacuates
      Map<String, Long> second = heap.collectorStatistics();
      int moved = 0;
      for (int i = 0; i < kept; i++) {
        long p = m.loadRef(roots.get(keep), StandardLayout.elementOffset(i));
        assertThat(m.loadWord(p, pair.rawOffset(0))).isEqualTo((long) i * KEEP_EVERY);
        if (p != before[i]) {
          moved++;
        }
      }

      // New long-lived allocation lands in the blocks the evacuation emptied.
      int fresh = roots.push(layout.allocateArray(m, refs, 100_000));
      int reused = 0;
      Set<Long> reusedBlocks = new HashSet<>();
      for (int i = 0; i < 100_000; i++) {
        long p = layout.allocate(m, pair);
        m.storeRef(roots.get(fresh), StandardLayout.elementOffset(i), p);
        long block = p & -MarkRegionSpace.BLOCK_BYTES;
        if (fragmentedBlocks.contains(block)) {
          reused++;
          reusedBlocks.add(block);
        }
      }
      m.collect();
      Map<String, Long> third = heap.collectorStatistics();
      System.out.printf(
          "fragmentation scenario: %d pairs, 1 in %d kept (%d live bytes) over %d blocks;%n"
              + "  1st collection: %d bytes of holes trapped in blocks with survivors, %d blocks"
              + " emptied%n"
              + "  2nd collection: %d candidate blocks, %d bytes evacuated (%d objects moved),"
              + " %d blocks emptied by evacuation, blocks in use %d -> %d%n"
              + "  then: %d of 100000 new pairs landed in %d of the %d formerly fragmented blocks;"
              + " blocks in use %d%n",
          OBJECTS,
          KEEP_EVERY,
          liveAfterFirst,
          fragmentedBlocks.size(),
          first.get("last-hole-bytes"),
          first.get("last-blocks-emptied"),
          second.get("last-candidate-blocks"),
          second.get("last-bytes-evacuated"),
          moved,
          second.get("blocks-evacuated"),
          first.get("blocks-in-use"),
          second.get("blocks-in-use"),
          reused,
          reusedBlocks.size(),
          fragmentedBlocks.size(),
          third.get("blocks-in-use"));

      assertThat(first.get("bytes-evacuated")).isZero();
      assertThat(second.get("last-bytes-evacuated")).isPositive();
      assertThat(second.get("blocks-evacuated")).isPositive();
      assertThat(second.get("blocks-in-use")).isLessThan(first.get("blocks-in-use"));
      assertThat(moved).isGreaterThan(kept / 2);
      // 100,000 pairs fill about 49 blocks: nearly all of them should be reused ones.
      assertThat(reused).isGreaterThan(90_000);
      assertThat(reusedBlocks.size()).isGreaterThan(40);
    }
  }
}
