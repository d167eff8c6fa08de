"""Give the press templates what they need, once all content is read: the
press office's own data (content/press-office.md, see office.py), the
published press releases (newest first) and the press kit's files with their
types and sizes."""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitecore.brand import LOGO_PNG_SIZE, logo_png
from sitecore.images import extension_of
from sitecore.problems import problem_log
from sitecore.sizes import human_size

from .office import PressOfficeGenerator

# What the kit calls each kind of photo the site publishes (sitecore.images).
PHOTO_TYPES = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF"}


@dataclass(frozen=True)
class KitFile:
    label: str
    url: str
    file_type: str
    length: int

    @property
    def size(self) -> str:
        return human_size(self.length)


def kit_files(settings, press_office) -> list[KitFile]:
    svg = os.path.join(settings["THEME"], "static", settings["PARTY_LOGO_SVG"].removeprefix(
        settings["THEME_STATIC_DIR"] + "/"))
    files = [
        KitFile("Party logo", settings["PARTY_LOGO_SVG"], "SVG", os.path.getsize(svg)),
        KitFile(f"Party logo, {LOGO_PNG_SIZE} × {LOGO_PNG_SIZE}", settings["PARTY_LOGO_PNG"], "PNG",
                len(logo_png(settings))),
    ]
    for person in getattr(press_office, "press_kit_people", None) or []:
        photo = os.path.join(settings["PATH"], person["photo"])
        if not os.path.isfile(photo):
            continue  # reported at its line by the content checks: the build stops
        files.append(KitFile(f"Photo of {person['name']}", person["photo"],
                             PHOTO_TYPES.get(extension_of(photo), "Image"), os.path.getsize(photo)))
    return files


def add_press_context(generators) -> None:
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = articles.settings, articles.context
    context["press_releases"] = [a for a in articles.articles if a.category.slug == settings["PRESS_CATEGORY"]]
    if not problem_log:  # the kit draws the logo: not with a broken font
        context["press_kit_files"] = kit_files(settings, context.get("press_office"))


def add_press_office_generator(pelican):
    return PressOfficeGenerator


def register() -> None:
    signals.get_generators.connect(add_press_office_generator)
    signals.all_generators_finalized.connect(add_press_context)
