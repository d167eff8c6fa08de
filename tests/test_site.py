"""The real site, built once: every page type exists, says the right thing,
links up, carries the imprint, and leaks no draft."""

from __future__ import annotations

import copy
from urllib.parse import urlparse

import pytest
from content_source import CANONICAL_TWINS, WITHOUT_AN_ADDRESS, drafts, published

from sitecore.imprint import imprint_text

PAGE_TYPES = {
    "home": "",
    "news list": "news/",
    "post": "news/katie-parker-joins-breakthrough/",
    "category": "news/category/press-releases/",
    "tag": "news/tag/councillors/",
    "categories": "news/category/",
    "tags": "news/tag/",
    "policy": "policies/housing/",
    "policy index": "policies/",
    "minifesto web edition": "minifesto/",
    "minifesto edition": "minifesto/2022-03/",
    "minifesto editions": "minifesto/editions/",
    "councillor": "councillors/katie-parker/",
    "councillor directory": "councillors/",
    "event": "events/party-conference-2022/",
    "events listing": "events/",
    "events of a region": "events/region/north-west/",
    "past events of a year": "events/past/2022/",
    "branch": "branches/breakthrough-north-west/",
    "branches": "branches/",
    "candidate": "candidates/sam-example/",
    "candidates": "candidates/",
    "election": "elections/local-2022/",
    "search": "search/",
    "press office": "press/",
    "press archive": "press/releases/",
    "press releases of a year": "press/releases/2021/",
    "news of a year": "news/2021/",
    "news of a month": "news/2021/11/",
    "all the news about a policy": "policies/inequality/news/",
    "page": "about/",
    "404": "404.html",
}


def text_of(soup) -> str:
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_every_page_type_exists_with_one_h1(site, name, path):
    soup = site.html(path)
    assert len(soup.find_all("h1")) == 1, name
    assert soup.find("main", id="main") is not None
    assert soup.find("a", class_="skip-link")["href"] == "#main"


def test_every_page_has_the_imprint_in_its_footer(site, settings):
    expected = imprint_text(settings)
    for path in site.html_files():
        soup = site.html(str(path.relative_to(site.output)))
        imprint = soup.select_one("footer [data-imprint]")
        assert imprint is not None and text_of(imprint) == expected, path


def test_every_page_has_a_title_description_and_canonical_url_but_the_page_not_found(site, settings):
    for path in site.html_files():
        relative = str(path.relative_to(site.output))
        soup = site.html(relative)
        assert soup.title.string.strip()
        assert soup.find("meta", attrs={"name": "description"})["content"].strip()
        own = relative.removesuffix("index.html")
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert canonical == ([] if own in WITHOUT_AN_ADDRESS
                             else [f"{settings['SITE_CANONICAL_URL']}/{CANONICAL_TWINS.get(own, own)}"]), relative


def test_posts_show_their_titles_and_summaries(site):
    posts = published("posts")
    assert len(posts) >= 5
    for slug, meta in posts:
        soup = site.html(f"news/{slug}/")
        assert text_of(soup.h1) == meta["title"]
        assert meta["summary"] in text_of(soup)


def test_news_list_shows_posts_newest_first(site):
    posts = sorted(published("posts"), key=lambda item: str(item[1]["date"]), reverse=True)
    soup = site.html("news/")
    listed = [a["href"] for a in soup.select("main .card-title a")]
    assert listed == [f"/news/{slug}/" for slug, _ in posts][: len(listed)]


def test_policies_have_their_own_pages_in_number_order(site):
    policies = sorted(published("policies"), key=lambda item: item[1]["number"])
    assert [meta["number"] for _, meta in policies] == list(range(1, 11))
    index = site.html("policies/")
    anchors = [section["id"] for section in index.select("main section.policy")]
    assert anchors == [f"policy-{meta['number']}" for _, meta in policies]
    for slug, meta in policies:
        soup = site.html(f"policies/{slug}/")
        assert meta["title"] in text_of(soup.h1)
        commitments = [text_of(li) for li in soup.select("ul.commitments li")]
        assert commitments == [f"{meta['number']}.{place} {text}" for place, text in enumerate(meta["commitments"], 1)]


def test_councillor_pages_and_directory_by_region(site, settings):
    councillors = published("councillors")
    assert {slug for slug, _ in councillors} >= {"samantha-cooper", "katie-parker", "ben-munro"}
    directory = site.html("councillors/")
    headings = [text_of(h2) for h2 in directory.select("main h2")]
    known = [r for r in settings["REGIONS"] if any(m.get("region") == r for _, m in councillors)]
    assert headings[: len(known)] == known
    for slug, meta in councillors:
        soup = site.html(f"councillors/{slug}/")
        assert text_of(soup.h1) == meta["title"]
        assert directory.find("a", href=f"/councillors/{slug}/")


