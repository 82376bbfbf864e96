/**
 * Running one benchmark in one configuration and reporting it.
 *
 * <p>{@link dev.lurcher.bench.harness.LurcherRunner} runs a workload on a Lurcher heap in this JVM;
 * {@link dev.lurcher.bench.harness.HotSpotRunner} runs a benchmark's plain-Java twin in a child JVM
 * ({@link dev.lurcher.bench.harness.HotSpotChild}) under one of HotSpot's collectors. Both produce
 * a {@link dev.lurcher.bench.harness.RunResult}, which {@link
 * dev.lurcher.bench.harness.ResultFormat} prints as a table row or a JSON object with the field
 * names of the result contract.
 */
package dev.lurcher.bench.harness;
