"""Each post's <title> names that post alone.

A party's headlines recur: "Statement on the budget" every March, "Our
candidates for Leeds" at every election. With one <title>, the posts were
one name in a screen reader's list of open pages, in browser history, in
search engines' results and in a journalist's bookmarks. So a post whose
title another published post shares (compared without regard to capitals)
is named in its <title> with its date, and with its time too where the
other is from the same day; its heading stays as written. Any post's title
or date changing renders every page again (sitebuild/page_reuse.py), so a
page kept from the last build never keeps an old <title>.
"""

from __future__ import annotations

from collections import defaultdict

from pelican import signals


def name_shared_titles(generator) -> None:
    """Set each post's `title_in_head`: its title, or its title and when."""
    by_title = defaultdict(list)
    for post in generator.articles:
        by_title[post.title.casefold()].append(post)
    date_format = generator.settings["DEFAULT_DATE_FORMAT"]
    for posts in by_title.values():
        days = defaultdict(int)
        for post in posts:
            days[post.date.date()] += 1
        for post in posts:
            when = post.date.strftime(date_format if days[post.date.date()] == 1 else f"{date_format}, %H:%M")
            post.title_in_head = post.title if len(posts) == 1 else f"{post.title} ({when})"


def register() -> None:
    signals.article_generator_finalized.connect(name_shared_titles)
