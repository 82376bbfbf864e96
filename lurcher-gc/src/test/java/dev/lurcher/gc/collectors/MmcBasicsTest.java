package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mark-region collector keeps what is reachable and reuses what is not, in every mode. */
class MmcBasicsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "collector=mmc",
        "collector=mmc,checked=full",
        "collector=mmc,gc-torture=997",
        "collector=mmc,roots=conservative",
        "collector=mmc,roots=conservative,heap=conservative,gc-torture=997",
      })
  void listSurvivesManyCollections(String config) {
    StandardLayout layout = new StandardLayout();
    Shape pair = layout.defineRecord("pair", 2, 8);
    Shape bytes = layout.defineByteArray("bytes");
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=1m,verify=true," + config), layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int head = roots.push(0);
      for (int i = 0; i < 200_000; i++) {
        long cell = layout.allocate(m, pair);
        m.storeWord(cell, pair.rawOffset(0), i);
        if (i % 100 == 0) {
          m.storeRef(cell, pair.refOffset(1), roots.get(head));
          roots.set(head, cell);
          int slot = roots.push(cell);
          long data = layout.allocateArray(m, bytes, 8L * (i % 37));
          m.storeRef(roots.get(slot), pair.refOffset(0), data);
          roots.pop();
        }
        if (i % 50_000 == 0) {
          roots.set(head, 0); // drop everything now and then
        }
      }
      m.collect();
      long count = 0;
      for (long c = roots.get(head); c != 0; c = m.loadRef(c, pair.refOffset(1))) {
        long i = m.loadWord(c, pair.rawOffset(0));
        assertThat(i % 100).isZero();
        assertThat(layout.arrayLength(m.loadRef(c, pair.refOffset(0)))).isEqualTo(8L * (i % 37));
        count++;
      }
      assertThat(count).isEqualTo(499); // the list was last dropped at i = 150000
      assertThat(heap.liveBytes()).isPositive();
    }
  }
}
