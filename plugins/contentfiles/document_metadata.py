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

A document is untrusted input: one that cannot be read to check it
(damaged, protected by a password, packed in a way Python cannot unpack, or
a ZIP bomb whose parts would unpack to gigabytes) is refused too, never
published unchecked.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree
from PIL import Image

from sitecore.image_metadata import ORIENTATION_TAG
from sitecore.images import extension_of, is_image, strict_decoding
from sitecore.sizes import human_size

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
# The parts read to check a document (its properties and photos), unpacked,
# together: more is a ZIP bomb (a few kilobytes that unpack to gigabytes,
# maybe as many entries sharing one packed part), or too large to check.
# The sizes a ZIP declares bound what zipfile unpacks, so the sum of them
# is checked before anything is unpacked.
LARGEST_UNPACKED = 128 * 1024 * 1024
# A ZIP part's flags saying it is encrypted (bit 0), or strongly (bit 6).
ZIP_ENCRYPTED = 0x41
# Untrusted XML: no entities expanded, nothing fetched, no giant trees.
SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

# What a photo can say about where it was taken, with what and by whom, as
# the message names it (in this order). A program's name, a comment or the
# time it was saved say nothing about a person: a chart from Matplotlib or
# Excel carries those, and is published.
LOCATION, CAMERA, EDITING, AUTHOR = "location (GPS)", "camera data (EXIF)", "editing records (XMP, IPTC)", "author names"
GPS_INFO = 0x8825  # the EXIF entry pointing to the GPS directory
IPTC_RESOURCE = 0x0404  # the Photoshop resource (a JPEG's APP13) holding IPTC
AUTHOR_TEXT = ("Author", "Copyright", "Artist")  # PNG text whose keyword says it names a person

DOCUMENT_FIX = ("take them out and upload it again: in Word, Excel or PowerPoint, File › Info › Check for Issues › "
                "Inspect Document › Remove All beside \"Document Properties and Personal Information\"; in "
                "LibreOffice, File › Properties › General › Reset Properties, with \"Apply user data\" unticked; "
                "a photo in it saved again without its location and camera details first; a PDF exported again "
                "from the cleaned document")
UNREADABLE_FIX = "save it again from the program that made it (or export the PDF again) and upload that copy"


class UnreadableDocument(Exception):
    """A document that cannot be read to check it; the message says why."""


def personal_data_problem(path: str) -> tuple[str, str] | None:
    """(message, fix) if the document at `path` would publish personal data,
    or cannot be read to check it."""
    extension = extension_of(path)
    try:
        if extension == "pdf":
            found = pdf_personal_data(path)
        elif extension in ("docx", "xlsx", "pptx", "odt", "ods"):
            found = office_personal_data(path)
        else:
            return None
    except UnreadableDocument as error:
        return f"cannot be read to check it for personal data ({error})", UNREADABLE_FIX
    return (f"cannot be published: it carries {' and '.join(found)}", DOCUMENT_FIX) if found else None


def office_personal_data(path: str) -> list[str]:
    fields, photos = [], {}
    try:
        archive = zipfile.ZipFile(path)
    except Exception as error:  # zipfile raises many kinds for a damaged archive
        raise UnreadableDocument(what_went_wrong(error)) from error
    with archive:
        properties = property_parts(archive)
        for part in parts_to_check(archive, properties):
            if part.filename in properties:
                kind = properties[part.filename]
                fields += filled_fields(part.filename, read_part(archive, part), PEOPLE_FIELDS[kind])
            elif part.filename.lower().endswith(PEOPLE_LIST):
                fields.append("the list of people who edited it")
            else:
                photos[part.filename] = photo_records(part.filename, read_part(archive, part))
    found = [f"the names in its properties ({', '.join(dict.fromkeys(fields))})"] if fields else []
    kinds = [kind for kind in (LOCATION, CAMERA, EDITING, AUTHOR) if any(kind in held for held in photos.values())]
    if kinds:
        names = ", ".join(name for name, held in photos.items() if held)
        found.append(f"the {in_words(kinds)} of the photos in it ({names})")
    return found


# The package's own list of its parts' roles (Office Open XML): where a
# program looks for the properties, whatever their part is called.
PACKAGE_RELATIONSHIPS = "_rels/.rels"
LARGEST_RELATIONSHIPS = 1024 * 1024  # a few hundred bytes, as Office writes it
PROPERTIES_BY_RELATIONSHIP = {"/metadata/core-properties": "docProps/core.xml",
                              "/extended-properties": "docProps/app.xml"}


