"""The content items of a build: every file read, published or not.

One place decides what "every item" is, so the checks, the cross-references
and the share cards never disagree about which items exist.
"""

from __future__ import annotations

import os
from itertools import chain

from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator

# The collection each of Pelican's own content types is published under; our
# own types (plugins.typedcontent) name theirs as `collection`.
PELICAN_COLLECTIONS = ((Article, "news"), (Page, "pages"))
# The settings (ARTICLE_URL, PAGE_URL) giving a published post's or page's address.
URL_SETTINGS = ((Article, "article"), (Page, "page"))


class TypedContent(Content):
    """Our own content types (policies, councillors, events, branches,
    candidates): published unless the front matter says `status: draft`
    (an embargo not yet passed makes it a draft too). Each names its
    `collection` ("events"), `default_template` and `mandatory_properties`."""

    allowed_statuses = ("published", "draft")
    default_status = "published"
    collection: str


def collection_of(item) -> str:
    """"news", "pages", "policies", "councillors" …: where an item belongs."""
    for content_class, collection in PELICAN_COLLECTIONS:
        if isinstance(item, content_class):
            return collection
    return type(item).collection


def published_items(generators):
    """Every item the public site shows (in a drafts preview, drafts too)."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from generator.articles
        elif isinstance(generator, PagesGenerator):
            yield from chain(generator.pages, generator.hidden_pages)
        elif hasattr(generator, "published_items"):
            yield from generator.published_items()


def content_items(generators):
    """Every item read, drafts and embargoed items included: each is checked."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            yield from chain(generator.articles, generator.drafts)
        elif isinstance(generator, PagesGenerator):
            yield from chain(generator.pages, generator.hidden_pages, generator.draft_pages)
        elif hasattr(generator, "all_items"):
            yield from generator.all_items()


def unpublished_items(generators) -> dict:
    """Drafts and embargoed items (status draft), by their source file's absolute path."""
    return {os.path.abspath(item.source_path): item for item in content_items(generators) if item.status == "draft"}


def public_url(item) -> str:
    """The address an item has once it is published. (Pelican gives a draft
    post or page its DRAFT_URL instead; our own types keep theirs.)"""
    return _once_published(item, "url")


def public_save_as(item) -> str:
    """Where an item's page is written once it is published: a draft or
    embargoed post's or page's save_as is Pelican's DRAFT_SAVE_AS (empty);
    our own types, and published items, keep theirs."""
    if item.status == "draft" and isinstance(item, (Article, Page)):
        return _once_published(item, "save_as")
    return item.save_as


def _once_published(item, key: str) -> str:
    return Content._expand_settings(item, key, _setting_kind(item))


def url_setting_of(item) -> str:
    """The setting an item's address is made from, as Pelican finds it:
    ARTICLE_URL for a post, EVENT_URL for an event (its class's name)."""
    return f"{_setting_kind(item) or type(item).__name__}_URL".upper()


def _setting_kind(item) -> str | None:
    return next((name for content_class, name in URL_SETTINGS if isinstance(item, content_class)), None)
