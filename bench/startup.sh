#!/usr/bin/env bash
# Times the README's run command from start to "ZenMoon is ready." and reads the resident memory of the
# server processes once ready. Usage: bench/startup.sh [runs] (default 3). Needs free ports 8080 and 54329.
# Each run starts on a fresh ZENMOON_HOME (so the demo data is created) and then restarts on the same
# home (no seeding): both figures are reported, with their medians.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
./mvnw -B -q -DskipTests -pl launcher -am package   # warm build, so that the runs do not include compilation
work=$(mktemp -d)
trap 'pkill -f "zenmoon-launcher.jar" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

start_once() { # $1 = home; prints seconds to ready
  local home=$1 out=$1/out.txt t0 t1
  t0=$(date +%s.%N)
  ZENMOON_HOME=$home ./zenmoon >"$out" 2>&1 &
  local pid=$!
  until grep -q "ZenMoon is ready." "$out" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { echo "launcher died:" >&2; cat "$out" >&2; exit 1; }
    sleep 0.2
  done
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

mem_mb() { # $1 = Rss or Pss, $2 = pattern: summed over the processes whose command line matches, in MiB.
  # PSS shares each shared page among its users, so PostgreSQL's shared buffers count once, not per backend.
  local kind=$1 pat=$2 total=0 pid kb
  for pid in $(pgrep -f "$pat"); do
    kb=$(awk -v k="$kind:" '$1 == k {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo $((total / 1024))
}

stop_all() {
  pkill -TERM -f "zenmoon-launcher.jar" || true   # like Ctrl-C (SIGINT is ignored by background jobs)
  while pgrep -f "payara-micro.jar" >/dev/null || pgrep -f "zenmoon-launcher.jar" >/dev/null; do sleep 0.5; done
}

first=(); again=(); payara=(); postgres=(); launcher=()
for i in $(seq 1 "$runs"); do
  home=$work/run$i
  mkdir -p "$home"
  first+=("$(start_once "$home")")
  stop_all
  again+=("$(start_once "$home")")
  sleep 5   # let the server settle before reading its memory
  payara+=("$(mem_mb Rss 'payara-micro.jar')")
  postgres+=("$(mem_mb Pss '(^|/)postgres( |:|$)')")
  launcher+=("$(mem_mb Rss 'zenmoon-launcher.jar')")
  stop_all
  echo "run $i: first start ${first[-1]} s, restart ${again[-1]} s, Payara Micro RSS ${payara[-1]} MiB, PostgreSQL PSS ${postgres[-1]} MiB, launcher RSS ${launcher[-1]} MiB"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
echo
echo "median first start (with demo data):  $(median "${first[@]}") s"
echo "median restart (data kept):          $(median "${again[@]}") s"
echo "median Payara Micro RSS after start: $(median "${payara[@]}") MiB"
echo "median PostgreSQL PSS after start:   $(median "${postgres[@]}") MiB (all its processes)"
echo "median launcher RSS after start:     $(median "${launcher[@]}") MiB"