def test_posts_link_to_the_policies_and_councillors_they_name(site):
    for slug, meta in published("posts"):
        soup = site.html(f"news/{slug}/")
        for councillor in meta.get("councillors", []):
            assert soup.find("a", href=f"/councillors/{councillor}/"), (slug, councillor)
            profile = site.html(f"councillors/{councillor}/")
            assert profile.find("a", href=f"/news/{slug}/"), (councillor, slug)
        for policy in meta.get("policies", []):
            assert soup.find("a", href=f"/policies/{policy}/"), (slug, policy)
            # The policy's page shows its newest posts, and links the full
            # list of them when there are more (tests/test_archive.py).
            policy_page = site.html(f"policies/{policy}/")
            more = policy_page.select_one("section[aria-labelledby=related-news] .more-link a")
            lists = [policy_page, *([site.html(more["href"].lstrip("/"))] if more else [])]
            assert any(page.find("a", href=f"/news/{slug}/") for page in lists), (policy, slug)


def test_every_internal_link_and_image_resolves(site):
    for path in site.html_files():
        soup = site.html(str(path.relative_to(site.output)))
        for tag, attribute in (("a", "href"), ("img", "src"), ("link", "href")):
            for element in soup.find_all(tag):
                url = urlparse(element.get(attribute, ""))
                if url.scheme or url.netloc or not url.path.startswith("/"):
                    continue
                target = site.output / url.path.lstrip("/")
                if url.path.endswith("/"):
                    target = target / "index.html"
                assert target.exists(), f"{path}: {element}"


def test_navigation_reaches_every_section(site):
    nav = {a["href"] for a in site.html("").select("header nav a")}
    assert {"/news/", "/policies/", "/councillors/", "/about/", "/press/", "/join/"} <= nav
    footer = {a["href"] for a in site.html("").select("footer nav a")}
    assert {"/privacy/", "/accessibility/", "/donate/", "/contact/"} <= footer


def test_static_pages_exist(site):
    for slug in ("about", "join", "donate", "press", "privacy", "accessibility", "contact"):
        assert (site.output / slug / "index.html").exists(), slug


def test_no_draft_appears_anywhere(site):
    unpublished = [(slug, meta["title"]) for folder in ("posts", "policies", "councillors", "pages")
                   for slug, meta in drafts(folder)]
    assert unpublished, "the launch content keeps one draft to prove this"
    for path in site.output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for slug, title in unpublished:
                assert slug.encode() not in data and title.encode() not in data, (path, slug)


def test_category_and_tag_pages_list_their_posts(site, settings):
    for key in settings["POST_CATEGORIES"]:
        expected = {f"/news/{slug}/" for slug, meta in published("posts") if meta["category"] == key}
        if expected:
            listed = {a["href"] for a in site.html(f"news/category/{key}/").select("main .card-title a")}
            assert listed == expected, key
    tagged = {f"/news/{slug}/" for slug, meta in published("posts") if "councillors" in meta.get("tags", [])}
    assert {a["href"] for a in site.html("news/tag/councillors/").select("main .card-title a")} == tagged


def test_news_is_paginated(make_site):
    posts = {
        f"posts/post-{n:02d}.md": f"---\ntitle: Post number {n}\ndate: 2021-11-{n:02d}\n"
        f"category: news\nsummary: Post {n}.\n---\nText {n}.\n"
        for n in range(1, 13)
    }
    build = make_site(posts)
    assert build.returncode == 0, build.stderr
    first, second = build.html("news/"), build.html("news/page/2/")
    assert first.find("a", rel="next")["href"] == "/news/page/2/"
    assert second.find("a", rel="prev")["href"] == "/news/"
    on_first = {a.get_text() for a in first.select("main .card-title a")}
    on_second = {a.get_text() for a in second.select("main .card-title a")}
    assert len(on_first) == 10 and not on_first & on_second
    assert "Post number 12" in on_first and "Post number 1" in on_second


def test_the_contact_page_links_its_addresses_and_pages(site):
    """Every email address shown on the contact page is a mailto: link, and
    the pages it names are links to them."""
    import re

    main = site.html("contact/").main
    # Joined without spaces: <wbr> splits an address's text into several.
    shown = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", main.get_text("")))
    linked = {a["href"].removeprefix("mailto:") for a in main.select('a[href^="mailto:"]')}
    assert shown and shown == linked
    links = {text_of(a): a["href"] for a in main.select("a")}
    assert links["press page"] == "/press/" and links["councillors page"] == "/councillors/"


