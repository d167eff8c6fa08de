"""A volunteer's phone photo is published without where it was taken, the
phone that took it or who owns it: every image the site publishes (the
original's copy, a WebP serving as its own copy, the smaller plain copies
for feeds and mail, the EPUB's) carries no
EXIF but its orientation, no XMP, IPTC, comments, text chunks, thumbnail
or data after the picture, and shows the same pixels, upright
(sitecore/image_metadata.py, plugins/contentfiles/published_copies.py).
A document that names its author is refused."""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, build_in, policy_markdown
from lxml import etree
from PIL import Image, ImageDraw, ImageOps, PngImagePlugin
from PIL.ExifTags import GPS, IFD, Base

# Everything a published file must not hold: the phone's EXIF, an editor's
# XMP, IPTC and comments, PNG text, and a motion photo's video.
SECRETS = [b"Jane Volunteer", b"SERIAL-1234567", b"Pixel 7", b"12 Acacia Ave", b"XMPSECRET", b"IPTCSECRET",
           b"COMSECRET", b"PNGSECRET", b"ftypmp42"]
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>XMPSECRET Jane Volunteer</dc:creator>'
       b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')
MOTION_PHOTO_VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 8
RED, GREEN = (220, 0, 0), (0, 180, 0)


def phone_exif(orientation: int | None = None, thumbnail: bytes = b"") -> bytes:
    """An APP1 payload as a phone writes it: where, which phone, whose, and
    a thumbnail of the whole picture (IFD1)."""
    exif = Image.Exif()
    exif[Base.Make], exif[Base.Model] = "Google", "Pixel 7"
    exif[Base.Artist] = "Jane Volunteer"
    exif[Base.ImageDescription] = "Taken at 12 Acacia Ave"
    if orientation:
        exif[Base.Orientation] = orientation
    exif[IFD.GPSInfo] = {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (51.0, 30.0, 12.5),
                         GPS.GPSLongitudeRef: "W", GPS.GPSLongitude: (0.0, 7.0, 39.9)}
    camera = exif.get_ifd(IFD.Exif)
    camera[Base.BodySerialNumber], camera[Base.CameraOwnerName] = "SERIAL-1234567", "Jane Volunteer"
    data = exif.tobytes()
    return with_thumbnail(data, thumbnail) if thumbnail else data


def with_thumbnail(exif: bytes, thumbnail: bytes) -> bytes:
    """`exif` (b"Exif\\0\\0" and a TIFF) with a second directory holding a JPEG thumbnail."""
    tiff = bytearray(exif[6:])
    order = "little" if tiff[:2] == b"II" else "big"
    entries = int.from_bytes(tiff[8:10], order)
    directory = len(tiff) + len(tiff) % 2
    tiff += b"\x00" * (directory - len(tiff))
    tiff[10 + 12 * entries:14 + 12 * entries] = directory.to_bytes(4, order)  # IFD0's "next directory"

    def entry(tag: int, value: int) -> bytes:
        return tag.to_bytes(2, order) + (4).to_bytes(2, order) + (1).to_bytes(4, order) + value.to_bytes(4, order)

    start = directory + 2 + 2 * 12 + 4
    tiff += (2).to_bytes(2, order) + entry(0x0201, start) + entry(0x0202, len(thumbnail)) + bytes(4) + thumbnail
    return b"Exif\x00\x00" + bytes(tiff)


