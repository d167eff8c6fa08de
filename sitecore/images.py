"""Image paths: which files are images, and the copies made of them."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

from .settings_check import our_setting

# Extension -> media type of every image the site publishes (SVG is refused:
# it can carry scripts).
IMAGE_MEDIA_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png",
                     "webp": "image/webp", "gif": "image/gif"}


# Format (as Pillow names it) -> test of a file's first bytes: what a file
# is, whatever its name says.
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_SIGNATURES = {
    "JPEG": lambda head: head.startswith(b"\xff\xd8\xff"),
    "PNG": lambda head: head.startswith(PNG_SIGNATURE),
    "GIF": lambda head: head[:6] in (b"GIF87a", b"GIF89a"),
    "WEBP": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
}


def image_format(head: bytes) -> str | None:
    """"JPEG", "PNG", "GIF" or "WEBP" by a file's first 12 bytes or more, or None."""
    return next((name for name, looks_like in IMAGE_SIGNATURES.items() if looks_like(head)), None)


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


PLAIN_COPY_EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}


def plain_copy_name(path: str, image_format: str, width: int | None = None) -> str:
    """The site path of an image's plain copy (plugins/images/variants.py):
    images/rally.jpg -> images/rally-960.jpg; a WebP's at its own width
    (None): images/logo.webp -> images/logo.png."""
    stem, extension = os.path.splitext(path)[0], PLAIN_COPY_EXTENSIONS[image_format]
    return f"{stem}.{extension}" if width is None else f"{stem}-{width}.{extension}"


# What a picture may measure, read from its header before a pixel is
# decoded. A 690 KB PNG of one colour, 13000 × 13000, took a build to
# 2.9 GB; a 1 × 60000 one passed the checks, then its copies could not be
# made (one 0 pixels wide, one taller than WebP allows).
MOST_MEGAPIXELS = 50           # a phone's 48-megapixel photo passes
WEBP_MOST_PIXELS_A_SIDE = 16383  # the WebP format's own limit, for the copy at the picture's own size
MOST_TIMES_AS_LONG = 20        # a banner is 4 or 5 times as wide as it is tall
SMALLER_FIX = "save it again at most 6000 pixels on its longer side (a phone's photo is about 4000)"


@contextmanager
def size_told_in_words() -> Iterator[None]:
    """Pillow's warning about a picture of many megapixels held back while
    the block runs: `pixel_size_problem` tells the volunteer, in words."""
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        yield


def pixel_size_problem(data: bytes) -> tuple[str, str] | None:
    """(message, fix) for the picture `data` if it is too large, or too
    thin, to publish: read from its header, before a pixel is decoded. A
    file whose header Pillow cannot read is refused for its damage elsewhere."""
    from PIL import Image

    try:
        with size_told_in_words(), Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except Image.DecompressionBombError as error:  # Pillow's own limit, twice its MAX_IMAGE_PIXELS
        # Its message gives the picture's pixels, not its sides.
        pixels = re.search(r"Image size \((\d+) pixels\)", str(error))
        size = (f"has {int(pixels[1]) / 1e6:.1f} megapixels" if pixels
                else f"has more than {2 * Image.MAX_IMAGE_PIXELS / 1e6:.0f} megapixels")
        return f"{size}: more than the {MOST_MEGAPIXELS} a picture may have", SMALLER_FIX
    except Exception:  # Pillow raises many kinds for a damaged file
        return None
    measured = f"is {width} × {height} pixels"
    if min(width, height) * MOST_TIMES_AS_LONG < max(width, height):  # first: making it smaller would not do
        long, short = ("wide", "tall") if width > height else ("tall", "wide")
        return (f"{measured}: more than {MOST_TIMES_AS_LONG} times as {long} as it is {short}, too thin to show",
                f"crop it to at most {MOST_TIMES_AS_LONG} times as {long} as it is {short}")
    if width * height > MOST_MEGAPIXELS * 1_000_000:
        return (f"{measured}, {width * height / 1e6:.1f} megapixels: more than the {MOST_MEGAPIXELS} a picture "
                "may have (the site shows pictures at most a few thousand pixels wide)", SMALLER_FIX)
    if max(width, height) > WEBP_MOST_PIXELS_A_SIDE:
        return f"{measured}: its web copies can be at most {WEBP_MOST_PIXELS_A_SIDE} pixels each way", SMALLER_FIX
    return None


def why_unreadable(error: Exception) -> str:
    """What Pillow's refusal to open a picture means, in words where it can
    be said ("ValueError" told a volunteer nothing)."""
    said = str(error)
    if "MAX_TEXT_CHUNK" in said:
        return "its text data (notes a program stored in it) unpacks to far more than a picture holds"
    if type(error).__name__ == "UnidentifiedImageError":
        return "its contents are no picture format the site knows"
    if "truncated" in said.lower():
        return "the file is cut short"
    # Pillow reads a PNG cut off inside its header as a syntax error (a fuzzing audit).
    return "the file is damaged: it may have been cut short while it was saved or uploaded"


