"""Image paths: which files are images, and the WebP copies made of them."""

from __future__ import annotations

import os

# Extension -> media type of every image the site publishes (SVG is refused:
# it can carry scripts).
IMAGE_MEDIA_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                     "webp": "image/webp", "gif": "image/gif"}


def extension_of(path: str) -> str:
    return os.path.splitext(path)[1].lower().lstrip(".")


def is_image(path: str) -> bool:
    return extension_of(path) in IMAGE_MEDIA_TYPES


def copy_name(path: str, width: int | None = None) -> str:
    """The site path of an image's WebP copy: images/rally.jpg ->
    images/rally-480.webp, or images/rally.webp for the copy at the image's
    own width (None)."""
    stem = os.path.splitext(path)[0]
    return f"{stem}.webp" if width is None else f"{stem}-{width}.webp"


def webp_copies(path: str, settings: dict) -> list[str]:
    """Every name a WebP copy of the image at `path` may take: one per
    RESPONSIVE_IMAGE_WIDTHS (images/a.jpg -> images/a-480.webp …) and one
    at its own width (images/a.webp; a WebP image serves as its own). None
    for a file that is not an image."""
    if not is_image(path):
        return []
    own_width = [] if extension_of(path) == "webp" else [copy_name(path)]
    return [copy_name(path, width) for width in settings.get("RESPONSIVE_IMAGE_WIDTHS", [])] + own_width


# Pillow's verify() reads a PNG's or WebP's every chunk, so a file cut
# short (an upload broken off) fails it; a JPEG's or GIF's it does not read
# to the end, so we look for where each says its image ends.
def cut_short(path: str, image_format: str | None) -> bool:
    """Whether a JPEG or GIF file ends before its image does. Data after a
    JPEG's image (a phone's "motion photo" video) or zero padding after a
    GIF's is allowed."""
    if image_format not in ("JPEG", "GIF"):
        return False
    with open(path, "rb") as handle:
        data = handle.read()
    if image_format == "GIF":
        # The trailer (;) last, but for zero bytes some editors pad with.
        return not data.rstrip(b"\x00").endswith(b"\x3b")
    return not jpeg_reaches_its_end(data)


def jpeg_reaches_its_end(data: bytes) -> bool:
    """Whether the JPEG's segments lead, in order, to its end-of-image marker
    (FFD9): each segment is skipped by its length (an EXIF thumbnail's own
    end marker inside one does not count), and each scan's coded data up to
    the next marker (an FF in it is followed by 00 or a restart marker)."""
    place = 2  # after the start-of-image marker
    while place + 1 < len(data):
        if data[place] != 0xFF:
            return False
        marker = data[place + 1]
        if marker == 0xFF:  # fill byte
            place += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            place += 2
            continue
        if place + 4 > len(data):
            return False
        place += 2 + int.from_bytes(data[place + 2:place + 4], "big")
        if marker == 0xDA:  # start of scan: coded data until the next real marker
            while True:
                place = data.find(b"\xff", place)
                if place < 0 or place + 1 >= len(data):
                    return False
                following = data[place + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    place += 1
                    continue
                break
    return False
