#!/usr/bin/env bash
# Issue 11's sanity checks and ablations with the default recipe, for the targets of the other experiment scripts:
#   fashion-cnn   runs/exp11/target-cnn          (bench/experiments/loss-forms.sh makes it)
#   fashion-vit   runs/exp11-vit/target-vit      (bench/experiments/fashion-vit.sh)
#   natural-cnn   runs/natural-exp/target-cnn    (bench/experiments/natural-targets.sh cnn)
#   natural-vit   runs/natural-exp/target-vit    (bench/experiments/natural-targets.sh vit)
#   bench/experiments/ablation-sanity.sh [TARGETS] [KINDS]    e.g. bench/experiments/ablation-sanity.sh "fashion-cnn" "ablate sanity"
#   bench/experiments/ablation-sanity.sh --keep-cells         keeps the finished variants of runs still going (before a commit)
# Each CNN decoder trains 1 epoch on the first 20,000 training images (the first round's settings); each ViT decoder
# 1 epoch on all of them (on 20,000 the Fashion-MNIST ViT's decoder validates at 14.61, on 59,500 at 43.65). Each run
# is scored on the first 1,000 test images. `scan ablate` and `scan sanity` keep every variant in its own directory
# and continue where they stopped; this script also keeps each finished variant's cell.json and evaluate.json under
# docs/results/ablation-sanity/cells/ and puts them back before it runs, so the work continues across machines whose
# runs/ is gone (the targets are deterministic: their scripts retrain them bit for bit).
# Results: docs/results/ablation-sanity/TARGET-KIND.json, the whole output as .log and without its progress lines
# as .txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/bench/experiments/common.sh"
targets="${1:-fashion-cnn fashion-vit natural-cnn natural-vit}"
kinds="${2:-ablate sanity}"
results="$root/docs/results/ablation-sanity"
mkdir -p "$results"

# Copies every finished variant (a directory holding evaluate.json) of experiment directory $1 into $2, keeping only
# its cell.json and evaluate.json.
keep_cells() {
  local from="$1" to="$2" cell
  [ -d "$from" ] || return 0
  for cell in "$from"/*/; do
    [ -f "$cell/evaluate.json" ] || continue
    mkdir -p "$to/$(basename "$cell")"
    cp "$cell/cell.json" "$cell/evaluate.json" "$to/$(basename "$cell")/"
  done
}

if [ "${1:-}" = --keep-cells ]; then
  for work in "$root"/runs/ablation-sanity/*-ablate "$root"/runs/ablation-sanity/*-sanity; do
    [ -d "$work" ] && [ ! -f "$results/$(basename "$work").json" ] && keep_cells "$work" "$results/cells/$(basename "$work")"
  done
  exit 0
fi

experiment_scan "$root/runs/ablation-sanity/client"

for name in $targets; do
  case "$name" in
    fashion-cnn) target="$root/runs/exp11/target-cnn"; data=(); methods=scan,gradcam,random; budget=(--decoder-epochs 1 --decoder-limit 20000) ;;
    fashion-vit) target="$root/runs/exp11-vit/target-vit"; data=(); methods=scan,rollout,gradcam,random; budget=(--decoder-epochs 1 --decoder-limit 60000) ;;
    natural-cnn) target="$root/runs/natural-exp/target-cnn"; data=(--data "$root/runs/natural"); methods=scan,gradcam,random; budget=(--decoder-epochs 1 --decoder-limit 20000) ;;
    natural-vit) target="$root/runs/natural-exp/target-vit"; data=(--data "$root/runs/natural"); methods=scan,rollout,gradcam,random; budget=(--decoder-epochs 1 --decoder-limit 60000) ;;
    *) echo "unknown target $name" >&2; exit 2 ;;
  esac
  [ -f "$target/target.json" ] || { echo "$target is missing: see this script's header for the script that makes it" >&2; exit 2; }
  for kind in $kinds; do
    result="$results/$name-$kind"
    [ -f "$result.json" ] && continue
    work="$root/runs/ablation-sanity/$name-$kind"
    cells="$results/cells/$name-$kind"
    if [ -d "$cells" ]; then mkdir -p "$work" && cp -rn "$cells"/. "$work"/; fi
    extra=()
    [ "$kind" = sanity ] && extra=(--methods "$methods")
    echo "$(date -u +%FT%TZ) $name: $kind" >&2
    status=0
    scan "$kind" --target "$target" "${data[@]}" --out "$work" --limit 1000 "${budget[@]}" "${extra[@]}" > "$result.log" 2>&1 || status=$?
    keep_cells "$work" "$cells"
    [ "$status" -eq 0 ] || { echo "$name $kind stopped (exit $status): see $result.log" >&2; exit "$status"; }
    grep -vE '^(train|evaluate|validate)-' "$result.log" > "$result.txt" || true
    cp "$work/$( [ "$kind" = ablate ] && echo ablation.json || echo sanity.json )" "$result.json"
    rm -rf "$cells"
  done
done
