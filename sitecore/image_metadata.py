"""Images as the site publishes them: the picture, without what the camera
and the editing software wrote about it.

A volunteer's phone photo carries where it was taken (GPS), the phone's
make, model and serial number, its owner's name, an editor's record of who
made it (XMP, IPTC), a thumbnail of the uncropped original, and sometimes a
video with sound after the picture (a "motion photo"). None of it is needed
to show the picture, and every copy of the file would publish it: the
<img> fallback, the feeds, the JSON-LD, the press kit's downloads, the EPUB.

`published_image` rewrites the file's container, never the coded picture
inside it, so the picture stays the same pixel for pixel. It keeps only
what decides how the picture looks:

- JPEG: the segments that code the picture; JFIF's APP0 without its
  thumbnail (it says the colours are YCbCr), ICC profiles (APP2) and
  Adobe's APP14 (how the colours are stored); the end-of-image marker last.
- PNG: the chunks that code, colour or animate the picture; no text, eXIf,
  tIME or private chunks; IEND last.
- WebP: the picture, its alpha, animation and ICC profile; no EXIF or XMP
  (the VP8X header's flags say so); nothing after the RIFF container.
- GIF: the frames and what draws them, the loop count and the ICC profile;
  no comments, XMP or other application data; the trailer last.

And the orientation, which a phone records instead of turning the pixels
(see `published_image`).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from PIL import Image, ImageOps

from .images import PNG_SIGNATURE, image_format, jpeg_segments

ORIENTATION_TAG = 0x0112
UPRIGHT = 1  # the orientation that turns nothing
UNPUBLISHABLE_IMAGE_FIX = "save it again from the original and upload that copy"


class UnpublishableImage(ValueError):
    """The published copy of an image file cannot be made: it is damaged
    (a PNG whose chunks run past its end, a WebP whose pixels cannot be
    decoded to turn them), or not a JPEG, PNG, WebP or GIF. The message
    says which, in words for the volunteer who uploaded it."""

    @property
    def problem(self) -> tuple[str, str]:
        """(message, fix) of the image file's content problem."""
        return f"cannot be published: {self}", UNPUBLISHABLE_IMAGE_FIX


def undecodable(error: Exception) -> UnpublishableImage:
    """What Pillow raised decoding a picture, as an image that cannot be published."""
    if "truncated" in str(error).lower():
        return UnpublishableImage("its picture is cut short: the file holds less of it than its size says")
    return UnpublishableImage(f"its picture cannot be decoded ({type(error).__name__}: {error})")


def published_image(data: bytes) -> bytes:
    """The image file `data` as the site publishes it; one with nothing to
    take out comes back unchanged, byte for byte. UnpublishableImage for a
    file it cannot be made of: Pillow's verify() passes some of those (a PNG
    without the end of its IEND chunk, a WebP whose pixel data is damaged),
    so every image is tried once where static files are checked
    (plugins/contentfiles), and the callers after that meet none.

    The orientation stays as the only entry of a minimal EXIF block in a
    JPEG or PNG: browsers turn both by it (Chromium checked in
    tests/test_image_privacy.py), as the WebP copies are turned
    (ImageOps.exif_transpose), and the picture stays exactly the one
    uploaded, where turning a JPEG's pixels would mean coding it again.
    A WebP's is applied instead, its pixels turned and coded losslessly:
    Chromium ignores a WebP's orientation, and a WebP may serve as its
    own widest copy beside copies already turned (plugins/images)."""
    try:
        return copy_without_metadata(data)
    except UnpublishableImage:
        raise
    except Exception as error:  # Pillow (turning a WebP) and a damaged file's lengths raise many kinds
        raise undecodable(error) from error


def copy_without_metadata(data: bytes) -> bytes:
    """published_image's work, by format; it may raise what Pillow raises."""
    kind = image_format(data[:12])
    if kind == "JPEG":
        return jpeg_without_metadata(data, orientation_of(data))
    if kind == "PNG":
        return png_without_metadata(data)
    if kind == "WEBP":
        return webp_without_metadata(upright_webp(data))
    if kind == "GIF":
        return gif_without_metadata(data)
    raise UnpublishableImage("it is not a JPEG, PNG, WebP or GIF image")


