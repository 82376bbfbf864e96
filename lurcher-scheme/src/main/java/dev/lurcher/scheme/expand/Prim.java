package dev.lurcher.scheme.expand;

/**
 * A primitive the compiler calls directly: a static method of {@code Rt}.
 *
 * @param name the Scheme name
 * @param arity the number of arguments, or -1 for a variadic ("stack") primitive whose method takes
 *     the index of its first argument on the shadow stack and the count
 * @param method the name of the static method in {@code dev.lurcher.scheme.runtime.Rt}
 * @param allocates whether it may allocate, and so move objects (the compiler spills live values
 *     around it)
 * @param pad tagged constants appended to the arguments (defaults of optional parameters)
 */
public record Prim(String name, int arity, String method, boolean allocates, long... pad) {
  /** Whether the method takes its arguments on the shadow stack. */
  public boolean isStack() {
    return arity < 0;
  }

  /** The number of value arguments the method takes (after the context). */
  public int methodArity() {
    return arity + pad.length;
  }
}
