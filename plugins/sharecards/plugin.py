"""Give every published item a share card, made only when its inputs change.

Each card is drawn at the address sitecore.share_cards gives it; each item
gets `share_image` (that address) before any page is written, so templates
can point Open Graph and Twitter tags at it. The cards are cached under
CACHE_PATH/sharecards by a hash of everything drawn (cache_key.py).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from sitecore.brand import brand_style, logo_png
from sitecore.content_items import published_items, unpublished_items
from sitecore.imprint import imprint_text
from sitecore.output import copy_from_cache, intact_in_cache, write_output
from sitecore.problems import problem_log
from sitecore.publication_order import goes_public_by_itself
from sitecore.renewed import items_renewed
from sitecore.share_cards import JPEG, PNG, card_photo_path, share_card_url, site_card_url
from sitecore.site_files import SiteFile

from .cache_key import card_key
from .card import CardText
from .card_checks import CardChecks, photos_decode, place_in
from .card_words import SITE_KICKER, kicker_for
from .drawing import CardDrawing
from .open_graph import add_sharing_filters

logger = logging.getLogger("site.sharecards")


def card_photo(path: str | None) -> tuple[str | None, str]:
    """(file, hash of its bytes) of a card's picture, for the card's cache key."""
    if path is None:
        return None, ""
    with open(path, "rb") as handle:
        return path, hashlib.sha256(handle.read()).hexdigest()


class ShareCardGenerator(Generator):
    """Draws (or reuses) the cards in generate_output."""

    def __init__(self, *args, **kwargs):
        self.cards: dict[str, CardText] = {}
        self.photo_fields: dict[str, tuple[str, int, str]] = {}  # card URL -> (file, line, field) of its photo
        self.cached: dict[str, Path] = {}  # card URL -> its file in the cache
        self.drawing: CardDrawing | None = None
        super().__init__(*args, **kwargs)
        # A bound method: blinker holds it weakly, so it goes with this build.
        signals.get_writer.connect(self.start_drawing)

    def plan_cards(self, generators) -> None:
        settings = self.settings
        checks = CardChecks(settings)
        if not checks.fonts_load():
            return
        imprint, party = imprint_text(settings), settings["SITENAME"]
        # A character the fonts lack is reported here, and the items' below,
        # in the same build, which then stops before drawing any card.
        for text, bold, setting in ((imprint, False, "IMPRINT"), (party, True, "SITENAME"),
                                    (settings["SITE_TAGLINE"], True, "SITE_TAGLINE")):
            checks.drawable(text, bold, checks.setting_place(setting))
        if not checks.imprint_fits(imprint):
            return
        checks.measure_title_rooms(imprint)
        checks.title_fits(settings["SITE_TAGLINE"], False, checks.setting_place("SITE_TAGLINE")(None))
        site_card = site_card_url(settings)
        self.cards[site_card] = CardText(SITE_KICKER, settings["SITE_TAGLINE"], imprint, party)
        self.context["SITE_SHARE_IMAGE"] = site_card
        for item in shared_items(generators, self.context):
            url = share_card_url(settings, item)
            item.share_image = url
            kicker = kicker_for(item, settings)
            photo = card_photo_path(item, settings)
            if not (checks.title_drawable(item, photo is not None)
                    & checks.drawable(kicker.upper(), True, place_in(item, "(share card kind)"))):
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
                checks.title_drawable(item, card_photo_path(item, settings) is not None)

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
        self.cached = {url: cache / f"{card_key(text, style_fingerprint)}.{JPEG if text.photo else PNG}"
                       for url, text in self.cards.items()}
        missing = {path: self.cards[url] for url, path in self.cached.items() if not intact_in_cache(path)}
        to_draw = {url for url, path in self.cached.items() if path in missing}
        if not photos_decode(self.cards, self.photo_fields, to_draw):
            return  # reported: generate_output writes nothing, and the build stops with the problem
        self.drawing = CardDrawing(missing, style)
        self.drawing.start()

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
