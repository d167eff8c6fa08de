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


# The modes of picture WeasyPrint writes into a PDF. Another (a PNG of 16
# bits a pixel in grey, I;16) stopped the PDF with "Unknown image mode",
# told as the print template's fault (a fuzz audit).
PRINTABLE_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "CMYK"})
# Grey in more than 8 bits, as Pillow opens it: scaled down to 8, not cut off at 255.
DEEP_GREY_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N", "F"})


def for_print(data: bytes, max_side: int = PRINT_MAX_SIDE) -> bytes:
    """`data` itself if the picture fits in `max_side` pixels each way and
    is of a mode a PDF takes (or is an animation, or a kind not listed in
    SAVE_OPTIONS), else a copy scaled to fit, in such a mode."""
    with strict_decoding(), Image.open(io.BytesIO(data)) as image:
        kind = image.format
        fits = max(image.size) <= max_side and image.mode in PRINTABLE_MODES
        if fits or kind not in SAVE_OPTIONS or getattr(image, "is_animated", False):
            return data
        profile = image.info.get("icc_profile")
        upright = printable(ImageOps.exif_transpose(image))  # the copy carries no orientation: turn it now
        upright.thumbnail((max_side, max_side), Image.LANCZOS)
        if kind == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, format=kind, **SAVE_OPTIONS[kind], **({"icc_profile": profile} if profile else {}))
        return out.getvalue()


def printable(image: Image.Image) -> Image.Image:
    """`image` in a mode WeasyPrint writes (PRINTABLE_MODES)."""
    if image.mode in PRINTABLE_MODES:
        return image
    if image.mode in DEEP_GREY_MODES:
        # 16 bits a pixel: 65,535 is white. "I" and "F" say no depth: their
        # lightest grey is taken for white.
        lightest = 65535 if image.mode.startswith("I;16") else max(image.getextrema()[1], 1)
        return image.convert("F").point(lambda value: value * 255 / lightest).convert("L")
    return image.convert("RGBA" if "A" in image.getbands() else "RGB")
