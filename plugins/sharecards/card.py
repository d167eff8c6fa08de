"""Draw one share card with Pillow.

The imprint is drawn into the image (the law wants it to travel with the
image wherever it is shared); where each part goes, and at what size, is
layout.py's; the file the card is stored as, card_file.py's.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps

from sitecore.brand import LETTER_SCALE, CardStyle, draw_mark

from .layout import (
    BAND_TOP_PADDING,
    MARGIN,
    PARTY_LINE,
    PHOTO_WIDTH,
    TITLE_TOP,
    fitted_kicker,
    fitted_title,
    layout_imprint,
    title_room,
)
from .typesetting import Face, font

LOGO_SIZE = 56                         # px: the party's mark, beside its name in the band
TITLE_COLOUR = "#ffffff"               # the title and the imprint


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

