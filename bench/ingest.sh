#!/usr/bin/env bash
# Ingestion throughput: REST (and MQTT) uploads against COPY into the same table (bench/ingest/IngestLoad.java).
# Needs a running ZenMoon with demo data, and the PostgreSQL driver and Paho's MQTT 5 client in ~/.m2 (any build of
# the project puts them there). Usage:
#   bench/ingest.sh BASE_URL ZENMOON_HOME [paths=rest,copy,bulk,mqtt] [clients=1,2,4,8] [batch=60,1440]
#                   [devices=16] [days=30] [repeat=3] [db=jdbc:postgresql://localhost:54329/zenmoon] [mqtt=tcp://...]
# e.g. bench/ingest.sh http://localhost:8080 var. Figures: docs/BENCHMARKS.md, "Ingestion throughput".
set -euo pipefail
cd "$(dirname "$0")/.."
m2=~/.m2/repository
pg=$(ls "$m2"/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | sort -V | tail -1)
paho=$(ls "$m2"/org/eclipse/paho/org.eclipse.paho.mqttv5.client/*/org.eclipse.paho.mqttv5.client-*.jar | sort -V | tail -1)
exec java -Xmx2g -XX:+UseParallelGC -cp "$pg:$paho" bench/ingest/IngestLoad.java "$@"
