#!/usr/bin/env bash
# Issue 11's natural-background results: CNN and ViT targets trained on Fashion-MNIST on natural backgrounds
# (scan make-dataset), a SCAN decoder for each with the default recipe, and SCAN scored beside the baselines
# (perturbation and localisation metrics) on the first LIMIT test images. Every piece writes its own file and is
# skipped when that file exists, so it runs in pieces, across sessions:
#   bench/experiments/natural-targets.sh [MODELS] [LIMIT] [SIZE]   e.g. bench/experiments/natural-targets.sh "cnn vit" 2000 32
# The data set is written at 64×64; the targets read it at SIZE×SIZE (default 32: on 2 CPU cores the CNN trains at
# about 23 images/s at 64×64, about 10× slower than at 32×32).
# The CNN's decoder trains 1 epoch on the first 20,000 training images, the ViT's 1 epoch on all of them (ViT decoders
# need the larger budget: on Fashion-MNIST 20,000 images validate at 14.61, 59,500 at 43.65).
# Results: docs/results/natural/MODEL-target.log, MODEL-decoder.log, MODEL-evaluate.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
models="${1:-cnn vit}"
limit="${2:-2000}"
size="${3:-32}"
work="$root/runs/natural-exp"
data="$root/runs/natural"
results="$root/docs/results/natural"
mkdir -p "$work" "$results"

experiment_scan "$work/client"
[ -f "$data/dataset.json" ] || scan make-dataset --out "$data" >&2

for model in $models; do
  case "$model" in
    cnn) target_epochs=2; decoder=(--epochs 1 --limit 20000); methods=scan,gradcam,gradcam++,xgradcam,layercam,random ;;
    vit) target_epochs=2; decoder=(--epochs 1); methods=scan,gradcam,gradcam++,layercam,attention,rollout,chefer,random ;;
    *) echo "unknown model $model" >&2; exit 2 ;;
  esac
  target="$work/target-$model"
  if [ ! -f "$target/target.json" ]; then
    echo "$(date -u +%FT%TZ) $model: training the target ($target_epochs epochs)" >&2
    rm -rf "$target"
    scan train-target --model "$model" --data "$data" --out "$target" --epochs "$target_epochs" --image-size "$size" --seed 0 > "$results/$model-target.log" 2>&1
  fi
  if [ ! -f "$results/$model-evaluate.json" ] && [ ! -f "$work/decoder-$model/decoder.json" ]; then
    echo "$(date -u +%FT%TZ) $model: training the decoder" >&2
    rm -rf "$work/decoder-$model"
    scan train --target "$target" --data "$data" --out "$work/decoder-$model" --seed 1 "${decoder[@]}" > "$results/$model-decoder.log" 2>&1
  fi
  if [ ! -f "$results/$model-evaluate.json" ]; then
    echo "$(date -u +%FT%TZ) $model: evaluating $methods on $limit test images" >&2
    scan evaluate --target "$target" --decoder "$work/decoder-$model" --data "$data" --methods "$methods" --limit "$limit" --format json > "$results/$model-evaluate.json.partial"
    mv "$results/$model-evaluate.json.partial" "$results/$model-evaluate.json"
  fi
  echo "$(date -u +%FT%TZ) $model: done" >&2
done
