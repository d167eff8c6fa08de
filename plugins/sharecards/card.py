"""Draw one share card with Pillow.

The imprint is drawn into the image (the law wants it to travel with the
image wherever it is shared) and also stored in the PNG's text chunks, so
the build can check every card carries it.

A card is drawn in full colour, then (unless it shows the item's own
photograph, which keeps its colours) stored as a 256-colour PNG whose
palette is the card's own colours: each text colour blended into each
background colour in 64 steps (`card_palette`). Every pixel of a card is
one of those blends (text is the only thing drawn over a flat background),
so nothing visible is lost, and the PNG is encoded ten times faster than
a full-colour one with `optimize` and is under half its size: with a
thousand posts, drawing cards was most of a cold build.

zlib's level 3, not its default 6: a card is encoded in 3 ms instead of
10 ms and is 18% bigger (27 KB instead of 23 KB). Cards are fetched by the
platforms a link is shared on, never by a page, so the build's time counts
for more than their size.
"""

from __future__ import annotations

import functools
import io
import threading
from dataclasses import dataclass

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps
from PIL.PngImagePlugin import PngInfo

from sitecore.brand import LETTER_SCALE, CardStyle, draw_mark
from sitecore.print_fonts import file_coverage, with_stand_ins

MARGIN = 72
TITLE_TOP = MARGIN + 70
TITLE_SIZES = range(72, 39, -4)        # px, largest first
TITLE_MAX_LINES = 4
TITLE_MIN_LINES = 2                    # the band never squeezes the title below this
KICKER_SIZES = range(34, 23, -2)       # px: a long kind ("Councillor for …") shrinks to fit, then is cut with "…"
# A word wider than the line (a German compound, an address) is broken,
# preferably after one of these, else anywhere with a hyphen.
BREAK_AFTER = "/-._?&=#‐–—"
GAP = 24                               # between the title and the band
# The imprint is the law's (Elections Act 2022): always printed whole. It
# starts at the usual size and shrinks, at most, to the smallest size still
# easy to read where a card is shown 400 px wide (a phone's feed): 30 px is
# 10 px there, 27 px is 9 px. The band grows to hold it.
IMPRINT_SIZES = range(30, 26, -1)      # px, largest first
IMPRINT_ROOM_AT_LEAST = 2              # lines: a short imprint keeps the usual band
BAND_TOP_PADDING, PARTY_LINE, BAND_BOTTOM_PADDING = 24, 72, 20
LOGO_SIZE = 56                         # px: the party's mark, beside its name in the band
TITLE_COLOUR = "#ffffff"               # the title and the imprint
BLEND_STEPS = 51                       # 5 colour-on-background pairs × 51 = 255 of a palette's 256 colours


