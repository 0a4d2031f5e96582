#!/usr/bin/env bash
# Issue 11's sanity checks and ablations with the default recipe, for the targets of the other experiment scripts:
#   fashion-cnn   runs/exp11/target-cnn          (bench/experiments/loss-forms.sh makes it)
#   fashion-vit   runs/exp11-vit/target-vit      (bench/experiments/fashion-vit.sh)
#   natural-cnn   runs/natural-exp/target-cnn    (bench/experiments/natural-targets.sh cnn)
#   natural-vit   runs/natural-exp/target-vit    (bench/experiments/natural-targets.sh vit)
#   bench/experiments/ablation-sanity.sh [TARGETS] [KINDS]    e.g. bench/experiments/ablation-sanity.sh "fashion-cnn" "ablate sanity"
# Each decoder trains 1 epoch on the first 20,000 training images and each run is scored on the first 1,000 test
# images (the first round's settings). `scan ablate` and `scan sanity` keep every variant in its own directory and
# continue where they stopped, so this runs in pieces, across sessions.
# Results: docs/results/ablation-sanity/TARGET-ablate.json / -sanity.json, the whole output as .log and without its
# progress lines as .txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
targets="${1:-fashion-cnn fashion-vit natural-cnn natural-vit}"
kinds="${2:-ablate sanity}"
results="$root/docs/results/ablation-sanity"
mkdir -p "$results"

experiment_scan "$root/runs/ablation-sanity/client"

for name in $targets; do
  case "$name" in
    fashion-cnn) target="$root/runs/exp11/target-cnn"; data=(); methods=scan,gradcam,random ;;
    fashion-vit) target="$root/runs/exp11-vit/target-vit"; data=(); methods=scan,rollout,gradcam,random ;;
    natural-cnn) target="$root/runs/natural-exp/target-cnn"; data=(--data "$root/runs/natural"); methods=scan,gradcam,random ;;
    natural-vit) target="$root/runs/natural-exp/target-vit"; data=(--data "$root/runs/natural"); methods=scan,rollout,gradcam,random ;;
    *) echo "unknown target $name" >&2; exit 2 ;;
  esac
  [ -f "$target/target.json" ] || { echo "$target is missing: see this script's header for the script that makes it" >&2; exit 2; }
  for kind in $kinds; do
    result="$results/$name-$kind"
    [ -f "$result.json" ] && continue
    extra=()
    [ "$kind" = sanity ] && extra=(--methods "$methods")
    echo "$(date -u +%FT%TZ) $name: $kind" >&2
    scan "$kind" --target "$target" "${data[@]}" --out "$root/runs/ablation-sanity/$name-$kind" --limit 1000 \
      --decoder-epochs 1 --decoder-limit 20000 "${extra[@]}" > "$result.log" 2>&1
    grep -vE '^(train|evaluate|validate)-' "$result.log" > "$result.txt" || true
    cp "$root/runs/ablation-sanity/$name-$kind/$( [ "$kind" = ablate ] && echo ablation.json || echo sanity.json )" "$result.json"
  done
done
