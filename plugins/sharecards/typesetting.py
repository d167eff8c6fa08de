"""Set text in a face of several font files: measure it, wrap it to a width, break or cut what does not fit.

Pillow draws with one font file at a time; a `Face` draws each character
with the first file of its list that has it, so a line mixing the party's
face and its Latin Extended file is measured and drawn as one.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

from sitecore.print_fonts import file_coverage, with_stand_ins

# A word wider than the line (a German compound, an address) is broken,
# preferably after one of these, else anywhere with a hyphen.
BREAK_AFTER = "/-._?&=#‐–—"


def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """The font file at `size`, loaded once per thread: loading it (a WOFF,
    unpacked by FreeType) took a third of a card's drawing, and a loaded
    font may not be used by two threads at once."""
    return _fonts_of_this_thread(threading.get_ident(), path, size)


@functools.lru_cache(maxsize=256)
def _fonts_of_this_thread(thread: int, path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


@dataclass(frozen=True)
class Face:
    """Type in `files` (the face, then the files that draw what it lacks)
    at `size` px: each character is drawn in the first file whose font has
    it, so "Tŷ Hywel" takes its ŷ from Inter and "Łukasz" its Ł from the
    Latin Extended file, never an empty box. Text is composed (NFC) first:
    "w" and a combining circumflex is "ŵ". The share cards' check refuses,
    before drawing, a character none of them has (card_checks.py)."""

    files: tuple[str, ...]
    size: int

    @property
    def primary(self) -> ImageFont.FreeTypeFont:
        return font(self.files[0], self.size)

    @functools.cached_property
    def coverages(self) -> list[frozenset[int]]:
        """What each file draws, read once per Face: a title's wrap asks for
        a length per word, and each asked the files' coverage again."""
        return [file_coverage(path) for path in self.files]

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """`text` in runs of characters drawn by the same file."""
        coverages = self.coverages
        text = with_stand_ins(text)
        if coverages[0].issuperset(map(ord, text)):  # mostly: the face draws it all
            return [(text, self.primary)] if text else []
        runs: list[list] = []
        for character in text:
            index = next((number for number, covered in enumerate(coverages) if ord(character) in covered), 0)
            if runs and runs[-1][0] == index:
                runs[-1][1] += character
            else:
                runs.append([index, character])
        return [(run, font(self.files[index], self.size)) for index, run in runs]

    def length(self, text: str) -> float:
        return sum(run_font.getlength(run) for run, run_font in self.runs(text))

    def draw(self, draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, fill, anchor: str = "la") -> None:
        """Like draw.text with anchor "la" (left, ascender) or "lm" (left,
        middle), the primary font's metrics placing the baseline for every run."""
        runs = self.runs(text)
        if len(runs) == 1 and runs[0][1] is self.primary:
            draw.text(xy, runs[0][0], font=self.primary, fill=fill, anchor=anchor)
            return
        ascent, descent = self.primary.getmetrics()
        x, y = xy
        baseline = y + ascent if anchor == "la" else y + (ascent - descent) / 2
        for run, run_font in runs:
            draw.text((x, baseline), run, font=run_font, fill=fill, anchor="ls")
            x += run_font.getlength(run)


def wrap(text: str, face: Face, width: int, break_words: bool = False) -> list[str]:
    """Words of `text` in lines no wider than `width`. A word wider than
    `width` gets a line of its own, or, with `break_words`, is broken
    into pieces that fit (broken_word)."""
    lines, line = [], ""
    for word in text.split():
        pieces = broken_word(word, face, width) if break_words else [word]
        for piece in pieces:
            trial = f"{line} {piece}".strip()
            if face.length(trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = piece
    return [*lines, line] if line else lines


def broken_word(word: str, face: Face, width: int) -> list[str]:
    """`word` in pieces no wider than `width`: each broken after the last
    of BREAK_AFTER in its second half that fits, else as late as fits with
    a hyphen added."""
    pieces, rest = [], word
    while len(rest) > 1:
        too_wide = first_too_wide(rest, face, width)
        if too_wide is None:
            break
        low, high = 1, min(len(rest) - 1, too_wide)  # the longest piece that fits, by halves
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if face.length(with_hyphen(rest[:middle])) <= width else (low, middle - 1)
        cut = low
        natural = max((at + 1 for at in range(cut // 2, cut) if rest[at] in BREAK_AFTER), default=None)
        cut = natural or cut
        pieces.append(with_hyphen(rest[:cut]))
        rest = rest[cut:]
    return [*pieces, rest]


def first_too_wide(text: str, face: Face, width: int) -> int | None:
    """The length of a start of `text` too wide for `width` (trying 1, 2, 4 …
    characters), or None if all of it fits. Measuring the whole rest of a
    word for each piece took time that grows with the square of its length:
    a stranger's title of 50,000 letters held the check up for a minute, and
    150,000 for six; this way each piece costs about what it holds."""
    probe = 1
    while True:
        if face.length(text[:probe]) > width:
            return probe
        if probe >= len(text):
            return None
        probe = min(probe * 2, len(text))


def with_hyphen(piece: str) -> str:
    return piece if piece[-1] in BREAK_AFTER else piece + "-"


def fits_in_lines(text: str, face: Face, width: int, room: int) -> bool:
    """True only if `text` surely wraps (wrap, breaking words) into at most
    `room` lines: some split of it into at most `room` lines, each measured
    and no wider than `width`. wrap fills each line as far as it can, which
    never takes more lines than any other split. The split tried is wrap's
    own, but for lines measured as the sum of their words' lengths, which
    are kept (a length is a FreeType layout: a title's full wrap measured a
    line per word, 0.6 s for a thousand titles). False means: wrap and see."""
    space, lines, line, used = word_length(face, " "), [], [], 0.0
    for word in text.split():
        for piece in (broken_word(word, face, width) if word_length(face, word) > width else [word]):
            more = word_length(face, piece) + (space if line else 0)
            if line and used + more > width:
                lines.append(" ".join(line))
                line, used = [piece], word_length(face, piece)
            else:
                line.append(piece)
                used += more
    lines.append(" ".join(line))
    return len(lines) <= room and all(face.length(line) <= width for line in lines)


@functools.lru_cache(maxsize=4096)
def word_length(face: Face, word: str) -> float:
    return face.length(word)


def cut_to_fit(line: str, face: Face, width: int) -> str:
    """`line` ending in "…", shortened until it fits `width`: by whole words
    while it has more than one."""
    line = line.rstrip(".,;: ")
    while " " in line and face.length(line + "…") > width:
        line = line.rsplit(" ", 1)[0].rstrip(".,;: ")
    while line and face.length(line + "…") > width:
        line = line[:-1].rstrip(".,;: ")
    return line + "…"

