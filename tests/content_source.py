"""Read the real content/ the way the build does, so tests compare the site
against the source files instead of hard-coding titles."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from plugins.frontmatter.reader import slug_of_file
from sitecore.schema.document import parse_document

CONTENT = REPO / "content"


def front_matter(path: Path) -> dict:
    return parse_document(path.read_text(encoding="utf-8")).values


def items(folder: str) -> list[tuple[str, dict]]:
    """(slug, front matter) of every file in content/<folder>/, sorted by file name."""
    return [(slug_of_file(str(path)), front_matter(path)) for path in sorted((CONTENT / folder).rglob("*.md"))]


def published(folder: str) -> list[tuple[str, dict]]:
    return [(slug, meta) for slug, meta in items(folder) if meta.get("status", "published") == "published"]


def drafts(folder: str) -> list[tuple[str, dict]]:
    return [(slug, meta) for slug, meta in items(folder) if meta.get("status") == "draft"]
