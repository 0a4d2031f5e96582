"""Loads a target's weights.safetensors into torchvision's model in PyTorch, reading the format by its specification
(an 8-byte little-endian header length, a JSON header of name -> dtype, shape, data_offsets, then the raw data), and
compares every tensor with the state_dict it was imported from.

Reads JSON from stdin: {"arch": "resnet18", "classes": 10, "safetensors": path, "state_dict": path}.
Prints {"tensors": count, "largest_difference": value} after load_state_dict(strict=True) succeeded. Given only
{"safetensors": path} (a decoder, which has no PyTorch class here), prints {"shapes": {name: shape}} of the tensors
PyTorch read.
"""
import json
import struct
import sys

import torch
import torchvision

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "F16": torch.float16, "BF16": torch.bfloat16}

request = json.load(sys.stdin)
with open(request["safetensors"], "rb") as file:
    data = file.read()
(length,) = struct.unpack("<Q", data[:8])
header = json.loads(data[8:8 + length])
body = data[8 + length:]
state = {}
for name, entry in header.items():
    if name == "__metadata__":
        continue
    start, end = entry["data_offsets"]
    state[name] = torch.frombuffer(bytearray(body[start:end]), dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])

if "arch" not in request:
    json.dump({"shapes": {name: list(tensor.shape) for name, tensor in state.items()}}, sys.stdout)
    sys.exit(0)
model = getattr(torchvision.models, request["arch"])(num_classes=request["classes"])
model.load_state_dict(state, strict=True)
original = torch.load(request["state_dict"])
largest = max((state[name].double() - tensor.double()).abs().max().item() for name, tensor in original.items())
json.dump({"tensors": len(state), "largest_difference": largest}, sys.stdout)
