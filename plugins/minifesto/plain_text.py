"""The plain-text minifesto's words, from the sanitised HTML.

The text edition is made from what the web page shows, never from the raw
Markdown: whatever the allowlist removed cannot reach the .txt file either.
Lines are wrapped only at spaces (wrap_words): a web address or a
hyphenated word is never split, so it can be copied and searched for.
"""

from __future__ import annotations

import re
import textwrap
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from tinyhtml5.parser import HTMLParser

WIDTH = 72
# What a <br> becomes until its paragraph is wrapped: wrapping joins the
# paragraph's own line ends (Markdown's soft breaks), never this. Content
# cannot hold it: the build refuses control characters.
LINE_BREAK = "\0"
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr",
                     "figure", "figcaption", "div", "hr"}
# What the marks on edited words mean, said in words: a text file has no
# strike-through or underline, and without them words taken out read as
# policy just like the words put in. Said as the changes page says it to a
# screen reader (changes.py: marked); <s> marks words no longer true.
EDITS = {"del": "removed", "ins": "added", "s": "crossed out"}
# The fewest characters a line of text has beside its quote and list markers.
NARROWEST = 20


def wrap_words(text: str, width: int = WIDTH, hanging_indent: int = 0) -> str:
    """The text's words filled into lines of at most `width` characters,
    the lines after the first indented by `hanging_indent` spaces. Lines
    break only at spaces: textwrap's defaults also break after a hyphen
    ("fire-and-" / "rehire", an address's "housing-" / "costs/") and
    inside a word longer than the line (an address): such a word here
    stays whole, on a line of its own. Never narrower than NARROWEST: each
    quote or list around a text takes its marker's width from the line, and
    text nested 36 deep left none (textwrap refused to fill it, and the
    build ended in an exception): such a text's lines run past WIDTH."""
    return textwrap.fill(" ".join(text.split()), max(width, hanging_indent + NARROWEST),
                         subsequent_indent=" " * hanging_indent, break_long_words=False, break_on_hyphens=False)


def html_to_text(html: str, site_url: str, width: int = WIDTH) -> str:
    """Readable plain text: paragraphs wrapped, headings in capitals, lists
    with "-" or numbers, links followed by their full address, edited words
    said to be removed, added or crossed out."""
    fragment = HTMLParser(namespace_html_elements=False).parse_fragment(html or "")
    return "\n\n".join(blocks(fragment, site_url, width)).strip()


def blocks(container: Element, site_url: str, width: int) -> list[str]:
    """The container's children as text blocks; runs of inline content
    between block elements become one wrapped paragraph."""
    out: list[str] = []
    paragraph = [container.text or ""]

    def flush() -> None:
        text = "".join(paragraph)
        if text.strip():
            out.append("\n".join(wrap_words(line, width) for line in text.split(LINE_BREAK)))
        paragraph.clear()

    for child in container:
        if isinstance(child.tag, str) and (child.tag in BLOCKS or is_edited_block(child)):
            flush()
            out.extend(block(child, site_url, width))
        else:
            paragraph.append(inline_text(child, site_url))
        paragraph.append(child.tail or "")
    flush()
    return [b for b in out if b.strip()]


def block(element: Element, site_url: str, width: int) -> list[str]:
    tag = element.tag
    if tag in HEADINGS:
        return [wrap_words(in_capitals(inline_text(element, site_url)), width)]
    if tag == "pre":
        return [textwrap.indent("".join(element.itertext()).rstrip("\n"), "    ")]
    if tag == "hr":
        return ["* * *"]
    if tag in ("ul", "ol"):
        return [list_text(element, site_url, width, numbered=tag == "ol")]
    if tag == "table":
        return [table_text(element, site_url, width)]
    if tag == "blockquote":
        return [textwrap.indent(b, "> ") for b in blocks(element, site_url, width - 2)]
    if tag in EDITS:
        return edited_blocks(element, site_url, width)
    return blocks(element, site_url, width)


