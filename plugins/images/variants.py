"""Make the smaller WebP copies of one image, cached by content hash."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps


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


def copy_name(path: str, width: int) -> str:
    """The site path of an image's WebP copy: images/rally.jpg -> images/rally-480.webp."""
    return f"{os.path.splitext(path)[0]}-{width}.webp"


def write_atomically(target: Path, data: bytes) -> None:
    """Never leave half a file (a stopped build, or two builds at once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)


def make_variants(source: Path, path: str, widths, output: Path, cache: Path) -> ImageInfo:
    """WebP copies of `source` (site path `path`, e.g. images/rally.jpg) at
    each width narrower than it, written into `output` beside the original."""
    output = output.resolve()
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    with Image.open(source) as opened:
        # Phone photos are often stored sideways with an EXIF turn to apply.
        image = ImageOps.exif_transpose(opened)
        width, height = image.size
        chosen = [w for w in widths if w < width] or [width]
        variants = []
        for target_width in chosen:
            cached = cache / f"{digest}-{target_width}.webp"
            if not cached.exists():
                resized = image.convert("RGBA" if "A" in image.getbands() else "RGB")
                resized = resized.resize((target_width, round(height * target_width / width)), Image.LANCZOS)
                buffer = io.BytesIO()
                resized.save(buffer, "WEBP", quality=80, method=6)
                write_atomically(cached, buffer.getvalue())
            variant_path = copy_name(path, target_width)
            target = (output / variant_path).resolve()
            if output not in target.parents:
                raise ValueError(f"{path} would write outside the site")
            write_atomically(target, cached.read_bytes())
            variants.append(Variant(variant_path, target_width))
    return ImageInfo(path, width, height, tuple(variants))
