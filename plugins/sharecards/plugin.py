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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import PIL
from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator
from PIL import ImageFont

from sitecore.brand import brand_style, logo_png
from sitecore.content_items import published_items
from sitecore.imprint import imprint_text
from sitecore.output import write_atomically, write_output
from sitecore.problems import problem_log
from sitecore.share_cards import share_card_url, site_card_url
from sitecore.site_files import SiteFile

from .card import CardText, ImprintTooLong, layout_imprint, render_card

logger = logging.getLogger("site.sharecards")
# Bump when card.py draws differently, so cached cards are redrawn.
CARD_DESIGN_VERSION = "3"


def card_key(text: CardText, style_fingerprint: str) -> str:
    """The cache key of a card: everything that changes its pixels or bytes."""
    drawn_from = (CARD_DESIGN_VERSION, PIL.__version__, text, style_fingerprint)
    return hashlib.sha256(repr(drawn_from).encode()).hexdigest()[:24]


def kicker_for(item, settings) -> str:
    """The line above the title: "Policy 3", a councillor's role, a post's
    category; our own content types say theirs (`card_kicker`)."""
    if hasattr(item, "card_kicker"):
        return item.card_kicker
    if isinstance(item, Article):
        return str(item.category)
    return settings["SITENAME"]


class ShareCardGenerator(Generator):
    """Draws (or reuses) the cards in generate_output."""

    def __init__(self, *args, **kwargs):
        self.cards: dict[str, CardText] = {}
        super().__init__(*args, **kwargs)

    def fonts_load(self) -> bool:
        """Cards need their fonts; say which one is broken instead of crashing."""
        style = brand_style(self.settings)
        for path in (style.bold_font, style.regular_font):
            try:
                ImageFont.truetype(path, 12)
            except OSError as error:
                problem_log.add(path, 1, "(font)", f"the share cards' font cannot be loaded: {error}",
                                "run ./setup to install the fonts, or fix MINIFESTO_FONT_FILES in pelicanconf.py")
                return False
        return True

    def imprint_fits(self, imprint: str) -> bool:
        """The whole imprint must be printed on every card; if it cannot be,
        stop before writing with one line that says which setting to shorten."""
        try:
            layout_imprint(imprint, brand_style(self.settings))
        except ImprintTooLong as too_long:
            settings_file = os.path.join(self.settings["PATH"], "..", "pelicanconf.py")
            problem_log.add(settings_file, 1, "IMPRINT", too_long.message, too_long.fix)
            return False
        return True

    def plan_cards(self, generators) -> None:
        settings = self.settings
        if not self.fonts_load():
            return
        imprint, party = imprint_text(settings), settings["SITENAME"]
        if not self.imprint_fits(imprint):
            return
        site_card = site_card_url(settings)
        self.cards[site_card] = CardText("Join us", settings["SITE_TAGLINE"], imprint, party)
        self.context["SITE_SHARE_IMAGE"] = site_card
        for item in published_items(generators):
            url = share_card_url(settings, item)
            item.share_image = url
            self.cards[url] = CardText(kicker_for(item, settings), item.title, imprint, party)

    def generate_output(self, writer) -> None:
        style = brand_style(self.settings)
        style_fingerprint = style.fingerprint()
        cache = Path(self.settings["CACHE_PATH"], "sharecards")
        cache.mkdir(parents=True, exist_ok=True)
        cached = {url: cache / f"{card_key(text, style_fingerprint)}.png" for url, text in self.cards.items()}
        missing = {url: path for url, path in cached.items() if not path.exists()}
        # Pillow lets go of Python's lock while it encodes, so two threads
        # keep both cores busy; each card's bytes depend only on its text.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            drawn = pool.map(lambda url: render_card(self.cards[url], style), missing)
            for url, png in zip(missing, drawn):
                write_atomically(missing[url], png)
        for url, path in cached.items():
            write_output(self.output_path, url, path.read_bytes())
        logger.info("Share cards: %d drawn, %d unchanged and reused", len(missing), len(cached) - len(missing))
        write_output(self.output_path, self.settings["PARTY_LOGO_PNG"], logo_png(self.settings))

    def declare_files(self, generators) -> list[SiteFile]:
        """Every card (known from the items before they are planned) and the logo."""
        settings = self.settings
        cards = [site_card_url(settings), *(share_card_url(settings, item) for item in published_items(generators))]
        return [*(SiteFile(url, "a share card") for url in cards), SiteFile(settings["PARTY_LOGO_PNG"], "the logo")]


def add_generator(pelican):
    return ShareCardGenerator


def plan_cards(generators) -> None:
    for generator in generators:
        if isinstance(generator, ShareCardGenerator):
            generator.plan_cards(generators)


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(plan_cards)
