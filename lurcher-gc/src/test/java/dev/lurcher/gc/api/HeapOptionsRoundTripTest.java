package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** toString → parse is the identity for every valid combination of options. */
class HeapOptionsRoundTripTest {
  @Property(tries = 300)
  void toStringParsesBackToEqualOptions(@ForAll("options") HeapOptions options) {
    HeapOptions back = HeapOptions.parse(options.toString());
    assertThat(back).isEqualTo(options);
    assertThat(back.collector()).isEqualTo(options.collector());
    assertThat(back.heapSize()).isEqualTo(options.heapSize());
    assertThat(back.checked()).isEqualTo(options.checked());
    assertThat(back.verify()).isEqualTo(options.verify());
    assertThat(back.gcTorture()).isEqualTo(options.gcTorture());
  }

  @Property(tries = 200)
  void sizeSuffixesAreBinaryMultiples(
      @ForAll("sizeNumbers") long n, @ForAll("suffixes") String suffix) {
    long multiplier =
        switch (suffix.toLowerCase(java.util.Locale.ROOT)) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1;
        };
    assertThat(HeapOptions.parseSize("heap-size", n + suffix)).isEqualTo(n * multiplier);
  }

  @Provide
  Arbitrary<Long> sizeNumbers() {
    return Arbitraries.longs().between(0, 1L << 32);
  }

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.of("", "k", "K", "m", "M", "g", "G");
  }

  @Provide
  Arbitrary<HeapOptions> options() {
    return Combinators.combine(
            Arbitraries.of(CollectorKind.values()),
            Arbitraries.longs().between(HeapOptions.MIN_HEAP_SIZE, HeapOptions.MAX_HEAP_SIZE),
            Arbitraries.of(CheckLevel.values()),
            Arbitraries.of(true, false),
            Arbitraries.integers().greaterOrEqual(0))
        .as(
            (collector, size, checked, verify, torture) ->
                HeapOptions.defaults()
                    .withCollector(collector)
                    .withHeapSize(size)
                    .withChecked(checked)
                    .withVerify(verify)
                    .withGcTorture(torture));
  }
}
