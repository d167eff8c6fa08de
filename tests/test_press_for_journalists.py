"""What a journalist does with the site: taps a press officer's number,
prints a release, downloads the press kit, reads releases in a feed reader
or by email, and subscribes from a release's page."""

from __future__ import annotations

import io
import json
import re
import textwrap

import feedparser
import pytest
from browser import serve_folder
from bs4 import BeautifulSoup
from colours import AA_TEXT, contrast, rgb
from conftest import MINIMAL_SITE, build_in, sample_jpeg
from PIL import Image
from pypdf import PdfReader
from test_press_office import PRESS_PAGE

from sitecore.imprint import imprint_text
from sitecore.phone_links import tel_uri
from sitecore.sizes import human_size

WHITE_PAPER = (255, 255, 255)
RELEASE = "news/new-deputy-leader/"
RELEASE_POST = """\
    ---
    title: New deputy leader
    date: 2021-11-25 10:30
    modified: 2021-11-26
    category: press-releases
    summary: The party has a new deputy leader.
    ---
    The party elected its deputy leader, as
    [the Electoral Commission](https://www.electoralcommission.org.uk/) was told.
    She will speak for [our housing policy](/policies/housing/).
    """


def photo_with_camera_data() -> bytes:
    """A JPEG with a long EXIF description (a camera's, an app's): much
    larger than the copy the site publishes without it."""
    exif = Image.Exif()
    exif[0x010E] = "Taken at 51.5N 0.1W by a phone. " * 900  # ImageDescription
    buffer = io.BytesIO()
    Image.open(io.BytesIO(sample_jpeg())).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


