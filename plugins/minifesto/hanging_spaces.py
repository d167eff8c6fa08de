"""A line's last space hangs in `white-space: pre-wrap` text, so a line is never broken early.

print.css sets the running text, cover and colophon `white-space: pre-wrap`,
so that each printed line keeps the space it broke at and a screen reader
never runs two words together (print_spaces.py). CSS Text 3 says such a
space at a line's end hangs: it does not count when deciding whether the
line fits. WeasyPrint (70.0 at least; its issues #2025 and #2308) counts
it when the text that overflows follows an inline element (a link,
<strong>, <em>), finds the line too long by that space, and breaks it
before or inside the element ("<strong>A plan for the / many</strong>: the party's…", a line
half empty), which pushed the colophon onto a page of its own.

WeasyPrint asks `trailing_whitespace_size` how much of an overflowing line
is space that may go past the edge; it answers 0 for pre-wrap. Here it is
asked about the same text as if its spaces were collapsible, which gives
the width of the hanging space, as the spec has it. Only the line breaker
of inline layout (weasyprint.layout.inline) sees the change: the widths
WeasyPrint works out for shrink-to-fit boxes keep its own answer.
Rendering code, so part of the PDFs' cache key (pdf.py: RENDERING_CODE).
"""

from __future__ import annotations

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline

_weasyprints_own = inline.trailing_whitespace_size


def last_text(box):
    """The text box that ends `box` (a line, an inline element or a text), if any."""
    while isinstance(box, (boxes.InlineBox, boxes.LineBox)):
        if not box.children:
            return None
        box = box.children[-1]
    return box if isinstance(box, boxes.TextBox) else None


def hanging_space_width(context, box) -> float:
    """The width at the end of `box` that may hang past the line's edge."""
    text = last_text(box)
    if text is None or text.style["white_space"] != "pre-wrap" or not text.text.endswith(" "):
        return _weasyprints_own(context, box)
    as_if_collapsible = text.copy()
    as_if_collapsible.style = text.style.copy()
    as_if_collapsible.style["white_space"] = "normal"
    return _weasyprints_own(context, as_if_collapsible)


def let_line_end_spaces_hang() -> None:
    """Give WeasyPrint's line breaker `hanging_space_width` (once per process)."""
    inline.trailing_whitespace_size = hanging_space_width
