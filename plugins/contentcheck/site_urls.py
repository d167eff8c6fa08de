"""Every address the site will have, known before anything is written."""

from __future__ import annotations

import os

from pelican.generators import ArticlesGenerator


def listing_urls(settings: dict) -> set[str]:
    names = ("HOME_URL", "INDEX_URL", "POLICY_INDEX_URL", "COUNCILLOR_INDEX_URL", "MINIFESTO_URL")
    urls = {settings[name] for name in names if settings.get(name) is not None}
    urls |= {settings[name].removesuffix("index.html") for name in ("CATEGORIES_SAVE_AS", "TAGS_SAVE_AS")}
    urls |= set(settings.get("MINIFESTO_CURRENT_FILES", {}).values())
    urls |= {settings.get("POLICIES_JSON_SAVE_AS", ""), "sitemap.xml", "robots.txt", settings["FEED_ALL_ATOM"]}
    return {url for url in urls if url is not None}


def known_site_urls(generators, settings: dict) -> set[str]:
    """Site-relative URLs ('' is the home page, 'news/x/' a post …)."""
    urls = listing_urls(settings)
    for generator in generators:
        for name in ("articles", "pages", "items"):
            urls |= {item.url for item in getattr(generator, name, [])}
        if isinstance(generator, ArticlesGenerator):
            for category, _ in generator.categories:
                urls |= {category.url, settings["CATEGORY_FEED_ATOM"].format(slug=category.slug)}
            urls |= {tag.url for tag in generator.tags}
    for folder in settings.get("STATIC_PATHS", []):
        root = os.path.join(settings["PATH"], folder)
        for directory, _, files in os.walk(root):
            for name in files:
                path = os.path.relpath(os.path.join(directory, name), settings["PATH"])
                urls.add(path.replace(os.sep, "/"))
    return urls


def is_known(path: str, urls: set[str]) -> bool:
    """Is a site path (no leading '/', no '#…') one of the site's addresses?
    Accepts 'news/x' for 'news/x/' and 'news/x/index.html'."""
    path = path.removesuffix("index.html")
    return path in urls or f"{path}/" in urls or path.rstrip("/") in urls
