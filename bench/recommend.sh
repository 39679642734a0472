#!/usr/bin/env bash
# Latency of GET /api/v1/children/{id}/recommendations/next at a fixed open-loop rate (bench/recommend/RecommendLoad.java).
# Usage: bench/recommend.sh [retrain every] [modes] [http port] [db port] [key=value ...]
#        (defaults: 1000000 open,new 18766 54766; keys go to RecommendLoad: rate=200 warmup=15 duration=60 first=3 last=40)
# Starts ./zenmoon on a fresh ZENMOON_HOME under /tmp with the nightly schedule off and
# ZENMOON_RECOMMENDER_RETRAIN_EVERY set (by default so high that feedback never starts a retraining during the run),
# logs in the demo guardians guardian.3 .. guardian.40 (one child each) and drives the endpoint in each mode: `open`
# (the child's recommendation is still open, the stored one comes back) and `new` (the previous one is answered first,
# so each GET ranks the catalogue with ONNX Runtime and stores a new one). Prints the load average, the server's
# peak RSS, and per mode the achieved rate and latency percentiles from the scheduled send time. Stops only the
# processes it started and deletes its home. Figures: docs/BENCHMARKS.md, "Recommendations (issue #14)".
set -euo pipefail
cd "$(dirname "$0")/.."
retrain=${1:-1000000}
modes=${2:-open,new}
port=${3:-18766}
dbport=${4:-54766}
shift $(($# < 4 ? $# : 4))

if [[ ! -f launcher/target/zenmoon-launcher.jar || ! -f launcher/target/zenmoon.war ]]; then
  ./mvnw -B -q -o -DskipTests -pl launcher -am package
fi
for p in "$port" "$dbport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done

home=$(mktemp -d /tmp/zenmoon-bench-recommend.XXXXXX)
out=$home/launcher.out
launcher=""
cleanup() {
  if [[ -n $launcher ]] && kill -0 "$launcher" 2>/dev/null; then
    local server
    server=$(pgrep -P "$launcher" -f payara-micro.jar || true)
    kill -TERM "$launcher" 2>/dev/null || true   # the launcher stops Payara Micro and the embedded PostgreSQL
    for _ in $(seq 1 120); do kill -0 "$launcher" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$launcher" 2>/dev/null; then kill -KILL "$launcher" 2>/dev/null || true; fi
    if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then kill -KILL "$server" 2>/dev/null || true; fi
  fi
  rm -rf "$home"
}
trap cleanup EXIT

echo "retrain every $retrain, modes $modes, home $home, ports $port/$dbport, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
ZENMOON_HOME=$home ZENMOON_HTTP_PORT=$port ZENMOON_EMBEDDED_DB_PORT=$dbport ZENMOON_JOBS_NIGHTLY_AT=off \
  ZENMOON_RECOMMENDER_RETRAIN_EVERY=$retrain ./zenmoon >"$out" 2>&1 &
launcher=$!
until grep -q "ZenMoon is ready." "$out" 2>/dev/null; do
  kill -0 "$launcher" 2>/dev/null || { echo "launcher died:" >&2; cat "$out" >&2; exit 1; }
  sleep 1
done
echo "ready after $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s; $(grep -o 'demo data created.*' "$out")"
server=$(pgrep -P "$launcher" -f payara-micro.jar)

java -Xmx512m bench/recommend/RecommendLoad.java "http://localhost:$port" "modes=$modes" "$@"

echo
echo "Payara Micro peak RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
