"""A picture at no more pixels than a printed page can show.

The minifesto's PDFs took each picture as uploaded: a phone's photo of
4032 × 3024 pixels is 2–4 MB, in every PDF that prints it, though a page of
text is about 170 mm wide, 2008 pixels at 300 dots an inch, and an Easy Read
picture is printed 32 mm wide. So a picture with a side over PRINT_MAX_SIDE
is scaled down for the PDFs (its published copy, sitecore/image_metadata.py,
stays as it is on the web), coded as it was: a JPEG stays a JPEG, upright,
with its colour profile. Animations are left as they are.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from PIL import Image, ImageOps

from .images import strict_decoding

PRINT_MAX_SIDE = 2000
# Set while a PDF or book is rendered (`printing`): the theme's pictures then
# show their originals (plugins/images), which for_print scales, not the
# site's smaller plain copies. Not a template variable: the theme's macros,
# imported without the page's context, would not see one.
PRINTING: ContextVar[bool] = ContextVar("printing", default=False)


@contextmanager
def printing() -> Iterator[None]:
    token = PRINTING.set(True)
    try:
        yield
    finally:
        PRINTING.reset(token)
# How each kind is written again: the same kind, close to what was uploaded.
SAVE_OPTIONS = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True},
                "WEBP": {"quality": 90, "method": 4}}


def for_print(data: bytes, max_side: int = PRINT_MAX_SIDE) -> bytes:
    """`data` itself if the picture fits in `max_side` pixels each way (or
    is an animation, or a kind not listed in SAVE_OPTIONS), else a copy
    scaled to fit."""
    with strict_decoding(), Image.open(io.BytesIO(data)) as image:
        kind = image.format
        if max(image.size) <= max_side or kind not in SAVE_OPTIONS or getattr(image, "is_animated", False):
            return data
        profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)  # the copy carries no orientation: turn it now
        upright.thumbnail((max_side, max_side), Image.LANCZOS)
        if kind == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, format=kind, **SAVE_OPTIONS[kind], **({"icc_profile": profile} if profile else {}))
        return out.getvalue()
