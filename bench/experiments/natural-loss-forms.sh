#!/usr/bin/env bash
# Issue 11's loss forms on natural backgrounds: SCAN decoders for the natural-background CNN target
# (made by natural-targets.sh) with each confidence-loss form, scored on the first LIMIT test images.
#   bench/experiments/natural-loss-forms.sh [FORMS] [SEED] [LIMIT]    e.g. bench/experiments/natural-loss-forms.sh "eq9 prior" 1 2000
# Forms as in loss-forms.sh: original (the default), eq9, prior; every other setting is the default.
# Results: docs/results/natural/cnn-FORM-sSEED.json (scan evaluate --format json) and .log (training).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
forms="${1:-eq9 prior}"
seed="${2:-1}"
limit="${3:-2000}"
work="$root/runs/natural-exp"
results="$root/docs/results/natural"
export SCAN_THREADS="${SCAN_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
[ -f "$work/target-cnn/target.json" ] || { echo "runs/natural-exp/target-cnn is missing: run bench/experiments/natural-targets.sh cnn first" >&2; exit 2; }
scan() { dotnet "$work/client/scan.dll" "$@"; }
for form in $forms; do
  name="cnn-$form-s$seed"
  [ -f "$results/$name.json" ] && continue
  flags=$(loss_flags "$form")
  read -ra loss <<< "$flags"
  decoder="$work/decoders/$name"
  rm -rf "$decoder"
  echo "$(date -u +%FT%TZ) $name: training" >&2
  scan train --target "$work/target-cnn" --data "$root/runs/natural" --out "$decoder" --epochs 1 --limit 20000 --seed "$seed" "${loss[@]}" > "$results/$name.log" 2>&1
  scan evaluate --target "$work/target-cnn" --decoder "$decoder" --data "$root/runs/natural" --methods scan --limit "$limit" --format json > "$results/$name.json.partial"
  mv "$results/$name.json.partial" "$results/$name.json"
  echo "$(date -u +%FT%TZ) $name: done" >&2
done
