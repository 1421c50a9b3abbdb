#!/usr/bin/env python3
"""Seeds the image fuzz corpus, Fixtures/fuzz/image/, with inputs that describe grayscale images (the form
Tests/FuzzChecks/ImageFuzzCheck.swift reads): the property seeds 1 to 12 (an even first byte, then the seed, 8 bytes
little-endian), and tiled images at the extremes of size, 1x1, 1x4000, 4000x1 and 4000x4000, and in between, of
noise, stripes and a finder pattern's 1:1:3:1:1 rows (an odd first byte: the tile width, then width and height).
Each seed is in a file named by the SHA-1 of its bytes, as libFuzzer names its own. The image files that seed the
target too are not copied: Fixtures/fuzz/image.seeds names their folders.

    python3 scripts/make-image-fuzz-seeds.py

Existing inputs stay; a seed already there is written again under the same name.
"""

import hashlib
import pathlib
import random
import struct

corpus = pathlib.Path(__file__).resolve().parent.parent / "Fixtures/fuzz/image"


def tiled(tile_width: int, width: int, height: int, tile: bytes) -> bytes:
    """An image `width` x `height` with `tile`, `tile_width` pixels a row, repeated over it."""
    return bytes([((tile_width - 1) << 1) | 1]) + struct.pack(">HH", width - 1, height - 1) + tile


seeds = [b"\x00" + struct.pack("<Q", seed) for seed in range(1, 13)]
noise = random.Random(12)
finder = bytes(255 if i in (1, 5) else 0 for i in range(7) for _ in range(3))  # 1:1:3:1:1 at 3 px a module
seeds += [
    tiled(1, 1, 1, b"\x00"),
    tiled(1, 1, 4000, b""),
    tiled(1, 4000, 1, bytes(noise.randrange(256) for _ in range(64))),
    tiled(64, 4000, 4000, bytes(noise.randrange(256) for _ in range(64 * 64))),
    tiled(8, 640, 480, bytes(255 * ((i // 4) % 2) for i in range(64))),
    tiled(21, 900, 1200, finder * 21),
    tiled(21, 2000, 1500, bytes(255 - b for b in finder) * 21),
]
corpus.mkdir(parents=True, exist_ok=True)
for seed in seeds:
    (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
print(f"seeds: {len(seeds)} inputs, {len(list(corpus.iterdir()))} in {corpus}")
