"""Every format of the minifesto, from one set of inputs.

Each EditionFile is written to a stable URL that always serves the current
edition (minifesto.pdf) and, where it is cited, to an edition-named copy that
stays (minifesto/breakthrough-minifesto-2022-03.pdf).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sitemap.sitemap import canonical_url

from .pdf import render_edition_pdf


@dataclass
class EditionFile:
    kind: str         # "pdf", "large-print", "text", "json"
    label: str        # what the download box calls it
    file_type: str    # "PDF", "Plain text", "JSON"
    data: bytes
    paths: list[str]  # where it is written; the first is the one linked
    listed: bool = True

    @property
    def url(self) -> str:
        return self.paths[0]

    @property
    def size(self) -> str:
        return human_size(len(self.data))


def human_size(length: int) -> str:
    """A file size as download boxes show it: "212 KB", "1.4 MB"."""
    kilobytes = length / 1024
    if kilobytes < 1024:
        return f"{max(1, round(kilobytes))} KB"
    return f"{kilobytes / 1024:.1f} MB"


def edition_name(minifesto, settings) -> str:
    return settings["MINIFESTO_EDITION_NAME"].format(date=minifesto.date)


def build_edition_files(generator, minifesto, policies) -> list[EditionFile]:
    settings = generator.settings
    current = settings["MINIFESTO_CURRENT_FILES"]
    edition = edition_name(minifesto, settings)
    standard = render_edition_pdf(generator, minifesto, policies, "standard")
    large = render_edition_pdf(generator, minifesto, policies, "large-print")
    text = render_plain_text(generator, minifesto, policies)
    return [
        EditionFile("pdf", "Minifesto", "PDF", standard, [current["pdf"], f"{edition}.pdf"]),
        EditionFile("large-print", "Minifesto in large print", "PDF", large,
                    [current["large-print"], f"{edition}-large-print.pdf"]),
        EditionFile("text", "Minifesto as plain text", "Plain text", text, [current["text"], f"{edition}.txt"]),
        EditionFile("json", "Policies as data", "JSON", policies_json(minifesto, policies, settings),
                    [settings["POLICIES_JSON_SAVE_AS"]]),
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
                "commitments": list(policy.commitments),
                "url": canonical_url(settings, policy.url),
                "anchor": policy.anchor,
                "index_url": f"{index_url}#{policy.anchor}",
            }
            for policy in policies
        ],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
