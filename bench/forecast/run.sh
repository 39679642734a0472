#!/usr/bin/env bash
# Chooses the forecast design on the M4 Hourly validation split (never the test file) and prints every figure
# the choice rests on. Needs ../shared/data and Commons Math in ~/.m2 (./mvnw -pl analysis compile puts it there).
# Usage: bench/forecast/run.sh [Hourly-train.csv]. About 10 minutes on 2 cores. Figures: docs/analyses/forecast.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
cm=~/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -nowarn --release 17 -cp "$cm" -d "$out" $(find analysis/src/main/java/org/zenmoon/analysis/forecast -name '*.java')
java -Xmx3g -cp "$out:$cm" bench/forecast/ForecastDesignSearch.java "${1:-../shared/data/m4/Hourly-train.csv}"
