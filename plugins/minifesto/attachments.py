"""File attachments in the minifesto PDF: off unless MINIFESTO_PDF_ATTACHMENTS.

WeasyPrint embeds a file for every `<a rel="attachment">` and `<link
rel="attachment">` (and for its `attachments=` option, which we never pass).
With attachments off we take them out of the *rendered* Document, after
WeasyPrint has decided what it would attach and before it writes the PDF:
`Document.metadata.attachments` and the 'attachment' entries of each page's
`links` are the only lists its PDF writer embeds files from. Editing the
HTML first (dropping rel=attachment) would have to match WeasyPrint's own
reading of `rel` exactly; this way whatever WeasyPrint recognised, however
the HTML spelled it, is what we remove. The fetcher (fetcher.py) stays the
second wall: with attachments on, only the build's own files can be fetched.
"""

from __future__ import annotations

from datetime import datetime, timezone


def take_out_attachments(document, source) -> list[str]:
    """Remove every file attachment from the rendered `document` of the
    HTML `source`; return what they pointed to (the hrefs as written)."""
    from weasyprint.html import element_has_link_type

    asked = [element.get("href") or "(no href)" for element in source.etree_element.iter()
             if element_has_link_type(element, "attachment")]
    found = bool(document.metadata.attachments)
    document.metadata.attachments = []
    for rendered_page in document.pages:
        kept = [link for link in rendered_page.links if link[0] != "attachment"]
        found = found or len(kept) != len(rendered_page.links)
        rendered_page.links[:] = kept
    if found and not asked:  # a way of asking WeasyPrint grew that we do not know
        asked = ["(a file WeasyPrint would have attached)"]
    return list(dict.fromkeys(asked))


def stamp_attachments(moment):
    """A WeasyPrint finisher: embedded files carry the edition date, not the
    time of rendering, so a PDF with attachments is byte-identical too."""
    import pydyf

    date = pydyf.String(datetime.fromtimestamp(moment.timestamp(), timezone.utc).strftime("D:%Y%m%d%H%M%SZ"))

    def finisher(document, pdf) -> None:
        for pdf_object in pdf.objects:
            extra = getattr(pdf_object, "extra", None)
            if isinstance(extra, dict) and extra.get("Type") == "/EmbeddedFile":
                extra["Params"]["CreationDate"] = date
                extra["Params"]["ModDate"] = date

    return finisher
