"""The minifesto as an EPUB 3 book: accessible (a navigation document with
the contents and landmarks, its language, sections with headings, the same
numbered commitments as every other format) and byte-identical for
identical input.

The words come from theme/templates/epub/book.html, which uses the partials
the web edition and the PDF use; each of its top-level sections becomes one
XHTML document. Links to the site become its public addresses, links within
the minifesto point into the right document, and images in content/images/
travel inside the book as the site publishes them (without location, camera
or author data: sitecore/image_metadata.py). Written with zipfile rather
than a library such as EbookLib, which stamps each file and the book with
the time it was written: a past edition must come out byte for byte the same.
"""

from __future__ import annotations

import os
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree
from markupsafe import escape

from sitecore.image_metadata import UnpublishableImage, published_image
from sitecore.images import IMAGE_MEDIA_TYPES, extension_of
from sitecore.imprint import imprint_text
from sitecore.print_images import for_print, printing
from sitecore.problems import problem_log
from sitecore.urls import canonical_url

from .fetcher import FetchRefused, path_parts, read_beneath

BOOK_TEMPLATE = "epub/book.html"
XHTML_NS = "http://www.w3.org/1999/xhtml"
STYLESHEET = """\
body { font-family: sans-serif; line-height: 1.5; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.commitments { list-style: none; padding-left: 0; }
.commitment-number { font-weight: bold; margin-right: 0.4em; }
.policy-number { margin-right: 0.4em; }
.sample-note { border: 2px solid; padding: 0.5em; }
th.align-right, td.align-right { text-align: right; }
th.align-center, td.align-center { text-align: center; }
"""


def write_epub(generator, edition) -> bytes:
    settings = generator.settings
    with printing():
        html = generator.env.get_template(BOOK_TEMPLATE).render(
            generator.context, minifesto=edition.minifesto, policies=edition.policies, edition=edition)
    # <wbr> (where an address may wrap on a phone) is left out: an e-reader
    # reflows text itself, and libxml2's HTML parser does not know it is empty.
    sections = lxml.html.fragments_fromstring(html.replace("<wbr>", ""))
    documents = [(f"{section.get('id')}.xhtml", section) for section in sections]
    file_of = {element.get("id"): name for name, section in documents for element in section.iter()
               if element.get("id")}
    images: dict[str, bytes] = {}
    for _, section in documents:
        tidy_for_book(section, settings, file_of, images)
    book = Book(settings, edition)
    for name, section in documents:
        book.add_document(name, section)
    return book.zipped(images)


def tidy_for_book(section, settings, file_of: dict[str, str], images: dict[str, bytes]) -> None:
    """Links and images as a book needs them."""
    site = canonical_url(settings, "")
    # A <picture> (the site's WebP copies) becomes its <img>: libxml2's HTML
    # parser does not know <source> is empty and puts the <img> inside it.
    for picture in section.xpath(".//picture"):
        inner = list(picture.iter("img"))
        if inner:
            inner[0].tail = picture.tail
            picture.getparent().replace(picture, inner[0])
        else:
            picture.drop_tree()
    for element in section.iter("a"):
        href = element.get("href") or ""
        if href.startswith("#"):
            element.set("href", f"{file_of.get(href[1:], '')}{href}")
        elif not urlsplit(href).scheme:
            element.set("href", urljoin(site, href))
    for image in section.iter("img"):
        # The image's path under content/, with or without SITEURL in front.
        source = (image.get("src") or "").removeprefix(settings.get("SITEURL", ""))
        path = unquote(urlsplit(source).path).lstrip("/")
        image.attrib.pop("srcset", None)
        image.attrib.pop("sizes", None)
        image.attrib.pop("loading", None)
        image.attrib.pop("decoding", None)
        try:
            data = content_image(settings, source, path)
        except FetchRefused as refused:
            # As the PDF's fetcher refuses it: the content checks refuse such
            # an image first, so this only guards against one they missed
            # (an image at /\host/… was once read from beyond content/).
            problem_log.add(os.path.join(settings["THEME"], "templates", BOOK_TEMPLATE), 1, "(e-book)",
                            f"the e-book's minifesto shows the image {refused.url}, which is refused "
                            f"({refused.reason})", "show only images from content/images/ (as /images/…)")
            image.drop_tree()
            continue
        try:
            # The site's copy (no location, camera or author data), at no more
            # pixels than a printed page shows: a book's page is no wider.
            images[path] = for_print(published_image(data))
        except UnpublishableImage as error:
            # The content checks refuse such an image before any book is made;
            # were one missed, the build still stops, naming it (problem_log
            # is raised once the minifesto's files are made).
            problem_log.add(os.path.join(settings["PATH"], path), 1, "(file)", *error.problem)
        image.set("src", path)


def content_image(settings, url: str, path: str) -> bytes:
    """The bytes of content/`path`, an image in content/images/, read as
    the PDF's fetcher reads it: no `..`, no symbolic link, only a file."""
    names = path_parts(url, path, quoted=False)
    if names[0] != "images" or len(names) < 2:
        raise FetchRefused(url, "not a content image (/images/…)")
    return read_beneath(url, Path(settings["PATH"]).absolute(), names)


