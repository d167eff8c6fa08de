"""Text in another language is marked as such (WCAG 3.1.1 and 3.1.2).

- A passage in Welsh, French or Polish inside a text carries `lang`
  (`<span lang="cy">`, `<blockquote lang="pl">`, Markdown's `{: lang=fr }`),
  which the HTML allowlist keeps when it is a language tag and refuses, at
  its line, when it is not.
- A post or page written in Welsh says so (`language: cy`, one of
  LANGUAGES): its own words carry lang="cy" on its page and wherever they
  are listed, while the site's English words around them stay English; its
  JSON-LD, og:locale and feed entry say Welsh; search finds it and marks its
  result Welsh; axe-core and the Nu HTML Checker find nothing wrong."""

from __future__ import annotations

import subprocess
import sys

import feedparser
import pytest
import yaml
from browser import serve_with_nginx
from conftest import REPO, build_in
from reader_visits import ReaderVisits, visit_problems
from test_accessibility import nu_messages
from test_bad_input import GOOD_POST
from test_search import results_for
from test_sharing import json_ld, meta_content

from sitecore.html_refusals import refusals
from sitecore.html_sanitiser import clean
from sitecore.imprint import imprint_text

# --- Parts: the allowlist's `lang` ------------------------------------------

MARKED_PASSAGES = [
    '<p>We said <span lang="cy">Diolch yn fawr</span> to the crowd.</p>',
    '<p lang="fr">Liberté, égalité, fraternité.</p>',
    '<blockquote lang="pl"><p>Dzień dobry.</p></blockquote>',
    '<p><em lang="cy">Cymraeg</em> and <q lang="en-GB">English</q></p>',
    '<p><img src="/images/a.jpg" alt="Baner y Ddraig Goch" lang="cy"></p>',
    # Tags the registry lists as they are, though langcodes would name them
    # otherwise: Tagalog is not Filipino ("fil"), Dari not "fa-AF".
    '<p lang="tl">Salamat po.</p>',
    '<p lang="prs">Tashakor.</p>',
    '<p lang="sr-Latn-RS">Hvala.</p>',
    '<p lang="de-DE-1996">Danke.</p>',
    # Written right to left: its direction too.
    '<p lang="ur" dir="rtl">آپ کا شکریہ۔</p>',
    '<blockquote lang="ar" dir="RTL"><p>شكرا لكم.</p></blockquote>',
]


@pytest.mark.parametrize("html", MARKED_PASSAGES)
def test_the_allowlist_keeps_a_language_tag(html):
    assert refusals(html) == []
    assert clean(html) == html


NOT_LANGUAGE_TAGS = ["Welsh", "en_GB", " cy", "CY", "", "cy gb", "x-klingon", "javascript:alert(1)", "cy-" + "a" * 9,
                     # the shape, but no language the registry knows, or not in its form
                     "wl", "xx", "cy-Xxxx", "wel", "en-UK",
                     # a stranger's thousand subtags: langcodes' parser recursed into a RecursionError
                     "en" + "-a1b2c3d4" * 1000]


@pytest.mark.parametrize("written, registered", [
    ("cy", "cy"), ("en-gb", "en-GB"), ("tl", "tl"), ("sh", "sh"),
    ("iw", "he"), ("en-BU", "en-MM"),  # the registry's own replacements
    ("wel", "cy"), ("cym", "cy"), ("en-UK", "en-GB"),  # names the registry does not list, langcodes knows
    ("wl", None), ("xx", None), ("cy-Xxxx", None),
])
def test_a_tag_is_held_to_the_registry_and_told_its_registered_form(written, registered):
    from sitecore.language_tags import registered_form

    assert registered_form(written) == registered


@pytest.mark.parametrize("value", NOT_LANGUAGE_TAGS)
def test_the_allowlist_refuses_a_lang_that_is_not_a_language_tag(value):
    html = f'<p>Said <span lang="{value}">Diolch</span>.</p>'
    assert [(refusal.kind, refusal.tag) for refusal in refusals(html)] == [("value", "span")]
    assert clean(html) == "<p>Said <span>Diolch</span>.</p>"


