"""The kinds of static file content may publish, recognised by their bytes.

A name can lie (`evil.html` renamed `photo.jpg`); the first bytes of a
file cannot be both a JPEG and a page a browser would run. Anything else
(HTML, SVG, scripts, stylesheets …) could run in the site's origin, beside
the browser editor's login, so it is refused.
"""

from __future__ import annotations

import zipfile

from sitecore.images import IMAGE_MEDIA_TYPES, IMAGE_SIGNATURES, extension_of, size_told_in_words

# extension -> (what volunteers call it, test of the file's first bytes)
IMAGE_TYPES = {
    "jpg": ("JPEG image", IMAGE_SIGNATURES["JPEG"]),
    "jpeg": ("JPEG image", IMAGE_SIGNATURES["JPEG"]),
    "png": ("PNG image", IMAGE_SIGNATURES["PNG"]),
    "gif": ("GIF image", IMAGE_SIGNATURES["GIF"]),
    "webp": ("WebP image", IMAGE_SIGNATURES["WEBP"]),
}
DOWNLOAD_TYPES = {
    "pdf": ("PDF document", lambda head: head.startswith(b"%PDF-")),
    # Office documents are ZIP files; checked further below.
    "docx": ("Word document", lambda head: head.startswith(b"PK\x03\x04")),
    "xlsx": ("Excel spreadsheet", lambda head: head.startswith(b"PK\x03\x04")),
    "pptx": ("PowerPoint presentation", lambda head: head.startswith(b"PK\x03\x04")),
    "odt": ("OpenDocument text", lambda head: head.startswith(b"PK\x03\x04")),
    "ods": ("OpenDocument spreadsheet", lambda head: head.startswith(b"PK\x03\x04")),
    # Past minifesto editions keep their plain-text copy.
    "txt": ("plain text", lambda head: b"\x00" not in head and not head.lstrip().startswith(b"<")),
}
ALLOWED_TYPES = {**IMAGE_TYPES, **DOWNLOAD_TYPES}
# Every image the site publishes has a test of its first bytes here.
assert IMAGE_TYPES.keys() == IMAGE_MEDIA_TYPES.keys()
OFFICE_MARKERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/", "odt": "mimetype", "ods": "mimetype"}


def type_problem(path: str) -> str | None:
    """Why the file at `path` may not be published, or None if it may."""
    extension = extension_of(path)
    if extension not in ALLOWED_TYPES:
        return f"'.{extension}' files are not published" if extension else "a file without an extension"
    kind, looks_right = ALLOWED_TYPES[extension]
    with open(path, "rb") as handle:
        head = handle.read(64)
    if not looks_right(head):
        return f"its name says {kind}, but its contents are not one"
    if extension in OFFICE_MARKERS and not office_document(path, OFFICE_MARKERS[extension]):
        return f"its name says {kind}, but its contents are not one"
    if extension in IMAGE_TYPES and not readable_image(path):
        return f"it is not a {kind} the site can use (damaged, or too large to process)"
    return None


def readable_image(path: str) -> bool:
    """Pillow reads the whole header and checks the data. (An image whose
    size would take gigabytes to decode is an image: refused for its size,
    in words, by sitecore.images.pixel_size_problem.)"""
    from PIL import Image

    try:
        with size_told_in_words(), Image.open(path) as image:
            image.verify()
        return True
    except Image.DecompressionBombError:
        return True
    except Exception:  # Pillow raises many kinds for a bad file
        return False


def office_document(path: str, marker: str) -> bool:
    """Whether the file is a ZIP holding the parts of that kind of document."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.startswith(marker) for name in archive.namelist())
    except Exception:  # zipfile raises many kinds for a damaged archive (NotImplementedError, UnicodeDecodeError …)
        return False


ALLOWED_LIST = ", ".join(sorted(ALLOWED_TYPES))
