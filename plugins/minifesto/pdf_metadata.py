"""The imprint in the minifesto PDF's XMP metadata, beside its Info entry.

The imprint is printed on the PDF's pages, as the law asks, and WeasyPrint
copies the print template's `<meta name="Imprint">` into the document's Info
dictionary. PDF 2.0 deprecates that dictionary for the XMP metadata stream,
which is what catalogues, archives and Acrobat's "Additional metadata" read,
and WeasyPrint writes no custom field there. So a finisher adds the imprint
as the document's rights statement (`dc:rights`), as the EPUB's metadata
gives it (epub.py).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

IMPRINT_META = "imprint"  # the print template's <meta name="Imprint">, as WeasyPrint lowercases it
END_OF_RDF = b"</rdf:RDF>"


def rights_description(imprint: str) -> bytes:
    """An rdf:Description giving `imprint` as the document's dc:rights."""
    return (
        b'<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">'
        b'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">'
        + escape(imprint).encode("utf-8")
        + b"</rdf:li></rdf:Alt></dc:rights></rdf:Description>"
    )


def imprint_in_xmp(document, pdf) -> None:
    """A WeasyPrint finisher: the document's imprint (its custom metadata)
    added to the XMP metadata stream WeasyPrint wrote, inside its rdf:RDF."""
    imprint = document.metadata.custom.get(IMPRINT_META)
    reference = pdf.catalog.get("Metadata")
    if not imprint or reference is None:
        return
    stream = pdf.objects[int(reference.split()[0])]
    content = b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in stream.stream)
    head, found, tail = content.rpartition(END_OF_RDF)
    if found:
        stream.stream = [head + rights_description(imprint) + found + tail]
