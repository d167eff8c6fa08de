"""Make the copies of one image the site shows, cached by content hash:
WebP copies for browsers (RESPONSIVE_IMAGE_WIDTHS), and one plain copy (a
JPEG or PNG at most IMAGE_FALLBACK_WIDTH wide) for whatever cannot show WebP
or should not fetch a phone's full-size photo: the <img> fallback, and the
pictures in feeds, which feed readers and feed-to-email services show
(Outlook shows no WebP)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import ExifTags, Image, ImageOps

from sitecore.images import copy_name, extension_of, plain_copy_formats, plain_copy_name
from sitecore.output import copy_from_cache, intact_in_cache, write_to_cache

WEBP_OPTIONS = {"quality": 80, "method": 6}
PLAIN_OPTIONS = {"JPEG": {"quality": 82, "optimize": True}, "PNG": {"optimize": True}}
# Raised when the copies are made differently, so that a cache keeps no copy
# a cold build would not make (2: the copies keep the image's colour
# profile; 3: a 16-bit grey image is scaled to 8 bits, not clipped to white;
# 4: a large JPEG is decoded at a half, a quarter or an eighth of its size).
COPIES_VERSION = 4


@dataclass(frozen=True)
class Variant:
    path: str  # site-relative, e.g. images/rally-480.webp
    width: int


@dataclass(frozen=True)
class ImageInfo:
    path: str  # the original, site-relative
    width: int
    height: int
    variants: tuple[Variant, ...]
    plain: Variant  # the fallback: the original itself where it is a small enough JPEG, PNG or GIF, or moves


def copy_widths(width: int, widths) -> list[int]:
    """The widths of the WebP copies of an image `width` pixels wide: each of
    `widths` narrower than it and, unless it is wider than them all, its own
    (a 700-pixel photo shown 672 pixels wide wants all 700, not a 480-pixel
    copy stretched: a browser that takes WebP never looks at the original)."""
    return [w for w in widths if w < width] + ([width] if width <= max(widths) else [])


def upright_size(image: Image.Image) -> tuple[int, int]:
    """(width, height) of `image` once its EXIF turn is applied, read before
    its pixels are."""
    sideways = image.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8)
    return (image.height, image.width) if sideways else image.size


def eight_bits(image: Image.Image) -> Image.Image:
    """A 16-bit grey image (a scan's PNG) as 8-bit grey: converted straight
    to RGB, Pillow clips every value over 255, and the copies were white."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return image


def plain_copy_format(path: str, has_alpha: bool) -> str | None:
    """The format of the plain copy of the image at `path` (sitecore.images.plain_copy_formats)."""
    formats = plain_copy_formats(path)
    if len(formats) > 1:
        return "PNG" if has_alpha else "JPEG"
    return formats[0] if formats else None


def encoded(image: Image.Image, image_format: str, icc_profile: bytes | None, **options) -> bytes:
    """`image` as a file of `image_format`, with the original's colour
    profile (a phone's Display P3 photo shown without it looks washed out)."""
    buffer = io.BytesIO()
    image.save(buffer, image_format, icc_profile=icc_profile, **options)
    return buffer.getvalue()


def make_variants(source: Path, path: str, widths, plain_width: int | None, output: Path,
                  cache: Path) -> ImageInfo:
    """The copies of `source` (site path `path`, e.g. images/rally.jpg),
    written into `output` beside the original: WebP at `copy_widths`, and
    the plain copy at most `plain_width` wide (None: no plain copy, the
    original serves: IMAGE_FALLBACK_WIDTH)."""
    recipe = repr((PIL.__version__, WEBP_OPTIONS, PLAIN_OPTIONS, COPIES_VERSION))
    data = source.read_bytes()
    with Image.open(io.BytesIO(data)) as opened:  # the bytes hashed below
        # The copies are RGB(A): a grey or CMYK image's profile would not fit them.
        icc_profile = opened.info.get("icc_profile") if opened.mode in ("RGB", "RGBA", "P") else None
        width, height = upright_size(opened)
        # A picture that moves (a GIF, WebP or PNG of several frames) gets no
        # copies of other widths: Pillow's would be its first frame, still,
        # and a browser showed that copy. It is shown as uploaded (a moving
        # WebP's plain copy, its first frame, is still at most plain_width).
        # A camera's JPEG may hold a second picture, a preview (Pillow opens
        # it as MPO, of two frames): it does not move.
        moves = opened.format in ("GIF", "PNG", "WEBP") and getattr(opened, "n_frames", 1) > 1
        is_webp = extension_of(path) == "webp"
        webp_widths = ([width] if is_webp else []) if moves else copy_widths(width, widths)
        whole = plain_width is None or (moves and not is_webp)
        plain_copy_width = width if whole else min(width, plain_width)
        widest = max([*webp_widths, plain_copy_width])
        # A JPEG is decoded at the least of its own size, a half, a quarter
        # or an eighth that still covers the widest copy (either way up):
        # a phone's 48-megapixel photo took 735 MB to make copies of.
        opened.draft(opened.mode, (widest, widest))
        # Keyed by the image, how it is encoded and the size it was decoded
        # at: a new Pillow, new options or other widths (which decode a
        # large JPEG at another scale, so every copy from other pixels) draw
        # afresh rather than serve copies a cold build would not make.
        digest = hashlib.sha256(repr((recipe, opened.size)).encode() + data).hexdigest()[:16]
        # Phone photos are often stored sideways with an EXIF turn to apply.
        image = eight_bits(ImageOps.exif_transpose(opened))
        has_alpha = "A" in image.getbands() or "transparency" in image.info

        def resized(target_width: int) -> Image.Image:
            picture = image.convert("RGBA" if has_alpha else "RGB")
            if picture.size != (target_width, round(height * target_width / width)):
                picture = picture.resize((target_width, round(height * target_width / width)), Image.LANCZOS)
            # Pillow writes a JPEG's comment and XMP again from what it read:
            # a copy carries only what `encoded` gives it (the colour profile).
            picture.info = {}
            return picture

        def placed(save_as: str, target_width: int, image_format: str, options: dict) -> None:
            """The copy `save_as` in the site, from the cache, made there first if need be."""
            cached = cache / f"{digest}-{target_width}.{image_format.lower()}"
            if not intact_in_cache(cached):
                write_to_cache(cached, encoded(resized(target_width), image_format, icc_profile, **options))
            copy_from_cache(output, save_as, cached)

        variants = []
        for target_width in webp_widths:
            own_width = target_width == width
            if own_width and is_webp:
                # Already a WebP: the site's copy of it serves as its own widest
                # copy. That copy is the one published without its metadata, and
                # with its orientation applied (plugins/contentfiles/published_copies.py).
                variants.append(Variant(path, width))
                continue
            variant_path = copy_name(path, None if own_width else target_width)
            placed(variant_path, target_width, "WEBP", WEBP_OPTIONS)
            variants.append(Variant(variant_path, target_width))

        plain_format = plain_copy_format(path, has_alpha)
        if plain_format is None or plain_width is None or (plain_copy_width == width and not is_webp):
            # Small enough as it is, in a format every reader shows; or no
            # plain copy is wanted (IMAGE_FALLBACK_WIDTH = None).
            plain = Variant(path, width)
        else:
            name = plain_copy_name(path, plain_format, None if plain_copy_width == width else plain_copy_width)
            plain = Variant(name, plain_copy_width)
            placed(plain.path, plain_copy_width, plain_format, PLAIN_OPTIONS[plain_format])
    return ImageInfo(path, width, height, tuple(variants), plain)
