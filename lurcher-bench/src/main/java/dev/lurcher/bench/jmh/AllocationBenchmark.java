package dev.lurcher.bench.jmh;

import dev.lurcher.gc.api.Heap;
import dev.lurcher.gc.api.HeapOptions;
import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.layout.Shape;
import dev.lurcher.gc.layout.StandardLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The allocation fast path: allocate and initialise one small node on a Lurcher heap, against
 * {@code new} of a plain Java object. Time per node.
 *
 * <ul>
 *   <li>{@link #lurcherAllocate}: a {@link StandardLayout} record with two reference fields and one
 *       raw word (header 8 + 2 × 8 + 8 = 32 bytes), allocated with {@code checked=off} (no
 *       reference checks: a measured configuration) and its raw word set;
 *   <li>{@link #javaNew}: {@code new Node()} with two reference fields and an int, the int set (24
 *       bytes with compressed oops and 12-byte headers, the JVM's defaults here);
 *   <li>{@link #javaNew32}: the same with a {@code long} more, 32 bytes like the Lurcher node, for
 *       a size-for-size comparison.
 * </ul>
 *
 * <p>Both allocate {@value #BATCH} nodes per invocation and hand each to the {@link Blackhole}, so
 * that neither allocation can be eliminated. Collections are included, not excluded, but cost next
 * to nothing: no node stays reachable (a Lurcher reference passed to a blackhole is not a root), so
 * a collection of the 64 MiB semi-space Lurcher heap copies nothing and comes once per million
 * nodes, and HotSpot's young collections of its 1 GiB heap find nothing live either. Lurcher zeroes
 * each 32 KiB allocation buffer when it hands it out; that is included, as HotSpot's zeroing is.
 *
 * <p>Neither side measures page faults: the Lurcher heap is small enough to be touched entirely
 * within the first warm-up iteration (a 1 GiB one was still faulting pages in during measurement),
 * and the Java heap is pre-touched ({@code -XX:+AlwaysPreTouch}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "-Xms1g",
      "-Xmx1g",
      "-XX:+AlwaysPreTouch"
    })
@State(Scope.Thread)
public class AllocationBenchmark {
  /** Nodes allocated per invocation. */
  static final int BATCH = 1024;

  /** The plain-Java node: two references and an int. */
  static final class Node {
    Node left;
    Node right;
    int i;
  }

  /** A plain-Java node of 32 bytes: 12-byte header, two compressed references, an int, a long. */
  static final class Node32 {
    Node32 left;
    Node32 right;
    int i;
    long pad;
  }

  private Heap heap;
  private Mutator mutator;
  private StandardLayout layout;
  private Shape node;
  private long rawOffset;

  /** Creates the Lurcher heap; JMH runs it on the benchmark thread, which becomes the mutator. */
  @Setup(Level.Trial)
  public void setUp() {
    layout = new StandardLayout();
    node = layout.defineRecord("node", 2, 8);
    rawOffset = node.rawOffset(0);
    if (node.recordSize() != 32) {
      throw new IllegalStateException("node is " + node.recordSize() + " bytes, not 32");
    }
    heap = Heap.create(HeapOptions.parse("collector=semi,heap-size=64m,checked=off"), layout);
    mutator = heap.attach();
  }

  /** Releases the Lurcher heap. */
  @TearDown(Level.Trial)
  public void tearDown() {
    heap.close();
  }

  /** Allocates and initialises {@value #BATCH} 32-byte nodes on the Lurcher heap. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void lurcherAllocate(Blackhole bh) {
    Mutator m = mutator;
    StandardLayout l = layout;
    Shape s = node;
    long raw = rawOffset;
    for (int k = 0; k < BATCH; k++) {
      long ref = l.allocate(m, s);
      m.storeWord(ref, raw, k);
      bh.consume(ref);
    }
  }

  /** Allocates and initialises {@value #BATCH} plain Java nodes. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void javaNew(Blackhole bh) {
    for (int k = 0; k < BATCH; k++) {
      Node n = new Node();
      n.i = k;
      bh.consume(n);
    }
  }

  /** Allocates and initialises {@value #BATCH} plain Java nodes of 32 bytes. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void javaNew32(Blackhole bh) {
    for (int k = 0; k < BATCH; k++) {
      Node32 n = new Node32();
      n.i = k;
      bh.consume(n);
    }
  }
}
