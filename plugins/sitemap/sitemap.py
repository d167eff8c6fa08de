"""Write sitemap.xml (every published page) and robots.txt (pointing at it).

We write our own rather than use pelican-sitemap because ours must list our
own content types (policies, councillors) and must only ever list what is
published: the same lists the templates use, so a draft can never leak.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from pelican.generators import Generator

from sitecore.output import write_output
from sitecore.site_files import SiteFile, declared_files
from sitecore.urls import canonical_url


def sitemap_entries(generators, settings: dict) -> list[tuple[str, str | None]]:
    """(absolute URL, last-modified date or None) for every public page: the
    pages the generators declare for search engines (sitecore.site_files),
    in the order of their addresses, whatever the order of PLUGINS."""
    return [(canonical_url(settings, file.url), file.modified)
            for file in declared_files(generators) if file.in_sitemap]


def render_sitemap(entries) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, lastmod in entries:
        lastmod_tag = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"  <url><loc>{escape(url)}</loc>{lastmod_tag}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


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
        write_output(self.output_path, "sitemap.xml", render_sitemap(self.entries))
        write_output(self.output_path, "robots.txt", render_robots(self.settings))
