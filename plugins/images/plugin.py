"""Turn the site's own images into responsive <picture> elements.

Templates pass content through the `responsive_images` filter, and show
photos with `responsive_image(path, alt, eager)`. Each image on this site
gets WebP copies at RESPONSIVE_IMAGE_WIDTHS (made with Pillow, cached), a
srcset with sizes, its width and height (no layout shift), and lazy loading
unless it is at the top of the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape
from pelican import signals

from .variants import ImageInfo, make_variants

IMG_TAG = re.compile(r"<img\b(?P<attributes>[^>]*?)\s*/?>", re.I)
ATTRIBUTE = re.compile(r'(?P<name>[a-z-]+)="(?P<value>[^"]*)"', re.I)


def picture(info: ImageInfo, alt: str, sizes: str, eager: bool = False) -> str:
    srcset = ", ".join(f"{v.url} {v.width}w" for v in info.variants)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    return (f'<picture><source type="image/webp" srcset="{srcset}" sizes="{sizes}">'
            f'<img src="{info.url}" alt="{escape(alt)}" width="{info.width}" height="{info.height}" '
            f'{loading} decoding="async"></picture>')


class ResponsiveImages:
    """Per build: finds each image once, makes its variants once."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.known: dict[str, ImageInfo] = {}

    def info(self, url: str) -> ImageInfo | None:
        siteurl = self.settings["SITEURL"]
        path = url.removeprefix(siteurl).lstrip("/")
        source = Path(self.settings["PATH"], path)
        if not path.startswith("images/") or not source.is_file():
            return None
        if url not in self.known:
            self.known[url] = make_variants(
                source, url, self.settings["RESPONSIVE_IMAGE_WIDTHS"], Path(self.settings["OUTPUT_PATH"]),
                Path(self.settings["CACHE_PATH"], "images"),
            )
        return self.known[url]

    def rewrite(self, html: str) -> Markup:
        def replace(match: re.Match) -> str:
            attributes = {m["name"].lower(): m["value"] for m in ATTRIBUTE.finditer(match["attributes"])}
            info = self.info(attributes.get("src", ""))
            if info is None:
                return match.group(0)
            return picture(info, attributes.get("alt", ""), self.settings["RESPONSIVE_IMAGE_SIZES"])

        return Markup(IMG_TAG.sub(replace, html or ""))

    def photo(self, path: str, alt: str, eager: bool = False) -> Markup:
        url = f"{self.settings['SITEURL']}/{path.lstrip('/')}"
        info = self.info(url)
        if info is None:
            return Markup(f'<img src="{escape(url)}" alt="{escape(alt)}">')
        return Markup(picture(info, alt, self.settings["RESPONSIVE_IMAGE_SIZES"], eager=eager))


_per_settings: dict[int, ResponsiveImages] = {}


def add_filters(generator) -> None:
    images = _per_settings.setdefault(id(generator.settings), ResponsiveImages(generator.settings))
    generator.env.filters["responsive_images"] = images.rewrite
    generator.env.globals["responsive_image"] = images.photo


def forget_build(pelican) -> None:
    _per_settings.pop(id(pelican.settings), None)


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(forget_build)
