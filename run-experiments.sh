#!/usr/bin/env bash
# The main job: the sweep on the embedded procedural faces, then on CK+48 when it is present. Every run computes into
# its own folder under runs/ (git-ignored, resumable); results/ changes only with --publish, which copies each finished
# run there (augment publish: files staged, then renamed into place).
# With --all it also reruns the ExprGAN training runs, their editing-quality reports, the classifier
# cross-validation and the training-step benchmark (hours on 2 cores; every step resumes or writes under runs/).
# With --protocol it runs instead the cross-validated protocol of issue 14: 5 folds by subject x 3 seeds, at full data
# and with 20 training subjects, on the procedural faces and on CK+48, 1 torch thread (as the published tables were
# computed), each into runs/sweep-<dataset>-f5[-s20] and, with --publish, results/<dataset>/folds5[-subjects20]
# (many hours on 2 cores; every sweep resumes where it stopped).
# Usage: ./run-experiments.sh [--publish] [--all | --protocol] [extra sweep options]   (CK48_DIR overrides ../shared/datasets/ck48)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
all=false publish=false protocol=false
while [ $# -gt 0 ]; do
  case "$1" in
    --all) all=true; shift ;;
    --protocol) protocol=true; shift ;;
    --publish) publish=true; shift ;;
    *) break ;;
  esac
done
cd "$here/experiments"
dotnet build Experiments -c Release -v quiet
run() { dotnet run --no-build -c Release --project Experiments -- "$@"; }
ck48="${CK48_DIR:-$here/../shared/datasets/ck48}"
have_ck48=false
if [ -d "$ck48" ]; then have_ck48=true; else echo "CK+48 not found at $ck48: skipping it (set CK48_DIR to run it)."; fi
publish_flag=(); $publish && publish_flag=(--publish)

if $protocol; then
  cv() {   # cv <dataset> <run name> <results folder> [sweep options]
    local dataset="$1" run_name="$2" name="$3"; shift 3
    local data=(); [ "$dataset" = ck48 ] && data=(--dataset ck48 --data "$ck48")
    local out="$here/runs/sweep-$run_name"
    mkdir -p "$here/runs"
    # Cells an earlier machine finished and committed (publish --partial, docs/runs.md) are not computed again.
    local carried="$here/results/$dataset/$name/partial" cont=()
    [ -d "$carried" ] && cont=(--continue-from "$carried")
    # Two processes on one run folder share its cells and GANs (docs/runs.md): one per core, 1 torch thread each; the
    # second one's progress goes to a log beside the run folder.
    run sweep "${data[@]}" --folds 5 --seeds 1,2,3 --workers 2 --threads 1 --allow-weak-generator --out "$out" "${cont[@]}" "$@"
    if $publish; then run publish --run "$out" --to "$here/results/$dataset/$name"; fi
  }
  # The procedural faces with the ip-small GAN trained 10/10/40 epochs (the sweep's default GAN when these ran was
  # ip-small at 4/3/6, whose edits were too weak: results/procedural/folds5-gan4-3-6; it is now ip-procedural).
  cv procedural procedural-f5-g10 folds5 --gan-preset ip-small --gan-epochs 10,10,40 --procedural-images 4
  cv procedural procedural-f5-g10-s20 folds5-subjects20 --gan-preset ip-small --gan-epochs 10,10,40 --procedural-images 4 --train-subjects 20
  # The same folds and seeds with the sweep's default GAN today (ip-procedural, on the default 40 x 6 x 6 faces; its
  # gates checked and reported per fold): does a generator that passes them change the picture? (started 2026-12-02)
  cv procedural procedural-f5-ipp folds5-ip-procedural
  if $have_ck48; then
    # CK+48 with the `ip` preset, as these runs started (the sweep's default is now `ip-skip-avg`; cells are keyed by
    # preset name, so the resumed runs name theirs).
    cv ck48 ck48-f5 folds5 --gan-preset ip
    cv ck48 ck48-f5-s20 folds5-subjects20 --train-subjects 20 --gan-preset ip
    # The same at full data with the sweep's default `ip-skip-avg` GANs (one per fold, gates checked and reported per
    # fold), capped only: does a gate-checked generator keep the capped cells within noise on 5 folds?
    cv ck48 ck48-f5-avg folds5-ip-skip-avg --gan-preset ip-skip-avg --synthetic capped
    # The same with a 30-epoch classifier (20 is short for capped cells, 40 exceeds item 6's hour): run 2026-11-30 to
    # 2026-12-01 on an Intel Xeon, carried between sessions through a committed partial/ (publish --partial).
    cv ck48 ck48-f5-avg-e30c folds5-ip-skip-avg-e30 --gan-preset ip-skip-avg --synthetic capped --classifier-epochs 30
    # The same with the `ip-skip` GANs (started 2026-11-30; resumes).
    cv ck48 ck48-f5-ipskip folds5-ip-skip --gan-preset ip-skip
    # One hold-out split whose GAN passes every gate (`ip-skip-avg`, GAN seed 1): do gate-passing faces still cost
    # accuracy when capped? Five classifier seeds, capped only; the gates are checked, not waived.
    run sweep --dataset ck48 --data "$ck48" --gan-preset ip-skip-avg --seeds 1,2,3,4,5 --synthetic capped --threads 1 \
      --out "$here/runs/sweep-ck48-avg"
    if $publish; then run publish --run "$here/runs/sweep-ck48-avg" --to "$here/results/ck48/holdout-ip-skip-avg"; fi
    # The same seeds with the `ip-skip` GAN (the last step of the same training run, which fails identity): paired.
    run sweep --dataset ck48 --data "$ck48" --gan-preset ip-skip --seeds 1,2,3,4,5 --synthetic capped --threads 1 \
      --allow-weak-generator --out "$here/runs/sweep-ck48-ipskip-holdout"
    if $publish; then run publish --run "$here/runs/sweep-ck48-ipskip-holdout" --to "$here/results/ck48/holdout-ip-skip"; fi
  fi
  exit 0
