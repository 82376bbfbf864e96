package dev.lurcher.bench.scheme;

import dev.lurcher.bench.benchmarks.Benchmark;
import dev.lurcher.bench.benchmarks.HotSpotTwin;
import dev.lurcher.bench.benchmarks.Parameters;
import dev.lurcher.bench.benchmarks.Workload;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Scheme program as a benchmark, {@code scheme:NAME} or {@code scheme:FILE.scm}: run by {@link
 * SchemeRunner} (the Scheme runtime makes its own heap), not through a {@link Workload}.
 *
 * <p>Parameters: {@code threads} (the program's NTHREADS), {@code args} (the rest of its command
 * line, space separated) and {@code seed}.
 */
public final class SchemeBenchmark implements Benchmark {
  /** The prefix of Scheme benchmark names. */
  public static final String PREFIX = "scheme:";

  /**
   * A nominal minimum heap, for {@code --heap-multiplier}: the Scheme programs have not been
   * bisected yet, so the multiplier is relative to this and not to their real minimum.
   */
  static final long NOMINAL_MIN_HEAP_BYTES = 32L << 20;

  private final SchemeProgram program;

  /** The benchmark for {@code program}. */
  public SchemeBenchmark(SchemeProgram program) {
    this.program = program;
  }

  /** The program. */
  public SchemeProgram program() {
    return program;
  }

  @Override
  public String name() {
    return PREFIX + program.name();
  }

  @Override
  public String description() {
    return "Scheme program " + program.fileName();
  }

  @Override
  public long minHeapBytes() {
    return NOMINAL_MIN_HEAP_BYTES;
  }

  @Override
  public Map<String, String> defaultParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("threads", "1");
    p.put("args", program.defaultArgs());
    p.put("seed", "0");
    return p;
  }

  @Override
  public void validate(Parameters parameters) {
    if (parameters.intValue("threads") < 1) {
      throw new IllegalArgumentException(
          "parameter threads must be >= 1, got " + parameters.intValue("threads"));
    }
    parameters.intValue("seed");
  }

  @Override
  public Workload prepare(Parameters parameters) {
    throw new UnsupportedOperationException("Scheme programs run through SchemeRunner");
  }

  @Override
  public Optional<HotSpotTwin> hotSpotTwin() {
    return Optional.empty();
  }
}
