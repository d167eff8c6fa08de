"""Which posts each Atom feed holds: those published, corrected or updated
most recently.

Pelican puts in a feed the FEED_MAX_ITEMS newest posts by date, so a
correction to an older post never reached the news feed, though the README
says its entry moves up in feed readers (a corrected post's entry is
<updated> at its latest correction: plugins/frontmatter). Here, once Pelican
has made a feed (`feed_generated`), a post changed since is added, as
Pelican makes an entry, and the entry changed least recently goes; the
entries stay in the order of their dates. With no such change the feed is
Pelican's own.

A plugin of its own, listed in PLUGINS before those that finish each entry
(plugins/images gives entries their pictures' plain copies, plugins/feeds
makes every address absolute): an entry added after them was left with the
full-size picture.
"""

from __future__ import annotations

import datetime as dt

from pelican import signals
from pelican.writers import Writer

from sitecore.urls import category_of_feed, entry_address


def posts_of_feed(context: dict, feed_url: str, domain: str) -> list | None:
    """The posts a feed is made from (the news feed: every post; a
    category's: its posts), newest first; None for a feed of another kind."""
    category = category_of_feed(context, feed_url, domain)
    if category:
        return category[1]
    if context.get("FEED_ALL_ATOM") and feed_url == f"{domain}/{context['FEED_ALL_ATOM']}":
        return context.get("articles", [])
    return None


def last_change(post) -> dt.datetime:
    """When a post was last published, put right or updated: its entry's
    <updated> (`modified`, which a correction moves on)."""
    return getattr(post, "modified", None) or post.date


def latest_entries(context: dict, feed) -> None:
    limit = context.get("FEED_MAX_ITEMS")
    domain = context["FEED_DOMAIN"].rstrip("/")
    posts = posts_of_feed(context, feed.feed["feed_url"], domain) if limit else None
    if not posts:
        return
    latest = sorted(posts, key=last_change, reverse=True)[:limit]
    held = {entry_address(item) for item in feed.items}
    added = [post for post in latest if post.url not in held]
    if not added:
        return
    # Pelican's own way of making an entry (a Writer's, which has no other).
    writer = Writer(context["OUTPUT_PATH"], settings=context)
    writer.site_url = context["SITEURL"]
    for post in added:
        writer._add_item_to_the_feed(feed, post)
    kept = {post.url for post in latest}
    order = {post.url: place for place, post in enumerate(posts)}
    feed.items[:] = sorted((item for item in feed.items if entry_address(item) in kept),
                           key=lambda item: order[entry_address(item)])


def register() -> None:
    signals.feed_generated.connect(latest_entries)
