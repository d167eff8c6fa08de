"""The site's copy of each image under content/: the picture without its
location, camera and author data (sitecore/image_metadata.py).

Pelican's static generator copies every static file byte for byte and has
no say in what it writes, so once it has written them (`finalized`) each
image's copy is replaced by the published one where the two differ. The
copy is replaced by a new file, never written into, so a source in
content/ is never changed, even when STATIC_CREATE_LINKS makes the copy a
hard link to it. The WebP that serves as its own widest copy
(plugins/images) is this same file.
"""

from __future__ import annotations

import logging
import os

from sitecore.image_metadata import published_image
from sitecore.images import is_image
from sitecore.output import write_output

logger = logging.getLogger("site.contentfiles")

# (source path, save_as) of each image this build publishes: planned once
# the files are checked, written once Pelican has copied them.
_planned: list[tuple[str, str]] = []


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
        except ValueError as error:
            # Pillow's check of every static image refuses such a file first;
            # if one slips through, a logged error fails the build, naming it.
            logger.error("content/%s: cannot take the location and camera data out of this image (%s) — save it "
                         "again as a JPEG, PNG or WebP", os.path.relpath(source, pelican.settings["PATH"]), error)
            continue
        if published != data:
            write_output(output, save_as, published)
    _planned.clear()
