"""The `page_url`, `canonical_url`, `category_feed_url` and `breakable_address`
template filters (sitecore.urls, sitecore.breakable_addresses).

Templates print addresses Python made; they never join strings into one:

    {{ output_file | page_url }}                  news/index.html -> news/
    {{ output_file | page_url | canonical_url }}  -> https://…/news/ (the canonical link)
    {{ policy.url | canonical_url }}              -> https://…/policies/housing/
    {{ category.slug | category_feed_url }}       -> feeds/category/news.atom.xml

    {{ contact.email | breakable_address }}       press@<wbr>example<wbr>.org

`breakable_address` lets a long email address or web address wrap only after
"@" or "/" or before a dot, never in the middle of a word, on a narrow screen.

`output_file` is what Pelican's writer is writing, so a page's canonical link
is the address it is served at, the one the sitemap lists, with nothing for a
template to set. Links within the site stay `{{ SITEURL }}/{{ item.url }}`:
with RELATIVE_URLS Pelican's writer changes SITEURL page by page, which only
the template context sees, not a filter reading the settings.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from pelican import signals

from sitecore.breakable_addresses import address_parts
from sitecore.problems import problem_log
from sitecore.settings_file import setting_place
from sitecore.urls import canonical_url, category_feed_url, mailto_href, page_url, site_address_problems


def breakable_address(address: str) -> Markup:
    """The address, HTML-escaped, with <wbr> at each place it may wrap."""
    return Markup("<wbr>").join(escape(part) for part in address_parts(str(address)))


def add_url_filters(generator) -> None:
    settings = generator.settings
    generator.env.filters["page_url"] = page_url
    generator.env.filters["canonical_url"] = lambda url: canonical_url(settings, url)
    generator.env.filters["category_feed_url"] = lambda slug: category_feed_url(settings, slug)
    generator.env.filters["breakable_address"] = breakable_address
    generator.env.filters["mailto_href"] = mailto_href


def refuse_an_address_the_site_cannot_work_at(pelican) -> None:
    problem_log.start_build(pelican.settings)
    for setting, message, fix in site_address_problems(pelican.settings):
        problem_log.add(*setting_place(pelican.settings, setting), setting, message, fix)


def register() -> None:
    signals.initialized.connect(refuse_an_address_the_site_cannot_work_at)
    signals.generator_init.connect(add_url_filters)
