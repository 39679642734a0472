#!/usr/bin/env bash
# Times the nightly analysis pipeline on the demo data scaled up by ZENMOON_DEMO_SCALE (1: the demo's 52 children;
# 20: 1,040 children, about 84 million epochs).
# Usage: [BENCH_PIPELINES='...'] bench/jobs.sh [scale] [http port] [db port]   (defaults: 1 18765 54765)
# BENCH_PIPELINES: pipelines to time one after the other on the same data, separated by commas, each a list of jobs
# run in order (default 'analyses', the nightly one pass; the four jobs one by one, as before it:
# BENCH_PIPELINES='analyses,sleep-detection chronotype causal-effects forecast').
# Starts ./zenmoon on a fresh ZENMOON_HOME under /tmp with the nightly schedule off, reports the seeding time, then
# runs the pipeline for the school tenant and the clinic tenant at the same time, each its own chain, as the
# nightly schedule does for two tenants in the same time zone. Prints per run the children, the wall time
# (endedAt - startedAt) and the partitions' summed read/compute/write ms; then the epoch count and the server's
# peak RSS. Stops only the processes it started and deletes its home.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
port=${2:-18765}
dbport=${3:-54765}
IFS=, read -r -a pipelines <<<"${BENCH_PIPELINES:-analyses}"
base=http://localhost:$port/api/v1

if [[ ! -f launcher/target/zenmoon-launcher.jar || ! -f launcher/target/zenmoon.war ]]; then
  ./mvnw -B -q -o -DskipTests -pl launcher -am package
fi
for p in "$port" "$dbport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done

home=$(mktemp -d /tmp/zenmoon-bench-jobs.XXXXXX)
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

echo "scale $scale, home $home, ports $port/$dbport, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
ZENMOON_HOME=$home ZENMOON_DEMO_SCALE=$scale ZENMOON_HTTP_PORT=$port ZENMOON_EMBEDDED_DB_PORT=$dbport \
  ZENMOON_JOBS_NIGHTLY_AT=off ./zenmoon >"$out" 2>&1 &
launcher=$!
until grep -q "ZenMoon is ready." "$out" 2>/dev/null; do
  kill -0 "$launcher" 2>/dev/null || { echo "launcher died:" >&2; cat "$out" >&2; exit 1; }
  sleep 1
done
echo "ready after $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s; $(grep -o 'demo data created.*' "$out")"
server=$(pgrep -P "$launcher" -f payara-micro.jar)

token() { # $1 = user
  curl -sf -X POST "$base/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo\"}" | jq -r .accessToken
}

# One tenant's pipeline, job after job; one line per run: tenant job children wall-s readMs computeMs writeMs.
pipeline() { # $1 = tenant admin; the jobs in ${jobs[@]}
  local who=$1 tok id st job
  tok=$(token "$who")
  [[ -n $tok && $tok != null ]] || { echo "$who cannot log in" >&2; return 1; }
  for job in "${jobs[@]}"; do
    id=$(curl -sf -X POST "$base/admin/jobs/$job" -H "Authorization: Bearer $tok" | jq -r .executionId)
    [[ -n $id && $id != null ]] || { echo "$who could not start $job" >&2; return 1; }
    while :; do
      st=$(curl -sf "$base/admin/jobs/$id" -H "Authorization: Bearer $tok")
      case $(jq -r .status <<<"$st") in
        COMPLETED) break ;;
        FAILED | STOPPED | ABANDONED) echo "$who $job ended $(jq -c . <<<"$st")" >&2; return 1 ;;
      esac
      sleep 1
    done
    jq -r --arg who "$who" '[$who, .jobName, .total, .read, .skipped,
        (((.endedAt | sub("\\.[0-9]+"; "") | fromdateiso8601) + (.endedAt | (capture("\\.(?<f>[0-9]+)").f // "0") | ("0." + .) | tonumber))
         - ((.startedAt | sub("\\.[0-9]+"; "") | fromdateiso8601) + (.startedAt | (capture("\\.(?<f>[0-9]+)").f // "0") | ("0." + .) | tonumber))),
        .timings.readMs, .timings.computeMs, .timings.writeMs] | @tsv' <<<"$st"
  done
}

for group in "${pipelines[@]}"; do
read -r -a jobs <<<"$group"
echo
echo "pipeline: ${jobs[*]}"
p0=$(date +%s.%N)
pipeline school.admin >"$home/school.tsv" &
school=$!
pipeline clinic.admin >"$home/clinic.tsv" &
clinic=$!
wait $school
wait $clinic
p1=$(date +%s.%N)

printf '%-13s %-16s %8s %8s %9s %10s %10s %10s %11s %11s %11s\n' tenant job children skipped wall_s read_ms \
  compute_ms write_ms read_ms/ch comp_ms/ch write_ms/ch
cat "$home/school.tsv" "$home/clinic.tsv" | while IFS=$'\t' read -r who job total read skipped wall r c w; do
  printf '%-13s %-16s %8d %8d %9.1f %10d %10d %10d %11.0f %11.0f %11.0f\n' "${who%.admin}" "$job" "$total" "$skipped" \
    "$wall" "$r" "$c" "$w" "$(echo "$r / $total" | bc -l)" "$(echo "$c / $total" | bc -l)" "$(echo "$w / $total" | bc -l)"
done
awk -F'\t' '{r += $7; c += $8; w += $9; n[$2] += $3} END {
  printf "summed over both tenants and all jobs: read %d ms, compute %d ms, write %d ms (thread time, both cores)\n", r, c, w }' \
  "$home/school.tsv" "$home/clinic.tsv"
for f in school clinic; do
  awk -F'\t' -v t=$f '{s += $6} END {printf "%s pipeline: %.1f s (sum of its runs)\n", t, s}' "$home/$f.tsv"
done
echo "whole pipeline, both tenants at once: $(echo "$p1 - $p0" | bc | xargs printf '%.1f') s wall (first start to last completion, polled each second)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
echo
epochs=$(PGPASSWORD=$(cat "$home/db-owner-password") psql -h 127.0.0.1 -p "$dbport" -U postgres -d zenmoon -Atc \
  "SELECT count(*) FROM epoch")
children=$(PGPASSWORD=$(cat "$home/db-owner-password") psql -h 127.0.0.1 -p "$dbport" -U postgres -d zenmoon -Atc \
  "SELECT count(*) FROM child")
echo "children: $children, epoch rows: $epochs"
echo "Payara Micro peak RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server/status")"
