"""Templates print the addresses Python made and decide nothing from a page's
slug (plugins/urlfilters, README "Theme"): every page's canonical link is its
own address, the footer's links are FOOTER_MENU, and a page ends with the Join
or Donate button when its front matter asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_SITE, Build, derived_settings, run_build, write_content
from content_source import CANONICAL_TWINS, WITHOUT_AN_ADDRESS, published

BUTTON_LABELS = {"join": ("Join the party", "JOIN_URL"), "donate": ("Donate to the party", "DONATE_URL")}

# A throwaway site with its own footer, membership addresses and public domain
# (another domain, so a canonical link that ignored the setting would show).
CUSTOM_SETTINGS = {
    "FOOTER_MENU": '[("Who we are", "about/"), ("Every post, as a feed", FEED_ALL_ATOM)]',
    "JOIN_URL": repr("https://members.example/sign-up/"),
    "DONATE_URL": repr("https://members.example/give/"),
    "SITE_CANONICAL_URL": repr("https://www.party.example"),
}
CUSTOM_FOOTER = [("Who we are", "/about/"), ("Every post, as a feed", "/feeds/all.atom.xml")]
# The button follows the front matter, whatever the file is called: a page
# named join.md without `button:` has none.
PAGES_WITH_BUTTONS = {
    "pages/membership.md": "---\ntitle: Become a member\nsummary: How to join.\nbutton: join\n---\nText.\n",
    "pages/giving.md": "---\ntitle: Give\nsummary: How to give.\nbutton: donate\n---\nText.\n",
    "pages/join.md": "---\ntitle: Join\nsummary: A page that asks for no button.\n---\nText.\n",
}


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory, factory_cache) -> Build:
    root = tmp_path_factory.mktemp("custom-site")
    settings = derived_settings(root / "custom_settings.py", CUSTOM_SETTINGS)
    write_content(root / "content", {**MINIMAL_SITE, **PAGES_WITH_BUTTONS})
    build = run_build(root / "content", root / "output", settings=settings, cache=factory_cache)
    assert build.returncode == 0, build.stderr
    return build


def address(build: Build, path: Path) -> str:
    """The site-relative address a page is served at: news/index.html -> news/."""
    return path.relative_to(build.output).as_posix().removesuffix("index.html")


def pages(build: Build):
    for path in build.html_files():
        yield address(build, path), build.html(path.relative_to(build.output).as_posix())


def footer_links(soup) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("footer nav a")]


def buttons(soup) -> list[tuple[str, str]]:
    """The page's own membership-site buttons, each once (a page shows its
    button at the top and again at the end), without the suggested amounts."""
    found = [(a.get_text(strip=True), a["href"]) for a in soup.select("main .page-button a.button")
             if a.find_parent(class_="suggested-amounts") is None]
    return list(dict.fromkeys(found))


# --- The canonical link ----------------------------------------------------------


def assert_canonical_links_are_own_addresses(build: Build, site_canonical_url: str) -> None:
    checked = 0
    for own, soup in pages(build):
        given = ([link["href"] for link in soup.find_all("link", rel="canonical")],
                 [meta["content"] for meta in soup.find_all("meta", property="og:url")])
        if own in WITHOUT_AN_ADDRESS:
            assert given == ([], []), own
            continue
        expected = f"{site_canonical_url}/{CANONICAL_TWINS.get(own, own)}"
        assert given == ([expected], [expected]), own
        checked += 1
    assert checked >= 10


def test_every_page_of_the_real_site_names_its_own_address_as_canonical(site, settings):
    assert_canonical_links_are_own_addresses(site, settings["SITE_CANONICAL_URL"])


def test_canonical_links_follow_the_site_canonical_url_setting(custom_site):
    assert_canonical_links_are_own_addresses(custom_site, "https://www.party.example")


def test_every_address_in_the_sitemap_is_that_page_s_canonical_link(site, settings):
    from lxml import etree

    locations = etree.parse(str(site.output / "sitemap.xml")).getroot().findall(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}url/{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    assert len(locations) >= 10
    root = settings["SITE_CANONICAL_URL"] + "/"
    for location in locations:
        own = location.text.removeprefix(root)
        assert site.html(own).find("link", rel="canonical")["href"] == location.text


def test_share_images_are_absolute_addresses_on_the_public_domain(custom_site):
    for own, soup in pages(custom_site):
        image = soup.find("meta", property="og:image")["content"]
        assert image.startswith("https://www.party.example/") and "//" not in image.removeprefix("https://"), own
        assert soup.find("meta", attrs={"name": "twitter:image"})["content"] == image, own


# --- The footer ------------------------------------------------------------------


def test_the_real_footer_is_footer_menu_on_every_page(site, settings):
    expected = [(label, f"/{url}") for label, url in settings["FOOTER_MENU"]]
    assert ("Donate", "/donate/") in expected and ("News feed (Atom)", "/feeds/all.atom.xml") in expected
    for own, soup in pages(site):
        assert footer_links(soup) == expected, own


def test_a_changed_footer_menu_changes_every_footer(custom_site):
    for own, soup in pages(custom_site):
        assert footer_links(soup) == CUSTOM_FOOTER, own


# --- The Join and Donate buttons ---------------------------------------------------


def expected_buttons(button: str | None, settings: dict) -> list[tuple[str, str]]:
    if button is None:
        return []
    label, url_setting = BUTTON_LABELS[button]
    return [(label, settings[url_setting])]


def test_the_real_pages_show_the_buttons_their_front_matter_names(site, settings):
    asked = {meta.get("button") for _, meta in published("pages")}
    assert {"join", "donate"} <= asked, "the sample content should use both buttons"
    for slug, meta in published("pages"):
        assert buttons(site.html(f"{slug}/")) == expected_buttons(meta.get("button"), settings), slug


def test_the_button_follows_front_matter_not_the_file_name(custom_site):
    assert buttons(custom_site.html("membership/")) == [("Join the party", "https://members.example/sign-up/")]
    assert buttons(custom_site.html("giving/")) == [("Donate to the party", "https://members.example/give/")]
    assert buttons(custom_site.html("join/")) == []
    assert buttons(custom_site.html("about/")) == []


def test_an_unknown_button_is_a_content_problem(make_site):
    build = make_site({"pages/about.md": "---\ntitle: About us\nsummary: Who we are.\nbutton: subscribe\n---\nText.\n"})
    assert build.returncode == 1
    assert build.problem_lines == [
        'content/pages/about.md:4: button: "subscribe" is not allowed here — use one of: join, donate',
    ]
