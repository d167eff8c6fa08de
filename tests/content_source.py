"""Read the real content/ the way the build does, so tests compare the site
against the source files instead of hard-coding titles."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from sitecore.names import slug_of_file
from sitecore.schema import content_types
from sitecore.schema.document import parse_document
from sitecore.typography import typographic

CONTENT = REPO / "content"

# The schema of each file, by its first part under content/.
SCHEMAS = {"posts": content_types.POST, "pages": content_types.PAGE, "policies": content_types.POLICY,
           "councillors": content_types.COUNCILLOR, "minifesto.md": content_types.MINIFESTO,
           "press-office.md": content_types.PRESS_OFFICE}
# The fields of the press office's lists.
LIST_ITEM_FIELDS = {"contacts": content_types.PRESS_CONTACT, "press_kit_people": content_types.PRESS_KIT_PERSON}


def as_shown(values: dict, fields) -> dict:
    """Front matter as the site shows it: the text of the fields the schema
    marks typographic has typographic quotes (test_site checks every page
    for straight ones); everything else as written."""
    shown = dict(values)
    for field in fields:
        value = shown.get(field.name)
        if field.typographic and isinstance(value, str):
            shown[field.name] = typographic(value)
        elif field.typographic and isinstance(value, list):
            shown[field.name] = [typographic(item) if isinstance(item, str) else item for item in value]
        elif field.name in LIST_ITEM_FIELDS and isinstance(value, list):
            shown[field.name] = [as_shown(item, LIST_ITEM_FIELDS[field.name]) if isinstance(item, dict) else item
                                 for item in value]
    return shown


def front_matter(path: Path) -> dict:
    """The file's front matter as the site shows it (as_shown)."""
    values = parse_document(path.read_text(encoding="utf-8")).values
    schema = SCHEMAS.get(path.relative_to(CONTENT).parts[0]) if path.is_relative_to(CONTENT) else None
    return as_shown(values, schema.fields) if schema else values


def items(folder: str) -> list[tuple[str, dict]]:
    """(slug, front matter) of every file in content/<folder>/, sorted by file name."""
    return [(slug_of_file(str(path), SCHEMAS[folder].name), front_matter(path)) for path in sorted((CONTENT / folder).rglob("*.md"))]


def published(folder: str) -> list[tuple[str, dict]]:
    return [(slug, meta) for slug, meta in items(folder) if meta.get("status", "published") == "published"]


def drafts(folder: str) -> list[tuple[str, dict]]:
    return [(slug, meta) for slug, meta in items(folder) if meta.get("status") == "draft"]


# Pages that name another, which shows the same, as their canonical address:
# the current edition's own page names /minifesto/ (tests/test_minifesto_editions.py).
CANONICAL_TWINS = {f"minifesto/{str(front_matter(CONTENT / 'minifesto.md')['date'])[:7]}/": "minifesto/"}
# The page served at whatever address was not found: it names no address as
# its own (no canonical link, no og:url, none printed).
WITHOUT_AN_ADDRESS = {"404.html"}
