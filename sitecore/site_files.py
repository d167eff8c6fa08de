"""Every file the build writes, known before anything is written.

One list, read by everything that needs to know the site's addresses: the
link checker (is a link's target a real address?), the file checks (may a
content file take this address?) and the sitemap (which pages to list).

Pelican's own generators (posts, pages, listings, feeds, static files) are
read here. Each of our generators that writes files declares them with a
`declare_files(generators)` method returning SiteFiles, from what has been
read in `generate_context`, so the list never depends on the order plugins run in.
The only files written but not declared are the search index's (under
SEARCH_INDEX_PATH, written by plugins/search, not a generator): Pagefind
names them after the pages are written, by what they hold; and the parts of
a sitemap too long for one file (under SITEMAP_PARTS_PATH, plugins/sitemap),
whose number is known only once this list is made. Both folders are the
site's own (own_folders): no content takes an address there.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from .urls import page_url

# The site's own folders: no page of content stands there (a page called
# "pagefind" vanished under the search index, which is written last), nor an
# old address's redirect page (one was written among the feeds and the
# share cards).
OWN_FOLDER_SETTINGS = ("THEME_STATIC_DIR", "SEARCH_INDEX_PATH", "NGINX_HEADERS_SAVE_AS", "CMS_SAVE_AS",
                       "SITEMAP_PARTS_PATH", "FEED_ALL_ATOM", "SHARE_CARD_PATH")


def own_folders(settings: dict) -> set[str]:
    """The first part of every address the site keeps its own files under
    (theme/, pagefind/, _server/, admin/, sitemaps/, feeds/, share/), in
    lower case."""
    return {str(settings[name]).strip("/").split("/")[0].lower() for name in OWN_FOLDER_SETTINGS if settings.get(name)}


# The files the build writes for the web server's configuration, not its
# web: never published (sitebuild/public_copy.py, `invoke publish`), nor
# counted against a host's limits (sitebuild/host_limits.py).
SERVER_ONLY_SETTINGS = ("NGINX_HEADERS_SAVE_AS", "NGINX_REDIRECTS_SAVE_AS")


def server_only(settings: dict) -> list[str]:
    """The output/-relative paths of the server's own files ('_server/…')."""
    return sorted(str(settings[name]).strip("/") for name in SERVER_ONLY_SETTINGS if settings.get(name))


# A listing's later pages, as pelicanconf.py's PAGINATION_PATTERNS name them
# (news/page/2/): the link check and the old-address check both need the shape.
LATER_PAGE = r"page/[0-9]+/"
PAGINATED = re.compile(rf"^(?P<listing>.*?){LATER_PAGE}?$")  # the last '/' may be left off
# Direct templates search engines need not list: the search form, listings of
# listings, the "not found" page.
UNLISTED_TEMPLATES = {"search", "categories", "tags", "404"}


@dataclass(frozen=True)
class CitedWork:
    """A work people cite by its own addresses, which must keep answering
    after the content changes (the review checks: sitebuild/kept_addresses.py):
    a minifesto edition, whose page and files no content file's page is."""
    name: str     # "the March 2022 minifesto edition"
    version: str  # which of the works that file makes in turn: the edition's key, "2022-03"
    source: str   # the content file it is made from (content/-relative): "minifesto.md"
    line: int     # where that file names it
    field: str    # the field there: "date"


@dataclass(frozen=True)
class SiteFile:
    save_as: str                 # where it goes under output/: "policies/index.html"
    made_by: str                 # for messages: "the policy index page"
    in_sitemap: bool = False     # a public page search engines should list
    modified: str | None = None  # its last change (ISO date), for the sitemap
    source: str | None = None    # the content file it is made from (content/-relative), if any
    cited: CitedWork | None = None  # the cited work it is an address of, if any

    @property
    def url(self) -> str:
        return page_url(self.save_as)