WELSH_PASSAGES = GOOD_POST.removesuffix("Text.\n") + """\
We said <span lang="cy">Diolch yn fawr</span> to the crowd.

Diolch yn fawr.
{: lang=Welsh }

<p lang="en_GB">Thank you.</p>

*Merci*{: lang=fr } said the visitors.

آپ کا شکریہ۔
{: lang=ur dir=rtl }
"""


def test_a_lang_that_is_not_a_language_tag_is_refused_at_its_line(make_site):
    """Markdown's attr_list (`{: lang=… }`, in the `extra` extension) writes
    HTML the allowlist checks like any other: it cannot pass a wrong tag."""
    built = make_site({"posts/hello.md": WELSH_PASSAGES})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        'content/posts/hello.md:10: body: lang="Welsh" on <p> is not a language tag: no language has it — '
        'write the language\'s tag of two or three lower-case letters: lang="cy" for Welsh, lang="fr" for French, '
        'lang="pl" for Polish '
        '(a region may follow a hyphen: lang="en-GB")',
        'content/posts/hello.md:12: body: lang="en_GB" on <p> is not written as a language tag — write lang="en-GB"',
    ]


# Wrong tags below right ones that they begin like, or match but for capitals.
WRONG_BELOW_RIGHT = GOOD_POST.removesuffix("Text.\n") + """\
<span lang="cy">Croeso</span> and <span lang="en-GB">welcome</span>.

Later <span lang="CY">arall</span>.

And <span lang="e">gair</span>.

<span lang="wl">Typo</span>, <span lang="wel">hen</span> and <span lang="en-UK">old</span>.
"""


def test_a_wrong_lang_is_told_at_its_own_line_below_a_right_one(make_site):
    built = make_site({"posts/hello.md": WRONG_BELOW_RIGHT})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        'content/posts/hello.md:9: body: lang="CY" on <span> is not written as a language tag — write lang="cy"',
        'content/posts/hello.md:11: body: lang="e" on <span> is not a language tag: no language has it — '
        'write the language\'s tag of two or three lower-case letters: lang="cy" for Welsh, lang="fr" for French, '
        'lang="pl" for Polish '
        '(a region may follow a hyphen: lang="en-GB")',
        # An old form the registry writes otherwise, or the shape of a tag
        # but no language ("wl": a typo for Welsh): each told at its line.
        'content/posts/hello.md:13: body: lang="en-UK" on <span> is not written as a language tag — '
        'write lang="en-GB"',
        'content/posts/hello.md:13: body: lang="wel" on <span> is not written as a language tag — write lang="cy"',
        'content/posts/hello.md:13: body: lang="wl" on <span> is not a language tag: no language has it — '
        'write the language\'s tag of two or three lower-case letters: lang="cy" for Welsh, lang="fr" for French, '
        'lang="pl" for Polish '
        '(a region may follow a hyphen: lang="en-GB")',
    ]


PASSAGES_MARKED_RIGHT = WELSH_PASSAGES.replace("lang=Welsh", "lang=cy").replace('"en_GB"', '"en-GB"')


def test_a_marked_passage_is_published_with_its_language(make_site):
    built = make_site({"posts/hello.md": PASSAGES_MARKED_RIGHT})
    assert built.returncode == 0, built.stderr
    prose = built.html("news/hello/").select_one(".prose")
    assert [(element.name, element["lang"], element.get_text()) for element in prose.select("[lang]")] == [
        ("span", "cy", "Diolch yn fawr"), ("p", "cy", "Diolch yn fawr."), ("p", "en-GB", "Thank you."),
        ("em", "fr", "Merci"), ("p", "ur", "آپ کا شکریہ۔")]
    assert [element["dir"] for element in prose.select("[dir]")] == ["rtl"]


@pytest.mark.parametrize("value", ["right", "rtl;", "", "rtl ltr"])
def test_a_direction_that_is_none_is_refused_with_the_one_to_write(value):
    from sitecore.html_refusal_messages import explain

    html = f'<p lang="ur" dir="{value}">آپ کا شکریہ۔</p>'
    found = refusals(html)
    assert [(refusal.kind, refusal.tag) for refusal in found] == [("value", "p")]
    assert explain(found[0], "posts")[1].startswith('write dir="rtl" for a passage written right to left')