def is_edited_block(element: Element) -> bool:
    """A <del>, <ins> or <s> around whole paragraphs or lists (HTML allows
    it), whose blocks must stay apart: as words they ran together."""
    return element.tag in EDITS and any(isinstance(c.tag, str) and c.tag in BLOCKS for c in element.iter())


def edited_blocks(element: Element, site_url: str, width: int) -> list[str]:
    """Edited paragraphs, with where the edit starts and ends said on lines
    of their own: a label glued to a paragraph's first words would change
    how it wraps, and a reader must know where the edit ends."""
    inside = blocks(element, site_url, width)
    said = EDITS[element.tag]
    return [f"[{said} text starts]", *inside, f"[{said} text ends]"] if inside else []


def list_text(element: Element, site_url: str, width: int, numbered: bool) -> str:
    items = []
    for number, item in enumerate((c for c in element if c.tag == "li"), start=first_number(element)):
        marker = f"{number}. " if numbered else "- "
        lines = "\n\n".join(blocks(item, site_url, width - len(marker))).splitlines() or [""]
        items.append("\n".join([marker + lines[0], *((" " * len(marker) + l).rstrip() for l in lines[1:])]))
    return "\n".join(items)


def first_number(element: Element) -> int:
    """Where a numbered list starts: <ol start="3"> goes on from an earlier list."""
    start = element.get("start") or ""
    return int(start) if start.isdigit() else 1


def table_text(element: Element, site_url: str, width: int) -> str:
    """Its caption on a line of its own, then a line for each row, its cells
    between " | " (a cell's words glued to the next cell's read as one)."""
    lines = [wrap_words(inline_text(caption, site_url), width) for caption in element.iter("caption")]
    for row in element.iter("tr"):
        cells = [" ".join(inline_text(cell, site_url).split()) for cell in row if cell.tag in ("td", "th")]
        lines.append(wrap_words(" | ".join(cells), width, hanging_indent=2))
    return "\n".join(lines)


def inline_text(element: Element, site_url: str) -> str:
    """The text of an inline element; a link gets its address after it, an
    image its alternative text, as the web page gives it to a reader who
    cannot see the picture."""
    if not isinstance(element.tag, str):
        return ""  # a comment (never in sanitised HTML)
    if element.tag == "br":
        return LINE_BREAK
    href = element.get("href") if element.tag == "a" else None
    if href and href.startswith("#fnref"):
        return ""  # a footnote's link back to the text: the text edition has no links to follow
    if element.tag == "img":
        alt = " ".join((element.get("alt") or "").split())
        return f"[Image: {alt}]" if alt else ""  # alt="" marks a picture that only decorates
    text = (element.text or "") + "".join(inline_text(c, site_url) + (c.tail or "") for c in element)
    if element.tag == "q":
        return f"“{text}”"  # the marks a browser draws around a quotation
    if element.tag in EDITS:
        return edited_words(EDITS[element.tag], text)
    if element.tag == "sup":
        # A footnote's number, or a power: "here[1]", "x^2", not "here1", "x2".
        return f"[{text.strip()}]" if element.find("a") is not None else f"^{text}"
    if href and not href.startswith("#"):
        address = urljoin(site_url + "/", href)
        if " ".join(text.split()) not in (href, address):  # an address written as itself is not given twice
            text += f" ({address})"
    return text


# What edited_words puts before the words, once in capitals.
EDIT_LABEL_IN_CAPITALS = re.compile(r"\[(" + "|".join(re.escape(said.upper()) for said in EDITS.values()) + r"): ")


def in_capitals(text: str) -> str:
    """A heading in capitals, as the text edition shows headings; what an
    edit's label says stays as written ("[removed: TAX]", not "[REMOVED: TAX]")."""
    return EDIT_LABEL_IN_CAPITALS.sub(lambda found: f"[{found[1].lower()}: ", text.upper())


def edited_words(said: str, text: str) -> str:
    """"[removed: cut]", the spaces around the words left outside the
    brackets, where they part the words from their neighbours."""
    words = text.strip()
    return text.replace(words, f"[{said}: {words}]", 1) if words else text
