package dev.lurcher.bench.benchmarks;

import java.util.Map;
import java.util.Optional;

/**
 * A benchmark program: what {@code ./lurcher list} shows and {@code ./lurcher run} runs.
 *
 * <p>Implementations are stateless descriptors; every run gets a fresh {@link Workload} from {@link
 * #prepare}.
 */
public interface Benchmark {
  /** The name used on the command line, e.g. {@code gcbench}. */
  String name();

  /** A one-line description for listings. */
  String description();

  /**
   * The smallest heap, in bytes, with which the benchmark completes under the {@code semi}
   * collector with its default parameters (the heap size includes semi's copy reserve). Heap
   * multipliers ({@code --heap-multiplier}) are relative to it.
   */
  long minHeapBytes();

  /**
   * The smallest heap for a run with {@code mutators} mutator threads; by default {@link
   * #minHeapBytes()} whatever the number.
   */
  default long minHeapBytes(int mutators) {
    return minHeapBytes();
  }

  /** The largest number of mutator threads the benchmark can use (1: single-threaded). */
  default int maxMutators() {
    return 1;
  }

  /** The benchmark's parameters ({@code --param KEY=VALUE}) and their default values, in order. */
  Map<String, String> defaultParameters();

  /**
   * Checks parameter values beyond their syntax (ranges, relations between them).
   *
   * @throws IllegalArgumentException naming the bad parameter
   */
  default void validate(Parameters parameters) {}

  /** Creates a fresh run of the benchmark: its object model and the program itself. */
  Workload prepare(Parameters parameters);

  /** The same program with plain Java objects, for HotSpot's collectors; empty if there is none. */
  Optional<HotSpotTwin> hotSpotTwin();
}