# --- A whole post or page: its `language` ------------------------------------

WELSH_POST = """\
---
title: Croeso i'n cangen newydd yng Nghaerdydd
date: 2022-03-01
category: news
summary: Mae ein cangen newydd yng Nghaerdydd yn agor ei drysau nos Fawrth.
language: cy
image: images/press/alex-mays.jpg
image_alt: Alex Mays yn agor y gangen
corrections:
  - date: 2022-03-02
    note: Roedd fersiwn gynharach yn rhoi'r diwrnod anghywir.
---
Rydym yn falch iawn o agor cangen newydd yn y brifddinas. Dewch i'n cyfarfod cyntaf.
"""
WELSH_PAGE = """\
---
title: Amdanom ni
summary: Pwy ydym ni a beth rydym yn ei gredu.
language: cy
---
Plaid sosialaidd ddemocrataidd ydym ni, wedi ei hadeiladu gan bobl gyffredin.
"""


def test_a_language_the_site_does_not_publish_in_is_refused_at_its_line(make_site):
    """The values are LANGUAGES' (pelicanconf.py); Pelican's own `lang`,
    which would move the post to another address, is pointed to `language`."""
    built = make_site({"posts/croeso.md": WELSH_POST.replace("language: cy", "language: Welsh"),
                       "pages/amdanom-ni.md": WELSH_PAGE.replace("language: cy", "lang: cy")})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        "content/pages/amdanom-ni.md:4: lang: is not a field of a page — did you mean 'language'? "
        "(what other sites call lang is language here)",
        'content/posts/croeso.md:6: language: "Welsh" is not one of the allowed values — use one of: en-GB, cy '
        "(the list is LANGUAGES in pelicanconf.py)",
    ]


def test_a_language_setting_that_is_not_a_tag_stops_the_build_at_its_line(make_site):
    """LANGUAGES' keys are what `language:` is checked against and what
    `lang` is set to: each must be a tag the allowlist would pass."""
    built = make_site(settings={"LANGUAGES": '{"en-GB": "English", "Welsh": "cy"}'})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.stderr.splitlines()[:2] == [
        "1 content problem found:",
        'settings_for_this_build.py:3: LANGUAGES: its key "Welsh" (text) is not a language tag — write the tag before the '
        "colon, two or three lower-case letters (and a region after a hyphen, if any), and the name after it: "
        '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}']


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory, factory_cache):
    """A site with a post and a page in Welsh, and an English post quoting Welsh."""
    built = build_in(tmp_path_factory.mktemp("welsh"), {
        "posts/croeso.md": WELSH_POST, "pages/amdanom-ni.md": WELSH_PAGE,
        "posts/hello.md": PASSAGES_MARKED_RIGHT},
        cache=factory_cache, options=("--now", "2022-03-02 12:00"))
    assert built.returncode == 0, built.stderr
    return built


def test_the_editor_offers_the_languages_the_site_publishes_in(welsh_site):
    """The browser editor's form is made from the schema (plugins/cms): a
    post's language is a choice of LANGUAGES, by name, and may be left empty."""
    config = yaml.safe_load((welsh_site.output / "admin/config.yml").read_text(encoding="utf-8"))
    posts = next(collection for collection in config["collections"] if collection["name"] == "posts")
    language = next(field for field in posts["fields"] if field["name"] == "language")
    assert (language["widget"], language["required"]) == ("select", False)
    assert language["options"] == [{"label": "English", "value": "en-GB"}, {"label": "Welsh (Cymraeg)", "value": "cy"}]


# --- Rendering: the item's words in its language, the site's in English ------

def marked(soup) -> list[tuple[str, str]]:
    """Each element of the page that says its language: (tag.class, lang)."""
    return [(".".join([element.name, *element.get("class", [])]), element["lang"]) for element in soup.select("[lang]")]


