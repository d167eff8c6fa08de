"""Every format of every edition of the minifesto, from one set of inputs.

Each edition's files are written under names made from its date that stay
(minifesto/breakthrough-minifesto-2022-03.pdf); the current edition's are
also written to stable URLs that always serve the newest (minifesto.pdf).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitecore.sizes import human_size
from sitecore.urls import canonical_url

from .epub import write_epub
from .pdf import EditionPdf, EditionPdfs
from .pdf_worker import PdfRenderer

# format (its key in MINIFESTO_CURRENT_FILES) -> the edition-named file's ending
FORMATS = {
    "pdf": ".pdf",
    "large-print": "-large-print.pdf",
    "easy-read": "-easy-read.pdf",  # when every policy has its Easy Read lines
    "text": ".txt",
    "epub": ".epub",
    "json": "-policies.json",
}


EASY_READ_LABEL = "Minifesto in Easy Read"


@dataclass
class EditionFile:
    label: str        # what the download box calls it
    file_type: str    # "PDF", "Plain text", "JSON"
    made: bytes | EditionPdf  # a PDF may still be rendering (pdf_worker.py)
    paths: list[str]  # where it is written; the first is the one linked

    @property
    def data(self) -> bytes:
        return self.made if isinstance(self.made, bytes) else self.made.data

    @property
    def url(self) -> str:
        return self.paths[0]

    @property
    def edition_url(self) -> str:
        """The edition-named copy, for a page about that edition."""
        return self.paths[-1]

    @property
    def size(self) -> str:
        return human_size(len(self.data))


def edition_paths(edition, settings) -> dict[str, list[str]]:
    """format -> where it is written: for the current edition the stable URL
    first (the one linked), then always the edition-named copy."""
    name = settings["MINIFESTO_EDITION_NAME"].format(date=edition.date)
    stable = {**settings["MINIFESTO_CURRENT_FILES"], "json": settings["POLICIES_JSON_SAVE_AS"]} if edition.current else {}
    return {kind: [*([stable[kind]] if kind in stable else []), f"{name}{ending}"] for kind, ending in FORMATS.items()
            if kind != "easy-read" or edition.easy_read}


def build_edition_files(generator, edition, renderer: PdfRenderer) -> list[EditionFile]:
    settings = generator.settings
    paths = edition_paths(edition, settings)
    pdfs = EditionPdfs(settings, edition.key)
    for kind in ("standard", "large-print", *(["easy-read"] if edition.easy_read else [])):
        pdfs.add(generator, edition, kind, renderer)
    easy_read = ([EditionFile(EASY_READ_LABEL, "PDF", EditionPdf(pdfs, "easy-read"), paths["easy-read"])]
                 if edition.easy_read else [])
    return [
        EditionFile("Minifesto", "PDF", EditionPdf(pdfs, "standard"), paths["pdf"]),
        EditionFile("Minifesto in large print", "PDF", EditionPdf(pdfs, "large-print"), paths["large-print"]),
        *easy_read,
        EditionFile("Minifesto as an e-book", "EPUB", write_epub(generator, edition), paths["epub"]),
        EditionFile("Minifesto as plain text", "Plain text", render_plain_text(generator, edition), paths["text"]),
        EditionFile("Policies as data", "JSON", policies_json(edition, settings), paths["json"]),
    ]


def render_plain_text(generator, edition) -> bytes:
    template = generator.env.get_template("print/minifesto.txt")
    text = template.render(generator.context, minifesto=edition.minifesto, policies=edition.policies, edition=edition)
    # A text file ends with a newline (POSIX: its last line is a line);
    # Jinja drops the template's own.
    return (text.rstrip("\n") + "\n").encode("utf-8")


def policies_json(edition, settings) -> bytes:
    """The machine-readable policies of an edition, for journalists and
    developers. Addresses made only from the edition itself: its page and
    anchors, which keep its words, and each policy's own page. So an
    edition's file is the same whether it is current or past. A policy
    marked as sample content says so first ("sample": its note, or null),
    as every other edition does before its words."""
    minifesto = edition.minifesto
    edition_url = canonical_url(settings, edition.url)
    document = {
        "party": settings["SITENAME"],
        "title": minifesto.title,
        "edition": minifesto.edition,
        "edition_date": minifesto.date.date().isoformat(),
        "url": edition_url,
        "policies": [
            {
                "number": policy.number,
                "slug": policy.slug,
                "sample": getattr(policy, "sample", None) or None,
                "title": policy.title,
                "summary": policy.description,
                "commitments": [
                    {
                        "number": commitment.label,
                        "text": commitment.text,
                        "url": f"{canonical_url(settings, policy.url)}#{commitment.anchor}",
                        "edition_url": f"{edition_url}#{commitment.index_anchor}",
                    }
                    for commitment in policy.numbered_commitments
                ],
                "url": canonical_url(settings, policy.url),
                "anchor": policy.anchor,
                "edition_url": f"{edition_url}#{policy.anchor}",
            }
            for policy in edition.policies
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
