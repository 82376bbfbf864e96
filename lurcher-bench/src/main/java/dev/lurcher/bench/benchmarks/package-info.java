/**
 * The benchmark programs and their registry.
 *
 * <p>A {@link dev.lurcher.bench.benchmarks.Benchmark} describes a program (name, description, the
 * minimum heap it needs) and prepares a {@link dev.lurcher.bench.benchmarks.Workload} that runs on
 * a Lurcher mutator. Benchmarks written against the Java API also have a {@link
 * dev.lurcher.bench.benchmarks.HotSpotTwin}: the same program with plain Java objects, run in a
 * child JVM under one of HotSpot's collectors. {@link dev.lurcher.bench.benchmarks.Benchmarks} is
 * the registry the command line looks names up in.
 */
package dev.lurcher.bench.benchmarks;
