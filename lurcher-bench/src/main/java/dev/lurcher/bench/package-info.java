/**
 * The workbench's command line ({@code ./lurcher}): {@link dev.lurcher.bench.Main} and its
 * subcommands {@code run} and {@code list}. Benchmarks live in {@code
 * dev.lurcher.bench.benchmarks}, the machinery that runs and reports them in {@code
 * dev.lurcher.bench.harness}, and JMH microbenchmarks in {@code dev.lurcher.bench.jmh} ({@code
 * ./lurcher jmh}).
 */
package dev.lurcher.bench;