@pytest.fixture(scope="module")
def press_site(tmp_path_factory, factory_cache):
    office = textwrap.dedent(MINIMAL_SITE["press-office.md"]).replace(
        "phone: 020 7946 0123", "phone: +44 (0)20 7946 0456")
    built = build_in(tmp_path_factory.mktemp("press-site"), {
        "press-office.md": office, "pages/press.md": PRESS_PAGE, "posts/new-deputy-leader.md": RELEASE_POST,
        "images/press/alex-mays.jpg": photo_with_camera_data()}, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


@pytest.mark.parametrize(("written", "uri"), [
    ("+44 (0)20 7946 0456", "tel:+442079460456"),  # the trunk 0 is not dialled from abroad
    ("+44 ( 0 ) 20-7946-0456", "tel:+442079460456"),
    ("+44 20 7946 0456", "tel:+442079460456"),
    # As the UK dials them: a global number all the same, which a phone
    # abroad dials too (a journalist abroad got a number of their own country).
    ("020 7946 0123", "tel:+442079460123"),
    ("(020) 7946 0123", "tel:+442079460123"),
    ("07700 900123", "tel:+447700900123"),
    ("0033 1 23 45 67 89", "tel:+33123456789"),  # 00 dials abroad from the UK
    ("0044 (0)20 7946 0123", "tel:+442079460123"),
    ("999", "tel:999"),  # no trunk 0: as written
])
def test_a_phone_number_becomes_the_tel_address_that_dials_it(written, uri):
    assert tel_uri(written, "44") == uri


def test_without_a_country_code_a_national_number_is_left_as_written():
    assert tel_uri("020 7946 0123", None) == "tel:02079460123"
    assert tel_uri("+44 (0)20 7946 0456", None) == "tel:+442079460456"


def test_the_press_page_dials_each_number_from_any_country(press_site):
    contacts = press_site.html("press/").select_one("section[aria-labelledby=media-contacts]")
    assert [(a.get_text(), a["href"]) for a in contacts.select('a[href^="tel:"]')] == [
        ("+44 (0)20 7946 0456", "tel:+442079460456"), ("07700 900123", "tel:+447700900123")]


def test_a_press_release_ends_with_whom_to_call_and_the_notes_to_editors(press_site):
    """As a release sent by email ends: the press office's contacts, tap to
    call, and its notes to editors; not on other posts, and not in search
    (every release would match a contact's name)."""
    release = press_site.html(RELEASE).select_one("section[aria-labelledby=release-contacts]")
    assert release is not None and release.has_attr("data-pagefind-ignore")
    assert [(a.get_text(), a["href"]) for a in release.select('a[href^="tel:"]')] == [
        ("+44 (0)20 7946 0456", "tel:+442079460456"), ("07700 900123", "tel:+447700900123")]
    office_notes = press_site.html("press/").select_one(".boilerplate").get_text(" ", strip=True)
    assert release.select_one(".boilerplate").get_text(" ", strip=True) == office_notes
    assert press_site.html("news/hello/").select_one("section[aria-labelledby=release-contacts]") is None


def test_the_press_kit_gives_the_size_of_the_photo_it_publishes(press_site):
    kit = {a.get_text(): a.find_next_sibling("span").get_text()
           for a in press_site.html("press/").select("section[aria-labelledby=press-kit] .file-list a")}
    published = (press_site.output / "images/press/alex-mays.jpg").stat().st_size
    uploaded = (press_site.content / "images/press/alex-mays.jpg").stat().st_size
    assert human_size(published) != human_size(uploaded)  # the metadata taken out shows in the size
    assert kit["Photo of Alex Mays"] == f"(JPEG, {human_size(published)})"


def test_every_entry_of_every_feed_ends_with_the_imprint(press_site, settings):
    feeds = sorted((press_site.output / "feeds").rglob("*.xml"))
    assert len(feeds) >= 3  # all news, and the news and press releases categories
    for path in feeds:
        entries = feedparser.parse(path.read_bytes()).entries
        assert entries, path
        for entry in entries:
            paragraphs = BeautifulSoup(entry.content[0].value, "lxml").find_all("p")
            assert paragraphs[-1].get_text() == imprint_text(settings), (path, entry.link)
            assert len(paragraphs) > 1  # after the release's own words


def raw_entry_html(feed: bytes, link_end: str) -> BeautifulSoup:
    """The HTML of the entry whose link ends `link_end`, as the feed holds it
    (feedparser's own clean-up drops tel: links, which feed readers keep)."""
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    for entry in ElementTree.fromstring(feed).iter(f"{atom}entry"):
        if entry.find(f"{atom}link").get("href").endswith(link_end):
            return BeautifulSoup(entry.find(f"{atom}content").text, "lxml")
    raise AssertionError(f"no entry for {link_end}")


@pytest.mark.parametrize("feed", ["feeds/category/press-releases.atom.xml", "feeds/all.atom.xml"])
def test_a_press_releases_feed_entry_ends_with_whom_to_call_then_the_imprint(press_site, settings, feed):
    """A feed-to-email service sends a release to journalists away from its
    page: its entry carries "For journalists" as the page does (the same
    template), every address in it absolute, then the imprint. Other posts'
    entries do not."""
    written = (press_site.output / feed).read_bytes()
    entry = raw_entry_html(written, RELEASE)
    section = entry.select_one("section.release-contacts")
    page = press_site.html(RELEASE).select_one("section[aria-labelledby=release-contacts]")
    assert section is not None and section.get_text(" ", strip=True) == page.get_text(" ", strip=True)
    # A reader shows many entries on one page: no ids, no labels pointing at them, nothing for the site's search.
    assert section.find_all(id=True) == [] and section.attrs == {"class": ["release-contacts"]}
    assert [(a.get_text(), a["href"]) for a in section.select('a[href^="tel:"]')] == [
        ("+44 (0)20 7946 0456", "tel:+442079460456"), ("07700 900123", "tel:+447700900123")]
    domain = settings["FEED_DOMAIN"].rstrip("/")
    assert section.select_one('a[href$="/press/"]')["href"] == f"{domain}/press/"
    # After the release's words, before the imprint.
    assert "Electoral Commission" in section.find_previous("p").get_text()
    assert section.find_next("p", class_="imprint").get_text() == imprint_text(settings)
    assert not section.find_next("section")
    if feed.endswith("all.atom.xml"):
        assert raw_entry_html(written, "news/hello/").select_one("section.release-contacts") is None


def test_a_picture_in_the_notes_to_editors_is_the_feeds_plain_copy_in_a_releases_entry(tmp_path, factory_cache,
                                                                                       settings):
    """In a feed entry a picture is the plain copy at its full address, as
    every picture of a feed is (plugins/images): the page's <picture> has
    WebP copies at addresses of the site, which a feed reader cannot load."""
    office = textwrap.dedent(MINIMAL_SITE["press-office.md"]) + "\n![The party's leader](/images/press/alex-mays.jpg)\n"
    built = build_in(tmp_path, {"press-office.md": office, "pages/press.md": PRESS_PAGE,
                                "posts/new-deputy-leader.md": RELEASE_POST}, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    domain = settings["FEED_DOMAIN"].rstrip("/")
    entry = raw_entry_html((built.output / "feeds/category/press-releases.atom.xml").read_bytes(), RELEASE)
    notes = entry.select_one("section.release-contacts .boilerplate")
    assert notes.select("picture, source, [srcset]") == []
    [image] = notes.select("img")
    assert image["alt"] == "The party's leader" and image["src"].startswith(f"{domain}/images/press/")
    assert (built.output / image["src"].removeprefix(domain + "/")).is_file()
    # On the page, the picture as every page shows one.
    assert built.html(RELEASE).select_one("section.release-contacts .boilerplate picture") is not None


def first_feed(page: BeautifulSoup) -> str:
    return page.select_one('head link[rel=alternate][type="application/atom+xml"]')["href"]


def test_a_press_release_offers_the_press_releases_feed_first(press_site):
    assert first_feed(press_site.html(RELEASE)) == "/feeds/category/press-releases.atom.xml"
    assert first_feed(press_site.html("news/hello/")) == "/feeds/all.atom.xml"


@pytest.mark.parametrize("page", [RELEASE, "news/hello/"])
def test_a_post_says_when_it_was_published_and_updated_as_its_json_ld_does(press_site, page):
    head = press_site.html(page).head
    article = json.loads(head.select_one('script[type="application/ld+json"]').string)
    article = next(item for item in article.get("@graph", [article]) if item.get("@type") == "NewsArticle")
    meta = {tag["property"]: tag["content"] for tag in head.select('meta[property^="article:"]')}
    assert meta == {"article:published_time": article["datePublished"],
                    "article:modified_time": article["dateModified"]}
    if page == RELEASE:
        assert meta == {"article:published_time": "2021-11-25T10:30:00+00:00",
                        "article:modified_time": "2021-11-26T00:00:00+00:00"}


# The colour each text of the imprint prints in. Browsers print no
# backgrounds (Chromium's default; page.pdf's printBackground), unless an
# element asks for them (print-color-adjust: exact): the paper is white.
IMPRINT_PRINTED = """() => [...document.querySelectorAll('[data-imprint], [data-imprint] *')].map((element) => {
  const style = getComputedStyle(element);
  return {visible: element.checkVisibility(), colour: style.color, exact: style.printColorAdjust === 'exact',
          text: element.innerText};
})"""


def test_each_page_gives_its_own_address_on_paper_but_the_page_not_found(site):
    """The footer's "Online at …" (printed only) is the page's canonical
    address; the page-not-found page is served at whatever address was
    missed, so it has none of its own to print (it printed …/404.html)."""
    checked = 0
    for path in site.output.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if page.select_one(".site-footer") is None:
            continue  # not a page of the theme's (the editor's, a redirect's)
        addresses = [element.get_text() for element in page.select(".print-address")]
        if path == site.output / "404.html":
            assert addresses == []
        else:
            assert addresses == [f"Online at {page.select_one('link[rel=canonical]')['href']}"], path
            checked += 1
    assert checked > 50


def test_a_printed_release_has_its_words_and_a_legible_imprint_without_the_menus(press_site, browser, settings):
    with serve_folder(press_site.output) as base:
        page = browser.new_page()
        try:
            page.goto(f"{base}/{RELEASE}")
            on_screen = page.locator(".print-address").is_visible()
            page.emulate_media(media="print")
            imprint = page.evaluate(IMPRINT_PRINTED)
            hidden = {selector: page.locator(selector).first.is_visible()
                      for selector in (".site-nav", ".skip-link", ".join-call", ".site-footer nav")}
            printed = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
            text = " ".join(" ".join(sheet.extract_text().split()) for sheet in printed)
        finally:
            page.close()
    assert imprint and all(part["visible"] and not part["exact"] for part in imprint)
    assert [f"{part['colour']}: {contrast(rgb(part['colour']), WHITE_PAPER):.2f}:1" for part in imprint
            if contrast(rgb(part["colour"]), WHITE_PAPER) < AA_TEXT] == []
    assert hidden == dict.fromkeys(hidden, False)
    assert imprint_text(settings) in text
    assert "The party elected its deputy leader" in text
    assert "(https://www.electoralcommission.org.uk/)" in text  # where paper cannot follow the link
    assert "our housing policy (/policies/housing/)" in text  # a page of this site, by its path
    assert not on_screen and f"Online at {settings['SITE_CANONICAL_URL']}/{RELEASE}" in text  # the path's site
    for screen_only in ("Skip to main content", "Join the party", *(label for label, _ in settings["FOOTER_MENU"])):
        assert screen_only not in text
    assert not re.search(r"\bDonate\b", text)
