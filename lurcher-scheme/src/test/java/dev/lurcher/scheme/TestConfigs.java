package dev.lurcher.scheme;

import dev.lurcher.gc.api.CollectorKind;
import dev.lurcher.gc.api.HeapOptions;
import java.util.Arrays;
import java.util.List;

/**
 * The heap configurations every Scheme test program runs under: the one place to list them, so that
 * new collectors (mmc, pcc, generational, conservative) join the suite by appearing in {@link
 * CollectorKind}.
 */
final class TestConfigs {
  private TestConfigs() {}

  /**
   * Torture configurations: a small heap, a collection at every allocation, and the verifier after
   * each — any value held across an allocation without a root shows up as a failure.
   */
  static List<HeapOptions> torture() {
    return Arrays.stream(CollectorKind.values())
        .map(
            k ->
                HeapOptions.parse(
                    "collector=" + k.optionName() + ",heap-size=1m,gc-torture=1,verify=true"))
        .toList();
  }
}
