package dev.lurcher.scheme.expand;

/**
 * A lexical variable of the core language. The expander creates one per binding; the analysis and
 * the code generator annotate it.
 */
public final class Var {
  /** The source name (for messages and debugging). */
  public final String name;

  /** Whether some {@code set!} assigns it. */
  public boolean mutated;

  /** Whether a lambda other than the one that binds it refers to it. */
  public boolean captured;

  /** Whether it lives in a heap box (mutated and captured, or a letrec variable needing one). */
  public boolean boxed;

  /** The lambda whose frame holds it (set by the analysis). */
  public Node.Lambda owner;

  /** Its frame slot, relative to the frame base (set by the code generator). */
  public int slot = -1;

  /** When bound by letrec to a lambda and never assigned: that lambda (for known calls). */
  public Node.Lambda knownLambda;

  /** Creates a variable named {@code name}. */
  public Var(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
