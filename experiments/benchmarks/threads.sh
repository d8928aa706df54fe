#!/usr/bin/env bash
# Issue 10 item 8: how the OpenMP wait policy changes a short training run when other processes keep the cores busy.
# Runs `augment train --preset tiny --epochs 1,1,1 --threads 2` with OMP_WAIT_POLICY=ACTIVE (libgomp's spinning, the
# old default) and PASSIVE (the command line's default since issue 10), each on the machine as it is ("no extra load")
# and with one busy-loop process per core started beside it; writes results/benchmarks/threads.md.
# Usage: experiments/benchmarks/threads.sh [repeats]   (from anywhere; builds Release first)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
repeats="${1:-1}"
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet > /dev/null
exe="$here/experiments/Experiments/bin/Release/net10.0/augment"
out="$here/results/benchmarks/threads.md"
tmp="$(mktemp -d)"
cores="$(nproc)"
rows=()
busy=()
# The busy loops are this script's own children: stop them however the script ends.
stop_load() { for p in "${busy[@]}"; do kill "$p" 2>/dev/null || true; done; busy=(); }
trap stop_load EXIT
limit="${THREADS_BENCH_LIMIT:-600}"   # seconds; a run past this is stopped and reported as "> limit"
run_one() {   # policy load -> one table row
  local policy="$1" load="$2"
  if [ "$load" = busy ]; then
    for _ in $(seq "$cores"); do (while :; do :; done) & busy+=("$!"); done
  fi
  local before; before="$(cut -d' ' -f1 /proc/loadavg)"
  local start; start="$(date +%s.%N)"
  local wall
  if OMP_WAIT_POLICY="$policy" timeout "$limit" "$exe" train --preset tiny --epochs 1,1,1 --threads 2 --seed 1 --out "$tmp/$policy-$load-$RANDOM" > "$tmp/log" 2>&1; then
    wall="$(echo "$(date +%s.%N) - $start" | bc -l | xargs printf '%.1f')"
  else
    wall="> $limit (stopped)"
  fi
  stop_load
  rows+=("| $policy | $load | $wall | $before |")
  printf '%s\n' "${rows[-1]}" >&2
}
for r in $(seq "$repeats"); do
  for load in none busy; do
    for policy in PASSIVE ACTIVE; do run_one "$policy" "$load"; done
  done
done
commit="$(git -C "$here" rev-parse --short=12 HEAD)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
{
  echo "# Threads on a busy machine: OpenMP wait policy"
  echo
  echo "\`augment train --preset tiny --epochs 1,1,1 --threads 2 --seed 1\` (procedural faces, 16x16), wall seconds including"
  echo "process start and data rendering. 'busy': $cores busy-loop processes (one per core) ran beside it; 'none': no extra"
  echo "load from this benchmark (other jobs on the shared machine were not stopped: the load average at start is shown)."
  echo
  echo "| OMP_WAIT_POLICY | extra load | wall (s) | load average at start |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- command: \`experiments/benchmarks/threads.sh $repeats\`"
  echo "- machine: $cpu, $cores logical cores; commit $commit; $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo "- The command line sets OMP_WAIT_POLICY=PASSIVE before libtorch loads unless the variable is already set (ThreadPolicy)."
} > "$out.tmp-$$"
mv "$out.tmp-$$" "$out"
rm -rf "$tmp"
cat "$out"
