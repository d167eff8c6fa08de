"""Documents that would publish who wrote them, or where a photo in them
was taken.

Word, Excel, PowerPoint and LibreOffice record in each file the author's
name, who saved it last, their company and manager, and Word a list of
everyone who edited it (often with e-mail addresses); a PDF exported from
them keeps the author; a photo put into a document keeps its location and
camera data. The site publishes a document as it is: rewriting one to take
these out could change what it shows (a PDF's earlier versions, signatures,
fields), so a document carrying any of them is refused, with how to remove
them. Images are different: the site publishes them without (published_copies.py).
"""

from __future__ import annotations

import zipfile

from lxml import etree

from sitecore.image_metadata import published_image
from sitecore.images import extension_of, is_image

DC = "{http://purl.org/dc/elements/1.1/}"
# The Office documents' properties, and OpenDocument's, that name a person.
PEOPLE_FIELDS = {
    "docProps/core.xml": {
        f"{DC}creator": "Author",
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "Last modified by",
    },
    "docProps/app.xml": {
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company": "Company",
        "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Manager": "Manager",
    },
    "meta.xml": {
        "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}initial-creator": "Author",
        f"{DC}creator": "Last modified by",
        "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}printed-by": "Printed by",
    },
}
# Word's list of the people who edited a document.
PEOPLE_LIST = "/people.xml"
# A part read bigger than this is not a document's properties or photo (a ZIP bomb).
LARGEST_PART = 64 * 1024 * 1024
# Untrusted XML: no entities expanded, nothing fetched, no giant trees.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

DOCUMENT_FIX = ("take them out and upload it again: in Word, Excel or PowerPoint, File › Info › Check for Issues › "
                "Inspect Document › Remove All beside \"Document Properties and Personal Information\"; in "
                "LibreOffice, File › Properties › General › Reset Properties, with \"Apply user data\" unticked; "
                "a photo in it saved again without its location and camera details first; a PDF exported again "
                "from the cleaned document")


def personal_data_problem(path: str) -> tuple[str, str] | None:
    """(message, fix) if the document at `path` would publish personal data."""
    extension = extension_of(path)
    if extension == "pdf":
        found = pdf_personal_data(path)
    elif extension in ("docx", "xlsx", "pptx", "odt", "ods"):
        found = office_personal_data(path)
    else:
        return None
    return (f"cannot be published: it carries {' and '.join(found)}", DOCUMENT_FIX) if found else None


def office_personal_data(path: str) -> list[str]:
    fields, photos = [], []
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if part.filename in PEOPLE_FIELDS:
                fields += filled_fields(read_part(archive, part), PEOPLE_FIELDS[part.filename])
            elif part.filename.endswith(PEOPLE_LIST):
                fields.append("the list of people who edited it")
            elif is_image(part.filename) and carries_metadata(read_part(archive, part)):
                photos.append(part.filename)
    found = [f"the names in its properties ({', '.join(dict.fromkeys(fields))})"] if fields else []
    if photos:
        found.append(f"the location and camera data of the photos in it ({', '.join(photos)})")
    return found


def read_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    with archive.open(part) as stream:
        return stream.read(LARGEST_PART)


def filled_fields(xml: bytes, fields: dict[str, str]) -> list[str]:
    try:
        root = etree.fromstring(xml, SAFE_XML)
    except etree.XMLSyntaxError:
        return []  # not properties any editor wrote: nothing named in them
    return [label for tag, label in fields.items()
            if any((element.text or "").strip() for element in root.iter(tag))]


def carries_metadata(data: bytes) -> bool:
    try:
        return published_image(data) != data
    except Exception:  # Pillow raises many kinds for a damaged image: not one a viewer shows either
        return False


def pdf_personal_data(path: str) -> list[str]:
    from pypdf import PdfReader

    found = []
    try:
        reader = PdfReader(path)
        xmp = reader.xmp_metadata
        if (reader.metadata or {}).get("/Author") or (xmp is not None and xmp.dc_creator):
            found.append("the name of its author in its properties (Author)")
    except Exception as error:  # pypdf raises many kinds for a damaged PDF
        return [f"properties that cannot be read to check them ({type(error).__name__})"]
    with open(path, "rb") as handle:
        # A JPEG photo in a PDF is its file as it was: its EXIF block says so.
        if b"Exif\x00\x00" in handle.read():
            found.append("the location and camera data of a photo in it")
    return found
