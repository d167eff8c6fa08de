"""Damaged and hostile files in content/ are content problems, never crashes.

A file a fuzzer (or a broken upload) makes — a PNG without the end of its
IEND chunk, a WebP whose pixels cannot be decoded, a Word document with a
damaged, encrypted or bomb-sized part — is refused at its own path as
`content/<path>:1: (file): … — fix`, the build exits 1 without a traceback,
and the last good site stays as it was (plugins/contentfiles,
sitecore/image_metadata.py). A JPEG with stray bytes between its segments
is published whole, as browsers show it.
"""

from __future__ import annotations

import io
import re
import shutil
import textwrap
import zipfile
import zlib

import pytest
from conftest import MINIMAL_SITE, REPO, build_in
from PIL import Image, ImageDraw, PngImagePlugin
from PIL.ExifTags import Base

from plugins.contentfiles.document_metadata import DOCUMENT_FIX
from plugins.contentfiles.file_types import ALLOWED_LIST
from sitecore.images import SMALLER_FIX

IMAGE_FIX = "save it again from the original and upload that copy"
UNREADABLE_FIX = "save it again from the program that made it (or export the PDF again) and upload that copy"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Volunteer</dc:creator>'
       b'</rdf:Description></rdf:RDF></x:xmpmeta>')


# --- Hostile images, each made from a real picture ------------------------------

