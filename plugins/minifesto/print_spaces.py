"""Each printed line keeps the space it broke at, so a screen reader never runs two words together.

WeasyPrint draws a line without the space it broke at, and the PDF's tags
hold each line's text: read by its tags (as JAWS reads a tagged PDF, and as
text is taken from the tag tree), "providing equitable" at a line's end
was "providingequitable", at every line of every paragraph (pdftotext,
which reads positions on the page, was right). Text set `white-space:
pre-wrap` keeps that space at the line's end, drawn (a space draws nothing)
and tagged. pre-wrap also keeps the source's line breaks and runs of
spaces, which a browser collapses, so the print HTML's text is first made
as a browser shows it, in the elements print.css sets so (PRE_WRAPPED): every
run of white space one space, none at a block's start or end, after a
<br>, or around a block inside it. <pre> keeps its own.
"""

from __future__ import annotations

import re

import lxml.html

# The elements print.css gives `white-space: pre-wrap` (with their inline
# descendants, which inherit it).
PRE_WRAPPED = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dt", "dd", "th", "td",
                         "caption"})
# Elements laid out as blocks: white space beside one is no word space.
BLOCKS = PRE_WRAPPED | {"ul", "ol", "dl", "div", "section", "nav", "aside", "header", "footer", "figure", "table",
                        "thead", "tbody", "tr", "blockquote", "pre", "hr", "img", "picture", "details", "summary"}
WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")


def spaces_kept_at_line_ends(html: str) -> str:
    """The print HTML with the text of PRE_WRAPPED elements as a browser
    would show it, ready for `white-space: pre-wrap`."""
    document = lxml.html.document_fromstring(html)
    for element in document.iter(*PRE_WRAPPED):
        if not any(ancestor.tag in PRE_WRAPPED or ancestor.tag == "pre" for ancestor in element.iterancestors()):
            collapse(element)
    doctype = document.getroottree().docinfo.doctype
    return lxml.html.tostring(document, encoding="unicode", doctype=doctype or None)


def collapse(block) -> None:
    """Collapse the white space of `block`'s text, as one run of lines."""
    pieces = list(text_slots(block))
    after_space = True  # at a line's start, a space is dropped
    for element, slot, starts_line in pieces:
        text = getattr(element, slot)
        if text is None:
            continue
        if starts_line:
            after_space = True
        text = WHITE_SPACE.sub(" ", text)
        if after_space:
            text = text.lstrip(" ")
        if text:
            after_space = text.endswith(" ")
        setattr(element, slot, text)
    trim_line_ends(block)


def text_slots(block):
    """(element, "text" or "tail", whether a new line starts there) for each
    piece of `block`'s text in reading order; a <pre> is left as it is."""
    yield block, "text", True
    for child in block:
        if not isinstance(child.tag, str):  # a comment
            yield child, "tail", False
            continue
        if child.tag == "pre":
            yield child, "tail", True
            continue
        if child.tag in BLOCKS:
            yield from text_slots(child)
            yield child, "tail", True
            continue
        yield from inline_slots(child)
        yield child, "tail", child.tag == "br"


def inline_slots(element):
    yield element, "text", False
    for child in element:
        if isinstance(child.tag, str) and child.tag != "pre":
            yield from (text_slots(child) if child.tag in BLOCKS else inline_slots(child))
        yield child, "tail", isinstance(child.tag, str) and (child.tag == "br" or child.tag in BLOCKS)


def trim_line_ends(block) -> None:
    """No space before a block's end, a <br> or a block inside it (a space
    there, kept by pre-wrap, would hang in nothing, or make an empty line)."""
    for element in [block, *block.iterdescendants()]:
        if not isinstance(element.tag, str) or element.tag == "pre":
            continue
        if element is block or element.tag in BLOCKS or element.tag == "br":
            trim_before_end(element)
            trim_before(element)


# Elements that hold no text of their own.
EMPTY = frozenset({"br", "img", "hr", "pre"})


def trim_before_end(element) -> None:
    """The last text inside `element` without a space at its end."""
    if element.tag in EMPTY:
        return
    if len(element) == 0:
        if element.text:
            element.text = element.text.rstrip(" ")
        return
    last = element[-1]
    if last.tail and last.tail.strip(" "):
        last.tail = last.tail.rstrip(" ")
        return
    last.tail = None
    if isinstance(last.tag, str) and last.tag not in BLOCKS:
        trim_before_end(last)


def trim_before(element) -> None:
    """The text just before `element` (a block or a <br>) without a space at its end."""
    previous, parent = element.getprevious(), element.getparent()
    if parent is None:
        return
    if previous is None:
        if parent.text:
            parent.text = parent.text.rstrip(" ")
    elif previous.tail and previous.tail.strip(" "):
        previous.tail = previous.tail.rstrip(" ")
    else:
        previous.tail = None
        if isinstance(previous.tag, str) and previous.tag not in BLOCKS:
            trim_before_end(previous)
