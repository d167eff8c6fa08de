"""Check that every planned card can be drawn as planned, reporting each reason it cannot at its file and line.

The party's fonts load; every character of a card's kind, title, party
name and imprint is in them; the whole imprint fits the band and each
title fits its card whole; each photo still to be drawn decodes in full.
A card that fails is never drawn: the build stops with the problems.
"""

from __future__ import annotations

import os

from PIL import ImageFont

from sitecore.brand import brand_style
from sitecore.images import strict_decoding
from sitecore.print_fonts import (
    describe_all,
    field_of_line,
    files_coverage,
    font_coverage,
    lines_holding,
    missing_characters,
)
from sitecore.problems import problem_log
from sitecore.settings_file import setting_place

from .card import CardText
from .layout import ImprintTooLong, layout_imprint, title_overflow, title_room


class CardChecks:
    """The checks of one plan of the cards, made afresh for each plan: the
    fonts may have changed since the last one (the live preview)."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.covered: dict[tuple[str, ...], frozenset[int]] = {}  # font files -> what they draw, together
        self.title_rooms: dict[bool, tuple] = {}  # with a photo or not -> (style, (width, height))

    def fonts_load(self) -> bool:
        """Cards need their fonts; say which one is broken instead of crashing."""
        style = brand_style(self.settings)
        for path in dict.fromkeys((*style.bold_fonts, *style.regular_fonts)):
            try:
                ImageFont.truetype(path, 12)
                font_coverage(path, os.path.join(self.settings["CACHE_PATH"], "fonts"))
            except (OSError, ValueError) as error:
                problem_log.add(path, 1, "(font)", f"the share cards' font cannot be loaded: {error}",
                                "run ./setup to install the fonts, or fix MINIFESTO_FONT_FILES or "
                                "MINIFESTO_TEXT_FONT_FILES in pelicanconf.py")
                return False
        return True

    def drawable(self, text: str, bold: bool, where) -> bool:
        """Every character of `text` is in the cards' fonts (the bold list
        for titles, kinds and the party's name; the regular one for the
        imprint); else each missing one is reported where `where(character)`
        says (file, line, field), and the build stops before drawing: the
        card would show an empty box (and the law wants the imprint readable
        on every image)."""
        if text.isascii():  # every font of the party's has all of ASCII
            return True
        style = brand_style(self.settings)
        files = style.bold_fonts if bold else style.regular_fonts
        covered = self.covered.get(files)
        if covered is None:
            covered = self.covered[files] = files_coverage(files)
        missing = missing_characters(text, covered)
        places: dict[tuple, list[str]] = {}
        for character in missing:
            places.setdefault(where(character), []).append(character)
        for (path, line, field), characters in places.items():
            problem_log.add(path, line, field, f"{describe_all(characters)} cannot be drawn on the share cards in "
                            f"the party's fonts ({', '.join(font_names(files))})",
                            "write it another way (in Latin letters, or in words), or leave it out: the share "
                            "card would show an empty box")
        return not missing

    def title_drawable(self, item, with_photo: bool) -> bool:
        """Every character of the item's title is in the fonts, and the
        title fits the card whole."""
        title_line = (item.source_path, (getattr(item, "frontmatter_lines", None) or {}).get("title", 1), "title")
        return self.drawable(item.title, True, lambda character: title_line) \
            and self.title_fits(item.title, with_photo, title_line)

    def title_fits(self, title: str, with_photo: bool, place: tuple[str, int, str]) -> bool:
        """A title too long for the card, even in its smallest type, is
        refused at `place` (path, line, field): the card would cut it short
        with "…", and a shared link would show the headline unfinished."""
        style, room = self.title_rooms[with_photo]
        overflow = title_overflow(title, style, *room)
        if overflow is None:
            return True
        needed, room = overflow
        about = max(10, len(title) * room // needed // 5 * 5)
        problem_log.add(*place, f"is too long for the share card: even in its smallest type it takes {needed} "
                        f"lines, and the card{' (beside its photo)' if with_photo else ''} has room for {room}",
                        f"shorten it to about {about} characters: the detail can go in the summary")
        return False

    def setting_place(self, name: str):
        place = setting_place(self.settings, name)
        return lambda character: (*place, name)

    def imprint_fits(self, imprint: str) -> bool:
        """The whole imprint must be printed on every card; if it cannot be,
        stop before writing with one line that says which setting to shorten."""
        try:
            layout_imprint(imprint, brand_style(self.settings))
        except ImprintTooLong as too_long:
            problem_log.add(*setting_place(self.settings, "IMPRINT"), "IMPRINT", too_long.message, too_long.fix)
            return False
        return True

    def measure_title_rooms(self, imprint: str) -> None:
        # The room a title has on a card, with a photo beside it or not: once a plan, not once a title.
        style = brand_style(self.settings)
        self.title_rooms = {photo: (style, title_room(style, imprint, photo)) for photo in (False, True)}


def photos_decode(cards: dict[str, CardText], photo_fields: dict[str, tuple[str, int, str]], urls: set[str]) -> bool:
    """Every photo a card still to be drawn (of `urls`) shows decodes in
    full, else it is reported at its field (`photo_fields`). The
    content checks read an image's header (verify()), which a truncated
    JPEG passes; drawing it then failed without naming the file."""
    bad = [url for url in sorted(urls) if cards[url].photo and not decodes(cards[url].photo)]
    for url in bad:
        path, line, field = photo_fields[url]
        problem_log.add(path, line, field, f"{os.path.basename(cards[url].photo)} is damaged "
                        "(Pillow cannot read it to the end): it cannot go on the share card",
                        "save the picture again (as JPEG, PNG or WebP) and put it back in content/images/")
    return not bad


def decodes(path: str) -> bool:
    """Pillow reads the whole image, refusing a damaged or truncated one
    (strict_decoding). It runs in the build's own thread, before the card
    threads start and while no PDF is being rendered in this process."""
    from PIL import Image

    try:
        with strict_decoding(), Image.open(path) as image:
            image.load()
        return True
    except (OSError, ValueError, Image.DecompressionBombError):
        return False


def place_in(item, field: str):
    """Where a character of the item's card text is: the first line of its
    file that holds it (with that line's field), else `field`'s line."""
    path = getattr(item, "source_path", None) or ""
    lines = getattr(item, "frontmatter_lines", None) or {}

    def where(character: str) -> tuple[str, int, str]:
        for line in lines_holding(path, character) if path else ():
            return path, line, field_of_line(lines, getattr(item, "body_first_line", None), line)
        return path, lines.get(field, 1), field

    return where


def font_names(files) -> list[str]:
    """The families of the font files, each once ("Atkinson Hyperlegible", "Inter")."""
    names = []
    for path in files:
        try:
            name = ImageFont.truetype(path, 12).getname()[0]
        except OSError:
            name = os.path.basename(path)
        names.append(name)
    return list(dict.fromkeys(names))
