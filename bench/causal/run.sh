#!/usr/bin/env bash
# Cohort step of causal-effects: InterventionDesigns.acrossCohort with CausalSettings.defaults() (AIPW, ATE, 500
# whole-child resamples, refuters on) on synthetic cohorts of N children x 60 days, one timed run per size after
# a warm-up. Compiles the analysis engines of the working tree, or with --rev those of a git revision (e.g. the
# commit before the fixed effects were absorbed, to time the indicator columns). Needs Commons Math in ~/.m2
# (./mvnw -pl analysis compile puts it there); no Maven at run time.
# Usage: bench/causal/run.sh [--rev REV] [children...=60 150 300]. Figures: docs/BENCHMARKS.md (nightly pipeline).
set -euo pipefail
cd "$(dirname "$0")/../.."
rev=""
if [ "${1:-}" = "--rev" ]; then
  rev=$2
  shift 2
fi
cm=~/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
src=analysis/src/main/java
if [ -n "$rev" ]; then
  mkdir "$out/src"
  git archive "$rev" analysis/src/main/java/org/zenmoon/analysis | tar -x -C "$out/src"
  src="$out/src/analysis/src/main/java"
fi
mkdir "$out/classes"
javac -nowarn --release 17 -cp "$cm" -d "$out/classes" \
  "$src"/org/zenmoon/analysis/causal/*.java "$src"/org/zenmoon/analysis/epoch/*.java \
  "$src"/org/zenmoon/analysis/sleep/*.java
echo "engines: ${rev:-working tree} ($(git rev-parse --short "${rev:-HEAD}")$([ -z "$rev" ] && ! git diff --quiet HEAD -- analysis && echo ', modified'))"
java -Xmx2g -cp "$out/classes:$cm" bench/causal/CohortBenchmark.java "${@:-60 150 300}"
