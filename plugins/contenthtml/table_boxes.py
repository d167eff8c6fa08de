"""The `table_boxes` template filter: each table of a content item's HTML in
a box of its own, which scrolls sideways when the table is wider than the
screen (WCAG 1.4.10), so that the page never does.

The box is a named region and a tab stop, so that a reader without a mouse
can scroll it too (axe: scrollable-region-focusable; WCAG 2.1.1). Its name
says which table it holds: the table's caption, or else the heading it
comes under, or else the words of its first row. (It used to be "Table,
scrolls sideways" for every table, wide or not.) The theme's script
(theme/static/js/table-scroll.js) takes the tab stop and the region away
from a box whose table fits, and gives them back when it stops fitting;
without the script every box stays a tab stop, which is safe.

Content cannot write the box (the HTML allowlist refuses tabindex and role),
so the theme adds it. Every table reaches here as exactly "<table>": the
allowlist lets a table keep no attribute, and "<table>" typed as text
arrives escaped. The HTML is the allowlist's output (sitecore/html_sanitiser.py),
serialised by html5ever, so a heading's or a caption's end tag cannot occur
inside its text (a "<" there is "&lt;").
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

TABLE = "<table>"
CAPTION = re.compile(r"\s*<caption>(.*?)</caption>", re.S)
HEADING = re.compile(r"<h([2-6])\b[^>]*>(.*?)</h\1>", re.S)
FIRST_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
TAG = re.compile(r"<[^>]*>")
# Cells of the first row a nameless table is named by: enough to tell it apart.
CELLS_NAMED = 3


def table_boxes(content: str) -> Markup:
    """`content` (safe HTML) with each table in its named, scrolling box."""
    before, *tables = str(content).split(TABLE)
    parts, names, heading = [before], [], last_heading(before, "")
    for table in tables:  # each from its "<table>" to the next one
        names.append(box_name(table, heading))
        parts.append(box_start(numbered(names)) + TABLE + table)
        heading = last_heading(table, heading)
    # Each end tag closes its box, so a table written inside another stays inside its box.
    return Markup("".join(parts).replace("</table>", "</table></div>"))


def box_start(name: str) -> str:
    return f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(name)}">'


def numbered(names: list[str]) -> str:
    """The last name, numbered if an earlier table has it too (two tables
    under one heading): each region's name tells it apart from the others."""
    name, count = names[-1], names.count(names[-1])
    return name if count == 1 else f"{name} ({count})"


def last_heading(html_between: str, heading: str) -> str:
    """The text of the last heading in `html_between`, or `heading` if none."""
    found = [text_of(text) for _, text in HEADING.findall(html_between)]
    return next((text for text in reversed(found) if text), heading)


def box_name(table: str, heading: str) -> str:
    """The caption, the heading the table comes under, or its first row's
    words. (Two tables under one heading are numbered by table_boxes.)"""
    caption = CAPTION.match(table)
    if caption and text_of(caption[1]):
        return f"Table: {text_of(caption[1])}"
    if heading:
        return f"Table under “{heading}”"
    first_row = FIRST_ROW.search(table)
    cells = [cell for cell in map(text_of, CELL.findall(first_row[1])) if cell] if first_row else []
    if cells:
        return "Table of " + ", ".join(cells[:CELLS_NAMED]) + (", …" if len(cells) > CELLS_NAMED else "")
    return "Table"


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub("", fragment)).split())
