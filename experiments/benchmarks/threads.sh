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
run_one() {   # policy load -> seconds
  local policy="$1" load="$2" pids=()
  if [ "$load" = busy ]; then
    for _ in $(seq "$cores"); do (while :; do :; done) & pids+=("$!"); done
  fi
  local before; before="$(cut -d' ' -f1 /proc/loadavg)"
  local start; start="$(date +%s.%N)"
  OMP_WAIT_POLICY="$policy" "$exe" train --preset tiny --epochs 1,1,1 --threads 2 --seed 1 --out "$tmp/$policy-$load-$RANDOM" > "$tmp/log" 2>&1
  local end; end="$(date +%s.%N)"
  for p in "${pids[@]}"; do kill "$p"; done
  wait "${pids[@]}" 2>/dev/null || true
  rows+=("| $policy | $load | $(echo "$end - $start" | bc -l | xargs printf '%.1f') | $before |")
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
