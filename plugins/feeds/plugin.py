"""Make each Atom feed usable away from the site, as Pelican writes it.

A feed is read by feed readers and feed-to-email services, not by a browser
on the site, so every address in it must be absolute. Pelican makes an
entry's link from SITEURL, which is empty in a local build ("/news/…", and
an id of "tag:None,…"), and leaves addresses a volunteer wrote from the
site's root (`[our policy](/policies/housing/)`, `![…](/images/…)`) as they
are, so those links and images broke in such readers. And Pelican gives
every feed the site's address as its id and its page, so the news feed and
each category's feed had one id (RFC 4287 wants each unique).

So, when Pelican has made a feed and before it writes it
(`feed_generated`): the feed's id is its own address, its page is the page
that lists the same posts, and every entry's link and the addresses in its
summary and content start with FEED_DOMAIN (the public domain). An entry's
id is its address under FEED_ID_SINCE: Pelican's holds the post's date, so
putting a wrong date right made feed readers show the post again, as new.
(Posts dated before FEED_ADDRESS_IDS_FROM keep Pelican's id.)

A corrected post's entry starts with its corrections, as its page does, and
a Welsh post's words are marked Welsh, as on its page: its summary and text
in a <div lang="cy">, its title with xml:lang (TitlesInTheirLanguage).
A press release's entry ends, as its page does, with "For journalists"
(the press office's contacts and notes to editors: the theme's
partials/release_contacts.html, rendered by the same templates): a
feed-to-email service sends a release to journalists away from its page,
and without them no one to call. Each entry's text then ends with the
imprint (sitecore/imprint.py), as every page does: such a service sends
the full text as election material of its own, away from the page's
footer, and the Elections Act 2022 wants the imprint on it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import weakref
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, get_tag_uri
from pelican import signals

from sitecore.imprint import imprint_text
from sitecore.languages import correction_note, lang_attribute, other_language
from sitecore.renamed_items import first_address
from sitecore.urls import category_of_feed, entry_address

# href="/…" and src="/…" in HTML the sanitiser wrote (it quotes every
# attribute with " and escapes " inside one; a "//host" address is another site's).
ROOT_RELATIVE = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*")')


# href="#…": a part of the post's own page (a footnote, #fn:1), which in a
# feed would be a part of the feed.
OWN_PAGE_PART = re.compile(r'(\shref=")(#[^"]*")')


def absolute_addresses(html: str, domain: str, page: str = "") -> str:
    """Every address in an entry's HTML made absolute: the site's from
    `domain`, a part of its own page from the post's address `page`."""
    html = ROOT_RELATIVE.sub(lambda found: found[1] + domain + found[2], html)
    return OWN_PAGE_PART.sub(lambda found: found[1] + page + found[2], html) if page else html


def with_imprint(text: str, imprint: str) -> str:
    """An entry's HTML with the imprint as its last paragraph."""
    return f'{text}\n<p class="imprint">{html.escape(imprint)}</p>'


def add_imprint(context: dict, feed) -> None:
    """The imprint after each entry's full text: its content (Atom), or its
    description where that is all an entry has (RSS)."""
    imprint = imprint_text(context)
    for item in feed.items:
        part = "content" if item.get("content") else "description"
        item[part] = with_imprint(item.get(part) or "", imprint)


# The template that renders "For journalists", on a release's page and in its entry.
RELEASE_CONTACTS = "partials/release_contacts.html"
SAMPLE_NOTE = "partials/sample_note.html"
# The articles generator of the build under way (whose templates render
# RELEASE_CONTACTS): weak, so that a finished build is not kept for it.
articles_generator = weakref.ref(lambda: None)


def remember_articles_generator(generator) -> None:
    global articles_generator
    articles_generator = weakref.ref(generator)


def add_release_contacts(context: dict, feed) -> None:
    """A press release's entry ends with "For journalists", as its page does."""
    generator = articles_generator()
    press_office = context.get("press_office")
    releases = {article.url for article in context.get("articles", [])
                if article.category.slug == context["PRESS_CATEGORY"]}
    entries = [item for item in feed.items if entry_address(item) in releases]
    if not (entries and press_office and generator is not None):
        return
    contacts = generator.env.get_template(RELEASE_CONTACTS).render({**context, "in_feed": True})
    for item in entries:
        part = "content" if item.get("content") else "description"
        item[part] = f"{item.get(part) or ''}\n{contacts}"


def entries_with_their_posts(context: dict, feed):
    """(entry, the post it was made from) for each entry of `feed` whose post
    has more to say than Pelican wrote: corrections, or another language."""
    posts = {article.url: article for article in context.get("articles", [])
             if getattr(article, "corrections", None) or getattr(article, "sample", None)
             or other_language(article, context)}
    for item in feed.items:
        article = posts.get(entry_address(item))
        if article is not None:
            yield item, article


def correction_notes(article, context: dict) -> str:
    """A post's corrections as its page shows them, before its words: the
    label the site's, each note in its own language (the post's, unless it says)."""
    date_format = context["DEFAULT_DATE_FORMAT"]
    return "".join(f'<p class="correction"><strong>Correction, {correction["date"].strftime(date_format)}:</strong> '
                   f'{correction_note(correction, article, context)}</p>\n'
                   for correction in getattr(article, "corrections", None) or ())


def mark_language(item: dict, article, context: dict) -> None:
    """A Welsh post's summary and text, in its entry, are in a <div lang="cy">,
    as on its page, and its title says its language (TitlesInTheirLanguage)."""
    words_lang = lang_attribute(article, context)
    for part in ("description", "content") if words_lang else ():
        if item.get(part):
            item[part] = f"<div{words_lang}>{item[part]}</div>"
    item[TITLE_LANGUAGE] = other_language(article, context)