def accessibility_metadata(has_images: bool) -> list[tuple[str, str]]:
    """schema.org's accessibility properties of the book (EPUB Accessibility
    1.1): a book with pictures is read by sight as well as by text; every
    picture has its alt text (the content checks refuse one without), so the
    text alone is enough, and so are text and pictures together."""
    modes = [("accessMode", "textual")]
    if has_images:
        modes += [("accessMode", "visual"), ("accessModeSufficient", "textual"),
                  ("accessModeSufficient", "textual,visual"), ("accessibilityFeature", "alternativeText")]
    else:
        modes += [("accessModeSufficient", "textual")]
    return [*modes,
            ("accessibilityFeature", "structuralNavigation"), ("accessibilityFeature", "tableOfContents"),
            ("accessibilityFeature", "readingOrder"), ("accessibilityFeature", "displayTransformability"),
            ("accessibilityHazard", "none"),
            ("accessibilitySummary", "Text with headings for every section and policy, a table of contents, "
                                     "and numbered commitments; no images carry information without a text alternative.")]


class Book:
    def __init__(self, settings, edition) -> None:
        self.settings, self.edition = settings, edition
        self.documents: list[tuple[str, str, str]] = []  # (file, title, XHTML)

    @property
    def language(self) -> str:
        """DEFAULT_LANG in its usual case (en-GB; Pelican's pages say en-gb)."""
        first, *rest = self.settings["DEFAULT_LANG"].split("-")
        return "-".join([first.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])

    def add_document(self, name: str, section) -> None:
        heading = section.xpath(".//h1 | .//h2")
        title = " ".join(heading[0].text_content().split()) if heading else name
        body = etree.tostring(section, encoding="unicode", method="xml")
        self.documents.append((name, title, self.page(title, body)))

    def page(self, title: str, body: str) -> str:
        language = escape(self.language)
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
                f'<html xmlns="{XHTML_NS}" xmlns:epub="http://www.idpf.org/2007/ops" '
                f'lang="{language}" xml:lang="{language}">\n'
                f'<head><meta charset="utf-8"/><title>{escape(title)}</title>'
                f'<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
                f"<body>\n{body}\n</body>\n</html>\n")

    def navigation(self) -> str:
        entries = "\n".join(f'<li><a href="{name}">{escape(title)}</a></li>' for name, title, _ in self.documents)
        first_policy = next((name for name, _, _ in self.documents if name.startswith("policy-")), self.documents[0][0])
        body = (f'<nav epub:type="toc" id="toc" role="doc-toc"><h1>Contents</h1><ol>\n{entries}\n</ol></nav>\n'
                f'<nav epub:type="landmarks" id="landmarks" hidden="hidden"><h2>Landmarks</h2><ol>'
                f'<li><a epub:type="toc" href="nav.xhtml">Contents</a></li>'
                f'<li><a epub:type="bodymatter" href="{first_policy}">The policies</a></li></ol></nav>')
        return self.page("Contents", body)

    def package(self, images: dict[str, bytes]) -> str:
        settings, edition = self.settings, self.edition
        minifesto = edition.minifesto
        modified = minifesto.date.strftime("%Y-%m-%dT00:00:00Z")
        items = [
            '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
            '<item id="style" href="style.css" media-type="text/css"/>',
            *(f'<item id="{name[:-6]}" href="{name}" media-type="application/xhtml+xml"/>'
              for name, _, _ in self.documents),
            *(f'<item id="image-{number}" href="{escape(path)}" media-type="{IMAGE_MEDIA_TYPES[extension_of(path)]}"/>'
              for number, path in enumerate(sorted(images), start=1)),
        ]
        # The contents first, as a printed book has them; the landmarks point at it.
        spine = '<itemref idref="nav"/>' + "".join(f'<itemref idref="{name[:-6]}"/>' for name, _, _ in self.documents)
        accessibility = "".join(f'<meta property="schema:{name}">{value}</meta>'
                                for name, value in accessibility_metadata(bool(images)))
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" '
            f'xml:lang="{escape(self.language)}">\n'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f'<dc:identifier id="book-id">{escape(canonical_url(settings, edition.url))}</dc:identifier>\n'
            f'<dc:title>{escape(minifesto.title)}: {escape(minifesto.edition)} edition</dc:title>\n'
            f'<dc:language>{escape(self.language)}</dc:language>\n'
            f'<dc:creator>{escape(settings["SITENAME"])}</dc:creator>\n'
            f'<dc:publisher>{escape(settings["SITENAME"])}</dc:publisher>\n'
            f'<dc:date>{minifesto.date.date().isoformat()}</dc:date>\n'
            f'<dc:description>{escape(minifesto.description)}</dc:description>\n'
            f'<dc:rights>{escape(imprint_text(settings))}</dc:rights>\n'
            f'<meta property="dcterms:modified">{modified}</meta>\n'
            f'{accessibility}\n'
            '<link rel="dcterms:conformsTo" href="http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa"/>\n'
            '</metadata>\n'
            f'<manifest>\n{chr(10).join(items)}\n</manifest>\n'
            f'<spine>{spine}</spine>\n'
            '</package>\n'
        )

    def zipped(self, images: dict[str, bytes]) -> bytes:
        """`mimetype` first and uncompressed, as readers look for it; every
        entry dated with the edition, so the same input zips the same."""
        # Zip entries cannot be dated before 1980 (a date the schema allows).
        stamp = max(self.edition.date.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w") as book:
            def add(name: str, data, compress: int = zipfile.ZIP_DEFLATED) -> None:
                entry = zipfile.ZipInfo(name, date_time=stamp)
                entry.compress_type = compress
                entry.external_attr = 0o644 << 16
                book.writestr(entry, data)

            add("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
            add("META-INF/container.xml",
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
                "</rootfiles></container>\n")
            add("EPUB/package.opf", self.package(images))
            add("EPUB/nav.xhtml", self.navigation())
            add("EPUB/style.css", STYLESHEET)
            for name, _, xhtml in self.documents:
                add(f"EPUB/{name}", xhtml)
            for path in sorted(images):
                add(f"EPUB/{path}", images[path])
        return buffer.getvalue()
