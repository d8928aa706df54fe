#!/usr/bin/env bash
# How libgomp's wait policy changes one training alone on an idle machine (threads.sh measures the busy case).
# Runs `augment train --preset P --epochs E --threads 2` under each policy in turn, round after round (ABC ABC, so a
# drift in the host's speed hits every policy alike), and reads each run's mean seconds per stage-3 epoch from its
# losses.csv (the step time, without start-up). Writes results/benchmarks/wait-policy-<preset>.md.
# Usage: experiments/benchmarks/wait-policy.sh [preset] [epochs] [rounds]   (from anywhere; nothing else should run)
# Policies: PASSIVE (the command line's default: sleep at once), ACTIVE (always spin), and SPIN10K: PASSIVE with
# GOMP_SPINCOUNT=10000 (an explicit spin count overrides the policy's: spin about 0.1 ms, then sleep).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
preset="${1:-ip-procedural}"; epochs="${2:-1,1,4}"; rounds="${3:-2}"
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet > /dev/null
exe="$here/experiments/Experiments/bin/Release/net10.0/augment"
out="$here/results/benchmarks/wait-policy-$preset.md"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
policies=(PASSIVE ACTIVE SPIN10K)
declare -A sums counts
stage3() {   # losses.csv -> mean seconds per stage-3 epoch (each epoch's last row), the first epoch left out (warm-up)
  awk -F, 'NR > 1 && $1 == 3 { last[$2] = $5 } END { n = 0; s = 0; for (e in last) if (e > 0) { s += last[e]; n++ } printf "%.2f", s / n }' "$1"
}
rows=()
for r in $(seq "$rounds"); do
  for p in "${policies[@]}"; do
    dir="$tmp/$p-$r"
    case "$p" in
      SPIN10K) GOMP_SPINCOUNT=10000 "$exe" train --preset "$preset" --epochs "$epochs" --threads 2 --seed 1 --out "$dir" > "$tmp/log" 2>&1 ;;
      *) OMP_WAIT_POLICY="$p" "$exe" train --preset "$preset" --epochs "$epochs" --threads 2 --seed 1 --out "$dir" > "$tmp/log" 2>&1 ;;
    esac
    s="$(stage3 "$dir/losses.csv")"
    rows+=("| $r | $p | $s | $(cut -d' ' -f1 /proc/loadavg) |")
    printf '%s\n' "${rows[-1]}" >&2
  done
done
commit="$(git -C "$here" rev-parse --short=12 HEAD)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
fam="$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | xargs)"; model="$(grep -m1 '^model\s' /proc/cpuinfo | cut -d: -f2 | xargs)"
{
  echo "# OpenMP wait policy, one training alone: $preset"
  echo
  echo "\`augment train --preset $preset --epochs $epochs --threads 2 --seed 1\` under each policy, $rounds rounds in turn."
  echo "Seconds per stage-3 epoch: the mean of each epoch's last \`seconds\` in losses.csv, the first epoch left out."
  echo "SPIN10K: PASSIVE (the command line's default) with GOMP_SPINCOUNT=10000: an explicit spin count overrides the policy's, so idle threads spin about 0.1 ms, then sleep."
  echo
  echo "| round | policy | s per stage-3 epoch | load average after |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- command: \`experiments/benchmarks/wait-policy.sh $preset $epochs $rounds\`"
  echo "- machine: $cpu (family $fam, model $model), $(nproc) logical cores; commit $commit; $(date -u '+%Y-%m-%d %H:%M') UTC"
} > "$out.tmp-$$"
mv "$out.tmp-$$" "$out"
echo "wrote $out" >&2
