"""Give every published item a share card, made only when its inputs change.

Each card is drawn at the address sitecore.share_cards gives it; each item
gets `share_image` (that address) before any page is written, so templates
can point Open Graph and Twitter tags at it. The PNGs are cached under
CACHE_PATH/sharecards by a hash of everything drawn.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import replace
from pathlib import Path

import PIL
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from PIL import ImageFont

from sitecore.brand import brand_style, logo_png
from sitecore.content_items import published_items, unpublished_items
from sitecore.images import strict_decoding
from sitecore.imprint import imprint_text
from sitecore.names import inside
from sitecore.output import copy_from_cache, intact_in_cache, write_output
from sitecore.print_fonts import (
    describe_all,
    field_of_line,
    file_coverage,
    font_coverage,
    lines_holding,
    missing_characters,
)
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself
from sitecore.renewed import items_renewed
from sitecore.settings_file import setting_line, settings_file_of
from sitecore.share_cards import share_card_url, site_card_url
from sitecore.site_files import SiteFile

from .card import CardText, ImprintTooLong, layout_imprint, title_overflow, title_room
from .drawing import CardDrawing

logger = logging.getLogger("site.sharecards")
# Bump when card.py draws differently, so cached cards are redrawn.
CARD_DESIGN_VERSION = "9"


def card_key(text: CardText, style_fingerprint: str) -> str:
    """The cache key of a card: everything that changes its pixels or bytes."""
    # The photo by its bytes (photo_digest), not its path: a checkout in
    # another folder reuses its cards.
    drawn_from = (CARD_DESIGN_VERSION, PIL.__version__, replace(text, photo=None), style_fingerprint)
    return hashlib.sha256(repr(drawn_from).encode()).hexdigest()[:24]


def kicker_for(item, settings) -> str:
    """The line above the title: "Policy 3", a councillor's role, a post's
    category; our own content types say theirs (`card_kicker`)."""
    if hasattr(item, "card_kicker"):
        return item.card_kicker
    if isinstance(item, Article):
        # One press release is a "Press release", not the category's plural.
        return (settings.get("POST_CATEGORY_ONE_ITEM") or {}).get(item.category.slug, str(item.category))
    return settings["SITENAME"]


def card_photo_path(item, settings) -> str | None:
    """The file of the item's own picture, if it has one: a post's `image`,
    a councillor's `photo` (content/images/…, checked by the content checks:
    an image Pillow opens, no link)."""
    relative = getattr(item, "image", None) or getattr(item, "photo", None)
    path = os.path.join(settings["PATH"], relative) if relative else None
    if path is None or not inside(path, settings["PATH"]) or not os.path.isfile(path):
        return None  # none, or a symbolic link (refused at its path, never read)
    return path


def card_photo(path: str | None) -> tuple[str | None, str]:
    """(file, hash of its bytes) of a card's picture, for the card's cache key."""
    if path is None:
        return None, ""
    with open(path, "rb") as handle:
        return path, hashlib.sha256(handle.read()).hexdigest()


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


def open_graph_locale(language: str) -> str:
    """Open Graph's form of a language tag: en-GB (which Pelican lowercases
    to en-gb) is en_GB."""
    language_code, _, region = language.partition("-")
    return f"{language_code.lower()}_{region.upper()}" if region else language_code.lower()


def add_sharing_filters(generator) -> None:
    generator.env.filters["open_graph_locale"] = open_graph_locale


class ShareCardGenerator(Generator):
    """Draws (or reuses) the cards in generate_output."""

    def __init__(self, *args, **kwargs):
        self.cards: dict[str, CardText] = {}
        self.photo_fields: dict[str, tuple[str, int, str]] = {}  # card URL -> (file, line, field) of its photo
        self.cached: dict[str, Path] = {}  # card URL -> its file in the cache
        self.drawing: CardDrawing | None = None
        self.covered: dict[tuple[str, ...], frozenset[int]] = {}  # font files -> what they draw, together
        super().__init__(*args, **kwargs)
        # A bound method: blinker holds it weakly, so it goes with this build.
        signals.get_writer.connect(self.start_drawing)

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
            covered = self.covered[files] = frozenset().union(*(file_coverage(path) for path in files))
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
        settings_file = settings_file_of(self.settings)
        return lambda character: (settings_file, setting_line(settings_file, name), name)

    def imprint_fits(self, imprint: str) -> bool:
        """The whole imprint must be printed on every card; if it cannot be,
        stop before writing with one line that says which setting to shorten."""
        try:
            layout_imprint(imprint, brand_style(self.settings))
        except ImprintTooLong as too_long:
            settings_file = settings_file_of(self.settings)
            problem_log.add(settings_file, setting_line(settings_file, "IMPRINT"), "IMPRINT", too_long.message, too_long.fix)
            return False
        return True

    def plan_cards(self, generators) -> None:
        settings = self.settings
        if not self.fonts_load():
            return
        imprint, party = imprint_text(settings), settings["SITENAME"]
        self.covered = {}  # the fonts may have changed since the last plan (the live preview)
        # A character the fonts lack is reported here, and the items' below,
        # in the same build, which then stops before drawing any card.
        for text, bold, setting in ((imprint, False, "IMPRINT"), (party, True, "SITENAME"),
                                    (settings["SITE_TAGLINE"], True, "SITE_TAGLINE")):
            self.drawable(text, bold, self.setting_place(setting))
        if not self.imprint_fits(imprint):
            return
        # The room a title has on a card, with a photo beside it or not: once a plan, not once a title.
        style = brand_style(settings)
        self.title_rooms = {photo: (style, title_room(style, imprint, photo)) for photo in (False, True)}
        self.title_fits(settings["SITE_TAGLINE"], False, self.setting_place("SITE_TAGLINE")(None))
        site_card = site_card_url(settings)
        self.cards[site_card] = CardText("Join us", settings["SITE_TAGLINE"], imprint, party)
        self.context["SITE_SHARE_IMAGE"] = site_card
        for item in shared_items(generators, self.context):
            url = share_card_url(settings, item)
            item.share_image = url
            kicker = kicker_for(item, settings)
            photo = card_photo_path(item, settings)
            if not (self.title_drawable(item, photo is not None)
                    & self.drawable(kicker.upper(), True, place_in(item, "(share card kind)"))):
                continue  # reported: the build stops before drawing
            self.cards[url] = CardText(kicker, item.title, imprint, party, *card_photo(photo))
            if self.cards[url].photo:
                field = "image" if getattr(item, "image", None) else "photo"
                self.photo_fields[url] = (item.source_path, item.frontmatter_lines.get(field, 1), field)
        # An embargoed item's card is drawn once it is public, but its
        # lettering is checked now: at the embargo's hour a title the fonts
        # cannot draw failed that build, which then published nothing.
        for item in unpublished_items(generators).values():
            if goes_public_by_itself(item):
                self.title_drawable(item, card_photo_path(item, settings) is not None)

    def start_drawing(self, pelican) -> None:
        """When Pelican asks for its writer (all content read and checked, the
        build known to be clean), start drawing the cards the cache lacks,
        so a worker draws them while the pages are written."""
        if pelican.settings is not self.settings:
            return  # an earlier build's generator, not yet collected (the live preview)
        signals.get_writer.disconnect(self.start_drawing)
        if not self.cards or problem_log or self.settings.get("CONTENT_CHECK_ONLY"):
            return
        style = brand_style(self.settings)
        style_fingerprint = style.fingerprint()
        cache = Path(self.settings["CACHE_PATH"], "sharecards")
        cache.mkdir(parents=True, exist_ok=True)
        self.cached = {url: cache / f"{card_key(text, style_fingerprint)}.png" for url, text in self.cards.items()}
        missing = {path: self.cards[url] for url, path in self.cached.items() if not intact_in_cache(path)}
        if not self.photos_decode({url for url, path in self.cached.items() if path in missing}):
            return  # reported: generate_output writes nothing, and the build stops with the problem
        self.drawing = CardDrawing(missing, style)
        self.drawing.start()

    def photos_decode(self, urls: set[str]) -> bool:
        """Every photo a card still to be drawn shows decodes in full. The
        content checks read an image's header (verify()), which a truncated
        JPEG passes; drawing it then failed without naming the file."""
        bad = [url for url in sorted(urls) if self.cards[url].photo and not decodes(self.cards[url].photo)]
        for url in bad:
            path, line, field = self.photo_fields[url]
            problem_log.add(path, line, field, f"{os.path.basename(self.cards[url].photo)} is damaged "
                            "(Pillow cannot read it to the end): it cannot go on the share card",
                            "save the picture again (as JPEG, PNG or WebP) and put it back in content/images/")
        return not bad

    def generate_output(self, writer) -> None:
        if self.drawing is None:  # no cards planned: a font or the imprint was reported
            return
        self.drawing.finish()
        for url, path in self.cached.items():
            copy_from_cache(self.output_path, url, path)
        drawn = len(self.drawing.missing)
        logger.info("Share cards: %d drawn, %d unchanged and reused", drawn, len(self.cached) - drawn)
        write_output(self.output_path, self.settings["PARTY_LOGO_PNG"], logo_png(self.settings))

    def declare_files(self, generators) -> list[SiteFile]:
        """Every card (known from the items before they are planned) and the logo."""
        settings = self.settings
        cards = [site_card_url(settings), *(share_card_url(settings, item) for item in shared_items(generators, self.context))]
        return [*(SiteFile(url, "a share card") for url in cards), SiteFile(settings["PARTY_LOGO_PNG"], "the logo")]


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


def shared_items(generators, context: dict) -> list:
    """The items with a card of their own: every published item, and each
    edition of the minifesto (its web edition is shared and cited more than
    any page)."""
    return [*published_items(generators), *context.get("shared_minifestos", ())]


def add_generator(pelican):
    return ShareCardGenerator


def plan_cards(generators, items=()) -> None:
    """Every card's text (a renewed item's title may have changed)."""
    for generator in generators:
        if isinstance(generator, ShareCardGenerator):
            generator.plan_cards(generators)


def register() -> None:
    signals.generator_init.connect(add_sharing_filters)
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(plan_cards)
    items_renewed.connect(plan_cards)
