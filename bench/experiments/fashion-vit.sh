#!/usr/bin/env bash
# Issue 11's Fashion-MNIST ViT results: the ViT target (`train-target --model vit --seed 0`, 7 epochs), SCAN decoders
# for each loss form and seed (2 epochs on the 59,500 training images), and SCAN beside the attention and CAM
# baselines on the whole test set. Every piece writes its own file and is skipped when that file exists, so it runs
# in pieces, across sessions:
#   bench/experiments/fashion-vit.sh [FORMS] [SEEDS] [BASELINE-GROUPS]   e.g. bench/experiments/fashion-vit.sh "original prior" "1" "attention cam"
# Forms as in loss-forms.sh (original is the default recipe); baseline groups: attention (rollout, chefer, attention),
# cam (layercam, gradcam++, gradcam, random).
# Results: docs/results/fashion-mnist-vit-default/target.log, scan-FORM-sSEED.log/.json, baselines-GROUP.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
forms="${1:-original}"
seeds="${2:-1}"
groups="${3:-attention cam}"
work="$root/runs/exp11-vit"
target="$work/target-vit"
results="$root/docs/results/fashion-mnist-vit-default"
mkdir -p "$work" "$results"

experiment_scan "$work/client"

if [ ! -f "$target/target.json" ]; then
  echo "$(date -u +%FT%TZ) training the ViT target" >&2
  rm -rf "$target"
  scan train-target --model vit --out "$target" --seed 0 > "$results/target.log" 2>&1
fi

evaluate() { # NAME METHODS [ARGS…]: one result file
  local name="$1" methods="$2"
  shift 2
  [ -f "$results/$name.json" ] && return 0
  echo "$(date -u +%FT%TZ) evaluating $methods" >&2
  scan evaluate --target "$target" --methods "$methods" --format json "$@" > "$results/$name.json.partial"
  mv "$results/$name.json.partial" "$results/$name.json"
}

for seed in $seeds; do
  for form in $forms; do
    name="scan-$form-s$seed"
    decoder="$work/decoder-$form-s$seed"
    [ -f "$results/$name.json" ] && continue
    if [ ! -f "$decoder/decoder.json" ]; then
      read -ra loss <<< "$(loss_flags "$form")"
      echo "$(date -u +%FT%TZ) $name: training the decoder" >&2
      rm -rf "$decoder"
      scan train --target "$target" --out "$decoder" --epochs 2 --seed "$seed" "${loss[@]}" > "$results/$name.log" 2>&1
    fi
    evaluate "$name" scan --decoder "$decoder"
  done
done
for group in $groups; do
  case "$group" in
    attention) evaluate baselines-attention rollout,chefer,attention ;;
    cam) evaluate baselines-cam layercam,gradcam++,gradcam,random ;;
    *) echo "unknown baseline group $group" >&2; exit 2 ;;
  esac
done
