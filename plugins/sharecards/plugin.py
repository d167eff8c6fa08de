"""Give every published item a share card, made only when its inputs change.

Each item gets `share_image` (site-relative URL of its card) before any page
is written, so templates can point Open Graph and Twitter tags at it. The
PNGs are cached under CACHE_PATH/sharecards by a hash of everything drawn.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from frontmatter.problems import problem_log
from imprint.text import imprint_text
from PIL import ImageFont
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator

from images.variants import write_atomically

from .card import CardStyle, CardText, ImprintTooLong, layout_imprint, render_card, render_logo

logger = logging.getLogger("site.sharecards")
# Bump when card.py draws differently, so cached cards are redrawn.
CARD_DESIGN_VERSION = "2"


def card_style(settings) -> CardStyle:
    colours = settings["PARTY_COLOURS"]
    fonts = settings["MINIFESTO_FONT_FILES"]
    return CardStyle(tuple(settings["SHARE_CARD_SIZE"]), colours["primary"], colours["accent"], colours["ink"],
                     bold_font=fonts[(700, "normal")], regular_font=fonts[(400, "normal")])


def kicker_for(item) -> str:
    kind = item.__class__.__name__
    if kind == "Policy":
        return f"Policy {item.number}"
    if kind == "Councillor":
        return item.role
    if kind == "Article":
        return str(item.category)
    return "Breakthrough Party" if kind == "Page" else kind


def published_items(generators):
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield "news", generator.articles
        elif isinstance(generator, PagesGenerator):
            yield "pages", generator.pages
        elif hasattr(generator, "items") and hasattr(generator, "context_name"):
            yield generator.context_name, generator.items


class ShareCardGenerator(Generator):
    """Draws (or reuses) the cards in generate_output."""

    def __init__(self, *args, **kwargs):
        self.cards: dict[str, CardText] = {}
        super().__init__(*args, **kwargs)

    def fonts_load(self) -> bool:
        """Cards need their fonts; say which one is broken instead of crashing."""
        style = card_style(self.settings)
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
            layout_imprint(imprint, card_style(self.settings))
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
        folder = settings["SHARE_CARD_PATH"]
        site_card = f"{folder}/site.png"
        self.cards[site_card] = CardText("Join us", settings["SITE_TAGLINE"], imprint, party)
        self.context["SITE_SHARE_IMAGE"] = site_card
        for kind, items in published_items(generators):
            for item in items:
                url = f"{folder}/{kind}/{item.slug}.png"
                item.share_image = url
                self.cards[url] = CardText(kicker_for(item), item.title, imprint, party)

    def generate_output(self, writer) -> None:
        style = card_style(self.settings)
        cache = Path(self.settings["CACHE_PATH"], "sharecards")
        cache.mkdir(parents=True, exist_ok=True)
        drawn = 0
        for url, text in self.cards.items():
            key = hashlib.sha256(repr((CARD_DESIGN_VERSION, text, style)).encode()).hexdigest()[:24]
            cached = cache / f"{key}.png"
            if not cached.exists():
                write_atomically(cached, render_card(text, style))
                drawn += 1
            target = os.path.join(self.output_path, url)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(cached.read_bytes())
        logger.info("Share cards: %d drawn, %d unchanged and reused", drawn, len(self.cards) - drawn)
        logo = os.path.join(self.output_path, self.settings["PARTY_LOGO_PNG"])
        os.makedirs(os.path.dirname(logo), exist_ok=True)
        with open(logo, "wb") as handle:
            handle.write(render_logo(512, style))


def add_generator(pelican):
    return ShareCardGenerator


def plan_cards(generators) -> None:
    for generator in generators:
        if isinstance(generator, ShareCardGenerator):
            generator.plan_cards(generators)


def register() -> None:
    signals.get_generators.connect(add_generator)
    signals.all_generators_finalized.connect(plan_cards)
