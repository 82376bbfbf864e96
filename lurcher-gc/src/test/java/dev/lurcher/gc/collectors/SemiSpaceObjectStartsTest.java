package dev.lurcher.gc.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.api.Test;

/**
 * Under {@code checked=full} the semi-space collector validates object starts with a bitmap. A half
 * of the heap is reused every other collection, so the bitmap must forget the starts it held the
 * last time that half was to-space; otherwise a pointer into the middle of a new object passes the
 * check because an old object once started there.
 */
class SemiSpaceObjectStartsTest {
  @Test
  void anInteriorPointerIsRejectedAfterTheHalfIsReused() {
    StandardLayout layout = new StandardLayout();
    Shape small = layout.defineRecord("small", 0, 8);
    Shape big = layout.defineRecord("big", 0, 56);
    try (Heap heap = Heap.create(HeapOptions.parse("heap-size=256k,checked=full"), layout)) {
      Mutator m = heap.attach();
      long first = layout.allocate(m, small);
      long second = layout.allocate(m, small);
      assertThat(second).isEqualTo(first + 16);
      m.collect(); // nothing is live: the other half becomes to-space
      m.collect(); // and back: the first half is to-space again, empty
      long reused = layout.allocate(m, big);
      assertThat(reused).as("the first allocation reuses the first half's start").isEqualTo(first);

      assertThatThrownBy(() -> m.checkReference(reused + 16, "interior pointer"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not an object start");
    }
  }
}
