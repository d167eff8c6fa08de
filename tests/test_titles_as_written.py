"""A title shows as its author wrote it, in every place a page names it:
the browser's tab (<title>), the heading, the share tags and the JSON-LD
headline (where Google's limit cuts a long one at a word, with "…")."""

from __future__ import annotations

import json
import textwrap

from conftest import MINIMAL_SITE

TITLE = ("Why <insert name> & the Humber's councillors back the nurses in their fight for "
         "fair pay settlements, and what comes next")


def test_a_title_with_angle_brackets_and_a_long_tail_shows_as_written(make_site, settings):
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace("title: Hello from the party", f'title: "{TITLE}"')
    build = make_site({"posts/hello.md": post})
    assert build.returncode == 0, build.stderr
    page = build.html("news/hello/")
    shown = TITLE.replace("'", "\u2019")  # typographic apostrophe, as everywhere
    assert page.title.string == f"{shown} | {settings['SITENAME']}"
    assert page.select_one("main h1").get_text(strip=True) == shown
    assert page.find("meta", property="og:title")["content"] == shown
    [data] = [json.loads(script.string) for script in page.find_all("script", type="application/ld+json")]
    assert len(shown) > 110
    assert data["headline"] == ("Why <insert name> & the Humber\u2019s councillors back the nurses in their fight for "
                                "fair pay settlements, and…")  # whole words only
    assert len(data["headline"]) <= 110
