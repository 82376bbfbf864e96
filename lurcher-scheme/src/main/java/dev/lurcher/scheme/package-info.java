/**
 * Lurcher Scheme: a Scheme compiled to JVM bytecode whose every value lives on a Lurcher heap.
 *
 * <p>{@link dev.lurcher.scheme.Scheme} runs a program following Whiffle's convention; {@link
 * dev.lurcher.scheme.SchemeMain} is its command line. The parts live in {@code .reader} (source
 * text to data), {@code .expand} (derived forms to a core language), {@code .compile} (core
 * language to a hidden class) and {@code .runtime} (values, primitives, shadow stack).
 */
package dev.lurcher.scheme;
