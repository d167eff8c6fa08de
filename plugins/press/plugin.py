"""Give the press templates what they need, once all content is read: the
press office's own data (content/press-office.md, see office.py), the
published press releases (newest first), by year, and the press kit's files
with their types and the sizes of the copies the site publishes. The
archive (/press/releases/) lists the newest PRESS_ARCHIVE_LATEST releases,
whatever their years (under each year's heading), and links a page for each
year with all of that year's releases (PressYearsGenerator), so it stays
small however many years of releases there are, and in January it still
shows more than the new year's first release."""

from __future__ import annotations

import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from sitecore.brand import LOGO_PNG_SIZE, logo_png
from sitecore.clock import in_months, month_of_year
from sitecore.image_metadata import UnpublishableImage, published_image
from sitecore.images import extension_of
from sitecore.phone_links import tel_uri
from sitecore.problems import problem_log
from sitecore.site_files import SiteFile, listing_page
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
        length = published_photo_length(photo)
        if length is None:
            continue  # reported at its path by plugins/contentfiles: the build stops
        files.append(KitFile(f"Photo of {person['name']}", person["photo"],
                             PHOTO_TYPES.get(extension_of(photo), "Image"), length))
    return files


def published_photo_length(path: str) -> int | None:
    """The size of the copy of the photo at `path` that a journalist
    downloads: the site publishes it without its camera and location data
    (sitecore/image_metadata.py), often a tenth of the file uploaded.
    None if that copy cannot be made."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        return len(published_image(data))
    except UnpublishableImage:
        return None


@dataclass(frozen=True, eq=False)
class PressMonth:
    year: int
    month: int
    releases: list  # newest first

    @property
    def name(self) -> str:
        return month_of_year(self.year, self.month)

    @property
    def anchor(self) -> str:
        """The id of its heading on the page, which the months' list links."""
        return f"month-{self.year}-{self.month:02d}"


@dataclass(frozen=True, eq=False)
class PressYear:
    year: int
    releases: list  # newest first
    url: str
    save_as: str

    @property
    def months(self) -> list[PressMonth]:
        """Its releases under their months, newest first: a busy year is
        hundreds of releases, which a reader without the page's filter
        (no JavaScript, a screen reader's list of headings) finds by month."""
        return [PressMonth(year, month, releases)
                for (year, month), releases in in_months(self.releases, lambda release: release.date).items()]


def press_years(releases, settings) -> list[PressYear]:
    """The years that have releases, newest first, with their releases."""
    by_year: dict[int, list] = {}
    for release in releases:
        by_year.setdefault(release.date.year, []).append(release)
    return [PressYear(year, by_year[year], settings["PRESS_ARCHIVE_YEAR_URL"].format(year=year),
                      settings["PRESS_ARCHIVE_YEAR_SAVE_AS"].format(year=year))
            for year in sorted(by_year, reverse=True)]


class PressYearsGenerator(Generator):
    """Writes each year's page of the press archive (the archive itself,
    with the newest PRESS_ARCHIVE_LATEST releases, is a direct template:
    press_archive)."""

    def generate_context(self) -> None:
        self.years: list[PressYear] = []

    def find_years(self, generators) -> None:
        articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
        releases = [a for a in articles.articles if a.category.slug == self.settings["PRESS_CATEGORY"]]
        self.context["press_releases"] = releases
        self.context["press_years"] = self.years = press_years(releases, self.settings)
        # The archive's first page: the newest releases, whatever their year.
        self.context["press_latest"] = press_years(releases[:self.settings["PRESS_ARCHIVE_LATEST"]], self.settings)

    def declare_files(self, generators) -> list[SiteFile]:
        self.find_years(generators)
        return [listing_page(year.save_as, f"press releases of {year.year}") for year in self.years]

    def generate_output(self, writer) -> None:
        for year in self.years:
            writer.write_file(year.save_as, self.get_template("press_archive"), self.context, press_year=year,
                              page_kind="press_archive", relative_urls=self.settings["RELATIVE_URLS"],
                              url=year.url)


def add_press_context(generators) -> None:
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = articles.settings, articles.context
    for generator in generators:
        if isinstance(generator, PressYearsGenerator):
            generator.find_years(generators)
    if not problem_log:  # the kit draws the logo: not with a broken font
        context["press_kit_files"] = kit_files(settings, context.get("press_office"))


def add_filters(generator) -> None:
    """`{{ contact.phone | tel_uri }}`: the tel: link of a phone number."""
    country_code = generator.settings["PHONE_COUNTRY_CODE"]
    generator.env.filters["tel_uri"] = lambda number: tel_uri(number, country_code)


def add_press_office_generator(pelican):
    return PressOfficeGenerator, PressYearsGenerator


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(add_press_office_generator)
    signals.all_generators_finalized.connect(add_press_context)
