package dev.lurcher.gc.harness;

import dev.lurcher.gc.api.ObjectModel;
import dev.lurcher.gc.api.RootTracer;
import java.util.function.UnaryOperator;

/**
 * Wrappers the runner applies to what it hands the heap: the object model and the two root tracers.
 * The real harness uses {@link #NONE}; {@code HarnessCatchesBrokenCollectorTest} uses wrappers that
 * inject realistic collector bugs without touching library code, to prove that the harness catches
 * them.
 *
 * @param name printed in failure messages
 * @param model wraps the object model the heap (and so the collector and verifier) sees
 * @param globalRoots wraps the heap's global root tracer (the {@link Op.Home#GLOBAL} roots)
 * @param mutatorRoots wraps the mutator's root tracer (the {@link Op.Home#NATIVE} roots)
 */
public record Faults(
    String name,
    UnaryOperator<ObjectModel> model,
    UnaryOperator<RootTracer> globalRoots,
    UnaryOperator<RootTracer> mutatorRoots) {
  /** No fault: the heap sees the real layout and tracers. */
  public static final Faults NONE =
      new Faults(
          "none", UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());

  /** A fault in the object model only. */
  public static Faults inModel(String name, UnaryOperator<ObjectModel> model) {
    return new Faults(name, model, UnaryOperator.identity(), UnaryOperator.identity());
  }

  /** A fault in the reporting of global roots only. */
  public static Faults inGlobalRoots(String name, UnaryOperator<RootTracer> roots) {
    return new Faults(name, UnaryOperator.identity(), roots, UnaryOperator.identity());
  }
}