def segment(marker: int, payload: bytes) -> bytes:
    return b"\xff" + bytes([marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


IPTC = segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x14\x1c\x02\x50\x00\x10IPTCSECRET Jane\x00")
THUMBNAIL = Image.new("RGB", (160, 100), (30, 60, 200))


def plain_jpeg(picture: Image.Image) -> bytes:
    """`picture` coded as a JPEG, with JFIF's APP0 and nothing else to say about it."""
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def jpeg_file(picture: Image.Image, *segments: bytes, after: bytes = b"") -> bytes:
    """`picture` as a JPEG with `segments` after its start marker and `after` after its end."""
    data = plain_jpeg(picture)
    return data[:2] + b"".join(segments) + data[2:] + after


def thumbnail_jpeg() -> bytes:
    buffer = io.BytesIO()
    THUMBNAIL.save(buffer, "JPEG", quality=60, comment=b"the uncropped original")
    return buffer.getvalue()


def rally() -> Image.Image:
    picture = Image.new("RGB", (1600, 1000), (30, 60, 200))
    ImageDraw.Draw(picture).rectangle([700, 400, 900, 600], fill="white")
    return picture


def sideways(width: int, height: int) -> Image.Image:
    """A portrait photo as a phone stores it, turned a quarter to the left:
    upright (orientation 6: turn it a quarter right), its top half red."""
    picture = Image.new("RGB", (width, height), GREEN)
    ImageDraw.Draw(picture).rectangle([0, 0, width // 2 - 1, height - 1], fill=RED)
    return picture


def phone_photo() -> bytes:
    return jpeg_file(rally(), segment(0xE1, phone_exif(thumbnail=thumbnail_jpeg())),
                     segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP), IPTC,
                     segment(0xFE, b"COMSECRET Jane"), after=MOTION_PHOTO_VIDEO)


def portrait_jpeg() -> bytes:
    return jpeg_file(sideways(1600, 1000), segment(0xE1, phone_exif(orientation=6)))


def poster_png() -> bytes:
    picture = Image.new("RGB", (1200, 800), (250, 200, 0))
    ImageDraw.Draw(picture).ellipse([400, 200, 800, 600], fill="black")
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "PNGSECRET Jane Volunteer")
    text.add_text("Comment", "PNGSECRET taken at 12 Acacia Ave", zip=True)
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    text.add(b"tIME", bytes.fromhex("07e8060f0c0000"))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", pnginfo=text, exif=phone_exif()[6:])
    return buffer.getvalue() + b"PNGSECRET after the end"


def banner_webp(picture: Image.Image | None = None, orientation: int | None = None) -> bytes:
    if picture is None:
        picture = Image.new("RGB", (1000, 700), (120, 0, 120))
        ImageDraw.Draw(picture).rectangle([100, 100, 300, 300], fill="white")
    buffer = io.BytesIO()
    picture.save(buffer, "WEBP", quality=80, exif=phone_exif(orientation), xmp=XMP)
    return buffer.getvalue()


IMAGES = {
    "images/rally.jpg": phone_photo(),
    "images/standing.jpg": portrait_jpeg(),
    "images/poster.png": poster_png(),
    "images/banner.webp": banner_webp(),
    "images/standing-up.webp": banner_webp(sideways(600, 400), orientation=6),
}
POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
    "tags: [launch]", "tags: [launch]\nimage: images/rally.jpg\nimage_alt: Members at a rally") + "".join(
    f"\n![A picture from the march]({{static}}/{path})\n" for path in IMAGES)
POLICY = policy_markdown("Homes for everyone", 1).replace("Text.", "".join(
    f"![A picture from the march]({{static}}/{path})\n\n" for path in IMAGES))
PHONE_SITE = {**IMAGES, "images/press/alex-mays.jpg": phone_photo(), "posts/hello.md": POST,
              "policies/01-housing.md": POLICY,
              "pages/press.md": "---\ntitle: Press office\nsummary: For journalists.\n---\nCall us.\n"}


@pytest.fixture(scope="module")
def published(tmp_path_factory, factory_cache):
    built = build_in(tmp_path_factory.mktemp("phone-photos"), PHONE_SITE, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


def test_the_test_photos_carry_what_a_phone_writes():
    with Image.open(io.BytesIO(IMAGES["images/rally.jpg"])) as photo:
        exif = photo.getexif()
        assert exif.get_ifd(IFD.GPSInfo) and exif.get_ifd(IFD.Exif)[Base.BodySerialNumber] == "SERIAL-1234567"
        assert exif.get_ifd(IFD.IFD1)[0x0202] == len(thumbnail_jpeg())
        assert thumbnail_jpeg() in IMAGES["images/rally.jpg"]
    with Image.open(io.BytesIO(IMAGES["images/standing.jpg"])) as photo:
        assert photo.getexif()[Base.Orientation] == 6


def every_file(folder: Path):
    """(name, bytes) of every file below `folder`, of every file inside a ZIP
    (the EPUB) and of every compressed stream inside a PDF."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield str(path.relative_to(folder)), data
        if data.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    yield f"{path.relative_to(folder)}:{name}", archive.read(name)
        if data.startswith(b"%PDF-"):
            for number, stream in enumerate(re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S)):
                try:
                    yield f"{path.relative_to(folder)}:stream {number}", zlib.decompress(stream[1])
                except zlib.error:
                    continue  # not deflated: read with the file itself


def exif_beyond_orientation(data: bytes) -> list[str]:
    """What each EXIF block in `data` holds besides the orientation."""
    found = []
    for match in re.finditer(rb"Exif\x00\x00", data):
        exif = Image.Exif()
        exif.load(data[match.start():])
        found += [f"tag {tag:#x}" for tag in exif if tag != Base.Orientation]
        found += [f"directory {ifd.name}" for ifd in (IFD.Exif, IFD.GPSInfo, IFD.Interop, IFD.IFD1)
                  if exif.get_ifd(ifd)]
    return found


def leaks_in(name: str, data: bytes) -> list[str]:
    thumbnail = thumbnail_jpeg()
    leaks = [f"{name}: {secret!r}" for secret in SECRETS if secret in data]
    if thumbnail in data:
        leaks.append(f"{name}: the EXIF thumbnail")
    return leaks + [f"{name}: EXIF {what}" for what in exif_beyond_orientation(data)]


def test_no_published_file_holds_the_photos_metadata(published):
    """Every file but the minifesto PDFs, which WeasyPrint makes from the
    images it is given (the next test)."""
    leaks = []
    for name, data in every_file(published.output):
        if not name.split(":")[0].endswith(".pdf"):
            leaks += leaks_in(name, data)
    assert leaks == [], "\n".join(leaks)
    # The book and the press kit do carry the photos.
    with zipfile.ZipFile(published.output / "minifesto.epub") as book:
        assert {name for name in book.namelist() if name.startswith("EPUB/images/")} == {
            f"EPUB/{path}" for path in IMAGES}
    assert "/images/press/alex-mays.jpg" in [a["href"] for a in published.html("press/").select(".file-list a")]


def test_the_minifesto_pdfs_hold_none_of_the_photos_metadata(published):
    leaks = []
    for name, data in every_file(published.output):
        if name.split(":")[0].endswith(".pdf"):
            leaks += leaks_in(name, data)
    assert leaks == [], "\n".join(leaks)


@pytest.mark.parametrize("path", IMAGES)
def test_each_published_image_is_only_its_picture(published, path):
    with zipfile.ZipFile(published.output / "minifesto.epub") as book:
        in_book = book.read(f"EPUB/{path}")
    on_site = (published.output / path).read_bytes()
    assert in_book == on_site
    with Image.open(io.BytesIO(on_site)) as image:
        assert set(image.getexif()) <= {Base.Orientation}
        assert not {"xmp", "comment", "Author", "Comment", "XML:com.adobe.xmp", "iptc"} & set(image.info), image.info
    assert (published.content / path).read_bytes() == IMAGES[path]  # the source is left as it was


@pytest.mark.parametrize("path", ["images/rally.jpg", "images/standing.jpg", "images/poster.png",
                                  "images/banner.webp"])
def test_a_published_original_has_the_same_pixels(published, path):
    with Image.open(io.BytesIO(IMAGES[path])) as source, Image.open(published.output / path) as copy:
        assert (copy.format, copy.mode, copy.size) == (source.format, source.mode, source.size)
        assert copy.tobytes() == source.tobytes()


def test_a_published_jpeg_is_the_picture_as_the_camera_coded_it(published):
    """Lossless: the same coded picture, never coded again, with only what
    the phone added taken out (EXIF, XMP, IPTC, the comment, the video)."""
    assert (published.output / "images/rally.jpg").read_bytes() == plain_jpeg(rally())


def upright(image: Image.Image) -> Image.Image:
    """What a browser shows: the picture turned by its orientation."""
    return ImageOps.exif_transpose(image).convert("RGB")


@pytest.mark.parametrize("path, size", [("images/standing.jpg", (1000, 1600)), ("images/standing-up.webp", (400, 600))])
def test_a_portrait_photo_stays_upright(published, path, size):
    with Image.open(published.output / path) as copy:
        shown = upright(copy)
    assert shown.size == size
    top, bottom = shown.getpixel((size[0] // 2, size[1] // 10)), shown.getpixel((size[0] // 2, size[1] * 9 // 10))
    assert max(abs(a - b) for a, b in zip(top, RED)) < 30 and max(abs(a - b) for a, b in zip(bottom, GREEN)) < 30
    with Image.open(io.BytesIO(IMAGES[path])) as source:
        assert shown.tobytes() == upright(source).tobytes()  # the very pixels, turned


def test_a_webp_with_an_orientation_is_turned_as_its_own_widest_copy(published):
    """Chromium ignores a WebP's orientation: the WebP that is its own widest
    copy is published turned, beside its copies made upright."""
    with Image.open(published.output / "images/standing-up.webp") as copy:
        assert copy.size == (400, 600) and Base.Orientation not in copy.getexif()
    picture = published.html("news/hello/").select_one('main picture:has(source[srcset$="standing-up.webp 400w"])')
    assert (picture.img["width"], picture.img["height"]) == ("400", "600")
    with Image.open(published.output / picture.img["src"].lstrip("/")) as plain:  # the plain copy, for mail
        assert plain.format == "JPEG" and plain.size == (400, 600) and Base.Orientation not in plain.getexif()


@pytest.mark.browser
def test_browsers_show_the_published_portraits_upright(published, browser):
    from browser import serve_folder

    page = browser.new_page()
    try:
        with serve_folder(published.output) as base:
            page.set_content("".join(f'<img id="{Path(path).stem}" src="{base}/{path}">' for path in IMAGES))
            page.wait_for_function("[...document.images].every(img => img.complete && img.naturalWidth > 0)")
            sizes = page.evaluate("Object.fromEntries([...document.images].map(img => "
                                  "[img.id, [img.naturalWidth, img.naturalHeight]]))")
    finally:
        page.close()
    assert sizes == {"rally": [1600, 1000], "standing": [1000, 1600], "poster": [1200, 800],
                     "banner": [1000, 700], "standing-up": [400, 600]}


def test_the_same_photos_publish_the_same_bytes(published, tmp_path):
    """Identical input, identical bytes: a build with a cache of its own
    publishes the images and the book exactly as the first did."""
    again = build_in(tmp_path, PHONE_SITE, cache=tmp_path / "cache")
    assert again.returncode == 0, again.stderr
    for path in [*IMAGES, "images/press/alex-mays.jpg", "minifesto.epub"]:
        assert (again.output / path).read_bytes() == (published.output / path).read_bytes(), path


def accessibility(book_path: Path) -> list[tuple[str, str]]:
    with zipfile.ZipFile(book_path) as book:
        package = etree.fromstring(book.read("EPUB/package.opf"))
    return [(meta.get("property"), meta.text) for meta in package.iter("{*}meta")
            if (meta.get("property") or "").startswith("schema:accessMode")]


def test_a_book_with_pictures_says_it_is_read_by_sight_too(published, make_site):
    assert accessibility(published.output / "minifesto.epub") == [
        ("schema:accessMode", "textual"), ("schema:accessMode", "visual"),
        ("schema:accessModeSufficient", "textual"), ("schema:accessModeSufficient", "textual,visual")]
    words_only = make_site()
    assert accessibility(words_only.output / "minifesto.epub") == [
        ("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual")]


def zip_of(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP archive of `parts` (name -> contents), as Office files are."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def office_document(core: str = "", app: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    """A Word document's parts: its properties as Word writes them."""
    return zip_of({
        "[Content_Types].xml": "<Types/>",
        "word/document.xml": "<document/>",
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Leaflet</dc:title>{core}</cp:coreProperties>'),
        "docProps/app.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>Microsoft Office Word</Application>{app}</Properties>"),
        **(extra or {}),
    })


def pdf_document(author: str | None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": "Leaflet", **({"/Author": author} if author else {})})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


DOCUMENT_FIX = ("take them out and upload it again: in Word, Excel or PowerPoint, File › Info › Check for Issues › "
                "Inspect Document › Remove All beside \"Document Properties and Personal Information\"; in "
                "LibreOffice, File › Properties › General › Reset Properties, with \"Apply user data\" unticked; "
                "a photo in it saved again without its location and camera details first; a PDF exported again "
                "from the cleaned document")


def test_a_document_that_names_its_author_is_refused(make_site):
    build = make_site({
        "images/leaflet.docx": office_document(
            "<dc:creator>Jane Volunteer</dc:creator><cp:lastModifiedBy>Jane Volunteer</cp:lastModifiedBy>",
            "<Company>Jane's Firm</Company>"),
        "images/flyer.docx": office_document(extra={"word/media/image1.jpeg": phone_photo()}),
        "images/leaflet.pdf": pdf_document("Jane Volunteer"),
    })
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/images/flyer.docx:1: (file): cannot be published: it carries the location (GPS), camera data "
        f"(EXIF) and editing records (XMP, IPTC) of the photos in it (word/media/image1.jpeg) — {DOCUMENT_FIX}",
        "content/images/leaflet.docx:1: (file): cannot be published: it carries the names in its properties "
        f"(Author, Last modified by, Company) — {DOCUMENT_FIX}",
        "content/images/leaflet.pdf:1: (file): cannot be published: it carries the name of its author in its "
        f"properties (Author) — {DOCUMENT_FIX}",
    ]


def open_document(meta: str) -> bytes:
    """A LibreOffice document's parts: its properties (meta.xml) as it writes them."""
    return zip_of({
        "mimetype": "application/vnd.oasis.opendocument.text",
        "content.xml": "<document/>",
        "meta.xml": (
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<office:meta><dc:title>Leaflet</dc:title>{meta}</office:meta></office:document-meta>"),
    })


@pytest.mark.parametrize("name, data, names", [
    ("report.docx", office_document(app="<Manager>Sam Boss</Manager>"), "Manager"),
    ("report.docx", office_document(extra={"word/people.xml": b"<w15:people/>"}), "the list of people who edited it"),
    ("figures.xlsx", office_document("<cp:lastModifiedBy>Jane Volunteer</cp:lastModifiedBy>"), "Last modified by"),
    ("slides.pptx", office_document(app="<Company>Jane's Firm</Company>"), "Company"),
    ("leaflet.odt", open_document("<meta:initial-creator>Jane Volunteer</meta:initial-creator>"), "Author"),
    ("figures.ods", open_document("<dc:creator>Jane Volunteer</dc:creator>"), "Last modified by"),
    ("leaflet.odt", open_document("<meta:printed-by>Jane Volunteer</meta:printed-by>"), "Printed by"),
])
def test_every_kind_of_document_is_refused_for_each_name_it_carries(tmp_path, name, data, names):
    """As the README says: their company or manager, Word's list of everyone
    who edited it, in Word, Excel, PowerPoint and LibreOffice files."""
    from plugins.contentfiles.document_metadata import personal_data_problem

    (tmp_path / name).write_bytes(data)
    assert personal_data_problem(str(tmp_path / name)) == (
        f"cannot be published: it carries the names in its properties ({names})", DOCUMENT_FIX)


def office_document_with_core(core_xml: str) -> bytes:
    """A Word document whose properties part is `core_xml`, as written."""
    return zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<document/>",
                   "docProps/core.xml": core_xml})


CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">{}</cp:coreProperties>')


@pytest.mark.parametrize("core_xml, why", [
    # The author behind an entity: the field shows "&n;", a reader expands it.
    ('<!DOCTYPE r [<!ENTITY n "Jane Doe">]>' + CORE.format("<dc:creator>&n;</dc:creator>"),
     "docProps/core.xml: its properties declare a DTD, which no office program writes"),
    ('<?xml version="1.0"?><!DOCTYPE cp:coreProperties>' + CORE.format(""),
     "docProps/core.xml: its properties declare a DTD, which no office program writes"),
    (CORE.format("<dc:creator>Jane Doe</dc:creator") + "<",
     "docProps/core.xml: its properties are not well-formed XML"),
])
def test_properties_that_could_hide_a_name_are_refused_unread(tmp_path, core_xml, why):
    """A name hidden from the check (an entity of a DTD, or XML the check
    cannot parse that another reader might) was published: such properties
    are refused as a document that cannot be checked."""
    from plugins.contentfiles.document_metadata import UNREADABLE_FIX, personal_data_problem

    (tmp_path / "leaflet.docx").write_bytes(office_document_with_core(core_xml))
    assert personal_data_problem(str(tmp_path / "leaflet.docx")) == (
        f"cannot be read to check it for personal data ({why})", UNREADABLE_FIX)