def orientation_of(data: bytes) -> int:
    """The turn ImageOps.exif_transpose gives the picture (the WebP copies
    are made with it): from its EXIF, or XMP's tiff:Orientation; 1 to 8."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION_TAG, UPRIGHT)
    except Exception:  # Pillow raises many kinds for a damaged EXIF block: then it turns nothing
        return UPRIGHT
    return orientation if orientation in range(1, 9) else UPRIGHT


def exif_with_orientation(orientation: int) -> bytes:
    """A TIFF structure (big-endian) whose one entry is the orientation:
    no other tag, no further directory, no thumbnail."""
    return (b"MM\x00\x2a" + (8).to_bytes(4, "big")  # header; the directory at offset 8
            + (1).to_bytes(2, "big")  # one entry: tag, type SHORT, count 1, value (padded)
            + ORIENTATION_TAG.to_bytes(2, "big") + (3).to_bytes(2, "big") + (1).to_bytes(4, "big")
            + orientation.to_bytes(2, "big") + b"\x00\x00"
            + (0).to_bytes(4, "big"))  # no next directory


# --- JPEG ---------------------------------------------------------------------

APP0, APP1, APP2, APP14, COMMENT = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE


def jpeg_without_metadata(data: bytes, orientation: int) -> bytes:
    """Everything up to the end-of-image marker but the application segments
    and comments that say nothing about how the picture looks. A file cut
    short keeps what it has of its picture (the content checks refuse it
    where it is shown)."""
    kept = [data[:2]]
    exif = b"" if orientation == UPRIGHT else jpeg_segment(APP1, b"Exif\x00\x00" + exif_with_orientation(orientation))
    for marker, start, end in jpeg_segments(data):
        if exif and marker != APP0:  # after JFIF's APP0, which must come first
            kept.append(exif)
            exif = b""
        segment = data[start:end]
        kept.append(kept_application_segment(marker, segment)
                    if APP0 <= marker <= 0xEF or marker == COMMENT else segment)
    return b"".join(kept)


def kept_application_segment(marker: int, segment: bytes) -> bytes:
    """An APPn or comment segment as published: b"" to leave it out."""
    payload = segment[4:]
    if marker == APP0 and payload.startswith(b"JFIF\x00") and len(payload) >= 14:
        # Version, units and density; a thumbnail of 0 x 0 pixels.
        return jpeg_segment(APP0, payload[:12] + b"\x00\x00")
    if (marker == APP2 and payload.startswith(b"ICC_PROFILE\x00")) or (marker == APP14 and payload.startswith(b"Adobe")):
        return segment
    return b""


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


# --- PNG ----------------------------------------------------------------------

# What codes the picture, its colours (gamma, chromaticities, ICC, HDR
# ranges, significant bits, background), pixel density and an APNG's frames.
PNG_PICTURE_CHUNKS = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
                      b"cICP", b"mDCV", b"cLLI", b"mDCv", b"cLLi", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT"}


def png_without_metadata(data: bytes) -> bytes:
    chunks = list(png_chunks(data))
    # Only a chunk the picture does not need can hold an orientation (eXIf,
    # XMP, ImageMagick's EXIF as text); Pillow decodes a PNG's every pixel
    # to look for one, so it is asked only then.
    extra = any(kind not in PNG_PICTURE_CHUNKS for kind, _ in chunks)
    orientation = orientation_of(data) if extra else UPRIGHT
    kept = [PNG_SIGNATURE]
    for kind, chunk in chunks:
        if kind in PNG_PICTURE_CHUNKS:
            kept.append(chunk)
        if kind == b"IHDR" and orientation != UPRIGHT:  # eXIf must come before the image data
            kept.append(png_chunk(b"eXIf", exif_with_orientation(orientation)))
    return b"".join(kept)


def png_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(type, whole chunk) of each chunk, IEND last."""
    place = len(PNG_SIGNATURE)
    while True:
        end = place + 12 + int.from_bytes(data[place:place + 4], "big")
        if end > len(data):
            raise UnpublishableImage("the file is cut short: it ends before the PNG's last chunk (IEND) does")
        kind = data[place + 4:place + 8]
        yield kind, data[place:end]
        if kind == b"IEND":
            return
        place = end


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")


