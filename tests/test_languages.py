"""Text in another language is marked as such (WCAG 3.1.2, Language of Parts).

A passage in Welsh, French or Polish inside a text carries `lang`
(`<span lang="cy">`, `<blockquote lang="pl">`, Markdown's `{: lang=fr }`),
which the HTML allowlist keeps when it is a language tag and refuses, at its
line, when it is not."""

from __future__ import annotations

import pytest
import yaml
from conftest import build_in
from test_bad_input import GOOD_POST

from sitecore.html_refusals import refusals
from sitecore.html_sanitiser import clean

# --- Parts: the allowlist's `lang` ------------------------------------------

MARKED_PASSAGES = [
    '<p>We said <span lang="cy">Diolch yn fawr</span> to the crowd.</p>',
    '<p lang="fr">Liberté, égalité, fraternité.</p>',
    '<blockquote lang="pl"><p>Dzień dobry.</p></blockquote>',
    '<p><em lang="cy">Cymraeg</em> and <q lang="en-GB">English</q></p>',
    '<p><img src="/images/a.jpg" alt="Baner y Ddraig Goch" lang="cy"></p>',
]


@pytest.mark.parametrize("html", MARKED_PASSAGES)
def test_the_allowlist_keeps_a_language_tag(html):
    assert refusals(html) == []
    assert clean(html) == html


NOT_LANGUAGE_TAGS = ["Welsh", "en_GB", " cy", "CY", "", "cy gb", "x-klingon", "javascript:alert(1)", "cy-" + "a" * 9]


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
"""


def test_a_lang_that_is_not_a_language_tag_is_refused_at_its_line(make_site):
    """Markdown's attr_list (`{: lang=… }`, in the `extra` extension) writes
    HTML the allowlist checks like any other: it cannot pass a wrong tag."""
    built = make_site({"posts/hello.md": WELSH_PASSAGES})
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert built.problem_lines == [
        'content/posts/hello.md:10: body: lang="Welsh" on <p> is not a language tag — write the language\'s tag '
        'of two or three lower-case letters: lang="cy" for Welsh, lang="fr" for French, lang="pl" for Polish '
        '(a region may follow a hyphen: lang="en-GB")',
        'content/posts/hello.md:12: body: lang="en_GB" on <p> is not written as a language tag — write lang="en-GB"',
    ]


def test_a_marked_passage_is_published_with_its_language(make_site):
    fixed = WELSH_PASSAGES.replace("lang=Welsh", "lang=cy").replace('"en_GB"', '"en-GB"')
    built = make_site({"posts/hello.md": fixed})
    assert built.returncode == 0, built.stderr
    prose = built.html("news/hello/").select_one(".prose")
    assert [(element.name, element["lang"], element.get_text()) for element in prose.select("[lang]")] == [
        ("span", "cy", "Diolch yn fawr"), ("p", "cy", "Diolch yn fawr."), ("p", "en-GB", "Thank you."),
        ("em", "fr", "Merci")]


# --- A whole post or page: its `language` ------------------------------------

WELSH_POST = """\
---
title: Croeso i'n cangen newydd yng Nghaerdydd
date: 2022-03-01
category: news
summary: Mae ein cangen newydd yng Nghaerdydd yn agor ei drysau nos Fawrth.
language: cy
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
        'pelicanconf.py:1: LANGUAGES: its key "Welsh" (text) is not a language tag — write the tag before the '
        "colon, two or three lower-case letters (and a region after a hyphen, if any), and the name after it: "
        '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}']


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory, factory_cache):
    """A site with a post and a page in Welsh, and an English post quoting Welsh."""
    built = build_in(tmp_path_factory.mktemp("welsh"), {
        "posts/croeso.md": WELSH_POST, "pages/amdanom-ni.md": WELSH_PAGE,
        "posts/hello.md": WELSH_PASSAGES.replace("lang=Welsh", "lang=cy").replace('"en_GB"', '"en-GB"')},
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
