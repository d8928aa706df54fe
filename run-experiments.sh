#!/usr/bin/env bash
# Regenerates results/: the sweep on the embedded procedural faces, then on CK+48 when it is present.
# Usage: ./run-experiments.sh [extra sweep options]     (CK48_DIR overrides ../shared/datasets/ck48)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet
run() { dotnet run --no-build -c Release --project Experiments -- "$@"; }
run sweep "$@"
ck48="${CK48_DIR:-$here/../shared/datasets/ck48}"
if [ -d "$ck48" ]; then
  run sweep --dataset ck48 --data "$ck48" "$@"
else
  echo "CK+48 not found at $ck48: skipping its sweep (set CK48_DIR to run it)."
fi
