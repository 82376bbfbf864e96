package dev.lurcher.bench.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link GcBench} run by several mutator threads at once on one heap ({@code --mutators N}): each
 * thread attaches its own mutator and runs the whole GCBench program independently, with its own
 * long-lived tree and array. The minimum heap scales with the mutators: N times GCBench's. The
 * checksum is the sum of the threads' (N times GCBench's). The HotSpot twin runs {@link
 * GcBenchTwin} on N Java threads.
 */
public final class MtGcBench implements Benchmark {
  /** The most mutator threads accepted. */
  static final int MAX_MUTATORS = 64;

  private final GcBench single = new GcBench();

  @Override
  public String name() {
    return "mt-gcbench";
  }

  @Override
  public String description() {
    return "GCBench run independently by --mutators threads on one heap (min heap: per mutator)";
  }

  /** GCBench's minimum, per mutator. */
  @Override
  public long minHeapBytes() {
    return single.minHeapBytes();
  }

  @Override
  public long minHeapBytes(int mutators) {
    return mutators * single.minHeapBytes();
  }

  @Override
  public int maxMutators() {
    return MAX_MUTATORS;
  }

  @Override
  public Map<String, String> defaultParameters() {
    return single.defaultParameters();
  }

  @Override
  public void validate(Parameters parameters) {
    single.validate(parameters);
  }

  @Override
  public Workload prepare(Parameters parameters) {
    return single.prepare(parameters);
  }

  @Override
  public Optional<HotSpotTwin> hotSpotTwin() {
    return Optional.of(new Twin());
  }

  /** GCBench's twin on N threads. */
  static final class Twin implements HotSpotTwin {
    @Override
    public Outcome run(Parameters parameters) {
      return run(parameters, 1);
    }

    @Override
    public Outcome run(Parameters parameters, int mutators) {
      List<Thread> threads = new ArrayList<>();
      Outcome[] outcomes = new Outcome[mutators];
      Throwable[] failures = new Throwable[mutators];
      for (int k = 0; k < mutators; k++) {
        int index = k;
        Thread t =
            Thread.ofPlatform()
                .name("twin-mutator-" + k)
                .start(
                    () -> {
                      try {
                        outcomes[index] = new GcBenchTwin().run(parameters);
                      } catch (RuntimeException | OutOfMemoryError e) {
                        failures[index] = e;
                      }
                    });
        threads.add(t);
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the twin's threads", e);
        }
      }
      long checksum = 0;
      Object[] retained = new Object[mutators];
      for (int k = 0; k < mutators; k++) {
        switch (failures[k]) {
          case null -> {}
          case RuntimeException e -> throw e;
          case OutOfMemoryError e -> throw e;
          default -> throw new IllegalStateException(failures[k]);
        }
        checksum += outcomes[k].checksum();
        retained[k] = outcomes[k].retained();
      }
      return new Outcome(checksum, retained);
    }
  }
}
