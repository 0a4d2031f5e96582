#!/usr/bin/env bash
# Issue 11's loss-form table: SCAN decoders trained with each confidence-loss form, for several seeds and training
# lengths, each scored on the whole Fashion-MNIST test set. Every piece writes its own result file and is skipped when
# that file exists, so the grid can run in pieces, across sessions:
#   bench/experiments/loss-forms.sh [FORMS] [SEEDS] [EPOCHS]     e.g. bench/experiments/loss-forms.sh "original eq9" "1 2 3" "1 3 5"
# Forms (all with the authors' other settings: stretch constant 1.5, training percentiles U(0, 95), the predicted class's
# softmax gradient, bilinear upsampling with 3 full-resolution residual modules):
#   original  Ĉ/α + 1 − Ĉ (the authors' TensorFlow code)
#   eq9       αĈ + 1 − Ĉ (the paper's Eq. 9 as printed)
#   prior     Eq. 9's weight measured against the training set's mean image (this project's first-round default)
# Target: runs/exp11/target-cnn, trained by `scan train-target --model cnn --epochs 3 --seed 0` (the demo's recipe).
# Results: docs/results/loss-forms/cnn-FORM-sSEED-eEPOCHS.json (scan evaluate --format json) and .log (training).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
forms="${1:-original eq9 prior}"
seeds="${2:-1 2 3}"
epochs_list="${3:-1 3 5}"
work="$root/runs/exp11"
target="$work/target-cnn"
results="$root/docs/results/loss-forms"
mkdir -p "$work" "$results"

experiment_scan "$work/client"

if [ ! -f "$target/target.json" ]; then
  scan train-target --model cnn --out "$target" --epochs 3 --seed 0 >&2
fi

common=(--stretch-constant 1.5 --train-percentile-min 0 --train-percentile-max 95 --mask-gradient softmax
        --upsampling bilinear --full-resolution-modules 3)
for epochs in $epochs_list; do
  for seed in $seeds; do
    for form in $forms; do
      name="cnn-$form-s$seed-e$epochs"
      [ -f "$results/$name.json" ] && continue
      flags=$(loss_flags "$form")
      read -ra loss <<< "$flags"
      decoder="$work/decoders/$name"
      rm -rf "$decoder"
      echo "$(date -u +%FT%TZ) $name: training" >&2
      start=$(date +%s)
      scan train --target "$target" --out "$decoder" --epochs "$epochs" --seed "$seed" "${common[@]}" "${loss[@]}" > "$results/$name.log" 2>&1
      trained=$(date +%s)
      scan evaluate --target "$target" --decoder "$decoder" --methods scan --format json > "$results/$name.json.partial"
      mv "$results/$name.json.partial" "$results/$name.json"
      echo "$(date -u +%FT%TZ) $name: trained in $((trained - start)) s, evaluated in $(( $(date +%s) - trained )) s" | tee -a "$results/$name.log" >&2
    done
  done
done
