#!/usr/bin/env bash
# ONNX Runtime's own time for one ranking, beside LinearModel.score (bench/recommend/OnnxInference.java), on the
# analysis module's classpath (builds the module's classes if they are missing).
# Usage: bench/recommend/onnx.sh [runs=10000] [warm-up runs=2000]. Figures: docs/BENCHMARKS.md, "Recommendations (issue #14)".
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn=${MVN:-./mvnw}   # e.g. MVN=/path/to/a/wrapper
if [[ ! -d analysis/target/classes/org/zenmoon/analysis/recommend ]]; then
  $mvn -B -q -o -DskipTests -pl analysis package
fi
cpfile=$(mktemp /tmp/zenmoon-analysis-cp.XXXXXX)
trap 'rm -f "$cpfile"' EXIT
$mvn -B -q -o dependency:build-classpath -pl analysis -Dmdep.outputFile="$cpfile"
java -Xmx512m -cp "analysis/target/classes:$(cat "$cpfile")" bench/recommend/OnnxInference.java "$@"
