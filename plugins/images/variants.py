"""Make the smaller WebP copies of one image, cached by content hash."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image


@dataclass(frozen=True)
class Variant:
    url: str
    width: int


@dataclass(frozen=True)
class ImageInfo:
    url: str       # the original, as the fallback
    width: int
    height: int
    variants: tuple[Variant, ...]


def make_variants(source: Path, url: str, widths, output: Path, cache: Path) -> ImageInfo:
    """WebP copies of `source` at each width narrower than it (and one at its
    own width if it is narrower than all), written into `output` next to the
    original's URL."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    with Image.open(source) as image:
        width, height = image.size
        chosen = [w for w in widths if w < width] or [width]
        variants = []
        stem, _ = os.path.splitext(url)
        for target_width in chosen:
            cached = cache / f"{digest}-{target_width}.webp"
            if not cached.exists():
                cache.mkdir(parents=True, exist_ok=True)
                resized = image.convert("RGB") if image.mode not in ("RGB", "RGBA") else image
                resized = resized.resize((target_width, round(height * target_width / width)), Image.LANCZOS)
                resized.save(cached, "WEBP", quality=80, method=6)
            variant_url = f"{stem}-{target_width}.webp"
            target = output / variant_url.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(cached.read_bytes())
            variants.append(Variant(variant_url, target_width))
    return ImageInfo(url, width, height, tuple(variants))
