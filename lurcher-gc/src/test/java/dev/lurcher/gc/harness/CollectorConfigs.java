package dev.lurcher.gc.harness;

import java.util.List;

/**
 * The collector configurations the differential harness runs every generated program against.
 *
 * <p>To put a new collector (or a new configuration of one) under the harness, add its option
 * string here, e.g. {@code "collector=mmc"} or {@code "collector=pcc,parallelism=2"}. Nothing else
 * changes: the runner prepends {@link ProgramRunner#BASE_OPTIONS} (small heap, {@code verify=true},
 * {@code checked=full}) and appends {@code gc-torture}, and a configuration may override the heap
 * size if its spaces need more room (the live data stays under a quarter of the heap size). But
 * keep the heap small: the property checks that at least a fifth of the programs fill the heap and
 * collect on their own, without torture, and a configuration with too big a heap fails that check.
 * Each configuration added costs CI about as much time as {@code collector=semi} does.
 */
public final class CollectorConfigs {
  /**
   * Every configuration, in the order they run. pcc works in 64 KiB blocks with a copy reserve
   * sized for the worst case, so 256 KiB (four blocks) leaves it no room beside a large object; 384
   * KiB (one worker) and 512 KiB (two workers: one per four blocks) give it about the 128 KiB that
   * semi allocates between collections at 256 KiB, so the programs still fill its heap.
   */
  public static final List<String> ALL =
      List.of(
          "collector=semi",
          "collector=pcc,parallelism=1,heap-size=384k",
          "collector=pcc,parallelism=2,heap-size=512k",
          "collector=mmc",
          "collector=mmc,roots=conservative",
          "collector=mmc,roots=conservative,heap=conservative");

  private CollectorConfigs() {}
}
