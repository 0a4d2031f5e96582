"""torch.optim.Adam / AdamW on given parameters and gradients: the reference that AdamOptimizerTests compare against.

Reads JSON from stdin: {"groups": [{"weight_decay": w, "parameters": [[values…], …]}, …],
"gradients": [[[values…] per parameter, in group order] per step], "learning_rates": [lr per step]}.
Writes the parameters after the last step, in the same order, as JSON. Values are float32.
"""
import json
import sys

import torch

request = json.load(sys.stdin)
groups = []
for group in request["groups"]:
    parameters = [torch.nn.Parameter(torch.tensor(values, dtype=torch.float32)) for values in group["parameters"]]
    groups.append({"params": parameters, "weight_decay": group["weight_decay"]})
optimizer = torch.optim.AdamW(groups, lr=request["learning_rates"][0], foreach=False)
flat = [p for g in groups for p in g["params"]]
for gradients, learning_rate in zip(request["gradients"], request["learning_rates"]):
    for group in optimizer.param_groups:
        group["lr"] = learning_rate
    for parameter, gradient in zip(flat, gradients):
        parameter.grad = torch.tensor(gradient, dtype=torch.float32)
    optimizer.step()
json.dump([p.detach().tolist() for p in flat], sys.stdout)