def picture(width: int = 64, height: int = 48) -> Image.Image:
    image = Image.new("RGB", (width, height), (30, 60, 200))
    ImageDraw.Draw(image).rectangle([8, 8, width // 2, height // 2], fill="white")
    return image


def coded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def png_without_end_of_iend(missing: int) -> bytes:
    """A PNG missing the last bytes of its IEND chunk: Pillow's verify() passes it."""
    return coded(picture(), "PNG")[:-missing]


def webp_with_damaged_pixels() -> bytes:
    """A WebP a phone stored on its side (orientation 6), its coded picture's
    second half overwritten: turning it upright means decoding it."""
    exif = Image.Exif()
    exif[Base.Orientation] = 6
    data = coded(picture(), "WEBP", quality=80, exif=exif.tobytes())
    start = data.index(b"VP8 ") + 8
    length = int.from_bytes(data[start - 4:start], "little")
    return data[:start + length // 2] + b"\xff" * (length - length // 2) + data[start + length:]


def blank_png(width: int, height: int) -> bytes:
    """A PNG of one colour: a few KB, however many its pixels."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def png_with_damaged_pixels() -> bytes:
    """A PNG whose compressed pixels are damaged, with a correct checksum:
    Pillow's verify() passes it, nothing can show it."""
    data = coded(picture(), "PNG")
    start = data.index(b"IDAT") + 4
    length = int.from_bytes(data[start - 8:start - 4], "big")
    pixels = data[start:start + 2] + b"\xff" * 6 + data[start + 8:start + length]
    return data[:start] + pixels + zlib.crc32(b"IDAT" + pixels).to_bytes(4, "big") + data[start + length + 4:]


def jpeg_segments_until_scan(data: bytes) -> list[bytes]:
    """The segments of a JPEG Pillow wrote, from after its start marker to its scan's header."""
    segments, place = [], 2
    while data[place + 1] != 0xDA:
        end = place + 2 + int.from_bytes(data[place + 2:place + 4], "big")
        segments.append(data[place:end])
        place = end
    return segments + [data[place:]]


def jpeg_without_quantisation_tables() -> bytes:
    """A JPEG whose DQT segments are gone: it opens, verifies and ends where
    it should, but its picture cannot be decoded."""
    data = coded(picture(), "JPEG")
    return data[:2] + b"".join(s for s in jpeg_segments_until_scan(data) if s[1] != 0xDB)


def jpeg_with_stray_bytes() -> bytes:
    """Two stray bytes after JFIF's APP0: libjpeg, Pillow and browsers skip them."""
    data = coded(picture(), "JPEG")
    assert data[2:4] == b"\xff\xe0" and int.from_bytes(data[4:6], "big") == 16
    return data[:20] + b"\x00\x00" + data[20:]


# --- Hostile documents -----------------------------------------------------------

CORE = (b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Leaflet</dc:title></cp:coreProperties>')


def word_document(parts: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>",
                           "docProps/core.xml": CORE, **(parts or {})}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def headers_of(data: bytes, name: str) -> tuple[int, int]:
    """Where the part's local header and its central directory entry start."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
    central = next(found.start() for found in re.finditer(rb"PK\x01\x02", data)
                   if data[found.start() + 46:found.start() + 46 + len(name)] == name.encode())
    return local, central


def with_part_header(data: bytes, name: str, flags: int | None = None, method: int | None = None) -> bytes:
    """The document with the part's flags or compression method changed in both its headers."""
    changed = bytearray(data)
    local, central = headers_of(data, name)
    for field, value in ((6, flags), (8, method)):  # offsets in the local header; +2 in the central entry
        if value is not None:
            changed[local + field:local + field + 2] = value.to_bytes(2, "little")
            changed[central + field + 2:central + field + 4] = value.to_bytes(2, "little")
    return bytes(changed)


def with_part_data_damaged(data: bytes, name: str) -> bytes:
    """The part's first packed byte set to FF (for deflate: a block of the reserved type 3)."""
    local, _ = headers_of(data, name)
    start = local + 30 + int.from_bytes(data[local + 26:local + 28], "little") \
        + int.from_bytes(data[local + 28:local + 30], "little")
    return data[:start] + b"\xff" + data[start + 1:]


def zip_bomb_document() -> bytes:
    """A Word document of a few hundred kilobytes whose photo unpacks to 130 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as photo:
            for _ in range(130):
                photo.write(bytes(1024 * 1024))
    return buffer.getvalue()


def pdf_cut_short() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()[:len(buffer.getvalue()) // 2]


def document_with_undecodable_names() -> bytes:
    """A ZIP that says its names are UTF-8, with one that is not."""
    data = word_document({"word/ab.xml": b"<x/>"})
    local, central = headers_of(data, "word/ab.xml")
    changed = bytearray(data)
    changed[central + 8:central + 10] = (0x800).to_bytes(2, "little")
    changed[central + 46 + 5:central + 46 + 7] = b"\xff\xfe"
    return bytes(changed)


def unreadable(reason: str) -> str:
    return f"(file): cannot be read to check it for personal data ({reason})"


HOSTILE = {
    **{f"png-without-{missing}-bytes-of-iend": (
        f"images/ends-early-{missing}.png", png_without_end_of_iend(missing),
        "(file): cannot be published: the file is cut short: it ends before the PNG's last chunk (IEND) does",
        IMAGE_FIX)
       for missing in (1, 2, 3, 4)},
    # A header of 16000 × 3000 pixels and almost no picture data: Pillow's
    # "image file is truncated (0 bytes not processed)" was quoted as it was (a fuzzing audit).
    "png-with-far-less-picture-than-its-size": (
        "images/big.png", bytes.fromhex("89504e470d0a1a0a0000000d4948445200003e8000000bb80802000000dc6e47bc0000000b"
                                        "49444154789c6360800100000a00017f80745e0000000049454e44ae426082"),
        "(file): cannot be published: its picture is cut short: the file holds less of it than its size says",
        IMAGE_FIX),
    "webp-with-orientation-and-damaged-pixels": (
        "images/turned.webp", webp_with_damaged_pixels(),
        "(file): cannot be published: its picture cannot be decoded (OSError: failed to read next frame)", IMAGE_FIX),
    "png-with-damaged-pixels": (
        "images/damaged.png", png_with_damaged_pixels(),
        "(file): cannot be published: its picture cannot be decoded (OSError: broken data stream when reading image "
        "file)",
        IMAGE_FIX),
    "jpeg-without-quantisation-tables": (
        "images/no-tables.jpg", jpeg_without_quantisation_tables(),
        "(file): cannot be published: its picture cannot be decoded (OSError: broken data stream when reading image "
        "file)",
        IMAGE_FIX),
    "docx-with-a-damaged-part": (
        "images/damaged.docx", with_part_data_damaged(word_document(), "docProps/core.xml"),
        # In full, as the README's table of messages quotes it.
        "(file): cannot be read to check it for personal data (docProps/core.xml: Error -3 while decompressing "
        "data: invalid block type)", UNREADABLE_FIX),
    "docx-with-a-bad-checksum": (
        "images/checksum.docx", word_document(compression=zipfile.ZIP_STORED).replace(b"Leaflet", b"Leaflat"),
        unreadable("docProps/core.xml: Bad CRC-32 for file 'docProps/core.xml'"), UNREADABLE_FIX),
    "docx-with-a-damaged-bzip2-part": (
        "images/bzip2.docx", with_part_data_damaged(word_document(compression=zipfile.ZIP_BZIP2), "docProps/core.xml"),
        unreadable("docProps/core.xml: Invalid data stream"), UNREADABLE_FIX),
    "docx-with-an-unsupported-compression": (
        "images/deflate64.docx", with_part_header(word_document(), "docProps/core.xml", method=9),
        unreadable("docProps/core.xml: That compression method is not supported"), UNREADABLE_FIX),
    "docx-encrypted": (
        "images/encrypted.docx", with_part_header(word_document(), "docProps/core.xml", flags=0x1),
        unreadable("docProps/core.xml is protected with a password"), UNREADABLE_FIX),
    "docx-with-strong-encryption": (
        "images/strong.docx", with_part_header(word_document(), "docProps/core.xml", flags=0x40),
        unreadable("docProps/core.xml is protected with a password"), UNREADABLE_FIX),
    "docx-zip-bomb": (
        "images/bomb.docx", zip_bomb_document(),
        unreadable("its properties and photos would unpack to 130.0 MB, more than the 128.0 MB the build reads to "
                   "check a document"), UNREADABLE_FIX),
    "docx-with-a-damaged-photo": (
        "images/photo.docx", word_document({"word/media/image1.png": png_with_damaged_pixels()}),
        unreadable("word/media/image1.png: not an image that can be read (OSError)"), UNREADABLE_FIX),
    "pdf-cut-short": (
        "images/leaflet.pdf", pdf_cut_short(),
        unreadable("its properties: PdfStreamError: Stream has ended unexpectedly"), UNREADABLE_FIX),
    # Refused by their size, read from the header before a pixel is decoded:
    # a 690 KB PNG of 13000 × 13000 took a build to 2.9 GB, and a 1 × 60000
    # one passed the checks, then its copies could not be made.
    "png-of-56-megapixels": (
        "images/poster.png", blank_png(8000, 7000),
        "(file): is 8000 × 7000 pixels, 56.0 megapixels: more than the 50 a picture may have (the site shows "
        "pictures at most a few thousand pixels wide)", SMALLER_FIX),
    "png-past-pillows-own-limit": (
        "images/mural.png", blank_png(15000, 13000),
        "(file): has 195.0 megapixels: more than the 50 a picture may have", SMALLER_FIX),
    "png-taller-than-webp-allows": (
        "images/ribbon.png", blank_png(1000, 17000),
        "(file): is 1000 × 17000 pixels: its web copies can be at most 16383 pixels each way", SMALLER_FIX),
    # Told to crop, first: made smaller, it would still be too thin.
    "png-a-pixel-wide": (
        "images/thread.png", blank_png(1, 20000),
        "(file): is 1 × 20000 pixels: more than 20 times as tall as it is wide, too thin to show",
        "crop it to at most 20 times as tall as it is wide"),
    "png-too-thin-to-show": (
        "images/banner.png", blank_png(3100, 150),
        "(file): is 3100 × 150 pixels: more than 20 times as wide as it is tall, too thin to show",
        "crop it to at most 20 times as wide as it is tall"),
    "docx-with-names-that-are-not-utf-8": (
        "images/names.docx", document_with_undecodable_names(),
        "(file): cannot be published: its name says Word document, but its contents are not one",
        f"delete it, or save it as one of the types content may publish: {ALLOWED_LIST}"),
}


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, factory_cache):
    """A good build: every hostile build below must leave a copy of it untouched."""
    build = build_in(tmp_path_factory.mktemp("good"), cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build.output


def hostile_build(tmp_path, last_good_site, factory_cache, files: dict):
    output = tmp_path / "output"
    shutil.copytree(last_good_site, output)
    return build_in(tmp_path, files, output=output, cache=factory_cache)


def assert_refused(build, last_good_site, expected_lines: list[str]) -> None:
    everything = build.stderr + build.stdout
    assert build.returncode == 1, everything
    assert "Traceback" not in everything and not re.search(r"Build failed: \w+(Error|Exception)", everything)
    assert build.problem_lines == expected_lines
    assert snapshot(build.output) == snapshot(last_good_site)


@pytest.mark.parametrize("path, data, message, fix", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_file_is_refused_at_its_path(tmp_path, last_good_site, factory_cache, path, data, message, fix):
    build = hostile_build(tmp_path, last_good_site, factory_cache, {path: data})
    assert_refused(build, last_good_site, [f"content/{path}:1: {message} — {fix}"])


def test_every_hostile_file_is_reported_in_one_build(tmp_path, last_good_site, factory_cache):
    build = hostile_build(tmp_path, last_good_site, factory_cache,
                          {path: data for path, data, _, _ in HOSTILE.values()})
    assert_refused(build, last_good_site, sorted(f"content/{path}:1: {message} — {fix}"
                                                 for path, data, message, fix in HOSTILE.values()))


# --- What the minifesto's formats meet ---------------------------------------------

@pytest.mark.parametrize("name, data", [("plan.png", png_without_end_of_iend(2)),
                                        ("plan.webp", webp_with_damaged_pixels())], ids=["png", "webp"])
def test_a_damaged_image_only_a_draft_uses_does_not_break_the_minifesto(make_site, name, data):
    """Only checked once it is published: until then the PDF's cache key,
    which reads every content image whose name the minifesto mentions, leaves
    it out (the fetcher would refuse it), and the build goes on."""
    draft = (f"---\ntitle: The plan\ndate: 2021-11-24\ncategory: news\nsummary: A plan.\nstatus: draft\n---\n"
             f"![The plan]({{static}}/images/{name})\n")
    minifesto = textwrap.dedent(MINIMAL_SITE["minifesto.md"]).replace("The foreword.", f"The foreword ({name}).")
    build = make_site({f"images/{name}": data, "posts/plan.md": draft, "minifesto.md": minifesto})
    assert build.returncode == 0, build.stderr
    assert not (build.output / "images" / name).exists()
    assert (build.output / "minifesto.pdf").read_bytes().startswith(b"%PDF-")


def fetcher_settings(content):
    from sitebuild.build import load_settings

    return load_settings(REPO / "pelicanconf.py", {"PATH": str(content)})


def test_the_pdf_fetcher_refuses_an_image_it_cannot_publish(tmp_path):
    from plugins.minifesto.fetcher import FetchRefused, SiteFiles, minifesto_fetcher

    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "plan.png").write_bytes(png_without_end_of_iend(2))
    (tmp_path / "images" / "good.png").write_bytes(coded(picture(), "PNG"))
    settings = fetcher_settings(tmp_path)
    fetcher = minifesto_fetcher(settings)
    url = f"{settings['SITE_CANONICAL_URL']}/images/plan.png"
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert fetcher.refusals[url] == ("an image that cannot be published: the file is cut short: it ends before the "
                                     "PNG's last chunk (IEND) does")
    keyed = [name for name, _ in SiteFiles(settings).cache_inputs("<img src=/images/plan.png> good.png")]
    assert [name for name in keyed if name.startswith("images/")] == ["images/good.png"]


def test_the_book_reports_an_image_it_cannot_publish_at_its_path(tmp_path):
    """The content checks refuse such an image first; were one missed, the
    e-book names it as a content problem instead of crashing."""
    import lxml.html

    from plugins.minifesto.epub import tidy_for_book
    from sitecore.problems import problem_log

    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "plan.webp").write_bytes(webp_with_damaged_pixels())
    settings = fetcher_settings(tmp_path / "content")
    section = lxml.html.fragment_fromstring('<section><img src="/images/plan.webp" alt="The plan"></section>')
    images: dict[str, bytes] = {}
    problem_log.start_build({"PATH": settings["PATH"]})
    try:
        tidy_for_book(section, settings, {}, images)
        assert [str(problem) for problem in problem_log._problems] == [
            "content/images/plan.webp:1: (file): cannot be published: its picture cannot be decoded (OSError: "
            f"failed to read next frame) — {IMAGE_FIX}"]
        assert images == {}
    finally:
        problem_log.start_build({"PATH": str(tmp_path)})


# --- Stray bytes in a JPEG -----------------------------------------------------------

@pytest.mark.parametrize("linked", [True, False], ids=["linked", "not-linked"])
def test_a_jpeg_with_stray_bytes_is_published_whole(make_site, linked):
    """libjpeg skips bytes between segments that are not a marker, and so
    does the walk that takes out the camera data: the published file is the
    whole picture, not its first 20 bytes."""
    source = jpeg_with_stray_bytes()
    files = {"images/stray.jpg": source}
    if linked:
        files["posts/hello.md"] = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]) + \
            "\n![Members marching]({static}/images/stray.jpg)\n"
    build = make_site(files)
    assert build.returncode == 0, build.stderr
    with Image.open(build.output / "images/stray.jpg") as published, Image.open(io.BytesIO(source)) as original:
        assert published.size == original.size == (64, 48)
        assert published.tobytes() == original.tobytes()


# --- Photos inside documents: only what names a person, a place or a camera --------

def png_with_text(**text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        info.add_text(key, value)
    return coded(picture(), "PNG", pnginfo=info)


def test_a_chart_in_a_document_is_published(make_site):
    """Matplotlib and spreadsheets write their name and a comment into a
    chart: that names no one, so the document is published."""
    chart = png_with_text(Software="Matplotlib version3.8.0, https://matplotlib.org/", Comment="Figure 1")
    build = make_site({"images/report.docx": word_document({"word/media/image1.png": chart}),
                       "images/chart.docx": word_document({"word/media/image1.jpeg": coded(
                           picture(), "JPEG", comment=b"CREATOR: gd-jpeg v1.0")})})
    assert build.returncode == 0, build.stderr
    assert (build.output / "images/report.docx").is_file() and (build.output / "images/chart.docx").is_file()


def test_a_document_photo_is_refused_for_what_it_carries(make_site):
    build = make_site({"images/flyer.docx": word_document({
        "word/media/image1.png": png_with_text(Author="Jane Volunteer"),
        "word/media/image2.jpeg": coded(picture(), "JPEG", xmp=XMP),
        "word/media/image3.png": png_with_text(Software="Matplotlib")})})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/images/flyer.docx:1: (file): cannot be published: it carries the editing records (XMP, IPTC) and "
        f"author names of the photos in it (word/media/image1.png, word/media/image2.jpeg) — {DOCUMENT_FIX}"]


def test_a_file_name_that_is_not_utf_8_is_refused_at_its_name(tmp_path, last_good_site, factory_cache):
    """An old Windows tool names a file in Latin-1 (caf\\xe9.md): the build
    ended with an encoding error before Pelican could read the file."""
    import os

    build_in(tmp_path, {})  # the minimal site's files, as hostile_build writes them
    name = os.path.join(os.fsencode(tmp_path / "content" / "posts"), b"caf\xe9.md")
    with open(name, "wb") as handle:
        handle.write(MINIMAL_SITE["posts/hello.md"].encode())
    output = tmp_path / "good-output"
    shutil.copytree(last_good_site, output)
    build = build_in(tmp_path, content=tmp_path / "content", output=output, cache=factory_cache)
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr and "Error" not in build.stderr
    assert build.problem_lines == [
        'content/posts/caf\\udce9.md:1: (file name): "caf\\udce9.md" is not a slug — rename the file caf.md: '
        "lower-case letters and digits, a single hyphen between words, none at either end"]
    assert "Warning" not in build.stderr  # Unidecode's, for the byte that is not UTF-8
    assert snapshot(output) == snapshot(last_good_site)


def test_a_name_windows_cannot_hold_is_refused_at_its_path(make_site):
    """One file named aux.md, con.jpg or with a dot at its end keeps every
    volunteer on Windows from checking out the repository."""
    from conftest import sample_jpeg

    build = make_site({"posts/aux.md": MINIMAL_SITE["posts/hello.md"], "images/con.jpg": sample_jpeg(),
                       "images/nul/photo.jpg": sample_jpeg(), "images/rally.": sample_jpeg()})
    assert build.returncode == 1, build.stderr
    windows = [line.split(": ")[0] for line in build.problem_lines if "Windows cannot hold" in line]
    assert windows == ["content/images/con.jpg:1", "content/images/nul:1", "content/images/rally.:1",
                       "content/posts/aux.md:1"]
    assert ('content/posts/aux.md:1: (file name): "aux.md" is a name Windows cannot hold (a device\'s name): the '
            "repository could not be checked out on Windows — rename it, e.g. with another word in its name"
            ) in build.problem_lines
    assert ('content/images/rally.:1: (file name): "rally." is a name Windows cannot hold (a dot or space at its '
            "end): the repository could not be checked out on Windows — rename it without the dot or space at its "
            "end") in build.problem_lines


def test_an_image_linked_to_a_file_outside_content_is_never_read(tmp_path):
    """A symbolic link in content/images/ to a file of the build machine is
    refused at its path; the checks of the post that shows it (in its text
    and as its `image`) read the file all the same, to see if it was an
    image (`UnidentifiedImageError`). Nothing may read it: the file's
    access time, set before its last change, would move on at a read."""
    import os

    build_in(tmp_path, {})  # the minimal site's files
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"not for the site")
    changed = secret.stat().st_mtime_ns
    os.utime(secret, ns=(changed - 10**12, changed))  # read before the change: a read now moves it (relatime)
    (tmp_path / "content/images/leak.jpg").symlink_to(secret)
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "tags: [launch]", "tags: [launch]\nimage: images/leak.jpg\nimage_alt: A leak") + "\n![A leak](/images/leak.jpg)\n"
    (tmp_path / "content/posts/hello.md").write_text(post, encoding="utf-8")
    build = build_in(tmp_path, content=tmp_path / "content")
    assert build.returncode == 1, build.stderr
    assert "content/images/leak.jpg:1: (file): is a symbolic link — replace it with the file itself: links could " \
           "publish files from outside content/" in build.problem_lines
    assert secret.stat().st_atime_ns == changed - 10**12, "a check read the file outside content/"


def test_a_link_in_the_theme_is_refused_and_its_target_never_published(tmp_path):
    """A link under theme/static/ was followed and its target published under
    /theme/ (`ln -s /proc/self/environ`, one line of a pull request, would
    publish the build job's environment). It is refused as one in content/
    is, by the build and by the review's check."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE")
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "theme", theme)
    (theme / "static/css/leak.txt").symlink_to(secret)
    settings = {"THEME": repr(str(theme))}
    expected = ("theme/static/css/leak.txt:1: (file): is a symbolic link in the theme — replace it with the file "
                "itself: links could publish files from outside the theme")
    build = build_in(tmp_path, {}, settings=settings)
    assert build.returncode == 1 and expected in build.stderr.splitlines(), build.stderr
    assert not (build.output / "theme/css/leak.txt").exists()
    checked = build_in(tmp_path, {}, settings=settings, options=("--check",))
    assert checked.returncode == 1 and expected in checked.stderr.splitlines(), checked.stderr
    # A folder of templates put before the theme's (THEME_TEMPLATES_OVERRIDES) likewise.
    (theme / "static/css/leak.txt").unlink()
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "base.html").symlink_to(secret)
    build = build_in(tmp_path, {}, settings={**settings, "THEME_TEMPLATES_OVERRIDES": repr([str(overrides)])})
    assert build.returncode == 1
    assert ("overrides/base.html:1: (file): is a symbolic link in the theme — replace it with the file itself: links "
            "could publish files from outside the theme") in build.stderr.splitlines(), build.stderr
