"""A torchvision classifier with seeded random weights, run on real photographs: the reference that the import tests
compare ScanCluster's logits, layer features and class-score gradients against.

Reads JSON from stdin: {"arch": "resnet18", "layer": "layer4", "classes": 10, "seed": 0, "size": 224,
"photos": [paths], "out": directory, "timm": false}. Writes into "out": weights.pt (the state_dict, torch.save;
with "timm", also weights-timm.pt: a ViT's under timm's names for vit_base_patch16_224), and the raw
little-endian float32 arrays images.f32 (the photographs resized to size×size, RGB in [0, 1]), logits.f32,
features.f32 (the layer's output) and gradients.f32 (d of each image's top logit, summed, with respect to that output).
Prints their shapes as JSON.
"""
import json
import os
import re
import sys

import numpy
import skimage.io
import torch
import torchvision

request = json.load(sys.stdin)
torch.manual_seed(request["seed"])
model = getattr(torchvision.models, request["arch"])(num_classes=request["classes"])
with torch.no_grad():
    # Fresh BatchNorm layers are nearly the identity; random statistics and affine parameters make every mapping matter.
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.running_mean.uniform_(-0.2, 0.2)
            module.running_var.uniform_(0.5, 1.5)
            module.weight.uniform_(0.5, 1.5)
            module.bias.uniform_(-0.2, 0.2)
    # Parameters that start at zero (biases, torchvision's ViT head and class token) would hide wrong mappings.
    for parameter in model.parameters():
        if parameter.abs().sum() == 0:
            parameter.uniform_(-0.1, 0.1)
model.eval()
out = request["out"]

TIMM = [
    (r"^class_token$", "cls_token"),
    (r"^encoder\.pos_embedding$", "pos_embed"),
    (r"^conv_proj\.", "patch_embed.proj."),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.ln_1\.", r"blocks.\1.norm1."),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.self_attention\.in_proj_(weight|bias)$", r"blocks.\1.attn.qkv.\2"),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.self_attention\.out_proj\.", r"blocks.\1.attn.proj."),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.ln_2\.", r"blocks.\1.norm2."),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.mlp\.0\.", r"blocks.\1.mlp.fc1."),
    (r"^encoder\.layers\.encoder_layer_(\d+)\.mlp\.3\.", r"blocks.\1.mlp.fc2."),
    (r"^encoder\.ln\.", "norm."),
    (r"^heads\.head\.", "head."),
]
def timm_name(name):
    for pattern, replacement in TIMM:
        if re.search(pattern, name):
            return re.sub(pattern, replacement, name)
    raise KeyError(name)

state = model.state_dict()
torch.save(state, os.path.join(out, "weights.pt"))
if request.get("timm", False):
    torch.save({timm_name(name): tensor for name, tensor in state.items()}, os.path.join(out, "weights-timm.pt"))

size = request["size"]
images = []
for path in request["photos"]:
    pixels = torch.from_numpy(skimage.io.imread(path)[:, :, :3].astype(numpy.float32) / 255).permute(2, 0, 1)
    images.append(torch.nn.functional.interpolate(pixels[None], size=(size, size), mode="bilinear", align_corners=False)[0])
images = torch.stack(images).clamp(0, 1)
mean = torch.tensor([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
std = torch.tensor([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)

captured = {}
def keep(module, inputs, output):
    captured["features"] = output
    output.retain_grad()
    return None
layer = dict(model.named_modules())[request["layer"]]
layer.register_forward_hook(keep)
normalised = ((images - mean) / std).requires_grad_(True)
logits = model(normalised)
logits.gather(1, logits.argmax(1, keepdim=True)).sum().backward()

arrays = {"images": images, "logits": logits, "features": captured["features"], "gradients": captured["features"].grad}
for name, array in arrays.items():
    array.detach().numpy().astype("<f4").tofile(os.path.join(out, name + ".f32"))
json.dump({name: list(array.shape) for name, array in arrays.items()}, sys.stdout)
