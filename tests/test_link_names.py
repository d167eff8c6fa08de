"""A link whose words are an address, broken where it may wrap on a phone
(<wbr>: sitecore/breakable_addresses.py), is named by the address whole:
Chromium made each <wbr> a space in the link's accessible name, so a screen
reader's list of links, a braille display and voice control had
"press@ breakthroughparty .org .uk" (plugins/contenthtml/address_links.py,
and the templates' aria-label)."""

from __future__ import annotations

import pytest
from browser import chromium, serve_folder
from bs4 import BeautifulSoup

from plugins.contenthtml.address_links import address_links


def broken_links(site):
    """(page, link) for every link of the site whose words hold a <wbr>."""
    for path in site.html_files():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a"):
            if link.find("wbr") is not None:
                yield path.relative_to(site.output).as_posix(), link


def test_every_link_broken_for_a_phone_is_named_by_its_words_whole(site):
    """In the templates' addresses (press contacts, councillors', branches'
    and events' addresses, how to cite) and in the content's email links."""
    pages, found = set(), 0
    for page, link in broken_links(site):
        assert link.get("aria-label") == link.get_text(), (page, str(link))
        pages.add(page)
        found += 1
    assert found >= 10 and {"contact/index.html", "press/index.html", "minifesto/index.html"} <= pages, pages


@pytest.mark.parametrize("html, named", [
    ('<p><a href="mailto:a@b.org">a@<wbr>b<wbr>.org</a></p>',
     '<p><a href="mailto:a@b.org" aria-label="a@b.org">a@<wbr>b<wbr>.org</a></p>'),
    # The words' escapes are the text's, and the name is escaped for its attribute.
    ('<a href="https://x.org/?a=1&amp;b=2">https://<wbr>x<wbr>.org/?a=1&amp;b="2"</a>',
     '<a href="https://x.org/?a=1&amp;b=2" aria-label="https://x.org/?a=1&amp;b=&#34;2&#34;">'
     'https://<wbr>x<wbr>.org/?a=1&amp;b="2"</a>'),
    # Other attributes, before or after the address (a title written in Markdown, a lang).
    ('<a href="mailto:a@b.org" title="Email the office">a@<wbr>b<wbr>.org</a>',
     '<a href="mailto:a@b.org" title="Email the office" aria-label="a@b.org">a@<wbr>b<wbr>.org</a>'),
    ('<a title="x > y" href="mailto:a@b.org">a@<wbr>b.org</a>',
     '<a title="x > y" href="mailto:a@b.org" aria-label="a@b.org">a@<wbr>b.org</a>'),
    # A link without a break, or with other elements in its words, keeps its own name.
    ('<a href="mailto:a@b.org">write to us</a>', '<a href="mailto:a@b.org">write to us</a>'),
    ('<a href="/x/">a<wbr><em>b</em></a>', '<a href="/x/">a<wbr><em>b</em></a>'),
])
def test_address_links_names_only_links_broken_for_a_phone(html, named):
    assert str(address_links(html)) == named


@pytest.mark.browser
def test_chromium_names_a_contact_by_its_address(site):
    with serve_folder(site.output) as base, chromium() as browser:
        page = browser.new_page()
        try:
            page.goto(f"{base}/contact/")
            tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        finally:
            page.close()
    names = [node.get("name", {}).get("value", "") for node in tree if node.get("role", {}).get("value") == "link"]
    addresses = [name for name in names if "@" in name]
    assert addresses and all(" " not in name for name in addresses), addresses


@pytest.mark.parametrize("path", ["policies/housing/", "minifesto/", "policies/"])
def test_a_commitments_number_is_a_link_named_as_the_commitment(site, path):
    """"2.1" alone was the name of 46 of the minifesto page's Tab stops."""
    links = site.html(path).select("a.commitment-number")
    assert links and all(link["aria-label"] == f"Commitment {link.get_text()}" for link in links), path


@pytest.mark.parametrize("path, steps", [
    ("news/2021/11/", [("All news", "/news/"), ("2021", "/news/2021/")]),
    ("press/releases/2021/", [("Press office", "/press/"), ("Press releases", "/press/releases/")]),
    ("press/releases/", [("Press office", "/press/")]),
])
def test_the_way_up_is_a_list_in_a_breadcrumb_landmark(site, path, steps):
    """It was a paragraph of links with a "›" read out between them."""
    trail = site.html(path).select_one("main nav[aria-label=Breadcrumb]")
    assert [(a.get_text(), a["href"]) for a in trail.select("ol > li > a")] == steps
    assert "›" not in trail.get_text()  # drawn by the stylesheet, not text
