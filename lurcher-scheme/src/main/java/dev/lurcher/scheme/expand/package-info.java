/**
 * The expander: source data to the core language ({@link dev.lurcher.scheme.expand.Node}).
 *
 * <p>Derived forms ({@code let*}, named {@code let}, {@code do}, {@code cond}, {@code case}, {@code
 * and}, {@code or}, {@code when}, {@code unless}, quasiquote, internal defines) become a handful of
 * core nodes; variables are resolved to {@link dev.lurcher.scheme.expand.Var} objects, so the core
 * language has no names left to capture; calls to known primitives become {@link
 * dev.lurcher.scheme.expand.Node.PrimCall} nodes that the compiler inlines.
 *
 * <p>Macros are hygienic {@code syntax-rules} ({@link dev.lurcher.scheme.expand.SyntaxRules}),
 * bound by {@code define-syntax} (toplevel or body), {@code let-syntax}, {@code letrec-syntax} and
 * {@code define-syntax-rule}; hygiene is explicit renaming ({@link
 * dev.lurcher.scheme.expand.Alias}). Library macros ({@code match}) are written in Scheme in {@code
 * macros.scm}. {@link dev.lurcher.scheme.expand.Derived} rewrites {@code define-record-type},
 * {@code cond-expand} and {@code define-syntax-rule}.
 */
package dev.lurcher.scheme.expand;