def property_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """{part's name: its PEOPLE_FIELDS key} of each properties part: by its
    usual name in any capitals (Office reads part names so: docProps/Core.xml
    went unchecked and was published), and each part the package's
    relationships name as its properties."""
    names = {part.filename.lower(): part.filename for part in archive.infolist()}
    found = {names[key.lower()]: key for key in PEOPLE_FIELDS if key.lower() in names}
    listing = names.get(PACKAGE_RELATIONSHIPS)
    if listing is None:
        return found
    if archive.getinfo(listing).file_size > LARGEST_RELATIONSHIPS:
        raise UnreadableDocument(f"{listing}: the list of its parts would unpack to "
                                 f"{human_size(archive.getinfo(listing).file_size)}")
    try:
        relationships = etree.fromstring(read_part(archive, archive.getinfo(listing)), SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise UnreadableDocument(f"{listing}: the list of its parts is not well-formed XML") from error
    for relationship in relationships.iter("{*}Relationship"):
        kind = next((key for ending, key in PROPERTIES_BY_RELATIONSHIP.items()
                     if str(relationship.get("Type", "")).endswith(ending)), None)
        target = names.get(str(relationship.get("Target", "")).lstrip("/").lower())
        if kind and target:
            found[target] = kind
    return found


def parts_to_check(archive: zipfile.ZipFile, properties: dict[str, str]) -> list[zipfile.ZipInfo]:
    """The parts that may name a person: properties, the list of editors,
    photos. UnreadableDocument if they would unpack to more than LARGEST_UNPACKED."""
    parts = [part for part in archive.infolist() if part.filename in properties
             or part.filename.lower().endswith(PEOPLE_LIST) or is_image(part.filename)]
    unpacked = sum(part.file_size for part in parts if not part.filename.lower().endswith(PEOPLE_LIST))
    if unpacked > LARGEST_UNPACKED:
        raise UnreadableDocument(f"its properties and photos would unpack to {human_size(unpacked)}, more than the "
                                 f"{human_size(LARGEST_UNPACKED)} the build reads to check a document")
    return parts


def read_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bytes:
    """The part unpacked (zipfile unpacks no more than its declared size)."""
    if part.flag_bits & ZIP_ENCRYPTED:
        raise UnreadableDocument(f"{part.filename} is protected with a password")
    try:
        with archive.open(part) as stream:
            return stream.read()
    except Exception as error:  # zipfile, zlib, bz2 and lzma raise many kinds for a damaged or protected part
        raise UnreadableDocument(f"{part.filename}: {what_went_wrong(error)}") from error


def what_went_wrong(error: Exception) -> str:
    return str(error) or type(error).__name__  # EOFError says nothing


def filled_fields(name: str, xml: bytes, fields: dict[str, str]) -> list[str]:
    """The labels of `fields` the properties part `name` fills in. A part
    no office program would write cannot be checked, and is refused: XML
    that does not parse (another reader may still find a name in it), or a
    DTD, whose entities can hold a name where the field shows only "&n;"."""
    try:
        root = etree.fromstring(xml, SAFE_XML)
    except etree.XMLSyntaxError as error:
        raise UnreadableDocument(f"{name}: its properties are not well-formed XML") from error
    if root.getroottree().docinfo.internalDTD is not None or root.getroottree().docinfo.doctype:
        raise UnreadableDocument(f"{name}: its properties declare a DTD, which no office program writes")
    # Filled: any words, or anything inside (an element, an entity's reference).
    return [label for tag, label in fields.items()
            if any((element.text or "").strip() or len(element) for element in root.iter(tag))]


def photo_records(name: str, data: bytes) -> list[str]:
    """What the photo `data` (the part `name`) holds of LOCATION, CAMERA,
    EDITING and AUTHOR. A document is published as it is, so a photo that
    cannot be read cannot be checked: UnreadableDocument."""
    try:
        with strict_decoding(), Image.open(io.BytesIO(data)) as image:
            exif, info = image.getexif(), image.info  # a PNG's EXIF may follow its pixels: they are decoded
    except Exception as error:  # Pillow raises many kinds for a damaged image
        raise UnreadableDocument(f"{name}: not an image that can be read ({type(error).__name__})") from error
    raw_profiles = {str(key) for key in info if str(key).startswith("Raw profile type ")} - {"Raw profile type exif"}
    held = {
        LOCATION: GPS_INFO in exif,
        CAMERA: bool(set(exif) - {ORIENTATION_TAG, GPS_INFO}),
        EDITING: "xmp" in info or IPTC_RESOURCE in (info.get("photoshop") or {}) or bool(raw_profiles),
        AUTHOR: any(key in info for key in AUTHOR_TEXT),
    }
    return [kind for kind, found in held.items() if found]


def in_words(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def pdf_personal_data(path: str) -> list[str]:
    from pypdf import PdfReader

    found = []
    with open(path, "rb") as handle:
        data = handle.read()  # once: for its properties and for its photos
    try:
        reader = PdfReader(io.BytesIO(data))
        xmp = reader.xmp_metadata
        if (reader.metadata or {}).get("/Author") or (xmp is not None and xmp.dc_creator):
            found.append("the name of its author in its properties (Author)")
    except Exception as error:  # pypdf raises many kinds for a damaged PDF
        raise UnreadableDocument(f"its properties: {type(error).__name__}: {what_went_wrong(error)}") from error
    # A JPEG photo in a PDF is its file as it was: its EXIF block says so.
    if b"Exif\x00\x00" in data:
        found.append("the location and camera data of a photo in it")
    return found
