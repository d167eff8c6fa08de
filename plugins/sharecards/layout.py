"""Lay out a share card: the band that holds the whole imprint, and the kind and title fitted to the room above it.

The imprint is the law's: it is printed whole, at a legible size, or the
build stops (ImprintTooLong). A title is never cut on a card the build
lets through: the share cards' checks refuse one that needs more lines than
the card has (title_overflow).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sitecore.brand import CardStyle

from .typesetting import Face, cut_to_fit, fits_in_lines, wrap

MARGIN = 72
TITLE_TOP = MARGIN + 70
TITLE_SIZES = range(72, 39, -4)        # px, largest first
TITLE_MAX_LINES = 4
TITLE_MIN_LINES = 2                    # the band never squeezes the title below this
KICKER_SIZES = range(34, 23, -2)       # px: a long kind ("Councillor for …") shrinks to fit, then is cut with "…"
GAP = 24                               # between the title and the band
# The imprint is the law's (Elections Act 2022): always printed whole. It
# starts at the usual size and shrinks, at most, to the smallest size still
# easy to read where a card is shown 400 px wide (a phone's feed): 30 px is
# 10 px there, 27 px is 9 px. The band grows to hold it.
IMPRINT_SIZES = range(30, 26, -1)      # px, largest first
IMPRINT_ROOM_AT_LEAST = 2              # lines: a short imprint keeps the usual band
BAND_TOP_PADDING, PARTY_LINE, BAND_BOTTOM_PADDING = 24, 72, 20
PHOTO_WIDTH = 360                      # px: the picture beside the title, the card's height above the band


@dataclass(frozen=True)
class ImprintLayout:
    """How the imprint is drawn: `lines`, joined by spaces, are the whole imprint
    (runs of whitespace in it become single spaces)."""

    size: int
    lines: tuple[str, ...]
    line_height: int
    band_height: int


class ImprintTooLong(ValueError):
    """The imprint cannot be printed in full on a card at a legible size."""

    def __init__(self, imprint: str, reason: str):
        self.message = (f"the imprint ({len(imprint):,} characters) is too long to print in full on the share "
                        f"cards, even at {min(IMPRINT_SIZES)} px: {reason}")
        self.fix = ("shorten the address or the promoter's name in IMPRINT in pelicanconf.py "
                    "(the law wants the whole imprint on every image)")
        super().__init__(f"{self.message} — {self.fix}")


def band_height(lines: int, line_height: int) -> int:
    return BAND_TOP_PADDING + PARTY_LINE + max(lines, IMPRINT_ROOM_AT_LEAST) * line_height + BAND_BOTTOM_PADDING


def max_band_height(style: CardStyle) -> int:
    """The band may grow until the title has TITLE_MIN_LINES of the smallest size left."""
    smallest_title_line = int(min(TITLE_SIZES) * 1.2)
    return style.size[1] - (TITLE_TOP + TITLE_MIN_LINES * smallest_title_line + GAP)


@functools.lru_cache(maxsize=8)
def layout_imprint(imprint: str, style: CardStyle) -> ImprintLayout:
    """The whole imprint in lines that fit the card's band, at the largest
    size that fits; ImprintTooLong if even the smallest legible size does not."""
    width, room = style.size[0] - 2 * MARGIN, max_band_height(style)
    for size in IMPRINT_SIZES:
        imprint_face = Face(style.regular_fonts, size)
        lines, line_height = wrap(imprint, imprint_face, width), size + 6
        fits_across = all(imprint_face.length(line) <= width for line in lines)
        if fits_across and band_height(len(lines), line_height) <= room:
            return ImprintLayout(size, tuple(lines), line_height, band_height(len(lines), line_height))
    too_wide = [word for word in imprint.split() if imprint_face.length(word) > width]
    if too_wide:
        raise ImprintTooLong(imprint, f"the word “{too_wide[0][:40]}” is wider than the card")
    lines_room = (room - band_height(0, 0)) // line_height
    raise ImprintTooLong(imprint, f"it needs {len(lines)} lines and a card has room for {lines_room}")


def fitted_title(title: str, style: CardStyle, width: int, height: int,
                 max_lines: int = TITLE_MAX_LINES) -> tuple[Face, list[str]]:
    """The largest title size whose lines fit `width` × `height` (at most
    `max_lines` lines), its words whole; else the largest at which it fits
    with its too-long words broken (broken_word); else, at the smallest
    size, the broken title cut with "…". No line is ever wider than `width`."""
    for break_words in (False, True):
        for size in TITLE_SIZES:
            face = Face(style.bold_fonts, size)
            lines = wrap(title, face, width, break_words)
            room = min(max_lines, height // int(size * 1.2))
            if len(lines) <= room and all(face.length(line) <= width for line in lines):
                return face, lines
    if len(lines) > room:
        lines = [*lines[: room - 1], cut_to_fit(lines[room - 1], face, width)]
    return face, lines


def title_room(style: CardStyle, imprint: str, with_photo: bool) -> tuple[int, int]:
    """(width, height) in pixels of the space a card's title is drawn in:
    beside the photo if the card has one, above the band that holds the imprint."""
    width = style.size[0] - 2 * MARGIN - (PHOTO_WIDTH if with_photo else 0)
    band_top = style.size[1] - layout_imprint(imprint, style).band_height
    return width, band_top - GAP - TITLE_TOP


@functools.lru_cache(maxsize=16384)
def title_overflow(title: str, style: CardStyle, width: int, height: int,
                   max_lines: int = TITLE_MAX_LINES) -> tuple[int, int] | None:
    """None if the title fits `width` × `height` whole in the smallest type
    (so fitted_title never cuts it), else (lines it needs, lines there is
    room for). Asked of every title in every build, so it is cheap: most
    titles are settled by `fits_in_lines`, without the full wrap; and kept
    for the life of the process (as layout_imprint is), for the live
    preview, whose quick step plans every card again after each save."""
    size = min(TITLE_SIZES)
    face, room = Face(style.bold_fonts, size), min(max_lines, height // int(size * 1.2))
    if fits_in_lines(title, face, width, room):
        return None
    needed = len(wrap(title, face, width, True))
    return None if needed <= room else (needed, room)


def fitted_kicker(kicker: str, style: CardStyle, width: int) -> tuple[Face, str]:
    """The kind above the title, in capitals, on one line: at 34 px, or
    smaller down to 24 px, or cut with "…"."""
    text = kicker.upper()
    for size in KICKER_SIZES:
        face = Face(style.bold_fonts, size)
        if face.length(text) <= width:
            return face, text
    return face, cut_to_fit(text, face, width)