@dataclass(frozen=True)
class CardText:
    kicker: str    # "Policy 3", "News", "Councillor"
    title: str
    imprint: str
    party: str
    # The item's own picture (a post's image, a councillor's photo), so cards
    # differ in a feed: its file, and a hash of its bytes for the cache key.
    photo: str | None = None
    photo_digest: str = ""


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
    before drawing, a character none of them has (plugin.py)."""

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
    while len(rest) > 1 and face.length(rest) > width:
        low, high = 1, len(rest) - 1  # the longest piece that fits, by halves
        while low < high:
            middle = (low + high + 1) // 2
            low, high = (middle, high) if face.length(with_hyphen(rest[:middle])) <= width else (low, middle - 1)
        cut = low
        natural = max((at + 1 for at in range(cut // 2, cut) if rest[at] in BREAK_AFTER), default=None)
        cut = natural or cut
        pieces.append(with_hyphen(rest[:cut]))
        rest = rest[cut:]
    return [*pieces, rest]


def with_hyphen(piece: str) -> str:
    return piece if piece[-1] in BREAK_AFTER else piece + "-"


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


def fitted_kicker(kicker: str, style: CardStyle, width: int) -> tuple[Face, str]:
    """The kind above the title, in capitals, on one line: at 34 px, or
    smaller down to 24 px, or cut with "…"."""
    text = kicker.upper()
    for size in KICKER_SIZES:
        face = Face(style.bold_fonts, size)
        if face.length(text) <= width:
            return face, text
    return face, cut_to_fit(text, face, width)


@functools.lru_cache(maxsize=8)
def card_palette(style: CardStyle) -> Image.Image:
    """A palette image of every colour a card can hold: each text colour
    (accent, white) over each background (the card's, the band's ink), and
    the logo's disc (the card's colour) over the band, each from the
    background itself to the full colour on top."""
    pairs = [(background, ink) for background in (style.background, style.ink) for ink in (style.accent, TITLE_COLOUR)]
    colours = []
    for background, ink in [*pairs, (style.ink, style.background)]:
        start, end = ImageColor.getrgb(background), ImageColor.getrgb(ink)
        for step in range(BLEND_STEPS):
            share = step / (BLEND_STEPS - 1)
            colours += [round(a + (b - a) * share) for a, b in zip(start, end)]
    palette = Image.new("P", (1, 1))
    palette.putpalette(colours)
    return palette


def draw_card(text: CardText, style: CardStyle) -> Image.Image:
    """The card in full colour."""
    width, height = style.size
    image = Image.new("RGB", style.size, style.background)
    draw = ImageDraw.Draw(image)
    band = drawn_band(text.party, text.imprint, style)
    band_top = height - band.height
    text_width, title_height = title_room(style, text.imprint, bool(text.photo))
    if text.photo:
        # The picture fills the right of the card down to the band, cropped to fit.
        with Image.open(text.photo) as photo:
            # A JPEG is decoded at the smallest scale (1/2 … 1/8) that still
            # covers the space: a phone's 12-megapixel photo then decodes in
            # a tenth of the time, and the resize starts from fewer pixels.
            photo.draft("RGB", photo_draft_size(photo.size, (PHOTO_WIDTH, band_top)))
            fitted = ImageOps.fit(ImageOps.exif_transpose(photo).convert("RGB"), (PHOTO_WIDTH, band_top))
        image.paste(fitted, (width - PHOTO_WIDTH, 0))

    kicker_face, kicker = fitted_kicker(text.kicker, style, text_width)
    kicker_face.draw(draw, (MARGIN, MARGIN), kicker, fill=style.accent)
    title_face, lines = fitted_title(text.title, style, text_width, title_height)
    line_height = int(title_face.size * 1.2)
    y = TITLE_TOP
    for line in lines:
        title_face.draw(draw, (MARGIN, y), line, fill=TITLE_COLOUR)
        y += line_height

    image.paste(band, (0, band_top))
    return image


@functools.lru_cache(maxsize=8)
def drawn_band(party: str, imprint: str, style: CardStyle) -> Image.Image:
    """The band at the foot of every card (the party's logo and name, and the
    whole imprint), drawn once and pasted into each card: the same pixels as
    drawing it on the card, at a tenth of the cost of a card."""
    layout = layout_imprint(imprint, style)
    band = Image.new("RGB", (style.size[0], layout.band_height), style.ink)
    draw = ImageDraw.Draw(band)
    draw_mark(draw, (MARGIN, BAND_TOP_PADDING), LOGO_SIZE, style, font(style.bold_font, int(LOGO_SIZE * LETTER_SCALE)))
    middle = BAND_TOP_PADDING + LOGO_SIZE / 2
    Face(style.bold_fonts, 34).draw(draw, (MARGIN + LOGO_SIZE + 20, middle), party, fill=style.accent, anchor="lm")
    imprint_face = Face(style.regular_fonts, layout.size)
    y = BAND_TOP_PADDING + PARTY_LINE
    for line in layout.lines:
        imprint_face.draw(draw, (MARGIN, y), line, fill=TITLE_COLOUR)
        y += layout.line_height
    return band


def photo_draft_size(size: tuple[int, int], space: tuple[int, int]) -> tuple[int, int]:
    """The size to ask a JPEG's decoder for, so that after `ImageOps.fit`
    crops it to the space's shape it still covers the space (the photo
    may be turned by its EXIF orientation: both ways round are covered)."""
    width, height = size
    most = max(space)
    scale = max(most / width, most / height)  # the shorter side reaches the space's longer one
    return max(1, round(width * scale)), max(1, round(height * scale))


def render_card(text: CardText, style: CardStyle) -> bytes:
    """The card as a PNG in the card's palette, carrying its kicker, title and
    the imprint as text chunks."""
    metadata = PngInfo()
    metadata.add_text("Kicker", text.kicker)
    metadata.add_text("Title", text.title)
    metadata.add_text("Imprint", text.imprint)
    buffer = io.BytesIO()
    drawn = draw_card(text, style)
    if text.photo:  # a photograph needs its own colours: a full-colour PNG
        drawn.save(buffer, format="PNG", pnginfo=metadata, compress_level=3)
    else:
        paletted = drawn.quantize(palette=card_palette(style), dither=Image.Dither.NONE)
        paletted.save(buffer, format="PNG", pnginfo=metadata, compress_level=3)
    return buffer.getvalue()
