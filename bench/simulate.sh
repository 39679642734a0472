#!/usr/bin/env bash
# The recommender's family simulator (org.zenmoon.analysis.recommend.simulation.FamilySimulator, issue #14 item 9):
# synthetic families with hidden preferences answer the full loop (cold start, epsilon-greedy serving, a retrain every
# 10 answers, the offline gate, A/B with promotion or rollback); prints the 👍 rate per block of rounds against the
# oracle's, the round at which it reaches 80 % of the oracle, the promotions and rollbacks, and the two head-to-head
# A/B checks (cold start vs learned: promote; learned vs its negation: roll back) with their p-values; then the A/A
# simulation of the A/B test with children who differ (ClusteredAaSimulation: false decisions of the pooled and the
# cluster-robust test, docs/RECOMMENDER.md "A/B test and promotion").
# Usage: bench/simulate.sh   (builds the analysis module's classes if they are missing; MVN=... picks the Maven
# command, ./mvnw by default). Figures: docs/BENCHMARKS.md, "Recommendations (issue #14)".
set -euo pipefail
cd "$(dirname "$0")/.."
mvn=${MVN:-./mvnw}
if [[ ! -f analysis/target/classes/org/zenmoon/analysis/recommend/simulation/FamilySimulator.class ]]; then
  $mvn -B -q -o -DskipTests -pl analysis package
fi
cpfile=$(mktemp /tmp/zenmoon-analysis-cp.XXXXXX)
trap 'rm -f "$cpfile"' EXIT
$mvn -B -q -o dependency:build-classpath -pl analysis -Dmdep.outputFile="$cpfile" -Dmdep.includeScope=runtime
echo "$(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -Xmx1g -cp "analysis/target/classes:$(cat "$cpfile")" org.zenmoon.analysis.recommend.simulation.FamilySimulator
java -Xmx1g -cp "analysis/target/classes:$(cat "$cpfile")" org.zenmoon.analysis.recommend.simulation.ClusteredAaSimulation