# The entry's key for its title's language, where it is not the feed's.
TITLE_LANGUAGE = "title_language"


class TitleInItsLanguage:
    """The feed's XML writer for one entry, which gives its <title> an xml:lang."""

    def __init__(self, handler, language: str) -> None:
        self.handler, self.language = handler, language

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 (the XML writer's name)
        if name == "title":
            attrs = {**(attrs or {}), "xml:lang": self.language}
        return self.handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self.handler, name)


class TitlesInTheirLanguage(Atom1Feed):
    """Pelican's Atom feed, with the title of an entry in another language
    than the feed's marked with xml:lang, for feed readers and screen
    readers (a title is plain text: a <span lang> in it would be read out
    as markup). feedgenerator writes the title itself, with no attributes,
    and Pelican chooses the feed's class, with no setting for it; so a feed
    with such an entry is given this class once Pelican has made it
    (mark_titles_language)."""

    def add_item_elements(self, handler, item):
        language = item.get(TITLE_LANGUAGE)
        super().add_item_elements(TitleInItsLanguage(handler, language) if language else handler, item)


def mark_titles_language(feed) -> None:
    if type(feed) is Atom1Feed and any(item.get(TITLE_LANGUAGE) for item in feed.items):
        feed.__class__ = TitlesInTheirLanguage


def add_corrections(item: dict, article, context: dict) -> None:
    """A corrected post's feed entry starts with its corrections, as its page
    does: a reader who saw the first version learns what was wrong (the
    entry's <updated> is the latest correction's date: plugins/frontmatter)."""
    if getattr(article, "corrections", None):
        part = "content" if item.get("content") else "description"
        item[part] = correction_notes(article, context) + (item.get(part) or "")


def add_sample_note(item: dict, article) -> None:
    """A post marked as sample content says so first in its entry, as on its
    page: a feed reader or an email carries no banner (the note's HTML is
    the theme's, partials/sample_note.html)."""
    generator = articles_generator()
    if getattr(article, "sample", None) and generator is not None:
        note = generator.env.get_template(SAMPLE_NOTE).module.sample_note(article)
        part = "content" if item.get("content") else "description"
        item[part] = f"{note}\n{item.get(part) or ''}"


def titles_as_written(context: dict, feed) -> None:
    """Each entry's title as the post's page gives it. Pelican takes the
    title for HTML and strips what looks like a tag from it: "Pay: ‹£10 is
    poverty, >£15 is fair" went out as "Pay: £15 is fair". Titles are plain
    text (the schema's), which feedgenerator escapes as it writes."""
    titles = {article.url: article.title for article in context.get("articles", [])}
    for item in feed.items:
        title = titles.get(entry_address(item))
        if title is not None:
            item["title"] = title


def finish_entries(context: dict, feed) -> None:
    """Each entry's title as written, and its HTML in order: the post's
    words marked with their language, its corrections before them and a
    sample note before all, a release's "For journalists" after them, then
    the imprint."""
    titles_as_written(context, feed)
    for item, article in entries_with_their_posts(context, feed):
        mark_language(item, article, context)
        add_corrections(item, article, context)
        add_sample_note(item, article)
    mark_titles_language(feed)
    add_release_contacts(context, feed)
    add_imprint(context, feed)


def listing_page(context: dict, feed_url: str, domain: str) -> str:
    """The page that lists what the feed at `feed_url` holds: a category's
    page for its feed, the news page for the others."""
    category = category_of_feed(context, feed_url, domain)
    return f"{domain}/{category[0].url if category else context['INDEX_URL']}"


def entry_id(link: str, published: dt.datetime, address_ids_from: dt.date, since: str) -> str:
    """tag:breakthroughparty.org.uk,2021:/news/x/: the same for as long as
    the post keeps its address, whatever its date says. A post dated before
    FEED_ADDRESS_IDS_FROM keeps the id Pelican gave it (its date in it):
    subscribers' readers already hold it."""
    if published.date() < address_ids_from:
        return get_tag_uri(link, published)
    address = urlsplit(link)
    return f"tag:{address.hostname},{since}:{address.path}"


def stand_alone(context: dict, feed) -> None:
    domain = context["FEED_DOMAIN"].rstrip("/")
    feed.feed["id"] = feed.feed["feed_url"]
    # The site's language, which Pelican does not give its feeds: a reader
    # (and a screen reader in it) knows the words are British English.
    feed.feed["language"] = context["DEFAULT_LANG"]
    feed.feed["link"] = listing_page(context, feed.feed["feed_url"], domain)
    address_ids_from = dt.date.fromisoformat(context["FEED_ADDRESS_IDS_FROM"])
    renamed = {article.url: first_address(article) for article in context.get("articles", [])
               if getattr(article, "old_addresses", None)}
    for item in feed.items:
        if item["link"].startswith("/"):
            item["link"] = domain + item["link"]
        # Made from the address the post was first published at: a renamed
        # post is not a new entry to feed readers (RFC 4287 wants its id kept).
        first = renamed.get(entry_address(item))
        identity = f"{domain}/{first}" if first is not None else item["link"]
        item["unique_id"] = entry_id(identity, item["pubdate"], address_ids_from, context["FEED_ID_SINCE"])
        for part in ("description", "content"):
            if item.get(part):
                item[part] = absolute_addresses(item[part], domain, item["link"])


def register() -> None:
    signals.article_generator_init.connect(remember_articles_generator)
    # The entries' HTML finished first (plugins/feedentries chose them), so
    # that stand_alone makes every address in it absolute, "For
    # journalists"' included.
    signals.feed_generated.connect(finish_entries)
    signals.feed_generated.connect(stand_alone)
