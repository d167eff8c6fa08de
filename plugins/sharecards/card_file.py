"""Store a drawn share card as a file's bytes: a PNG in the card's own 256
colours, with its text in the PNG's text chunks; or, for a card showing the
item's own photo, a JPEG (sitecore/share_cards.py says why).

The imprint is drawn into the image (card.py) and also stored in the file
(a PNG's text chunk, a JPEG's comment), so the build can check every card
carries it.

A card without a photo is drawn in full colour, then stored as a
256-colour PNG whose palette is the card's own colours: each text colour blended into each
background colour in 51 steps (`card_palette`). Every pixel of a card is
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

from PIL import Image, ImageColor
from PIL.PngImagePlugin import PngInfo

from sitecore.brand import CardStyle

from .card import TITLE_COLOUR, CardText, draw_card

BLEND_STEPS = 51                       # 5 colour-on-background pairs × 51 = 255 of a palette's 256 colours


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


# A photo's card: 4:2:0 colour (the letters stay sharp at this size) and
# quality 85, about 100 KB; `optimize` makes the file smaller, not the picture.
JPEG_OPTIONS = {"quality": 85, "subsampling": "4:2:0", "optimize": True}


def render_card(text: CardText, style: CardStyle) -> bytes:
    """The card's file: a JPEG with the imprint as its comment if it shows a
    photo, else a PNG in the card's palette, carrying its kicker, title and
    the imprint as text chunks."""
    buffer = io.BytesIO()
    drawn = draw_card(text, style)
    if text.photo:  # a photograph needs its own colours
        drawn.save(buffer, format="JPEG", comment=text.imprint.encode("utf-8"), **JPEG_OPTIONS)
        return buffer.getvalue()
    metadata = PngInfo()
    metadata.add_text("Kicker", text.kicker)
    metadata.add_text("Title", text.title)
    metadata.add_text("Imprint", text.imprint)  # where sitecore.share_cards.stored_imprint reads it
    paletted = drawn.quantize(palette=card_palette(style), dither=Image.Dither.NONE)
    paletted.save(buffer, format="PNG", pnginfo=metadata, compress_level=3)
    return buffer.getvalue()