fi

# The default generator does not pass the quality gates yet (docs/evaluation.md, issue 12): the sweep runs with it
# anyway and says so in summary.md. Drop --allow-weak-generator once a preset passes.
run sweep --allow-weak-generator "${publish_flag[@]}" "$@"
if $have_ck48; then run sweep --dataset ck48 --data "$ck48" --allow-weak-generator "${publish_flag[@]}" "$@"; fi
$all || exit 0

# The cpu-preset GAN on each data set's training subjects, then its editing quality on the held-out ones.
# Training resumes from its checkpoint if a run folder exists. With --publish, results/*/exprgan-training/ gets the
# loss curves (and grids only for the procedural faces: CK+ images stay in runs/) and results/*/evaluation/ the report.
train_and_evaluate() {
  local name="$1"; shift
  local out="$here/runs/train-$name-cpu"
  local resume=""; [ -f "$out/training.ckpt" ] && resume="--resume"
  [ -f "$out/generator.exprgan" ] || run train "$@" --preset cpu --epochs 8,6,6 --holdout-subjects 0.1 --threads 2 --seed 1 --out "$out" $resume
  run evaluate "$@" --generator "$out/generator.exprgan" --threads 2 --out "$here/runs/evaluate-$name-cpu"
  if $publish; then
    local dest="$here/results/$name/exprgan-training"
    mkdir -p "$dest"
    cp "$out"/{losses.csv,losses.png,run.json,split.json} "$dest/"
    mkdir -p "$here/results/$name/evaluation"
    cp -r "$here/runs/evaluate-$name-cpu/." "$here/results/$name/evaluation/"
  fi
}
train_and_evaluate procedural --dataset procedural
if $publish; then
  cp "$here/runs/train-procedural-cpu/grids/stage3-epoch006.png" "$here/results/procedural/exprgan-training/grid-final.png"
  cp "$here/runs/train-procedural-cpu/grids/stage2-epoch006.png" "$here/results/procedural/exprgan-training/grid-stage2-end.png"
  cp "$here/runs/train-procedural-cpu/grids/stage1-epoch008.png" "$here/results/procedural/exprgan-training/grid-stage1-end.png"
fi
if $have_ck48; then
  train_and_evaluate ck48 --dataset ck48 --data "$ck48"
  $publish && run classify-cv --dataset ck48 --data "$ck48" --folds 10 --epochs 12 --augment both --baseline --seed 1 --threads 2
fi
$publish && run bench-train --threads 2
exit 0