@pytest.mark.parametrize("parts", [
    # Office reads part names in any capitals.
    {"docProps/Core.xml": CORE.format("<dc:creator>Jane Doe</dc:creator>")},
    # Or wherever the package's relationships say its properties are.
    {"_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                    'metadata/core-properties" Target="/meta/props.xml"/></Relationships>',
     "meta/props.xml": CORE.format("<dc:creator>Jane Doe</dc:creator>")},
])
def test_properties_under_another_name_are_checked(tmp_path, parts):
    from plugins.contentfiles.document_metadata import personal_data_problem

    (tmp_path / "leaflet.docx").write_bytes(zip_of({"[Content_Types].xml": "<Types/>",
                                                    "word/document.xml": "<document/>", **parts}))
    assert personal_data_problem(str(tmp_path / "leaflet.docx")) == (
        "cannot be published: it carries the names in its properties (Author)", DOCUMENT_FIX)


def test_a_name_inside_another_element_of_a_field_is_found(tmp_path):
    from plugins.contentfiles.document_metadata import personal_data_problem

    (tmp_path / "leaflet.docx").write_bytes(office_document_with_core(
        CORE.format('<dc:creator><x:name xmlns:x="urn:x">Jane Doe</x:name></dc:creator>')))
    assert personal_data_problem(str(tmp_path / "leaflet.docx")) == (
        "cannot be published: it carries the names in its properties (Author)", DOCUMENT_FIX)


def test_a_document_without_personal_data_is_published(make_site):
    build = make_site({"images/leaflet.docx": office_document("<dc:creator></dc:creator>"),
                       "images/leaflet.pdf": pdf_document(None)})
    assert build.returncode == 0, build.stderr
    assert (build.output / "images/leaflet.docx").is_file() and (build.output / "images/leaflet.pdf").is_file()
