package dev.lurcher.gc.harness;

/**
 * A program run in which the heap and the shadow model disagreed, or the library itself objected.
 *
 * <p>An {@link AssertionError} so that jqwik and JUnit report it as a test failure and jqwik
 * shrinks the program. The message names the op, the options, what was wrong, the ops as they were
 * resolved on the way, and the program in a form {@link Program#parse} reads back.
 */
public final class HarnessFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** Which check caught the problem. */
  public enum Kind {
    /** The shadow comparison: the heap's reachable graph is not isomorphic to the model's. */
    MISMATCH,
    /** The heap verifier ({@code verify=true}) rejected the heap after a collection. */
    VERIFIER,
    /** The mutator API's checks ({@code checked=full}) rejected a reference or offset. */
    API_CHECK,
    /** The heap was exhausted although the live data stayed within the harness's budget. */
    EXHAUSTED,
    /** Anything else thrown while running an op: a crash inside the library. */
    CRASH
  }

  private final Kind kind;
  private final int opIndex;
  private final transient Program program;

  HarnessFailure(Kind kind, int opIndex, Program program, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.opIndex = opIndex;
    this.program = program;
  }

  /** The program that failed. */
  public Program program() {
    return program;
  }

  /** Which check caught the problem. */
  public Kind kind() {
    return kind;
  }

  /** The index of the op after (or during) which the problem was found. */
  public int opIndex() {
    return opIndex;
  }
}
