"""Atom feeds, sitemap.xml and robots.txt, read with real parsers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
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


def sitemap_urls(path) -> list[str]:
    return [loc.text for loc in ET.parse(path).getroot().findall("s:url/s:loc", SITEMAP_NS)]


def test_a_sitemap_past_its_limit_is_an_index_of_parts_that_list_every_page_once(make_site, settings):
    """sitemaps.org allows a sitemap 50,000 addresses (SITEMAP_MAX_URLS,
    some 48,000 posts): past that, sitemap.xml indexes parts of at most that
    many, each with its newest date, which robots.txt still names; together
    they list what one sitemap would, in the same order."""
    posts = {f"posts/story-{n}.md": f"---\ntitle: Story {n}\ndate: 2021-10-{n:02d}\ncategory: news\n"
                                    f"summary: Story {n}.\n---\nText {n}.\n" for n in range(1, 9)}
    whole = make_site(posts)
    assert whole.returncode == 0, whole.stderr
    expected = sitemap_urls(whole.output / "sitemap.xml")
    most = 7
    assert len(expected) > 2 * most
    split = make_site(posts, settings={"SITEMAP_MAX_URLS": str(most)}, output=whole.output.parent / "split")
    assert split.returncode == 0, split.stderr
    index = ET.parse(split.output / "sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    base = settings["SITE_CANONICAL_URL"]
    parts = [(entry.find("s:loc", SITEMAP_NS).text, entry.find("s:lastmod", SITEMAP_NS))
             for entry in index.findall("s:sitemap", SITEMAP_NS)]
    count = -(-len(expected) // most)
    assert [url for url, _ in parts] == [f"{base}/sitemaps/{n}.xml" for n in range(1, count + 1)]
    listed = []
    for url, lastmod in parts:
        part = split.output / url.removeprefix(base + "/")
        urls = sitemap_urls(part)
        assert 0 < len(urls) <= most
        dates = [d.text for d in ET.parse(part).getroot().findall("s:url/s:lastmod", SITEMAP_NS)]
        assert (lastmod.text if lastmod is not None else None) == (max(dates) if dates else None)
        listed += urls
    assert listed == expected
    assert (split.output / "robots.txt").read_text() == (whole.output / "robots.txt").read_text()


def test_no_content_takes_an_address_in_the_sitemaps_folder(make_site):
    """The parts' folder is the sitemap's own, as pagefind/ is the index's:
    a page saved there would be overwritten by a part, or a part by it."""
    built = make_site({"pages/sitemaps.md": "---\ntitle: Sitemaps\nsummary: Ours.\n---\nText.\n"})
    assert built.returncode == 1
    assert [line for line in built.problem_lines if "sitemaps" in line], built.stderr


def test_robots_txt_points_at_the_sitemap(site, settings):
    robots = (site.output / "robots.txt").read_text()
    assert f"Sitemap: {settings['SITE_CANONICAL_URL']}/sitemap.xml" in robots


def test_each_feed_has_its_own_id_says_its_language_and_links_to_the_page_listing_the_same_posts(site, settings):
    """RFC 4287: a feed's id is unique. Pelican gave every feed the site's
    address as its id and its page, so readers could take the press
    releases feed for the news feed."""
    base = settings["SITE_CANONICAL_URL"]
    feeds = {"feeds/all.atom.xml": f"{base}/news/"} | {
        f"feeds/category/{key}.atom.xml": f"{base}/news/category/{key}/" for key in settings["POST_CATEGORIES"]}
    ids = set()
    for path, page in feeds.items():
        feed = feedparser.parse((site.output / path).read_bytes())
        assert not feed.bozo, (path, feed.bozo_exception)
        assert feed.feed.id == f"{base}/{path}"
        # The site's language, which Pelican leaves out of its feeds.
        assert ET.parse(site.output / path).getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "en-gb"
        assert [link.href for link in feed.feed.links if link.rel == "alternate"] == [page]
        assert (site.output / page.removeprefix(base + "/") / "index.html").is_file()
        ids.add(feed.feed.id)
    assert len(ids) == len(feeds)


def test_every_address_in_a_feed_is_absolute_even_from_a_local_build(make_site, settings):
    """Feed readers and feed-to-email services read a feed away from the
    site: a link or image written from the site's root ("/policies/…") must
    carry the domain, and a link to a part of the post's own page (#part, a
    footnote's #fn:1) the post's address: a feed reader resolved it against
    the feed's. Other addresses are left as they are."""
    from conftest import MINIMAL_SITE

    post = MINIMAL_SITE["posts/hello.md"] + (
        "\nSee [our housing policy](/policies/housing/), [the party](https://example.org/a) and "
        "[this part](#part), or [write to us](mailto:press@example.org).\n\n"
        "![Members marching]({static}/images/rally.jpg)\n\n## Part\n\nCounted twice.[^1]\n\n[^1]: By the council.\n")
    from test_images import jpeg

    build = make_site({"posts/hello.md": post, "images/rally.jpg": jpeg(600, 300)})
    assert build.returncode == 0, build.stderr
    base = settings["SITE_CANONICAL_URL"]
    feed = feedparser.parse((build.output / "feeds/all.atom.xml").read_bytes())
    [entry] = feed.entries
    assert entry.link == f"{base}/news/hello/"
    assert entry.id.startswith("tag:breakthroughparty.org.uk,")
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert [a["href"] for a in content.find_all("a")][:4] == [
        f"{base}/policies/housing/", "https://example.org/a", f"{base}/news/hello/#part", "mailto:press@example.org"]
    footnote_links = [a["href"] for a in content.find_all("a")][4:]
    assert footnote_links and all(href.startswith(f"{base}/news/hello/#fn") for href in footnote_links), footnote_links
    assert [img["src"] for img in content.find_all("img")] == [f"{base}/images/rally.jpg"]  # small: its own plain copy


