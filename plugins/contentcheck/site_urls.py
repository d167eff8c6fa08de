"""Every address the site will have, known before anything is written."""

from __future__ import annotations

import os
import re

from pelican.generators import ArticlesGenerator

PAGINATED = re.compile(r"^(?P<listing>.*?)page/\d+/?$")


def generated_pages(settings: dict) -> dict[str, str]:
    """save_as -> what makes it, for every page the site writes itself (not
    from a content file): direct templates, listings, the minifesto, the editor."""
    pages = {}
    for name in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            pages[save_as] = f"the site's own {name.replace('_', ' ')} page"
    for prefix in ("POLICY_INDEX", "COUNCILLOR_INDEX", "MINIFESTO"):
        if settings.get(f"{prefix}_SAVE_AS"):
            pages[settings[f"{prefix}_SAVE_AS"]] = f"the site's own {prefix.lower().replace('_', ' ')} page"
    if settings.get("CMS_SAVE_AS"):
        pages[settings["CMS_SAVE_AS"] + "index.html"] = "the browser editor"
    return pages


def generated_files(settings: dict) -> set[str]:
    files = set(settings.get("MINIFESTO_CURRENT_FILES", {}).values())
    files |= {settings.get("POLICIES_JSON_SAVE_AS"), settings.get("FEED_ALL_ATOM"), "sitemap.xml", "robots.txt",
              ".well-known/security.txt", settings.get("PARTY_LOGO_PNG"), settings.get("PARTY_LOGO_SVG")}
    return {f for f in files if f}


def url_of(save_as: str) -> str:
    return save_as.removesuffix("index.html")


def known_site_urls(generators, settings: dict) -> set[str]:
    """Site-relative URLs ('' is the home page, 'news/x/' a post …)."""
    urls = {url_of(save_as) for save_as in generated_pages(settings)} | generated_files(settings)
    for generator in generators:
        for name in ("articles", "pages", "items"):
            urls |= {item.url for item in getattr(generator, name, [])}
        if isinstance(generator, ArticlesGenerator):
            for category, _ in generator.categories:
                urls |= {category.url, settings["CATEGORY_FEED_ATOM"].format(slug=category.slug)}
            urls |= {tag.url for tag in generator.tags}
        if getattr(generator, "minifesto", None) is not None:
            from minifesto.formats import edition_name

            edition = edition_name(generator.minifesto, settings)
            urls |= {f"{edition}.pdf", f"{edition}-large-print.pdf", f"{edition}.txt"}
    for folder in settings.get("STATIC_PATHS", []):
        root = os.path.join(settings["PATH"], folder)
        for directory, _, files in os.walk(root):
            for name in files:
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
