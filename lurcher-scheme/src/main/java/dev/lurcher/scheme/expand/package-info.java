/**
 * The expander: source data to the core language ({@link dev.lurcher.scheme.expand.Node}).
 *
 * <p>Derived forms ({@code let*}, named {@code let}, {@code do}, {@code cond}, {@code case}, {@code
 * and}, {@code or}, {@code when}, {@code unless}, quasiquote, internal defines) become a handful of
 * core nodes; variables are resolved to {@link dev.lurcher.scheme.expand.Var} objects, so the core
 * language has no names left to capture; calls to known primitives become {@link
 * dev.lurcher.scheme.expand.Node.PrimCall} nodes that the compiler inlines.
 */
package dev.lurcher.scheme.expand;
