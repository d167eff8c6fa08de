"""The party's look, as the build draws it: colours, fonts and the logo.

Share cards and the press kit's PNG logo are drawn with Pillow from these
settings (PARTY_COLOURS, MINIFESTO_FONT_FILES), the web pages use the same
colours through the stylesheet. The SVG logo (theme/static/img/logo.svg, the
press kit's, the PDF covers' and the pages' icon) is written from them by
`python -m sitebuild.logo`, its letter as the bold font's outline.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from .print_fonts import face_files


@dataclass(frozen=True)
class CardStyle:
    """What a drawn image of the party looks like. Each font is a list of
    files: the face, then the files that draw the letters it lacks (its
    Latin Extended file, then the other face's: Atkinson Hyperlegible has no
    ŵ or ŷ, Inter has), tried in order for each character."""

    size: tuple[int, int]
    background: str
    accent: str
    ink: str
    bold_fonts: tuple[str, ...]
    regular_fonts: tuple[str, ...]

    @property
    def bold_font(self) -> str:
        return self.bold_fonts[0]

    @property
    def regular_font(self) -> str:
        return self.regular_fonts[0]

    def fingerprint(self) -> str:
        """What the drawing depends on, for cache keys: the fonts by their
        contents, not their paths (a moved checkout reuses its cache, and a
        changed font file is never served from it), in their order."""
        fonts = [[hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in files]
                 for files in (self.bold_fonts, self.regular_fonts)]
        return repr((self.size, self.background, self.accent, self.ink, *fonts))


def brand_style(settings: dict) -> CardStyle:
    """Titles in the party's bold face; the imprint in the text face of the
    PDFs (MINIFESTO_TEXT_FONT_FILES), whose zero has no slash ("PO Box 0000");
    each followed by the other face for the letters it lacks."""
    colours = settings["PARTY_COLOURS"]
    fonts = settings["MINIFESTO_FONT_FILES"]
    text_fonts = settings.get("MINIFESTO_TEXT_FONT_FILES") or fonts

    def stack(first, then) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*face_files(first), *face_files(then or ())]))

    return CardStyle(tuple(settings["SHARE_CARD_SIZE"]), colours["primary"], colours["accent"], colours["ink"],
                     bold_fonts=stack(fonts[(700, "normal")], text_fonts.get((700, "normal"))),
                     regular_fonts=stack(text_fonts[(400, "normal")], fonts.get((400, "normal"))))


# The PNG logo (PARTY_LOGO_PNG) is this many pixels square.
LOGO_PNG_SIZE = 512
# The mark's letter is this share of its size (draw_mark, logo_svg).
LETTER_SCALE = 0.62
# The SVG logo, a theme file (PARTY_LOGO_SVG), written by `python -m sitebuild.logo`.
LOGO_SVG = Path(__file__).resolve().parents[1] / "theme" / "static" / "img" / "logo.svg"


def logo_png(settings: dict) -> bytes:
    """The logo the site publishes at PARTY_LOGO_PNG (press kit, JSON-LD)."""
    return render_logo(LOGO_PNG_SIZE, brand_style(settings))


@functools.lru_cache(maxsize=4)
def render_logo(size: int, style: CardStyle) -> bytes:
    """The party mark as a square PNG: a purple disc with a yellow "B" (the
    same design as theme/static/img/logo.svg), for press kits and search engines."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw_mark(ImageDraw.Draw(image), (0, 0), size, style,
              ImageFont.truetype(style.bold_font, int(size * LETTER_SCALE)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def logo_svg(settings: dict, size: int = LOGO_PNG_SIZE) -> str:
    """The party mark as SVG, as render_logo draws it: its "B" is the bold
    font's outline, not text in that font, which a journalist's design tool
    or a browser showing the file as an image would draw in whatever font it
    has (a generic bold "B" on the party's logo)."""
    style = brand_style(settings)
    font = TTFont(style.bold_font)
    glyphs = font.getGlyphSet()
    letter = glyphs[font.getBestCmap()[ord("B")]]
    scale = int(size * LETTER_SCALE) / font["head"].unitsPerEm
    # Centred as Pillow's anchor "mm" centres it: half its advance across,
    # halfway between the font's ascender and descender down.
    left = size / 2 - letter.width * scale / 2
    baseline = size / 2 + (font["hhea"].ascent + font["hhea"].descent) / 2 * scale
    pen = SVGPathPen(glyphs, ntos=lambda number: f"{number:.2f}".rstrip("0").rstrip("."))
    letter.draw(TransformPen(pen, (scale, 0, 0, -scale, left, baseline)))
    half = size // 2
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
            f'aria-labelledby="logo-title"><title id="logo-title">{html.escape(settings["SITENAME"])}</title>'
            f'<circle cx="{half}" cy="{half}" r="{half}" fill="{style.background}"/>'
            f'<path d="{pen.getCommands()}" fill="{style.accent}"/></svg>\n')


def draw_mark(draw: ImageDraw.ImageDraw, corner: tuple[int, int], size: int, style: CardStyle,
              letter_font: ImageFont.FreeTypeFont) -> None:
    """The party's mark, `size` px square from `corner`: a disc of the party's
    colour with a "B" in the accent colour, in `letter_font` (the bold font at
    LETTER_SCALE of `size`; share cards pass the one they keep loaded)."""
    left, top = corner
    draw.ellipse([left, top, left + size - 1, top + size - 1], fill=style.background)
    draw.text((left + size / 2, top + size / 2), "B", font=letter_font, fill=style.accent, anchor="mm")
