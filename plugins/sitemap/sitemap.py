"""Write sitemap.xml (every published page) and robots.txt (pointing at it).

We write our own rather than use pelican-sitemap because ours must list our
own content types (policies, councillors) and must only ever list what is
published: the same lists the templates use, so a draft can never leak.

A sitemap lists at most 50,000 addresses (sitemaps.org; SITEMAP_MAX_URLS):
a site with more (some 48,000 posts) gets a sitemap index at sitemap.xml,
which robots.txt names as before, listing parts of at most that many under
SITEMAP_PARTS_PATH (sitemaps/1.xml …). That folder is the sitemap's own, as
pagefind/ is the search index's (sitecore/site_files.py: own_folders): the
number of parts is known only once every page is listed, after the other
plugins have asked which files the build writes.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pelican.generators import Generator

from sitecore.output import write_output
from sitecore.settings_check import our_setting
from sitecore.site_files import SiteFile, declared_files
from sitecore.urls import canonical_url


def sitemap_entries(generators, settings: dict) -> list[tuple[str, str | None]]:
    """(absolute URL, last-modified date or None) for every public page: the
    pages the generators declare for search engines (sitecore.site_files),
    in the order of their addresses, whatever the order of PLUGINS."""
    return [(canonical_url(settings, file.url), file.modified)
            for file in declared_files(generators) if file.in_sitemap]


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
SITEMAPS_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def located(tag: str, url: str, lastmod: str | None) -> str:
    lastmod_tag = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"  <{tag}><loc>{escape(url)}</loc>{lastmod_tag}</{tag}>"


def render_sitemap(entries) -> str:
    lines = [XML_DECLARATION, f'<urlset xmlns="{SITEMAPS_NAMESPACE}">']
    lines += [located("url", url, lastmod) for url, lastmod in entries]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_sitemap_index(parts) -> str:
    """The index of the sitemap's parts ((absolute URL, newest lastmod or None) each)."""
    lines = [XML_DECLARATION, f'<sitemapindex xmlns="{SITEMAPS_NAMESPACE}">']
    lines += [located("sitemap", url, lastmod) for url, lastmod in parts]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def sitemap_files(entries, settings: dict) -> dict[str, str]:
    """save_as -> text: sitemap.xml alone, or, past SITEMAP_MAX_URLS
    addresses, sitemap.xml as the index of parts of at most that many."""
    most = our_setting(settings, "SITEMAP_MAX_URLS")
    if len(entries) <= most:
        return {"sitemap.xml": render_sitemap(entries)}
    folder = our_setting(settings, "SITEMAP_PARTS_PATH").strip("/")
    files, parts = {}, []
    for number, start in enumerate(range(0, len(entries), most), start=1):
        part = entries[start:start + most]
        save_as = f"{folder}/{number}.xml"
        files[save_as] = render_sitemap(part)
        dates = [lastmod for _, lastmod in part if lastmod]
        parts.append((canonical_url(settings, save_as), max(dates) if dates else None))
    return {"sitemap.xml": render_sitemap_index(parts), **files}


def render_robots(settings: dict) -> str:
    if settings.get("PREVIEW_DRAFTS"):
        return "# A drafts preview: not for search engines.\nUser-agent: *\nDisallow: /\n"
    return f"User-agent: *\nAllow: /\n\nSitemap: {canonical_url(settings, 'sitemap.xml')}\n"


class SitemapGenerator(Generator):
    FILES = {"sitemap.xml": "the sitemap", "robots.txt": "the robots.txt file"}

    def __init__(self, *args, **kwargs):
        self.entries: list[tuple[str, str | None]] = []
        super().__init__(*args, **kwargs)

    def list_pages(self, generators) -> None:
        """Once every generator has read its content (all_generators_finalized)."""
        self.entries = sitemap_entries(generators, self.settings)

    def declare_files(self, generators) -> list[SiteFile]:
        return [SiteFile(name, made_by) for name, made_by in self.FILES.items()]

    def generate_output(self, writer) -> None:
        for save_as, text in sitemap_files(self.entries, self.settings).items():
            write_output(self.output_path, save_as, text)
        write_output(self.output_path, "robots.txt", render_robots(self.settings))
