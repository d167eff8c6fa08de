"""A policy's picture is printed at no more pixels than a page can show
(sitecore/print_images.py): a phone's photo made every PDF 2–4 MB heavier,
though a page's text is about 2000 pixels wide at 300 dots an inch. It is
printed upright, as the web shows it."""

from __future__ import annotations

import io
import subprocess
import zipfile

from conftest import build_in, policy_markdown
from PIL import Image

from sitecore.print_images import PRINT_MAX_SIDE, for_print


def phone_photo(width: int = 4032, height: int = 3024, orientation: int = 6) -> bytes:
    """A JPEG as a phone stores a portrait photo: landscape pixels, and an
    orientation that says to turn them a quarter (6)."""
    image = Image.new("RGB", (width, height), (200, 40, 40))
    image.paste((40, 40, 200), (0, 0, width // 2, height))  # a left half of another colour: its turn shows
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def embedded_images(pdf) -> list[tuple[int, int]]:
    """(width, height) of each picture embedded in the PDF (poppler's pdfimages)."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listed.splitlines()[2:]]
    return [(int(row[3]), int(row[4])) for row in rows if row[2] == "image"]


def test_a_phone_photo_in_a_policy_is_printed_upright_and_no_larger_than_a_page_shows(tmp_path, factory_cache):
    policy = policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", "Text.\n\n![Members outside new council homes]({static}/images/homes.jpg)\n")
    built = build_in(tmp_path, {"policies/01-housing.md": policy, "images/homes.jpg": phone_photo()},
                     cache=factory_cache)
    assert built.returncode == 0, built.stderr
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        # Upright (portrait, as the orientation says) and 2000 pixels tall at most.
        assert (1500, 2000) in embedded_images(built.output / name), name
    with zipfile.ZipFile(built.output / "minifesto.epub") as book:
        [picture] = [name for name in book.namelist() if name.endswith(".jpg")]
        assert Image.open(io.BytesIO(book.read(picture))).size == (1500, 2000)  # the e-book's too
    assert (built.output / "images/homes.jpg").read_bytes() != for_print((built.output / "images/homes.jpg")
                                                                          .read_bytes())  # the web keeps its copy


def test_a_picture_that_fits_is_printed_as_it_is_published():
    small = phone_photo(1200, 900, orientation=1)
    assert for_print(small) == small
    scaled = Image.open(io.BytesIO(for_print(phone_photo(4032, 3024, orientation=1))))
    assert scaled.format == "JPEG" and scaled.size == (PRINT_MAX_SIDE, 1500)
    assert scaled.getexif().get(0x0112) is None  # nothing left to turn
    left, right = scaled.getpixel((10, 750)), scaled.getpixel((1990, 750))
    assert left[2] > left[0] and right[0] > right[2]  # the blue half stays on the left


def test_a_sixteen_bit_grey_picture_in_a_policy_is_printed_in_eight_bits(tmp_path, factory_cache):
    """From a fuzz audit: a PNG of 16 bits a pixel in grey (a scanner's)
    stopped the PDF with WeasyPrint's "Unknown image mode: I;16", told as the
    print template's fault. Its print copy is 8-bit grey, its greys kept:
    scaled down, not cut off at 255."""
    deep = Image.new("I;16", (64, 48))
    deep.putdata([row * 1300 for row in range(48) for _ in range(64)])  # 0 to 61,100 of 65,535
    scan = io.BytesIO()
    deep.save(scan, format="PNG")
    printed = Image.open(io.BytesIO(for_print(scan.getvalue())))
    assert printed.mode == "L" and printed.getextrema() == (0, 47 * 1300 * 255 // 65535)
    policy = policy_markdown("Homes for everyone", 1).replace(
        "Text.\n", "Text.\n\n![A scanned plan of the new homes]({static}/images/plan.png)\n")
    built = build_in(tmp_path, {"policies/01-housing.md": policy, "images/plan.png": scan.getvalue()},
                     cache=factory_cache)
    assert built.returncode == 0, built.stderr
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        assert (64, 48) in embedded_images(built.output / name), name
