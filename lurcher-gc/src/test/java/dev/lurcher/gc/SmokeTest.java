package dev.lurcher.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootStack;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void listSurvivesManyCollections() {
    StandardLayout layout = new StandardLayout();
    Shape pair = layout.defineRecord("pair", 2, 8);
    try (Heap heap =
        Heap.create(HeapOptions.parse("heap-size=1m,verify=true,checked=full"), layout)) {
      Mutator m = heap.attach();
      RootStack roots = m.roots();
      int head = roots.push(0);
      for (int i = 0; i < 100_000; i++) {
        long cell = layout.allocate(m, pair);
        m.storeWord(cell, pair.rawOffset(0), i);
        if (i % 100 == 0) {
          m.storeRef(cell, pair.refOffset(1), roots.get(head));
          roots.set(head, cell);
        }
      }
      long count = 0;
      for (long c = roots.get(head); c != 0; c = m.loadRef(c, pair.refOffset(1))) {
        assertThat(m.loadWord(c, pair.rawOffset(0)) % 100).isZero();
        count++;
      }
      assertThat(count).isEqualTo(1000);
    }
  }
}