# --- WebP ---------------------------------------------------------------------

WEBP_PICTURE_CHUNKS = {b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04  # the extended header's flags saying those chunks follow


def upright_webp(data: bytes) -> bytes:
    """The WebP with its orientation applied: the turned pixels, coded
    losslessly (exactly the same pixels, turned), with its ICC profile."""
    if orientation_of(data) == UPRIGHT:
        return data
    with Image.open(io.BytesIO(data)) as image:
        if getattr(image, "n_frames", 1) > 1:
            return data  # an animation stays as it is: exif_transpose would turn only its first frame
        buffer = io.BytesIO()
        ImageOps.exif_transpose(image).save(buffer, "WEBP", lossless=True, exact=True,
                                            icc_profile=image.info.get("icc_profile"))
    return buffer.getvalue()


def webp_without_metadata(data: bytes) -> bytes:
    chunks = []
    for fourcc, chunk in riff_chunks(data):
        if fourcc == b"VP8X":
            chunk = chunk[:8] + bytes([chunk[8] & ~(VP8X_EXIF | VP8X_XMP)]) + chunk[9:]
        if fourcc in WEBP_PICTURE_CHUNKS:
            chunks.append(chunk)
    contents = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(contents).to_bytes(4, "little") + contents


def riff_chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(FourCC, whole chunk with its padding) of each chunk of the RIFF
    container; anything after the container is not read."""
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise UnpublishableImage("the file is cut short: it ends before the WebP's container (RIFF) does")
    place = 12
    while place + 8 <= end:
        length = int.from_bytes(data[place + 4:place + 8], "little")
        chunk_end = place + 8 + length + (length & 1)
        if chunk_end > end:
            raise UnpublishableImage("the file is damaged: a part of the WebP runs past its end")
        yield data[place:place + 4], data[place:chunk_end]
        place = chunk_end


# --- GIF ----------------------------------------------------------------------

GIF_IMAGE, GIF_EXTENSION, GIF_TRAILER = 0x2C, 0x21, 0x3B
GIF_GRAPHIC_CONTROL, GIF_PLAIN_TEXT, GIF_APPLICATION = 0xF9, 0x01, 0xFF
# Application extensions that change what is shown: the loop count, an ICC profile.
GIF_PICTURE_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def gif_without_metadata(data: bytes) -> bytes:
    """The header, frames and what draws them, up to the trailer. A file cut
    short keeps what it has of its frames."""
    place = 13 + colour_table_size(data[10])  # header, screen descriptor, global colours
    kept = [data[:place]]
    while place < len(data):
        introducer = data[place]
        if introducer == GIF_TRAILER:
            kept.append(data[place:place + 1])
            break
        if introducer == GIF_IMAGE:
            # Descriptor (10 bytes), local colours, LZW code size, then the coded frame.
            header = place + 10 + colour_table_size(data[place + 9] if place + 9 < len(data) else 0) + 1
            end = end_of_sub_blocks(data, header)
            kept.append(data[place:end])
        elif introducer == GIF_EXTENSION:
            end = end_of_sub_blocks(data, place + 2)
            if draws_the_picture(data[place:end]):
                kept.append(data[place:end])
        else:
            break  # not a block: nothing more of the picture
        place = end
    return b"".join(kept)


def draws_the_picture(extension: bytes) -> bool:
    label = extension[1:2]
    if label in (bytes([GIF_GRAPHIC_CONTROL]), bytes([GIF_PLAIN_TEXT])):
        return True
    return label == bytes([GIF_APPLICATION]) and extension[2:3] == b"\x0b" \
        and extension[3:14] in GIF_PICTURE_APPLICATIONS


def colour_table_size(packed: int) -> int:
    return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0


def end_of_sub_blocks(data: bytes, place: int) -> int:
    """Where the sub-blocks starting at `place` end (after their empty
    block), or the file's end if it is cut short."""
    while place < len(data):
        size = data[place]
        place += 1 + size
        if size == 0:
            return place
    return len(data)
