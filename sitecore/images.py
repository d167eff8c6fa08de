"""Image paths: which files are images, and the smaller copies made of them."""

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


def copy_name(path: str, width: int) -> str:
    """The site path of an image's WebP copy: images/rally.jpg -> images/rally-480.webp."""
    return f"{os.path.splitext(path)[0]}-{width}.webp"


def smaller_copies(path: str, settings: dict) -> list[str]:
    """The WebP copies made of an image at RESPONSIVE_IMAGE_WIDTHS (images/a.jpg
    -> images/a-480.webp …); none for a file that is not an image."""
    if not is_image(path):
        return []
    return [copy_name(path, width) for width in settings.get("RESPONSIVE_IMAGE_WIDTHS", [])]


# Where each format's last bytes say "the image ends here". Pillow's verify()
# reads a PNG's or WebP's every chunk, so a file cut short (an upload broken
# off) fails it; a JPEG's or GIF's it does not read to the end.
ENDINGS = {"JPEG": b"\xff\xd9", "GIF": b"\x3b"}
# Cameras and editors may add a few bytes of padding after the end marker.
PADDING_ALLOWED = 1024


def cut_short(path: str, image_format: str | None) -> bool:
    """Whether a JPEG or GIF file ends before its image does."""
    ending = ENDINGS.get(image_format or "")
    if ending is None:
        return False
    with open(path, "rb") as handle:
        handle.seek(max(0, os.path.getsize(path) - PADDING_ALLOWED))
        tail = handle.read()
    return ending not in (tail if image_format == "JPEG" else tail[-1:])
