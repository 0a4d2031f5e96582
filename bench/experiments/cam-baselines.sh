#!/usr/bin/env bash
# The baselines beside issue 11's loss-form table: the CAM family and the random map on the same CNN target
# (runs/exp11/target-cnn, made by loss-forms.sh), full Fashion-MNIST test set.
#   bench/experiments/cam-baselines.sh      -> docs/results/loss-forms/cnn-baselines.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
work="$root/runs/exp11"
result="$root/docs/results/loss-forms/cnn-baselines.json"
export SCAN_THREADS="${SCAN_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
[ -f "$work/target-cnn/target.json" ] || { echo "runs/exp11/target-cnn is missing: run bench/experiments/loss-forms.sh first" >&2; exit 2; }
client="$work/client-baselines"
experiment_client "$client"
dotnet "$client/scan.dll" evaluate --target "$work/target-cnn" --methods gradcam,gradcam++,xgradcam,layercam,random --format json > "$result.partial"
mv "$result.partial" "$result"
