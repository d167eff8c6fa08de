"""Every format of the minifesto, from one set of inputs.

Each EditionFile is written to a stable URL that always serves the current
edition (minifesto.pdf) and, where it is cited, to an edition-named copy that
stays (minifesto/breakthrough-minifesto-2022-03.pdf).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitecore.sizes import human_size
from sitecore.urls import canonical_url

from .pdf import EditionPdf, EditionPdfs
from .pdf_worker import PdfRenderer


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
    def size(self) -> str:
        return human_size(len(self.data))


def edition_paths(minifesto, settings) -> dict[str, list[str]]:
    """format -> where it is written: the stable URL first (the one linked),
    then the edition-named copy that stays for citation."""
    current = settings["MINIFESTO_CURRENT_FILES"]
    edition = settings["MINIFESTO_EDITION_NAME"].format(date=minifesto.date)
    return {
        "pdf": [current["pdf"], f"{edition}.pdf"],
        "large-print": [current["large-print"], f"{edition}-large-print.pdf"],
        "text": [current["text"], f"{edition}.txt"],
        "json": [settings["POLICIES_JSON_SAVE_AS"]],
    }


def build_edition_files(generator, minifesto, policies, renderer: PdfRenderer) -> list[EditionFile]:
    settings = generator.settings
    paths = edition_paths(minifesto, settings)
    pdfs = EditionPdfs(settings)
    for kind in ("standard", "large-print"):
        pdfs.add(generator, minifesto, policies, kind, renderer)
    text = render_plain_text(generator, minifesto, policies)
    return [
        EditionFile("Minifesto", "PDF", EditionPdf(pdfs, "standard"), paths["pdf"]),
        EditionFile("Minifesto in large print", "PDF", EditionPdf(pdfs, "large-print"), paths["large-print"]),
        EditionFile("Minifesto as plain text", "Plain text", text, paths["text"]),
        EditionFile("Policies as data", "JSON", policies_json(minifesto, policies, settings), paths["json"]),
    ]


def render_plain_text(generator, minifesto, policies) -> bytes:
    template = generator.env.get_template("print/minifesto.txt")
    text = template.render(generator.context, minifesto=minifesto, policies=policies)
    return text.encode("utf-8")


def policies_json(minifesto, policies, settings) -> bytes:
    """The machine-readable index, for journalists and developers."""
    index_url = canonical_url(settings, settings["POLICY_INDEX_URL"])
    document = {
        "party": settings["SITENAME"],
        "title": minifesto.title,
        "edition": minifesto.edition,
        "edition_date": minifesto.date.date().isoformat(),
        "url": canonical_url(settings, settings["MINIFESTO_URL"]),
        "policies": [
            {
                "number": policy.number,
                "slug": policy.slug,
                "title": policy.title,
                "summary": policy.description,
                "commitments": [
                    {
                        "number": commitment.label,
                        "text": commitment.text,
                        "url": f"{canonical_url(settings, policy.url)}#{commitment.anchor}",
                        "index_url": f"{index_url}#{commitment.index_anchor}",
                    }
                    for commitment in policy.numbered_commitments
                ],
                "url": canonical_url(settings, policy.url),
                "anchor": policy.anchor,
                "index_url": f"{index_url}#{policy.anchor}",
            }
            for policy in policies
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
