"""Every image a content item uses opens and is whole: in its text and in its front matter."""

from __future__ import annotations

import os

from PIL import Image

from sitecore.images import cut_short, size_told_in_words, why_unreadable
from sitecore.names import inside
from sitecore.publication_order import waits_for_review

from .item_problems import report
from .link_targets import did_you_mean

IMAGE_FIX = "save it as JPEG, PNG, WebP or GIF (phone photos in HEIC need converting first)"


def check_image_file(item, line: int, field: str, path: str, content: str, where: str = "") -> None:
    """The image at `path` opens and is whole; `content`: the content folder."""
    if draft_waits(item):
        return  # its image is held back, and checked when it is published (plugins/contentfiles)
    if not inside(path, content):
        return  # a symbolic link, refused at its own path (plugins/contentfiles): never opened
    try:
        with size_told_in_words(), Image.open(path) as image:
            image_format = image.format
            image.verify()
    except Image.DecompressionBombError:
        return  # refused at its own path for its size, in words (plugins/contentfiles)
    except Exception as error:  # Pillow raises several kinds for a bad file
        report(item, line, field,
               f"{where}{os.path.basename(path)} is not an image the site can use: {why_unreadable(error)}", IMAGE_FIX)
        return
    if cut_short(path, image_format):
        report(item, line, field, f"{where}{os.path.basename(path)} is cut short: the file ends before the image does",
               "upload the picture again, or save it again from the original")


def draft_waits(item) -> bool:
    """A draft (not an embargoed item, which goes public by itself) in a
    public build: its images are held back and checked once it is
    published, so a volunteer's draft never stops the hourly build."""
    # A file whose front matter could not be read has no settings: its images are checked.
    return getattr(item, "settings", None) is not None and waits_for_review(item)


def check_front_matter_images(item, settings) -> None:
    """Every image the front matter names (the schema says which fields are
    images: `image`, a councillor's `photo`, the press kit's photos)."""
    for image in getattr(item, "frontmatter_images", ()):
        where = f"{image.where}: " if image.where else ""
        full = os.path.join(settings["PATH"], image.path)
        if not os.path.isfile(full):
            report(item, image.line, image.field, f"{where}there is no file content/{image.path}",
                   did_you_mean(os.path.realpath(settings["PATH"]), image.path, str,
                                "put the image there, or correct the path"))
        else:
            check_image_file(item, image.line, image.field, full, settings["PATH"], where)
