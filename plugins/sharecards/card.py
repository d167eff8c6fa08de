"""Draw one share card with Pillow.

The imprint is drawn into the image (the law wants it to travel with the
image wherever it is shared) and also stored in the PNG's text chunks, so
the build can check every card carries it.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

MARGIN = 72


@dataclass(frozen=True)
class CardText:
    kicker: str    # "Policy 3", "News", "Councillor"
    title: str
    imprint: str
    party: str


@dataclass(frozen=True)
class CardStyle:
    size: tuple[int, int]
    background: str
    accent: str
    ink: str
    bold_font: str
    regular_font: str


def wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def fitted_title(draw, title: str, style: CardStyle, width: int, max_lines: int = 4):
    """The largest title size (72 down to 40 px) whose lines fit."""
    for size in range(72, 39, -4):
        font = ImageFont.truetype(style.bold_font, size)
        lines = wrap(draw, title, font, width)
        if len(lines) <= max_lines:
            return font, lines
    return font, [*lines[: max_lines - 1], lines[max_lines - 1].rstrip(".,;: ") + "…"]


def render_card(text: CardText, style: CardStyle) -> bytes:
    width, height = style.size
    image = Image.new("RGB", style.size, style.background)
    draw = ImageDraw.Draw(image)
    kicker_font = ImageFont.truetype(style.bold_font, 34)
    small_font = ImageFont.truetype(style.regular_font, 22)
    party_font = ImageFont.truetype(style.bold_font, 30)

    draw.text((MARGIN, MARGIN), text.kicker.upper(), font=kicker_font, fill=style.accent)
    title_font, lines = fitted_title(draw, text.title, style, width - 2 * MARGIN)
    line_height = int(title_font.size * 1.2)
    y = MARGIN + 70
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill="#ffffff")
        y += line_height

    band_top = height - 150
    draw.rectangle([0, band_top, width, height], fill=style.ink)
    draw.text((MARGIN, band_top + 28), text.party, font=party_font, fill=style.accent)
    imprint_y = band_top + 76
    for line in wrap(draw, text.imprint, small_font, width - 2 * MARGIN)[:2]:
        draw.text((MARGIN, imprint_y), line, font=small_font, fill="#ffffff")
        imprint_y += 28

    metadata = PngInfo()
    metadata.add_text("Title", text.title)
    metadata.add_text("Imprint", text.imprint)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=metadata, optimize=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=4)
def render_logo(size: int, style: CardStyle) -> bytes:
    """The party mark as a square PNG: a purple disc with a yellow "B" (the
    same design as theme/static/img/logo.svg), for press kits and search engines."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, size - 1, size - 1], fill=style.background)
    font = ImageFont.truetype(style.bold_font, int(size * 0.62))
    draw.text((size / 2, size / 2), "B", font=font, fill=style.accent, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
