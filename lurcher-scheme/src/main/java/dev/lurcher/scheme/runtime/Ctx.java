package dev.lurcher.scheme.runtime;

import dev.lurcher.gc.api.Mutator;
import dev.lurcher.gc.api.RootTracer;
import dev.lurcher.gc.api.RootVisitor;

/**
 * A thread's execution context: its mutator and its shadow stack.
 *
 * <p>The shadow stack is a {@code long[]} of tagged values. Compiled code keeps every Scheme
 * variable and every temporary that must survive an allocation or a call in it, and re-reads slots
 * after anything that may collect. The collector traces slots {@code [0, sp)} precisely through
 * this context's {@link RootTracer}, and updates them when it moves objects.
 *
 * <p>Invariant: every slot below {@code sp} holds a valid value (slots are filled with an immediate
 * when {@code sp} grows), because a slot that was above {@code sp} during a collection may hold a
 * stale address.
 */
public final class Ctx implements RootTracer {
  /** The shadow stack: frames of tagged values. */
  public final long[] stack;

  /** The number of live slots: the collector traces {@code stack[0..sp)}. */
  public int sp;

  /** The argument count of a pending tail call (see {@link Values#TAIL}). */
  public int tailArgc;

  /** This thread's mutator. */
  public final Mutator m;

  /** The program's runtime (shared by its threads). */
  public final SchemeRuntime rt;

  /** The global variables' values (the runtime's array, traced as a heap root). */
  public final long[] globals;

  /** The program's constants (the runtime's array, traced as a heap root). */
  public final long[] consts;

  private long random;

  Ctx(SchemeRuntime rt, Mutator m, long[] stack, long seed) {
    this.rt = rt;
    this.m = m;
    this.stack = stack;
    this.globals = rt.globals;
    this.consts = rt.consts;
    this.random = seed;
  }

  @Override
  public void traceRoots(RootVisitor visitor) {
    long[] s = stack;
    for (int i = 0, n = sp; i < n; i++) {
      s[i] = visitor.visitValue(s[i]);
    }
  }

  /** The next number of this thread's PRNG (SplitMix64), so runs are reproducible per seed. */
  long nextRandom() {
    long z = (random += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
