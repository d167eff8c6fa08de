"""Turn the site's own images into responsive <picture> elements.

Templates pass content through the `responsive_images` filter, and show
photos with `responsive_image(path, alt, eager, role)`. Each image on this site
gets WebP copies at RESPONSIVE_IMAGE_WIDTHS (made with Pillow, cached), a
srcset with sizes, its width and height (no layout shift), and lazy loading
unless it is at the top of the page. The <img> itself (what a browser without
WebP shows) is the image's plain copy: a JPEG or PNG at most
IMAGE_FALLBACK_WIDTH wide, never a phone's full-size photo.

Feeds carry a post's text as written, with plain <img> tags: each site image
in a feed entry is its plain copy too (`plain_images_in_feed`). A
feed-to-email service mails the entry to every subscriber, and Outlook shows
no WebP; the full-size photo was megabytes in every inbox.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from urllib.parse import quote, unquote

from markupsafe import Markup, escape
from pelican import signals

from sitecore import page_effects
from sitecore.images import is_image
from sitecore.print_images import PRINTING

from .variants import ImageInfo, make_variants

logger = logging.getLogger("site.images")

IMG_TAG = re.compile(r"<img\b(?P<attributes>[^>]*?)\s*/?>", re.I)
# An <img>'s src in HTML the sanitiser wrote (every attribute quoted with ").
IMG_SRC = re.compile(r'(?P<before><img\b[^>]*?\ssrc=")(?P<src>[^"]*)(?P<after>")', re.I)
ATTRIBUTE = re.compile(r'(?P<name>[a-z-]+)="(?P<value>[^"]*)"', re.I)


def picture(info: ImageInfo, siteurl: str, alt: str, sizes: str, eager: bool = False, printed: bool = False) -> str:
    """`alt` is plain text (unescaped). The <img>'s width and height are the
    image's own: the browser takes its shape from them, whichever copy it
    shows. `printed`: for the minifesto's PDFs and book, whose <img> is the
    original (they print it at up to 2000 pixels: sitecore.print_images)."""
    srcset = ", ".join(f"{siteurl}/{quote(v.path)} {v.width}w" for v in info.variants)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    fallback = info.path if printed else info.plain.path
    # A moving GIF or PNG has no WebP copies (variants.py): its <img> alone.
    source = f'<source type="image/webp" srcset="{escape(srcset)}" sizes="{sizes}">' if srcset else ""
    return (f'<picture>{source}'
            f'<img src="{escape(siteurl + "/" + quote(fallback))}" alt="{escape(alt)}" width="{info.width}" '
            f'height="{info.height}" {loading} decoding="async"></picture>')


class ResponsiveImages:
    """Per build: finds each image once, makes its variants once."""

    def __init__(self, settings: dict):
        self.settings = settings
        self.known: dict[str, ImageInfo] = {}

    def info(self, url: str) -> ImageInfo | None:
        """Variants of a site image given by URL (with or without SITEURL),
        placed in the site (noted, for a page taken from the last build)."""
        page_effects.note("image", url)
        path = unquote(url.removeprefix(self.settings["SITEURL"]).lstrip("/"))
        images = Path(self.settings["PATH"], "images").resolve()
        source = Path(self.settings["PATH"], path).resolve()
        if images not in source.parents or not source.is_file() or not is_image(path):
            return None  # not one of ours (contentcheck reports missing files)
        if path not in self.known:
            try:
                self.known[path] = make_variants(
                    source, path, self.settings["RESPONSIVE_IMAGE_WIDTHS"], self.settings["IMAGE_FALLBACK_WIDTH"],
                    Path(self.settings["OUTPUT_PATH"]), Path(self.settings["CACHE_PATH"], "images"),
                )
            except Exception as error:  # Pillow raises many kinds for a bad or huge image
                # A logged error fails the build, naming the file, never a traceback.
                logger.error("content/%s: cannot make the copies of this image (%s: %s) — save it again "
                             "as a JPEG, PNG or WebP of at most a few thousand pixels each way",
                             path, type(error).__name__, error)
                self.known[path] = None
        return self.known[path]

    def rewrite(self, content: str) -> Markup:
        printed = PRINTING.get()

        def replace(match: re.Match) -> str:
            attributes = {m["name"].lower(): m["value"] for m in ATTRIBUTE.finditer(match["attributes"])}
            info = self.info(html.unescape(attributes.get("src", "")))
            if info is None:
                return match.group(0)
            alt = html.unescape(attributes.get("alt", ""))
            sizes = self.settings["RESPONSIVE_IMAGE_SIZES"]
            return picture(info, self.settings["SITEURL"], alt, sizes, printed=printed)

        return Markup(IMG_TAG.sub(replace, content or ""))

    def plain_images(self, content: str, domain: str) -> str:
        """`content` (a feed entry's HTML) with each site image's address,
        relative or under `domain`, that of its plain copy under `domain`."""
        def replace(match: re.Match) -> str:
            src = html.unescape(match["src"])
            info = self.info(src.removeprefix(domain)) if src.startswith((domain + "/", "/")) else None
            if info is None:
                return match.group(0)
            return f'{match["before"]}{escape(domain + "/" + quote(info.plain.path))}{match["after"]}'

        return IMG_SRC.sub(replace, content)

    def plain_images_for_feeds(self, content: str) -> Markup:
        """The `plain_images` template filter: HTML a template makes for a
        feed entry (a release's "For journalists", plugins/feeds), its
        pictures as the feed's own are, after this plugin has done theirs."""
        return Markup(self.plain_images(str(content), self.settings["FEED_DOMAIN"].rstrip("/")))

    def photo(self, path: str, alt: str, eager: bool = False, role: str | None = None) -> Markup:
        """A photo in the text column's width, or as its `role` (a key of
        RESPONSIVE_IMAGE_SIZES_BY_ROLE: "portrait", "easy-read") sizes it."""
        siteurl = self.settings["SITEURL"]
        info = self.info(path)
        if info is None:
            return Markup(f'<img src="{escape(siteurl + "/" + path.lstrip("/"))}" alt="{escape(alt)}">')
        sizes = self.settings["RESPONSIVE_IMAGE_SIZES_BY_ROLE"][role] if role else self.settings["RESPONSIVE_IMAGE_SIZES"]
        return Markup(picture(info, siteurl, alt, sizes, eager=eager, printed=PRINTING.get()))


# The build under way: set when Pelican starts, so nothing leaks from one
# build to the next (the live preview runs many in one process).
_current: ResponsiveImages | None = None


def start_build(pelican) -> None:
    global _current
    _current = ResponsiveImages(pelican.settings)
    page_effects.handle("image", _current.info)


def add_filters(generator) -> None:
    generator.env.filters["responsive_images"] = _current.rewrite
    generator.env.filters["plain_images"] = _current.plain_images_for_feeds
    generator.env.globals["responsive_image"] = _current.photo


def plain_images_in_feed(context: dict, feed) -> None:
    domain = context["FEED_DOMAIN"].rstrip("/")
    for item in feed.items:
        for part in ("description", "content"):
            if item.get(part):
                item[part] = _current.plain_images(item[part], domain)


def register() -> None:
    signals.initialized.connect(start_build)
    signals.generator_init.connect(add_filters)
    signals.feed_generated.connect(plain_images_in_feed)
