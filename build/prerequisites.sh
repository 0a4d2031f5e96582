#!/usr/bin/env bash
# Installs (as root) or names (otherwise) the Debian packages ScanCluster needs on a fresh Debian 12 machine:
#   dataset-fashion-mnist  the built-in data set (IDX files under /usr/share/datasets/fashion-mnist)
#   fonts-dejavu-core      the font of every figure's text (DejaVu Sans)
#   g++                    builds the libstdc++ shim that TorchSharp needs where libstdc++ lacks GLIBCXX_3.4.32
#   redis-server           (--with-redis) the multi-process cluster tests start their own Redis for membership
#   python3-skimage        (--with-photos) real photographs for `scan make-dataset` (natural backgrounds) and its tests
#   python3-torch          (--with-torch) PyTorch, the reference that the tests check ScanCluster's numerics against
#   python3-torchvision    (--with-torch) torchvision's ResNets and ViT, the reference for imported models
# Usage: build/prerequisites.sh [--strict] [--with-redis] [--with-photos] [--with-torch]
#   --strict: exit 1 when something is missing and cannot be installed
set -euo pipefail

strict=
redis=
photos=
torch=
for argument in "$@"; do
  case "$argument" in
    --strict) strict=--strict ;;
    --with-redis) redis=yes ;;
    --with-photos) photos=yes ;;
    --with-torch) torch=yes ;;
    *) echo "prerequisites.sh: unknown option $argument" >&2; exit 2 ;;
  esac
done
missing=()
[ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -z "$redis" ] || command -v redis-server >/dev/null || missing+=(redis-server)
[ -z "$photos" ] || [ -f /usr/lib/python3/dist-packages/skimage/data/astronaut.png ] || missing+=(python3-skimage)
[ -z "$torch" ] || [ -f /usr/lib/python3/dist-packages/torch/__init__.py ] || missing+=(python3-torch)
[ -z "$torch" ] || [ -f /usr/lib/python3/dist-packages/torchvision/__init__.py ] || missing+=(python3-torchvision)

libstdcxx=$(ls /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 2>/dev/null | head -n 1 || true)
if [ -n "$libstdcxx" ] && ! grep -aq 'GLIBCXX_3\.4\.32' "$libstdcxx" && ! command -v g++ >/dev/null; then
  missing+=(g++)
fi

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET SDK 10 (dotnet) is not on PATH; install it first (see README.md)." >&2
  exit 1
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
  exit 0
fi

echo "ScanCluster needs these Debian packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
[ "$strict" = "--strict" ] && exit 1
exit 0
