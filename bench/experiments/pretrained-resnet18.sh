#!/usr/bin/env bash
# Issue 12's pretrained target end to end: the ImageNet ResNet-18 that NuGet's Microsoft.ML.DnnImageFeaturizer.ResNet18
# ships as ONNX, imported, given a classifier head trained here on Fashion-MNIST on natural backgrounds (the rest
# frozen), a SCAN decoder trained for it and the evaluation run as jobs of a 2-silo cluster (2 workers), then report. Each piece writes its own file and is skipped when that file exists, so it runs in pieces, across sessions:
#   bench/experiments/pretrained-resnet18.sh [LIMIT]     e.g. bench/experiments/pretrained-resnet18.sh 2000
# LIMIT: the first N test images (default all 10,000; on 2 CPU cores the six methods score about 1 image/s).
# The 64×64 images are read at 112×112 (the transform resizes the shorter side to 128, then crops 112) and SCAN
# explains layer3, whose 7×7 grid is the paper's map resolution (layer4 is 4×4 at this size); every method explains
# the same layer. The decoder trains 1 epoch on the first 20,000 training images (the CNN recipe of the other scripts),
# validated on 100 held-out images (SCAN scores about 1 image/s here on one core).
# The report (tables and the explanation grid) scores the first 50 test images, with 3 random maps per image.
# The evaluation keeps its finished shards (100 images each) in docs/results/pretrained/evaluate-LIMIT-progress.json:
# stop the script at any time, commit that file, and a later run (on a machine whose runs/ is gone: the target and
# decoder are retrained bit for bit, which the file checks by their weights' SHA-256) scores only the missing shards.
# Results: docs/results/pretrained/{import,head,decoder,report}.log, evaluate-LIMIT.{json,log}, report/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
limit="${1:-10000}"
layer=layer3
work="$root/runs/pretrained"
data="$root/runs/natural"
results="$root/docs/results/pretrained"
onnx="$HOME/.nuget/packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx"
methods=scan,gradcam,gradcam++,xgradcam,layercam,random
mkdir -p "$work" "$results"

[ -f "$onnx" ] || { echo "$onnx is missing: restore it with 'dotnet restore tests/Scan.Core.Tests' (a PackageDownload)" >&2; exit 2; }
experiment_scan "$work/client"
[ -f "$data/dataset.json" ] || scan make-dataset --out "$data" >&2

if [ ! -f "$work/imported/target.json" ]; then
  ls "$data/train" > "$work/classes.txt"
  scan import --arch mlnet_resnet18 --weights "$onnx" --classes "$work/classes.txt" --image-size 112 --out "$work/imported" > "$results/import.log" 2>&1
fi
if [ ! -f "$work/target/target.json" ]; then
  echo "$(date -u +%FT%TZ) training the head on all training images" >&2
  scan train-head --target "$work/imported" --data "$data" --out "$work/target" --seed 1 > "$results/head.log" 2>&1
fi
evaluation="$results/evaluate-$limit"
if [ ! -f "$evaluation.json" ]; then
  source "$root/bench/experiments/local-cluster.sh"
  start_local_cluster "$work/cluster" 2 "$root/runs"
  if [ ! -f "$work/decoder/decoder.json" ]; then
    echo "$(date -u +%FT%TZ) training the decoder on a 2-silo cluster" >&2
    rm -rf "$work/decoder"
    scan train --cluster "$cluster" --workers 2 --target "$work/target" --data "$data" --layer "$layer" \
      --out "$work/decoder" --epochs 1 --limit 20000 --validation 100 --seed 1 > "$results/decoder.log" 2>&1
  fi
  # The silos write only under runs/: the progress file lives there while the job runs and is copied back at the end,
  # however the script ends.
  progress="$work/evaluate-$limit-progress.json"
  [ -f "$evaluation-progress.json" ] && [ ! -f "$progress" ] && cp "$evaluation-progress.json" "$progress"
  trap 'stop_local_cluster; [ -f "$progress" ] && cp "$progress" "$evaluation-progress.json"' EXIT
  echo "$(date -u +%FT%TZ) evaluating $methods on $limit test images on the 2-silo cluster" >&2
  scan evaluate --cluster "$cluster" --workers 2 --target "$work/target" --decoder "$work/decoder" --data "$data" --layer "$layer" \
    --methods "$methods" --limit "$limit" --shard-size 100 --progress "$progress" --format json \
    > "$evaluation.json.partial" 2>> "$evaluation.log"
  mv "$evaluation.json.partial" "$evaluation.json"
  stop_local_cluster
fi
if [ ! -f "$results/report/report.md" ]; then
  echo "$(date -u +%FT%TZ) report on the first 50 test images" >&2
  scan report --target "$work/target" --decoder "$work/decoder" --data "$data" --layer "$layer" --methods "$methods" \
    --limit 50 --random-maps 3 --grid-images 6 --out "$results/report" > "$results/report.log" 2>&1
fi
echo "$(date -u +%FT%TZ) done" >&2
