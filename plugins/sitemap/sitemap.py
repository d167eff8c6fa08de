"""Write sitemap.xml (every published page) and robots.txt (pointing at it).

We write our own rather than use pelican-sitemap because ours must list our
own content types (policies, councillors) and must only ever list what is
published: the same lists the templates use, so a draft can never leak.
"""

from __future__ import annotations

import os
from xml.sax.saxutils import escape

from pelican.generators import Generator


def canonical_url(settings: dict, url: str) -> str:
    """The absolute public URL of a site-relative URL ('' is the home page).
    The one place this is made: JSON-LD and policies.json use it too."""
    return settings["SITE_CANONICAL_URL"].rstrip("/") + "/" + url.lstrip("/")


def sitemap_entries(context: dict, settings: dict) -> list[tuple[str, str | None]]:
    """(absolute URL, last-modified date or None) for every public page."""
    entries = [(canonical_url(settings, url), None) for url in (
        settings["HOME_URL"], settings["INDEX_URL"], settings["POLICY_INDEX_URL"],
        settings["COUNCILLOR_INDEX_URL"], settings["MINIFESTO_URL"], settings["PRESS_ARCHIVE_URL"],
    )]
    for key in ("articles", "pages", "policies", "councillors"):
        for item in context.get(key, []):
            changed = getattr(item, "modified", None) or getattr(item, "date", None)
            entries.append((canonical_url(settings, item.url), changed.date().isoformat() if changed else None))
    for category, _articles in context.get("categories", []):
        entries.append((canonical_url(settings, category.url), None))
    return entries


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
    def generate_output(self, writer) -> None:
        files = {
            "sitemap.xml": render_sitemap(sitemap_entries(self.context, self.settings)),
            "robots.txt": render_robots(self.settings),
        }
        for name, text in files.items():
            with open(os.path.join(self.output_path, name), "w", encoding="utf-8") as handle:
                handle.write(text)