def image_copies(path: str, settings: dict) -> list[str]:
    """Every name a copy of the image at `path` may take: a WebP copy per
    RESPONSIVE_IMAGE_WIDTHS (images/a.jpg -> images/a-480.webp …) and one
    at its own width (images/a.webp; a WebP image serves as its own); its
    plain copy at IMAGE_FALLBACK_WIDTH (images/a-960.jpg; a WebP's as JPEG
    or PNG, also at its own width: images/a.jpg). None for a file that is
    not an image."""
    if not is_image(path):
        return []
    extension = extension_of(path)
    webp = [copy_name(path, width) for width in our_setting(settings, "RESPONSIVE_IMAGE_WIDTHS")]
    if extension != "webp":
        webp.append(copy_name(path))
    plain_width = our_setting(settings, "IMAGE_FALLBACK_WIDTH")
    if plain_width is None:
        return webp
    widths = [plain_width, None] if extension == "webp" else [plain_width]
    return webp + [plain_copy_name(path, image_format, width)
                   for image_format in plain_copy_formats(path) for width in widths]


def plain_copy_formats(path: str) -> tuple[str, ...]:
    """The formats the plain copy of the image at `path` may take: its own
    for a JPEG or PNG; a JPEG, or a PNG where it is see-through, for a
    WebP; none for a GIF, which is its own plain copy (it may move, and
    every mail program shows one)."""
    extension = extension_of(path)
    if extension == "gif":
        return ()
    if extension == "webp":
        return ("JPEG", "PNG")
    return ("PNG",) if extension == "png" else ("JPEG",)


# Pillow's verify() reads a PNG's or WebP's chunks, so a file cut short in
# its picture (an upload broken off) fails it; one that lost only the last
# bytes of a PNG's IEND chunk passes, and is refused because its published
# copy cannot be made (plugins/contentfiles). A JPEG's or GIF's it does not
# read to the end, so we look for where each says its image ends.
def cut_short(path: str, image_format: str | None) -> bool:
    """Whether a JPEG or GIF file ends before its image does."""
    if image_format not in ("JPEG", "GIF"):
        return False
    with open(path, "rb") as handle:
        return ends_before_its_image(handle.read(), image_format)


def ends_before_its_image(data: bytes, image_format: str | None) -> bool:
    """Whether the JPEG or GIF file `data` ends before its image does. Data
    after a JPEG's image (a phone's "motion photo" video) or zero padding
    after a GIF's is allowed here: the copy the site publishes leaves it out
    (sitecore/image_metadata.py)."""
    if image_format not in ("JPEG", "GIF"):
        return False
    if image_format == "GIF":
        # The trailer (;) last, but for zero bytes some editors pad with.
        return not data.rstrip(b"\x00").endswith(b"\x3b")
    return not jpeg_reaches_its_end(data)


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Pillow refusing pixel data it cannot decode while the block runs.
    WeasyPrint, once imported, tells Pillow (process-wide) to fill the
    missing part of a damaged or truncated image silently, so a picture no
    browser can show would pass as whole. For checks in the build's own
    thread, before it renders any PDF (renders elsewhere run in processes
    of their own: plugins/minifesto/pdf_worker.py)."""
    from PIL import ImageFile

    lenient = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient


JPEG_END, JPEG_SCAN = 0xD9, 0xDA  # the end-of-image and start-of-scan markers


def jpeg_reaches_its_end(data: bytes) -> bool:
    """Whether the JPEG's segments lead, in order, to its end-of-image marker."""
    return any(marker == JPEG_END for marker, _, _ in jpeg_segments(data))


def jpeg_segments(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of each segment after the start-of-image marker,
    in order, the end-of-image marker (FFD9) last: each segment is skipped
    by its length (an EXIF thumbnail's own end marker inside one does not
    count), and a scan (FFDA) runs on through its coded data up to the next
    marker (an FF in it is followed by 00 or a restart marker). A file cut
    short ends with its unfinished segment (`end` is the file's end), and
    without the end marker. Stray bytes between segments are skipped, as
    libjpeg and Pillow skip them ("extraneous bytes before marker"): the
    picture after them is shown, so it is the picture."""
    place = 2  # after the start-of-image marker
    while place + 1 < len(data):
        if data[place] != 0xFF:
            place = next_marker(data, place)
            continue
        marker = data[place + 1]
        if marker == 0xFF:  # fill byte
            place += 1
            continue
        start = place
        if marker == JPEG_END:
            yield marker, start, place + 2
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            place += 2
        else:
            length = int.from_bytes(data[place + 2:place + 4], "big")
            if length < 2:  # cut short inside the length, or not a length at all
                yield marker, start, len(data)
                return
            place += 2 + length
            if marker == JPEG_SCAN and place <= len(data):
                place = end_of_coded_data(data, place)
        if place > len(data):
            yield marker, start, len(data)
            return
        yield marker, start, place


def next_marker(data: bytes, place: int) -> int:
    """Where the next marker at or after `place` starts (an FF not followed
    by a stuffed 00, as libjpeg's next_marker reads it), or the file's end."""
    while True:
        place = data.find(b"\xff", place)
        if place < 0 or place + 1 >= len(data):
            return len(data)
        if data[place + 1] != 0x00:
            return place
        place += 2


def end_of_coded_data(data: bytes, place: int) -> int:
    """Where a scan's coded data starting at `place` ends: at the next
    marker, or past the end of a file cut short."""
    while True:
        place = data.find(b"\xff", place)
        if place < 0 or place + 1 >= len(data):
            return len(data) + 1
        following = data[place + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            place += 1
            continue
        return place