def test_a_welsh_post_s_own_words_are_welsh_and_the_site_s_stay_english(welsh_site):
    """Its title (and the document's), summary, image, correction and text;
    not the menus, the category, the date, "Correction" or the footer."""
    post = welsh_site.html("news/croeso/")
    assert marked(post) == [("html", "en-gb"), ("title", "cy"), ("meta", "cy"), ("h1", "cy"), ("span", "cy"),
                            ("p.lead", "cy"), ("figure.post-image", "cy"), ("div.prose", "cy")]
    assert post.select_one(".correction-notes span[lang=cy]").get_text() == (
        "Roedd fersiwn gynharach yn rhoi\u2019r diwrnod anghywir.")
    assert post.select_one(".correction-notes strong").get_text() == "Correction, 2 March 2022:"


def test_a_welsh_page_s_own_words_are_welsh(welsh_site):
    assert marked(welsh_site.html("amdanom-ni/")) == [("html", "en-gb"), ("title", "cy"), ("meta", "cy"), ("h1", "cy"),
                                                     ("p.lead", "cy"), ("div.prose", "cy")]


def test_an_english_post_marks_only_its_passages_in_other_languages(welsh_site):
    assert marked(welsh_site.html("news/hello/")) == [("html", "en-gb"), ("span", "cy"), ("p", "cy"), ("p", "en-GB"),
                                                     ("em", "fr"), ("p", "ur")]


@pytest.mark.parametrize("listing", ["", "news/", "news/category/news/", "news/2022/03/"])
def test_a_listing_marks_a_welsh_post_s_title_and_summary(welsh_site, listing):
    card = welsh_site.html(listing).find("a", href="/news/croeso/").find_parent("article")
    assert [(element.name, element["lang"]) for element in card.select("[lang]")] == [("a", "cy"), ("p", "cy")]
    assert "lang" not in card.select_one(".meta").attrs  # its date and category are the site's words


@pytest.mark.parametrize("page, in_language, locale", [
    ("news/croeso/", "cy", "cy_GB"), ("news/hello/", "en-gb", "en_GB"), ("amdanom-ni/", None, "cy_GB"),
    ("about/", None, "en_GB")])
def test_search_engines_and_platforms_are_told_the_language(welsh_site, page, in_language, locale):
    """JSON-LD's inLanguage (a post's NewsArticle; a page has no JSON-LD)
    and og:locale, which Open Graph writes with a territory: the site's."""
    soup = welsh_site.html(page)
    assert [data["inLanguage"] for data in json_ld(soup)] == ([in_language] if in_language else [])
    assert meta_content(soup, "og:locale") == locale


def test_a_welsh_post_s_feed_entry_marks_its_words_welsh(welsh_site):
    """Its title (xml:lang, as it is plain text), summary and text; its
    correction's note but not the label; not the imprint."""
    feed = feedparser.parse(welsh_site.output / "feeds/all.atom.xml")
    entries = {entry.link.rsplit("/news/", 1)[1]: entry for entry in feed.entries}
    welsh, english = entries["croeso/"], entries["hello/"]
    assert (welsh.title_detail.language, english.title_detail.language) == ("cy", feed.feed.language)
    assert feed.feed.language.lower() == "en-gb"
    assert welsh.summary.startswith('<div lang="cy">Mae ein cangen') and welsh.summary.endswith("</div>")
    content = welsh.content[0].value
    assert content.startswith('<p class="correction"><strong>Correction, 2 March 2022:</strong> '
                              '<span lang="cy">Roedd fersiwn')
    assert '<div lang="cy"><p>Rydym yn falch iawn' in content
    assert content.split("</div>")[-1].strip().startswith('<p class="imprint">Promoted by')
    assert "<div lang" not in english.summary + english.content[0].value


# --- In a browser: checked, and found by search ------------------------------

WELSH_PAGES = {"Welsh post": "news/croeso/", "Welsh page": "amdanom-ni/", "English post with Welsh": "news/hello/",
               "news listing": "news/"}


@pytest.fixture(scope="module")
def welsh_served(welsh_site, tmp_path_factory):
    """The Welsh site served by nginx with the headers the build wrote."""
    with serve_with_nginx(welsh_site.output, tmp_path_factory.mktemp("nginx-welsh")) as base_url:
        yield base_url


@pytest.mark.browser
def test_axe_and_the_nu_html_checker_find_nothing_wrong_with_welsh(welsh_served, browser, settings, welsh_site):
    visits = ReaderVisits(browser, welsh_served, imprint_text(settings))
    try:
        assert visit_problems(visits, WELSH_PAGES) == []
    finally:
        visits.close()
    assert nu_messages([welsh_site.output / path / "index.html" for path in WELSH_PAGES.values()]) == []


