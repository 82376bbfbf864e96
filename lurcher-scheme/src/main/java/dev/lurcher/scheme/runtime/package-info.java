/**
 * The runtime: value tagging, the heap object shapes, the per-thread context with its shadow stack,
 * the primitives compiled code calls, and the printer.
 *
 * <p>Every value a program computes is a tagged 64-bit word ({@link
 * dev.lurcher.scheme.runtime.Values}); heap objects live on the Lurcher heap and are reached only
 * through the shadow stack, the globals, the constants and the symbol table, all traced precisely.
 */
package dev.lurcher.scheme.runtime;
