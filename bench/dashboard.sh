#!/usr/bin/env bash
# Times the portal's cohort dashboard (issue #16) as a browser asks for it, against the demo data scaled up by
# ZENMOON_DEMO_SCALE (25: the school tenant has 1,000 children, in classes of 375, 375 and 250).
# Usage: bench/dashboard.sh [scale] [http port] [db port] [repeats]   (defaults: 25 18766 54766 5)
# Starts the run command on a fresh ZENMOON_HOME under /tmp (or on BENCH_HOME, kept afterwards, so that a second run
# skips the seeding), logs in to the portal as school.admin through the log-in form, then times with curl, on the
# same machine: the page's first render (a new view: the dashboard's audited read of the first class, its stress and
# sleep charts, 25 rows), a page turn, a sort and the at-risk filter (Ajax requests answered from the view's list), a
# switch to each other class (a new read), and the CSV export of the first class (its audited export read and the
# file). Prints each request's total time, the server's peak RSS and the load average. Stops only what it started.
# ZENMOON_RUN picks the run command (./zenmoon by default, which builds first when sources changed).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-25}
port=${2:-18766}
dbport=${3:-54766}
repeats=${4:-5}
run=${ZENMOON_RUN:-./zenmoon}
base=http://localhost:$port

for p in "$port" "$dbport"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use" >&2; exit 1; fi
done

if [[ -n ${BENCH_HOME:-} ]]; then home=$BENCH_HOME; keep=1; mkdir -p "$home"; else home=$(mktemp -d /tmp/zenmoon-bench-dash.XXXXXX); keep=0; fi
work=$(mktemp -d /tmp/zenmoon-bench-dash-work.XXXXXX)
out=$work/launcher.out
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
  rm -rf "$work"
  if [[ $keep == 0 ]]; then rm -rf "$home"; fi
}
trap cleanup EXIT

echo "scale $scale, home $home, ports $port/$dbport, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(date +%s.%N)
# shellcheck disable=SC2086
ZENMOON_HOME=$home ZENMOON_DEMO_SCALE=$scale ZENMOON_HTTP_PORT=$port ZENMOON_EMBEDDED_DB_PORT=$dbport \
  ZENMOON_JOBS_NIGHTLY_AT=off $run >"$out" 2>&1 &
launcher=$!
until grep -q "ZenMoon is ready." "$out" 2>/dev/null; do
  kill -0 "$launcher" 2>/dev/null || { echo "launcher died:" >&2; cat "$out" >&2; exit 1; }
  sleep 1
done
echo "ready after $(echo "$(date +%s.%N) - $t0" | bc | xargs printf '%.1f') s; $(grep -o 'demo data created.*' "$out" || echo 'data kept')"
server=$(pgrep -P "$launcher" -f payara-micro.jar)

jar=$work/cookies
page=$work/page.html
# The page's view state and CSP nonce, for the next form post.
state() { grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' "$1" | head -1 | sed 's/.*value="//;s/"$//'; }
nonce() { grep -io "content-security-policy:.*'nonce-[^']*'" "$1" | head -1 | sed "s/.*'nonce-//;s/'.*//"; }

# Log in through the form, as a browser does.
curl -sf -c "$jar" -b "$jar" -D "$work/h" -o "$page" "$base/login.xhtml"
curl -sf -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "primefaces.nonce=$(nonce "$work/h")" --data-urlencode "login=login" \
  --data-urlencode "login:username=school.admin" --data-urlencode "login:password=demo" \
  --data-urlencode "login:submit=" --data-urlencode "jakarta.faces.ViewState=$(state "$page")" "$base/login.xhtml"

# One request, timed: prints "label seconds bytes"; the answer is kept in $page, its headers in $work/h.
timed() { # $1 = label, rest = curl arguments
  local label=$1; shift
  curl -sf -c "$jar" -b "$jar" -D "$work/h" -o "$page" -w "$label %{time_total} %{size_download}\n" "$@"
}
ajax() { # $1 = label, $2 = source, $3 = render, rest = extra fields
  local label=$1 source=$2 render=$3; shift 3
  local args=(--data-urlencode "jakarta.faces.partial.ajax=true" --data-urlencode "jakarta.faces.source=$source"
    --data-urlencode "jakarta.faces.partial.execute=$source" --data-urlencode "jakarta.faces.partial.render=$render"
    --data-urlencode "cohort=cohort" --data-urlencode "jakarta.faces.ViewState=$vs"
    --data-urlencode "primefaces.nonce=$nc" -H "Faces-Request: partial/ajax")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  timed "$label" "${args[@]}" "$base/portal/cohort.xhtml"
}

echo "request seconds bytes"
for _ in $(seq 1 "$repeats"); do
  timed "first-render" "$base/portal/cohort.xhtml"
done
grep -q 'id="cohort:children"' "$page" || { echo "the dashboard did not render" >&2; exit 1; }
vs=$(state "$page")
nc=$(nonce "$work/h")
cohorts=$(grep -o '<option value="[^"]*"[^>]*>[^<]*children)' "$page" | sed 's/<option value="\([^"]*\)"[^>]*>/\1 /')
echo "$cohorts" | sed 's/^[^ ]* /  class: /'
first=$(echo "$cohorts" | head -1 | cut -d' ' -f1)
for _ in $(seq 1 "$repeats"); do
  ajax page-turn cohort:children cohort:children "cohort:children_pagination=true" "cohort:children_first=25" \
    "cohort:children_rows=25" "cohort:children_skipChildren=true" "cohort:children_encodeFeature=true"
  ajax sort-by-stress cohort:children cohort:children "cohort:children_sorting=true" \
    "cohort:children_sortKey=cohort:children:stress" "cohort:children_sortDir=-1" \
    "cohort:children_skipChildren=true" "cohort:children_encodeFeature=true"
  ajax at-risk-only cohort:children cohort:children "cohort:children_filtering=true" \
    "cohort:children_encodeFeature=true" "cohort:children:atRiskOnly_input=on"
  ajax all-again cohort:children cohort:children "cohort:children_filtering=true" \
    "cohort:children_encodeFeature=true"
done
# The export reads the class again (audited) and writes every row of it.
for _ in $(seq 1 "$repeats"); do
  timed export-csv --data-urlencode "cohort=cohort" --data-urlencode "cohort:exportCsv=" \
    --data-urlencode "cohort:cohortSelect_input=$first" --data-urlencode "jakarta.faces.ViewState=$vs" \
    --data-urlencode "primefaces.nonce=$nc" "$base/portal/cohort.xhtml"
done
echo "  export: $(($(wc -l <"$page") - 1)) children in the file"
echo "$cohorts" | tail -n +2 | while read -r id _; do
  ajax "switch-class" cohort:cohortSelect cohort "jakarta.faces.behavior.event=valueChange" \
    "jakarta.faces.partial.event=change" "cohort:cohortSelect_input=$id"
done
echo "Payara Micro peak RSS: $(grep VmHWM "/proc/$server/status" | awk '{printf "%.0f MiB", $2/1024}'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
