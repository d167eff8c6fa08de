"""The imprint and the language in the minifesto PDF's XMP metadata.

The imprint is printed on the PDF's pages, as the law asks, and WeasyPrint
copies the print template's `<meta name="Imprint">` into the document's Info
dictionary. PDF 2.0 deprecates that dictionary for the XMP metadata stream,
which is what catalogues, archives and Acrobat's "Additional metadata" read,
and WeasyPrint writes no custom field there. So a finisher adds the imprint
as the document's rights statement (`dc:rights`), as the EPUB's metadata
gives it (epub.py), and the document's language (`dc:language`), which
WeasyPrint gives only the catalogue (/Lang, what screen readers use), and
which catalogues and PDF checkers look for in the XMP.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

IMPRINT_META = "imprint"  # the print template's <meta name="Imprint">, as WeasyPrint lowercases it
END_OF_RDF = b"</rdf:RDF>"


def description(properties: str) -> bytes:
    """An rdf:Description of the document holding `properties` (Dublin Core XML)."""
    return (
        b'<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">'
        + properties.encode("utf-8")
        + b"</rdf:Description>"
    )


def rights_and_language(imprint: str | None, language: str | None) -> bytes:
    """The imprint as the document's dc:rights and its language as dc:language,
    where it has them."""
    properties = ""
    if imprint:
        properties += (f'<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">{escape(imprint)}</rdf:li>'
                       "</rdf:Alt></dc:rights>")
    if language:
        properties += f"<dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag></dc:language>"
    return description(properties) if properties else b""


def imprint_and_language_in_xmp(document, pdf) -> None:
    """A WeasyPrint finisher: the document's imprint (its custom metadata)
    and language (the catalogue's /Lang) added to the XMP metadata stream
    WeasyPrint wrote, inside its rdf:RDF."""
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    language = pdf.catalog.get("Lang")
    added = rights_and_language(document.metadata.custom.get(IMPRINT_META),
                                language.string if hasattr(language, "string") else language)
    stream = pdf.objects[int(reference.split()[0])]
    content = b"".join(chunk if isinstance(chunk, bytes) else str(chunk).encode() for chunk in stream.stream)
    head, found, tail = content.rpartition(END_OF_RDF)
    if found and added:
        stream.stream = [head + added + found + tail]
