"""The site's copy of each image under content/: the picture without its
location, camera and author data (sitecore/image_metadata.py).

Each copy is first made where static files are checked, before anything is
written: an image it cannot be made of (Pillow's verify() passes some
damaged ones), or whose copy would not decode to a picture of the image's
size, is a content problem at its path, and is not published
(`PublishableImages`). Pelican's static generator copies every static file
byte for byte and has no say in what it writes, so once it has written them
(`finalized`) each image's copy is replaced by the published one where the
two differ. The copy is replaced by a new file, never written into, so a
source in content/ is never changed, even when STATIC_CREATE_LINKS makes
the copy a hard link to it. The WebP that serves as its own widest copy
(plugins/images) is this same file.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

from PIL import Image

from sitecore import image_metadata, images
from sitecore.image_metadata import UnpublishableImage, orientation_of, published_image, undecodable
from sitecore.images import (
    ends_before_its_image,
    image_format,
    is_image,
    pixel_size_problem,
    strict_decoding,
)
from sitecore.output import write_output
from sitecore.passed_before import PassedBefore
from sitecore.problems import problem_log
from sitecore.text_memo import fingerprint

# The orientations that turn a picture a quarter: its copy may be stored
# turned (a WebP's is: see published_image), so its width and height swap.
QUARTER_TURNS = range(5, 9)

# (source path, save_as) of each image this build publishes: planned once
# the files are checked, written once Pelican has copied them.
_planned: list[tuple[str, str]] = []


class PublishableImages:
    """The images whose published copy can be made and shows their picture.
    Decoding a phone's 12-megapixel photo takes 0.2 s, a site's hundreds of
    photos half a minute on every build, so an image that passed in the
    last build (the same bytes, the same code and Pillow:
    sitecore/passed_before.py) is not decoded again: hashing it is a
    tenth of that."""

    def __init__(self, settings) -> None:
        self.made_by = fingerprint((sys.modules[__name__], image_metadata, images), ("pillow",), None)
        self.passed = PassedBefore(Path(settings["CACHE_PATH"], "images-checked", "published-copies"))

    def problem(self, path: str) -> tuple[str, str] | None:
        """(message, fix) if the image at `path` cannot be published."""
        with open(path, "rb") as handle:
            data = handle.read()
        digest = hashlib.sha256(self.made_by + data).digest()
        if self.passed.seen(digest):
            return None
        too_large = pixel_size_problem(data)  # before a pixel is decoded
        if too_large:
            return too_large
        try:
            check_published_copy(data)
        except UnpublishableImage as error:
            return error.problem
        self.passed.add(digest)
        return None

    def keep(self) -> None:
        self.passed.keep()


def check_published_copy(data: bytes) -> None:
    """UnpublishableImage unless the published copy of the image `data` can
    be made and decodes to a picture of the image's size: the copy is made
    by walking the file's structure, and a walk that lost part of the
    picture would otherwise publish a file no browser can show."""
    with strict_decoding():
        published = published_image(data)
        if ends_before_its_image(data, image_format(data[:12])):
            return  # decodes only in part: the content checks report it where it is shown (plugins/contentcheck)
        width, height = image_size(data, load=False)
        shown = image_size(published, load=True)
    expected = {(width, height), (height, width)} if orientation_of(data) in QUARTER_TURNS else {(width, height)}
    if shown not in expected:
        raise UnpublishableImage(f"its copy without its camera data would be {shown[0]} × {shown[1]} pixels, "
                                 f"not {width} × {height}")


def image_size(data: bytes, load: bool) -> tuple[int, int]:
    """Width and height of the image `data`, its pixels decoded if `load`."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if load:
                image.load()
            return image.size
    except Exception as error:  # Pillow raises many kinds for pixels it cannot decode
        raise undecodable(error) from error


def plan_published_copies(static_files, settings) -> None:
    _planned[:] = [(os.path.join(settings["PATH"], sc.relative_source_path), sc.save_as)
                   for sc in static_files if is_image(sc.save_as)]


def write_published_copies(pelican) -> None:
    output = pelican.settings["OUTPUT_PATH"]
    for source, save_as in _planned:
        with open(source, "rb") as handle:
            data = handle.read()
        try:
            published = published_image(data)
        except UnpublishableImage as error:
            # Checked before writing (PublishableImages): only a file saved
            # again during the build gets here, and it still fails the build.
            problem_log.add(source, 1, "(file)", *error.problem)
            continue
        if published != data:
            write_output(output, save_as, published)
    _planned.clear()
    problem_log.raise_if_any()
