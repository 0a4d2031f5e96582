#!/usr/bin/python3
"""Prints `scan evaluate --format json` files as one Markdown table (stdlib only), for README and docs/decisions.md.

    bench/experiments/evaluate-table.py FILE.json [LABEL=FILE.json …]

Each file gives a row per method; a LABEL= prefix names the file's rows (e.g. the decoder's loss form). Localisation
columns (pointing game, energy pointing game, top-20 % IoU) are filled when the file has them.
"""
import json
import sys

print("| rows | method | AUC-D ↑ | pos AUC ↓ | neg AUC ↑ | pointing game ↑ | energy pointing game ↑ | top-20 % IoU ↑ | ms/image | images |")
print("|---|---|---|---|---|---|---|---|---|---|")
for argument in sys.argv[1:]:
    label, _, path = argument.rpartition("=")
    methods = json.load(open(path))["methods"]
    for name, scores in sorted(methods.items(), key=lambda item: -item[1]["auc_d"]):
        local = [f"{scores[key]:.2f}" if key in scores else "" for key in ("pointing_game", "energy_pointing_game", "top20_iou")]
        print(f"| {label or path} | {name} | {scores['auc_d']:.2f} | {scores['pos_auc']:.2f} | {scores['neg_auc']:.2f} | "
              f"{' | '.join(local)} | {scores['ms_per_image']:.2f} | {scores['n']} |")
