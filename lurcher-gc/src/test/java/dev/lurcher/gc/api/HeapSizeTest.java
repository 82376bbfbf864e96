package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lurcher.gc.layout.StandardLayout;
import org.junit.jupiter.api.Test;

class HeapSizeTest {
  @Test
  void heapSizeIsAMaximumThatIsAlwaysHonoured() {
    StandardLayout layout = new StandardLayout();
    for (long size :
        new long[] {
          HeapOptions.MIN_HEAP_SIZE, HeapOptions.MIN_HEAP_SIZE + 16, 300_001, 1 << 20, 3_000_000
        }) {
      try (Heap heap = Heap.create(HeapOptions.defaults().withHeapSize(size), layout)) {
        assertThat(heap.heapSize()).as("heap-size=%d", size).isLessThanOrEqualTo(size);
        assertThat(heap.heapSize()).as("heap-size=%d", size).isGreaterThan(size - 16 * 1024);
        assertThat(heap.liveBytes()).isZero(); // before the first collection
      }
    }
  }
}