@pytest.mark.parametrize("name,path", list(PAGE_TYPES.items()))
def test_join_and_donate_are_buttons_in_every_header(site, settings, name, path):
    buttons = [(text_of(a), a["href"]) for a in site.html(path).select("header .nav-button a")]
    assert buttons == [(label, f"/{url}") for label, url in settings["MENU_BUTTONS"]], name
    assert [label for label, _ in buttons] == ["Join", "Donate"]


def test_every_post_ends_with_a_call_to_join_donate_or_support(site, settings):
    for slug, _ in published("posts"):
        call = site.html(f"news/{slug}/").select_one("main article .join-call")
        assert call is not None, slug
        links = {a["href"] for a in call.select("a")}
        assert {settings["JOIN_URL"], settings["DONATE_URL"], settings["SUPPORTER_URL"]} <= links, slug


def test_every_invitation_to_sign_up_as_a_supporter_has_somewhere_to_go(site, settings):
    """The posts and the join page that ask readers to sign up as supporters
    link to SUPPORTER_URL (the privacy notice only describes it)."""
    pages = [f"news/{slug}/" for slug, _ in published("posts")] + ["join/"]
    inviting = [path for path in pages if "sign up as a supporter" in text_of(site.html(path).main).lower()]
    assert len(inviting) >= 4
    for path in inviting:
        assert site.html(path).main.select(f'a[href="{settings["SUPPORTER_URL"]}"]'), path


def test_every_mention_of_the_contact_page_links_it(site):
    """"Please use our contact page", said on /donate/ and two councillors'
    pages, left the reader to find it."""
    unlinked = []
    for page in site.html_files():
        main = site.html(str(page.relative_to(site.output))).main
        for words in main.find_all(string=lambda text: "contact page" in text.lower()) if main else ():
            if words.find_parent("a", href="/contact/") is None:
                unlinked.append((str(page.relative_to(site.output)), words.strip()[:60]))
    assert unlinked == []


def test_the_join_and_donate_pages_start_with_their_buttons(site, settings):
    join = site.html("join/").main
    first_button = join.select_one("a.button")
    assert first_button["href"] == settings["JOIN_URL"]
    assert first_button.find_parent(class_="prose") is None  # above the text, not only after it
    donate = site.html("donate/").main
    amounts = [(text_of(a), a["href"]) for a in donate.select(".suggested-amounts a")][:len(settings["DONATE_AMOUNTS"])]
    assert amounts == [(f"£{amount}", settings["DONATE_AMOUNT_URL"].format(amount=amount))
                       for amount in settings["DONATE_AMOUNTS"]]


@pytest.mark.parametrize("written, shown", [
    ('"Homes for all"', "“Homes for all”"),
    ("Labour's cuts in the '90s", "Labour’s cuts in the ’90s"),
    ("workers' rights", "workers’ rights"),
    ("'Hello'", "‘Hello’"),
    # Quotes inside quotes, either way round.
    ("\"'Hello'\"", "“‘Hello’”"),
    ("'\"Hi\"'", "‘“Hi”’"),
    ("\"She said 'no'\"", "“She said ‘no’”"),
    ("\"Workers'\" rights", "“Workers’” rights"),
    ("a (\"quote\") - 'dash'", "a (“quote”) - ‘dash’"),
])
def test_front_matter_quotes_become_typographic(written, shown):
    from sitecore.typography import typographic

    assert typographic(written) == shown


def test_quotes_and_apostrophes_are_typographic_everywhere(site):
    """Front matter text (titles, summaries, commitments) gets the curly
    quotes Markdown gives the bodies: no page, PDF or the text edition mixes
    straight and curly ones."""
    from pdf_tools import pdftotext

    straight = {}
    for page in site.html_files():
        relative = str(page.relative_to(site.output))
        soup = copy.copy(site.html(relative))  # changed below: the parsed page is shared
        for hidden in soup.select("script, style, code, pre"):
            hidden.decompose()
        found = [word for word in text_of(soup.body).split() if "'" in word or '"' in word]
        if found:
            straight[relative] = found[:3]
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        found = [word for word in pdftotext(site.output / name).split() if "'" in word or '"' in word]
        if found:
            straight[name] = found[:3]
    found = [word for word in (site.output / "minifesto.txt").read_text(encoding="utf-8").split()
             if "'" in word or '"' in word]
    if found:
        straight["minifesto.txt"] = found[:3]
    assert straight == {}
