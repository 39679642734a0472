#!/usr/bin/env bash
# Sleep benchmark: scoring + episode building + chronotype for a scaled-down cohort, extrapolated to
# 1,000 children x 1 year. No Maven needed: the engines are plain Java and are compiled here.
# Usage: bench/sleep/run.sh [children=50] [days=365] [threads=all cores]. Figures: docs/benchmarks/sleep.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -nowarn --release 17 -d "$out" analysis/src/main/java/org/zenmoon/analysis/epoch/*.java \
  analysis/src/main/java/org/zenmoon/analysis/sleep/*.java \
  analysis/src/main/java/org/zenmoon/analysis/chronotype/*.java
java -Xmx2g -cp "$out" bench/sleep/SleepBenchmark.java "$@"
