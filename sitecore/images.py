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
