package dev.lurcher.scheme.runtime;

/**
 * The compiled code of one program, as seen from Java: implemented by the generated class.
 *
 * <p>Why an interface: the runtime and the runner must enter compiled code, but compiled code calls
 * its own procedures directly through a static dispatcher, so this is only used at entry points.
 */
public interface CodeTable {
  /**
   * Applies the procedure at {@code stack[base]} to the {@code argc} arguments above it, running
   * tail calls to completion (the trampoline), and returns the result.
   */
  long call(Ctx ctx, int base, int argc);

  /** The number of toplevel forms; each is compiled as a thunk with code index {@code i}. */
  int toplevelCount();
}
