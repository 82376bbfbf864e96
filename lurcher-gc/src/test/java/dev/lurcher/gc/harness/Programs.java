package dev.lurcher.gc.harness;

import dev.lurcher.gc.harness.Op.ArrayKind;
import dev.lurcher.gc.harness.Op.Home;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for {@link Program}s.
 *
 * <p>Built only from {@link Arbitraries} and {@link Combinators}, so jqwik can shrink a failing
 * program: drop ops, and shrink each operand towards 0 (the first root, the first field, the first
 * shape, the {@link Home#STACK} home).
 */
public final class Programs {
  /** The longest generated program. */
  public static final int MAX_OPS = 200;

  private Programs() {}

  /** Programs of 1 to {@value #MAX_OPS} ops, lengths spread evenly. */
  public static Arbitrary<Program> programs() {
    return programs(MAX_OPS);
  }

  /** Programs of 1 to {@code maxOps} ops, lengths spread evenly. */
  public static Arbitrary<Program> programs(int maxOps) {
    return ops()
        .list()
        .ofMinSize(1)
        .ofMaxSize(maxOps)
        .withSizeDistribution(RandomDistribution.uniform())
        .map(Program::new);
  }

  /** One op, weighted towards allocating and storing references. */
  @SuppressWarnings("unchecked")
  public static Arbitrary<Op> ops() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, alloc()),
        Tuple.of(8, allocArray()),
        Tuple.of(25, storeRef()),
        Tuple.of(8, storeRaw()),
        Tuple.of(3, storeImmediate()),
        Tuple.of(10, loadRef()),
        Tuple.of(4, readRaw()),
        Tuple.of(5, pushRoot()),
        Tuple.of(10, dropRoot()),
        Tuple.of(3, Arbitraries.just(new Op.Collect())),
        Tuple.of(4, churn()),
        Tuple.of(1, Arbitraries.just(new Op.Exhaust())));
  }

  private static Arbitrary<Op> alloc() {
    return Combinators.combine(
            Arbitraries.integers().between(0, HarnessShapes.RECORDS - 1), homes())
        .as(Op.Alloc::new);
  }

  /**
   * Arrays are mostly short, sometimes just around the collector's large-object threshold (8 KiB
   * for semi: 1022 refs or 8176 bytes still fit an allocation buffer, one more does not).
   */
  private static Arbitrary<Op> allocArray() {
    Arbitrary<Integer> refLengths =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.integers().between(0, 40)),
            Tuple.of(1, Arbitraries.integers().between(1015, 1030)));
    Arbitrary<Integer> byteLengths =
        Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.integers().between(0, 64)),
            Tuple.of(1, Arbitraries.integers().between(8160, 8200)));
    Arbitrary<Op> refs =
        Combinators.combine(refLengths, homes())
            .as((n, h) -> new Op.AllocArray(ArrayKind.REF, n, h));
    Arbitrary<Op> bytes =
        Combinators.combine(byteLengths, homes())
            .as((n, h) -> new Op.AllocArray(ArrayKind.BYTE, n, h));
    return Arbitraries.oneOf(refs, bytes);
  }

  private static Arbitrary<Op> storeRef() {
    Arbitrary<Integer> target =
        Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(-1)), Tuple.of(6, root()));
    return Combinators.combine(root(), field(), target).as(Op.StoreRef::new);
  }

  private static Arbitrary<Op> storeRaw() {
    return Combinators.combine(root(), field(), Arbitraries.longs()).as(Op.StoreRaw::new);
  }

  private static Arbitrary<Op> storeImmediate() {
    return Combinators.combine(root(), field(), Arbitraries.longs()).as(Op.StoreImmediate::new);
  }

  private static Arbitrary<Op> loadRef() {
    return Combinators.combine(root(), field(), homes()).as(Op.LoadRef::new);
  }

  private static Arbitrary<Op> readRaw() {
    return Combinators.combine(root(), field()).as(Op.ReadRaw::new);
  }

  private static Arbitrary<Op> pushRoot() {
    return Combinators.combine(root(), homes()).as(Op.PushRoot::new);
  }

  private static Arbitrary<Op> dropRoot() {
    return root().map(Op.DropRoot::new);
  }

  private static Arbitrary<Op> churn() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 100), Arbitraries.integers().between(0, 1 << 20))
        .as(Op.Churn::new);
  }

  /** A root operand, taken modulo the number of roots when the op runs. */
  private static Arbitrary<Integer> root() {
    return Arbitraries.integers().between(0, 255);
  }

  /** A field operand, taken modulo the object's field (or element, or raw word) count. */
  private static Arbitrary<Integer> field() {
    return Arbitraries.integers().between(0, 2047);
  }

  private static Arbitrary<Home> homes() {
    return Arbitraries.of(Home.class);
  }
}
