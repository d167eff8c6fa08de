"""Make the WebP copies of one image, cached by content hash."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from sitecore.images import copy_name, extension_of
from sitecore.output import copy_from_cache, intact_in_cache, write_to_cache

WEBP_OPTIONS = {"quality": 80, "method": 6}


@dataclass(frozen=True)
class Variant:
    path: str  # site-relative, e.g. images/rally-480.webp
    width: int


@dataclass(frozen=True)
class ImageInfo:
    path: str  # the original, site-relative: the fallback
    width: int
    height: int
    variants: tuple[Variant, ...]


def copy_widths(width: int, widths) -> list[int]:
    """The widths of the WebP copies of an image `width` pixels wide: each of
    `widths` narrower than it and, unless it is wider than them all, its own
    (an 800-pixel photo shown 672 pixels wide wants all 800, not a 480-pixel
    copy stretched: a browser that takes WebP never looks at the original)."""
    return [w for w in widths if w < width] + ([width] if width <= max(widths) else [])


def make_variants(source: Path, path: str, widths, output: Path, cache: Path) -> ImageInfo:
    """WebP copies of `source` (site path `path`, e.g. images/rally.jpg) at
    `copy_widths`, written into `output` beside the original."""
    # Keyed by the image and how it is encoded: a new Pillow or new options
    # draw afresh rather than serve copies a cold build would not make.
    digest = hashlib.sha256(repr((PIL.__version__, WEBP_OPTIONS)).encode() + source.read_bytes()).hexdigest()[:16]
    with Image.open(source) as opened:
        # Phone photos are often stored sideways with an EXIF turn to apply.
        image = ImageOps.exif_transpose(opened)
        width, height = image.size
        variants = []
        for target_width in copy_widths(width, widths):
            own_width = target_width == width
            if own_width and extension_of(path) == "webp":
                # Already a WebP: the site's copy of it serves as its own widest
                # copy. That copy is the one published without its metadata, and
                # with its orientation applied (plugins/contentfiles/published_copies.py).
                variants.append(Variant(path, width))
                continue
            cached = cache / f"{digest}-{target_width}.webp"
            if not intact_in_cache(cached):
                resized = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                if not own_width:
                    resized = resized.resize((target_width, round(height * target_width / width)), Image.LANCZOS)
                buffer = io.BytesIO()
                resized.save(buffer, "WEBP", **WEBP_OPTIONS)
                write_to_cache(cached, buffer.getvalue())
            variant_path = copy_name(path, None if own_width else target_width)
            copy_from_cache(output, variant_path, cached)
            variants.append(Variant(variant_path, target_width))
    return ImageInfo(path, width, height, tuple(variants))
