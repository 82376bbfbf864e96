/**
 * The compiler: core nodes to JVM bytecode, generated with {@code java.lang.classfile} and loaded
 * as a hidden class per program.
 *
 * <p>{@link dev.lurcher.scheme.compile.Analysis} finds each lambda's free variables and which
 * variables need boxes; {@link dev.lurcher.scheme.compile.CodeGen} emits one static method per
 * lambda, working on the shadow stack of {@link dev.lurcher.scheme.runtime.Ctx}.
 */
package dev.lurcher.scheme.compile;