@pytest.mark.browser
def test_search_finds_a_welsh_page_and_marks_its_result_welsh(welsh_served, browser):
    """The index has one language (plugins/search: force_language), the
    site's; a Welsh page is in it all the same, found by its Welsh words, and
    its result's title and excerpt are marked Welsh (js/search.js)."""
    page = browser.new_page(bypass_csp=True)  # results_for waits with wait_for_function
    try:
        page.goto(f"{welsh_served}/search/")
        page.wait_for_selector("#search-app:not([hidden])")
        assert results_for(page, "sosialaidd") == ["/amdanom-ni/"]
        result = page.locator("#search-results li").first
        assert [result.locator("a").get_attribute("lang"), result.locator("p").get_attribute("lang")] == ["cy", "cy"]
        assert results_for(page, "crowd") == ["/news/hello/"]
        assert page.locator("#search-results li a").first.get_attribute("lang") is None
    finally:
        page.close()


def test_words_are_wrapped_only_when_their_language_is_not_the_site_s():
    """A correction's note on an English post stays as it was written, with no
    bare <span> around it; on a Welsh post it is marked Welsh."""
    from types import SimpleNamespace

    from sitecore.languages import in_own_language

    settings = {"DEFAULT_LANG": "en-gb"}
    assert in_own_language("Rents <£5", SimpleNamespace(), settings) == "Rents &lt;£5"
    assert in_own_language("Rents <£5", SimpleNamespace(language="EN-GB"), settings) == "Rents &lt;£5"
    assert in_own_language("Rhenti", SimpleNamespace(language="cy"), settings) == '<span lang="cy">Rhenti</span>'


def test_the_registrys_answers_are_kept_so_a_build_loads_it_only_for_a_tag_not_asked_before(tmp_path):
    """Loading langcodes' registry takes about 0.1 s, and every build checks
    LANGUAGES: the second check of the same tags, in a new process (as the
    next build is), answers from the cache and never imports langcodes."""
    ask = ("import sys; from sitecore.language_tags import answers_kept_in, is_language_tag\n"
           f"with answers_kept_in({str(tmp_path)!r}):\n"
           "    print(is_language_tag('cy'), is_language_tag('wl'), is_language_tag('wel'), 'langcodes' in sys.modules)")
    first, second = (subprocess.run([sys.executable, "-c", ask], cwd=REPO, capture_output=True, text=True, check=True)
                     .stdout.split() for _ in range(2))
    assert first == ["True", "False", "False", "True"]
    assert second == ["True", "False", "False", "False"]


def test_a_correction_in_another_language_than_its_post_is_marked_as_its_own(make_site):
    """A bilingual press office corrects a Welsh post in English: the note
    was marked Welsh with the post's other words, on the page, in the feed
    and in the structured data. Its own `language` says otherwise."""
    post = WELSH_POST.replace(
        "    note: Roedd fersiwn gynharach yn rhoi'r diwrnod anghywir.\n",
        "    note: Roedd fersiwn gynharach yn rhoi'r diwrnod anghywir.\n"
        "  - date: 2022-03-03\n    note: An earlier version gave the wrong day.\n    language: en-GB\n")
    build = make_site({"posts/croeso.md": post}, options=("--now", "2022-03-04 12:00"))
    assert build.returncode == 0, build.stderr
    notes = build.html("news/croeso/").select(".correction-notes p")
    assert [note.find("span", lang=True) and note.find("span", lang=True)["lang"] for note in notes] == ["cy", None]
    assert "An earlier version gave the wrong day." in notes[1].get_text()
    [data] = [d for d in json_ld(build.html("news/croeso/")) if d.get("correction")]
    assert [c["inLanguage"] for c in data["correction"]] == ["cy", "en-GB"]
    [entry] = [e for e in feedparser.parse(build.output / "feeds/all.atom.xml").entries if "croeso" in e.link]
    assert ("<strong>Correction, 3 March 2022:</strong> An earlier version gave the wrong day."
            in entry.content[0].value)
