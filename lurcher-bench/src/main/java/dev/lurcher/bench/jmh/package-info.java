/**
 * JMH microbenchmarks of Lurcher's hot paths against HotSpot's, run with {@code ./lurcher jmh}.
 *
 * <p>Each benchmark method gets its own forked JVM (JMH's default), so that the Lurcher and the
 * plain-Java paths never share a JIT profile: hot call sites stay monomorphic, as in the
 * workbench's one-configuration-per-JVM runs.
 */
package dev.lurcher.bench.jmh;
