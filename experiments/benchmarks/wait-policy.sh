#!/usr/bin/env bash
# How libgomp's wait policy changes one training alone on an idle machine (threads.sh measures the busy case).
# Runs `augment train --preset P --epochs E --threads 2` under each policy in turn, round after round (ABC ABC, so a
# drift in the host's speed hits every policy alike), and reads each run's mean seconds per stage-3 epoch from its
# losses.csv (the step time, without start-up). Writes results/benchmarks/wait-policy-<preset>.md.
# Usage: experiments/benchmarks/wait-policy.sh [preset] [epochs] [rounds] [jobs]   (from anywhere; nothing else should
# run). jobs 2: two such trainings at once per policy (the oversubscribed case, 4 threads on 2 cores), plus two at
# --threads 1 for reference; writes results/benchmarks/wait-policy-<preset>-2jobs.md.
# Policies: PASSIVE (sleep at once: the command line's default before 2026-12-02, and still for a process given fewer
# threads than cores), ACTIVE (always spin), and SPIN10K: PASSIVE with GOMP_SPINCOUNT=10000 (an explicit spin count
# overrides the policy's: spin about 0.1 ms, then sleep; the default since then for a process given every core).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
preset="${1:-ip-procedural}"; epochs="${2:-1,1,4}"; rounds="${3:-2}"; jobs="${4:-1}"
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet > /dev/null
exe="$here/experiments/Experiments/bin/Release/net10.0/augment"
out="$here/results/benchmarks/wait-policy-$preset$([ "$jobs" = 1 ] || echo "-${jobs}jobs").md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
policies=(PASSIVE ACTIVE SPIN10K)
[ "$jobs" = 1 ] || policies=(PASSIVE SPIN10K 1THREAD)
declare -A sums counts
stage3() {   # losses.csv -> mean seconds per stage-3 epoch (each epoch's last row), the first epoch left out (warm-up)
  awk -F, 'NR > 1 && $1 == 3 { last[$2] = $5 } END { n = 0; s = 0; for (e in last) if (e > 0) { s += last[e]; n++ } printf "%.2f", s / n }' "$1"
}
rows=()
for r in $(seq "$rounds"); do
  for p in "${policies[@]}"; do
    pids=()
    for j in $(seq "$jobs"); do
      dir="$tmp/$p-$r-$j"
      case "$p" in
        SPIN10K) GOMP_SPINCOUNT=10000 "$exe" train --preset "$preset" --epochs "$epochs" --threads 2 --seed 1 --out "$dir" > "$tmp/log-$j" 2>&1 & ;;
        1THREAD) "$exe" train --preset "$preset" --epochs "$epochs" --threads 1 --seed 1 --out "$dir" > "$tmp/log-$j" 2>&1 & ;;
        *) OMP_WAIT_POLICY="$p" "$exe" train --preset "$preset" --epochs "$epochs" --threads 2 --seed 1 --out "$dir" > "$tmp/log-$j" 2>&1 & ;;
      esac
      pids+=("$!")
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    s=""
    for j in $(seq "$jobs"); do s="$s${s:+ / }$(stage3 "$tmp/$p-$r-$j/losses.csv")"; done
    rows+=("| $r | $p | $s | $(cut -d' ' -f1 /proc/loadavg) |")
    printf '%s\n' "${rows[-1]}" >&2
  done
done
commit="$(git -C "$here" rev-parse --short=12 HEAD)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
fam="$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs)"; model="$(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs)"
{
  echo "# OpenMP wait policy, $([ "$jobs" = 1 ] && echo "one training alone" || echo "$jobs trainings at once"): $preset"
  echo
  echo "\`augment train --preset $preset --epochs $epochs --threads 2 --seed 1\` under each policy, $rounds rounds in turn, $jobs at a time (1THREAD: --threads 1 instead)."
  echo "Seconds per stage-3 epoch: the mean of each epoch's last \`seconds\` in losses.csv, the first epoch left out."
  echo "PASSIVE: idle threads sleep at once. ACTIVE: they spin for good. SPIN10K: PASSIVE with GOMP_SPINCOUNT=10000 (an explicit spin count overrides the policy's): they spin about 0.1 ms, then sleep."
  echo
  echo "| round | policy | s per stage-3 epoch (each job) | load average after |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- command: \`experiments/benchmarks/wait-policy.sh $preset $epochs $rounds $jobs\`"
  echo "- machine: $cpu (family $fam, model $model), $(nproc) logical cores; commit $commit; $(date -u '+%Y-%m-%d %H:%M') UTC"
} > "$out.tmp-$$"
mv "$out.tmp-$$" "$out"
echo "wrote $out" >&2
