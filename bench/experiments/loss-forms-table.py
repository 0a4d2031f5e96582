#!/usr/bin/python3
"""Prints docs/decisions.md's loss-form table from the result files of loss-forms.sh (stdlib only).

    bench/experiments/loss-forms-table.py [RESULTS_DIR]

One row per piece (form, seed, epochs): the full test set's AUC-D, pos and neg AUC from the .json, and the validation
AUC-D of each epoch from the training log's curve; then, per form and length, the spread (max − min) over seeds.
"""
import json
import pathlib
import re
import sys
from collections import defaultdict

results = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parents[2] / "docs/results/loss-forms")
name = re.compile(r"^cnn-(?P<form>[a-z0-9]+)-s(?P<seed>\d+)-e(?P<epochs>\d+)$")
epoch_row = re.compile(r"^│\s*\d+\s*│\s*[\d.]+\s*│\s*(-?[\d.]+)\s*│")

rows = []
for path in sorted(results.glob("cnn-*.json")):
    match = name.match(path.stem)
    if not match:
        continue
    scan = json.loads(path.read_text())["methods"]["scan"]
    log = path.with_suffix(".log")
    curve = [m.group(1) for line in log.read_text().splitlines() if (m := epoch_row.match(line))] if log.exists() else []
    rows.append((match["form"], int(match["epochs"]), int(match["seed"]), scan["auc_d"], scan["pos_auc"], scan["neg_auc"], curve))

print("| form | epochs | seed | test AUC-D | pos AUC | neg AUC | validation AUC-D per epoch |")
print("|---|---|---|---|---|---|---|")
spread = defaultdict(list)
for form, epochs, seed, auc_d, pos, neg, curve in sorted(rows):
    print(f"| {form} | {epochs} | {seed} | {auc_d:.2f} | {pos:.2f} | {neg:.2f} | {', '.join(curve)} |")
    spread[form].append(auc_d)
print()
for form, values in sorted(spread.items()):
    print(f"{form}: {len(values)} pieces, AUC-D {min(values):.2f} … {max(values):.2f} (spread {max(values) - min(values):.2f})")
