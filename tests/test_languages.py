"""Text in another language is marked as such (WCAG 3.1.2, Language of Parts).

A passage in Welsh, French or Polish inside a text carries `lang`
(`<span lang="cy">`, `<blockquote lang="pl">`, Markdown's `{: lang=fr }`),
which the HTML allowlist keeps when it is a language tag and refuses, at its
line, when it is not."""

from __future__ import annotations

import pytest
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