def content_page(item) -> SiteFile:
    changed = getattr(item, "modified", None) or getattr(item, "date", None)
    return SiteFile(item.save_as, f"the page of {item.relative_source_path}", in_sitemap=True,
                    modified=changed.date().isoformat() if changed else None, source=item.relative_source_path)


def listing_page(save_as: str, name: str, in_sitemap: bool = True) -> SiteFile:
    return SiteFile(save_as, f"the site's own {name} page", in_sitemap=in_sitemap)


def _articles_files(generator: ArticlesGenerator) -> list[SiteFile]:
    settings = generator.settings
    files = [content_page(article) for article in generator.articles]
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            files.append(listing_page(save_as, name.replace("_", " "), name not in UNLISTED_TEMPLATES))
    for category, _ in generator.categories:
        files.append(listing_page(category.save_as, f"{category.name} category"))
        if settings.get("CATEGORY_FEED_ATOM"):
            files.append(SiteFile(settings["CATEGORY_FEED_ATOM"].format(slug=category.slug),
                                  f"the {category.name} feed"))
    files += [listing_page(tag.save_as, f"{tag.name} tag", in_sitemap=False) for tag, _ in generator.tags.items()]
    if settings.get("FEED_ALL_ATOM"):
        files.append(SiteFile(settings["FEED_ALL_ATOM"], "the news feed"))
    return files


def _static_files(generator: StaticGenerator) -> list[SiteFile]:
    """Content's static files and the theme's (the logo, the stylesheets)."""
    settings = generator.settings
    files = [SiteFile(static.save_as, f"the file {static.relative_source_path}", source=static.relative_source_path)
             for static in generator.staticfiles]
    theme_static = os.path.join(settings["THEME"], "static")
    for directory, _, names in os.walk(theme_static):
        for name in names:
            relative = os.path.relpath(os.path.join(directory, name), theme_static).replace(os.sep, "/")
            files.append(SiteFile(f"{settings['THEME_STATIC_DIR']}/{relative}", "the theme"))
    return files


def declared_files(generators) -> list[SiteFile]:
    """Every file this build will write, in the order of their addresses:
    the generators run in the order of PLUGINS, which must not change what
    any reader of this list makes (the sitemap's order, a clash's message)."""
    files: list[SiteFile] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            files += _articles_files(generator)
        elif isinstance(generator, PagesGenerator):
            files += [content_page(page) for page in generator.pages]
            files += [replace(content_page(page), in_sitemap=False) for page in generator.hidden_pages]
        elif isinstance(generator, StaticGenerator):
            files += _static_files(generator)
        if hasattr(generator, "declare_files"):
            files += generator.declare_files(generators)
    return sorted(files, key=lambda file: (file.url, file.save_as, file.made_by))


def site_made_files(generators) -> dict[str, str]:
    """save_as -> what makes it, for every file the site makes itself (not
    the page of a content file): what no content file may replace."""
    return {file.save_as: file.made_by for file in declared_files(generators) if file.source is None}


def site_urls(generators) -> set[str]:
    """Site-relative URLs ('' is the home page, 'news/x/' a post …), for
    links: published pages and files, and the static folders' files (a
    link to one publishes it)."""
    urls = {file.url for file in declared_files(generators)}
    settings = generators[0].settings
    for folder in settings.get("STATIC_PATHS", []):
        root = os.path.join(settings["PATH"], folder)
        for directory, _, names in os.walk(root):
            for name in names:
                path = os.path.relpath(os.path.join(directory, name), settings["PATH"])
                urls.add(path.replace(os.sep, "/"))
    return urls


def is_known(path: str, urls: set[str]) -> bool:
    """Is a site path (no leading '/', no '#…') one of the site's addresses?
    Accepts 'news/x' for 'news/x/', 'news/x/index.html', and a listing's
    later pages ('news/page/2/')."""
    path = path.removesuffix("index.html")
    if path in urls or f"{path}/" in urls or path.rstrip("/") in urls:
        return True
    paginated = PAGINATED.match(path)
    return bool(paginated) and paginated["listing"] in urls
