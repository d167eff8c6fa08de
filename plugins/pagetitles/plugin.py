"""Each post's <title> names that post alone.

A party's headlines recur: "Statement on the budget" every March, "Our
candidates for Leeds" at every election. With one <title>, the posts were
one name in a screen reader's list of open pages, in browser history, in
search engines' results and in a journalist's bookmarks. So a post whose
title another published post shares (compared without regard to capitals)
is named in its <title> with its date, and with its time too where the
other is from the same day (or "2 of 2", where their times are the same);
its heading stays as written. Any post's title
or date changing renders every page again (sitebuild/page_reuse.py), so a
page kept from the last build never keeps an old <title>; the live
preview's quick step names them again too (`items_renewed`).
"""

from __future__ import annotations

from collections import defaultdict

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitecore.renewed import items_renewed


def name_shared_titles(generator) -> None:
    """Set each post's `title_in_head`: its title, or its title and when."""
    by_title = defaultdict(list)
    for post in generator.articles:
        by_title[post.title.casefold()].append(post)
    date_format = generator.settings["DEFAULT_DATE_FORMAT"]
    for posts in by_title.values():
        for post in posts:
            post.title_in_head = post.title
        if len(posts) == 1:
            continue
        by_day = defaultdict(list)
        for post in sorted(posts, key=lambda post: (post.date, post.source_path)):
            by_day[post.date.date()].append(post)
        for day, same_day in by_day.items():
            for number, post in enumerate(same_day, 1):
                post.title_in_head = f"{post.title} ({day_and_place(post, number, same_day, date_format)})"


def day_and_place(post, number: int, same_day: list, date_format: str) -> str:
    """The post's day; on a day with another post of its title, its time
    too, or, where their times are the same (posts dated without one), its
    place among them."""
    day = post.date.strftime(date_format)
    if len(same_day) == 1:
        return day
    if len({other.date.strftime("%H:%M") for other in same_day}) == len(same_day):
        return f"{day}, {post.date.strftime('%H:%M')}"
    return f"{day}, {number} of {len(same_day)}"


def name_renewed_titles(generators, items=()) -> None:
    """The live preview's quick step changed a post's title in place: name
    the posts again, as the full build will."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            name_shared_titles(generator)


def register() -> None:
    signals.article_generator_finalized.connect(name_shared_titles)
    items_renewed.connect(name_renewed_titles)
