#!/usr/bin/env bash
# Measures, in one sitting, the figures quoted in the closing notes: gcbench at 1.5x, 2.5x and 4x
# for every Lurcher collector beside HotSpot's Parallel (and G1 at 2.5x), pcc with parallelism 1
# and 2, mt-gcbench with 1 and 2 mutators, and quads. Configurations are interleaved, 3 rounds, so
# that a noisy machine spreads its noise evenly. Prints one JSON row per run.
#   scripts/one-sitting.sh > rows.jsonl
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./lurcher list > /dev/null # builds once, before anything is timed
for round in 1 2 3; do
  for m in 1.5 2.5 4; do
    for c in semi pcc mmc; do ./lurcher run gcbench --collector $c --heap-multiplier $m --json; done
    ./lurcher run gcbench --hotspot parallel --heap-multiplier $m --json
    [ $m = 2.5 ] && ./lurcher run gcbench --hotspot g1 --heap-multiplier $m --json
  done
  for p in 1 2; do ./lurcher run gcbench --collector pcc --options parallelism=$p --json; done
done 2>/dev/null
for round in 1 2 3; do
  for c in semi pcc mmc; do for n in 1 2; do ./lurcher run mt-gcbench --mutators $n --collector $c --json; done; done
  for n in 1 2; do ./lurcher run mt-gcbench --mutators $n --hotspot parallel --json; done
  for p in 1 2; do ./lurcher run mt-gcbench --mutators 2 --collector pcc --options parallelism=$p --json; done
  for c in semi mmc; do ./lurcher run quads --collector $c --json; done
  ./lurcher run quads --hotspot parallel --json
done 2>/dev/null