def test_the_press_office_pages_offer_the_press_releases_feed_first(site, settings):
    """A journalist pasting /press/ into a feed reader gets the press
    releases, not all the news: readers take the first feed a page offers."""
    press_feed = "/" + settings["CATEGORY_FEED_ATOM"].format(slug=settings["PRESS_CATEGORY"])
    for page in ("press/", "press/releases/", f"news/category/{settings['PRESS_CATEGORY']}/"):
        offered = [link["href"] for link in site.html(page).find_all("link", rel="alternate", type="application/atom+xml")]
        assert offered == [press_feed, "/feeds/all.atom.xml"], page


def test_an_entry_keeps_its_id_when_its_date_is_put_right(make_site):
    """Pelican's id held the post's date: correcting a mistyped date made
    feed readers show the post a second time, as a new one. Posts dated
    before the change keep the ids subscribers' readers already hold."""
    from conftest import MINIMAL_SITE

    def entry_id(day: str) -> str:
        build = make_site({"posts/hello.md": MINIMAL_SITE["posts/hello.md"].replace("2021-11-24", day)},
                          options=("--now", "2027-01-01 12:00"))
        assert build.returncode == 0, build.stderr
        [entry] = feedparser.parse((build.output / "feeds/all.atom.xml").read_bytes()).entries
        return entry.id

    assert [entry_id("2026-12-01"), entry_id("2026-12-02")] == ["tag:breakthroughparty.org.uk,2021:/news/hello/"] * 2
    assert entry_id("2021-11-24") == "tag:breakthroughparty.org.uk,2021-11-24:/news/hello/"  # as Pelican gave it


def test_an_entrys_title_is_the_title_as_written(make_site):
    """Pelican strips what looks like a tag from a title it puts in a feed:
    "Pay: ‹£10 is poverty, >£15 is fair" went out as "Pay: £15 is fair". The
    page, its share card and what search engines read keep the title."""
    from conftest import MINIMAL_SITE

    titles = ['Pay: ‹£10 is poverty, >£15 is fair', 'Rates <b>up</b> & fares "down"']
    posts = {f"posts/t{number}.md": MINIMAL_SITE["posts/hello.md"].replace("title: Hello from the party",
                                                                          f"title: '{title}'")
             for number, title in enumerate(titles)}
    build = make_site(posts)
    assert build.returncode == 0, build.stderr
    for path in ("feeds/all.atom.xml", "feeds/category/news.atom.xml"):
        feed = feedparser.parse((build.output / path).read_bytes())
        shown = {entry.title: build.html(entry.link.split("/", 3)[3]).h1.get_text() for entry in feed.entries}
        assert all(title == on_the_page for title, on_the_page in shown.items()), shown
        assert set(shown) >= {titles[0], 'Rates <b>up</b> & fares “down”'}  # its quotes made typographic, as the page's
