"""Atom feeds, sitemap.xml and robots.txt, read with real parsers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
from content_source import published

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_the_news_feed_lists_published_posts_only(site, settings):
    feed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = {entry.title for entry in feed.entries}
    expected = {meta["title"] for _, meta in published("posts")}
    assert titles == expected
    policy_titles = {meta["title"] for _, meta in published("policies")}
    assert not titles & policy_titles


def test_each_category_has_its_own_feed(site, settings):
    for key, name in settings["POST_CATEGORIES"].items():
        posts = {meta["title"] for _, meta in published("posts") if meta["category"] == key}
        if not posts:
            continue
        feed = feedparser.parse((site.output / f"feeds/category/{key}.atom.xml").read_bytes())
        assert {entry.title for entry in feed.entries} == posts


def test_pages_advertise_the_feed(site):
    link = site.html("").find("link", type="application/atom+xml")
    assert link["href"] == "/feeds/all.atom.xml"


def test_sitemap_lists_every_public_page(site, settings):
    root = ET.parse(site.output / "sitemap.xml").getroot()
    urls = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    base = settings["SITE_CANONICAL_URL"]
    for folder, prefix in (("posts", "news"), ("policies", "policies"), ("councillors", "councillors")):
        for slug, _ in published(folder):
            assert f"{base}/{prefix}/{slug}/" in urls
    for url in urls:
        path = url.removeprefix(base + "/")
        assert (site.output / path / "index.html").exists() or (site.output / path).is_file(), url


def test_robots_txt_points_at_the_sitemap(site, settings):
    robots = (site.output / "robots.txt").read_text()
    assert f"Sitemap: {settings['SITE_CANONICAL_URL']}/sitemap.xml" in robots
