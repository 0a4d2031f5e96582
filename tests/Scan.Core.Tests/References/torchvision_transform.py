"""torchvision's ImageNet evaluation transform (Resize(resize), CenterCrop(crop), ToTensor) on image files: the
reference for ScanCluster's reading of images for imported targets.

Reads JSON from stdin: {"resize": 256, "crop": 224, "photos": [paths], "out": file}. Writes the [N, 3, crop, crop]
RGB values in [0, 1] to "out" as raw little-endian float32.
"""
import json
import sys

import PIL.Image
import torch
import torchvision.transforms as transforms

request = json.load(sys.stdin)
transform = transforms.Compose([transforms.Resize(request["resize"]), transforms.CenterCrop(request["crop"]), transforms.ToTensor()])
images = torch.stack([transform(PIL.Image.open(path).convert("RGB")) for path in request["photos"]])
images.numpy().astype("<f4").tofile(request["out"])
