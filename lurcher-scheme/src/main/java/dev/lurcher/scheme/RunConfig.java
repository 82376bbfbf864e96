package dev.lurcher.scheme;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run a program.
 *
 * @param heapOptions the heap's collector, size and checks
 * @param seed the seed of each thread's {@code random-fixnum!} generator
 * @param nthreads the thread count passed to the program's procedure
 * @param args the remaining arguments, each read as a Scheme datum
 * @param debug show JVM stack traces with errors
 * @param stackSlots the size of each thread's shadow stack, in slots
 * @param onHeap called with the heap once it exists (e.g. to add event listeners)
 */
public record RunConfig(
    HeapOptions heapOptions,
    long seed,
    int nthreads,
    List<String> args,
    boolean debug,
    int stackSlots,
    Consumer<Heap> onHeap) {
  /** The default shadow stack size: 1M slots (8 MiB). */
  public static final int DEFAULT_STACK_SLOTS = 1 << 20;

  /** Validates and copies. */
  public RunConfig {
    Objects.requireNonNull(heapOptions, "heapOptions");
    args = List.copyOf(args);
    if (nthreads < 1) {
      throw new IllegalArgumentException("nthreads must be >= 1, got " + nthreads);
    }
    if (stackSlots < 1024) {
      throw new IllegalArgumentException("stackSlots must be >= 1024, got " + stackSlots);
    }
    onHeap = onHeap == null ? h -> {} : onHeap;
  }

  /** A configuration with default seed, one thread, no arguments. */
  public static RunConfig of(HeapOptions heapOptions) {
    return new RunConfig(heapOptions, 0, 1, List.of(), false, DEFAULT_STACK_SLOTS, null);
  }

  /** This configuration with other arguments. */
  public RunConfig withArgs(int threads, List<String> newArgs) {
    return new RunConfig(heapOptions, seed, threads, newArgs, debug, stackSlots, onHeap);
  }

  /** This configuration with another seed. */
  public RunConfig withSeed(long newSeed) {
    return new RunConfig(heapOptions, newSeed, nthreads, args, debug, stackSlots, onHeap);
  }

  /** This configuration with debug output on or off. */
  public RunConfig withDebug(boolean on) {
    return new RunConfig(heapOptions, seed, nthreads, args, on, stackSlots, onHeap);
  }

  /** This configuration with a heap callback. */
  public RunConfig withOnHeap(Consumer<Heap> callback) {
    return new RunConfig(heapOptions, seed, nthreads, args, debug, stackSlots, callback);
  }
}
