#!/usr/bin/env bash
# The two generator designs side by side (issue 12): each trained on the training subjects of one hold-out split
# (seed 1) and scored by `evaluate` on the held-out subjects (quality gates, nearest-face identity, intensity control).
# Runs go to runs/ (git-ignored, resumable); nothing in results/ changes. The reports published in results/*/evaluation-*
# were made by these commands (their report.md records commit, machine and threads).
# Usage: experiments/designs.sh [procedural|ck48]...   (CK48_DIR overrides ../shared/datasets/ck48; 1 thread each)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet
run() { dotnet run --no-build -c Release --project Experiments -- "$@"; }
ck48="${CK48_DIR:-$here/../shared/datasets/ck48}"
train_and_evaluate() {
  local name="$1" preset="$2" epochs="$3"; shift 3
  local out="$here/runs/design-$name"
  local resume=""; [ -f "$out/training.ckpt" ] && resume="--resume"
  [ -f "$out/generator.exprgan" ] || run train "$@" --preset "$preset" --epochs "$epochs" --threads 1 --seed 1 --out "$out" $resume
  run evaluate "$@" --generator "$out/generator.exprgan" --threads 1 --out "$here/runs/evaluate-design-$name"
}
sets=("$@"); [ ${#sets[@]} -gt 0 ] || sets=(procedural ck48)
for data in "${sets[@]}"; do
  case "$data" in
    procedural)
      # 10 of 40 identities held out, so that 5 x chance of the identity gate is reachable.
      train_and_evaluate procedural-paper small 8,6,6 --holdout-subjects 0.25
      train_and_evaluate procedural-ip ip-small 6,4,10 --holdout-subjects 0.25 ;;
    ck48)
      [ -d "$ck48" ] || { echo "CK+48 not found at $ck48: skipped (set CK48_DIR)."; continue; }
      train_and_evaluate ck48-paper cpu 8,6,6 --dataset ck48 --data "$ck48" --size 48 --holdout-subjects 0.1
      train_and_evaluate ck48-ip ip 10,10,40 --dataset ck48 --data "$ck48" --size 48 --holdout-subjects 0.1 ;;
    *) echo "unknown data set '$data' (procedural or ck48)"; exit 2 ;;
  esac
done
