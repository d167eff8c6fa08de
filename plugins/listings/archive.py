"""Listings Pelican does not make: the news by year and month, and the full
list of the news about a policy, councillor or event.

- /news/2021/ (NEWS_YEAR_SAVE_AS) lists the months of 2021 that have posts,
  with how many; /news/2021/11/ (NEWS_MONTH_SAVE_AS) lists that month's
  posts, on one page up to PAGINATED_TEMPLATES["news_month"]. So any year's
  news is two links from /news/ (which links every year), without
  JavaScript, however many posts the site has. (Pelican's own period
  archives, YEAR_ARCHIVE_SAVE_AS, find each period's posts with a list
  search per post: quadratic in the number of posts, 2.0 s for years
  and months at 5000 posts; this takes 6 ms.)
- A policy's, councillor's or event's page shows its newest
  RELATED_NEWS_SHOWN posts and, when it has more, links the full list:
  RELATED_NEWS_SAVE_AS (its address + "news/"), paginated like the news.
  Every item has that page, however few posts name it, so its address
  never stops working, and the site's list of files does not wait for the
  posts to be linked to the items (plugins/crossrefs, in no set order with
  the checks that read the list).

Every page goes through Pelican's writer (`write_file`, one call per page
of a listing), so page reuse (sitebuild/page_reuse.py) keys it by the posts
it holds, and the live preview's quick step renders again the pages that
show a saved item (`pages_showing`, sitebuild/quick_page.py). The lists are
read from the build's items when the pages are written, so a quick step,
which renews items in place, shows their new words.
"""

from __future__ import annotations

from dataclasses import dataclass

from pelican.generators import ArticlesGenerator, Generator
from pelican.paginator import Paginator

from plugins.typedcontent import TypedContentGenerator
from sitecore.clock import in_months, month_name, month_of_year
from sitecore.site_files import SiteFile, listing_page


@dataclass(eq=False)
class MonthArchive:
    year: int
    month: int
    posts: list
    url: str
    save_as: str

    @property
    def month_name(self) -> str:
        return month_name(self.month)

    @property
    def name(self) -> str:
        return month_of_year(self.year, self.month)


@dataclass(eq=False)
class YearArchive:
    year: int
    months: list[MonthArchive]  # newest first
    url: str
    save_as: str

    @property
    def count(self) -> int:
        return sum(len(month.posts) for month in self.months)


def news_archive(articles, settings) -> list[YearArchive]:
    """Every year and month that has posts, newest first; each month's posts
    in the order of `articles` (the news index's)."""
    by_month = in_months(articles, lambda post: post.date)
    years: dict[int, list[MonthArchive]] = {}
    for (year, month) in sorted(by_month, reverse=True):
        names = {"year": year, "month": month}
        years.setdefault(year, []).append(MonthArchive(year, month, by_month[year, month],
                                                       settings["NEWS_MONTH_URL"].format(**names),
                                                       settings["NEWS_MONTH_SAVE_AS"].format(**names)))
    return [YearArchive(year, months, settings["NEWS_YEAR_URL"].format(year=year),
                        settings["NEWS_YEAR_SAVE_AS"].format(year=year)) for year, months in years.items()]


def per_page(settings, template: str) -> int:
    return settings["PAGINATED_TEMPLATES"].get(template) or settings["DEFAULT_PAGINATION"]


class ListingsGenerator(Generator):
    """Writes the news archive and the full lists of related news. It finds
    the build's posts and items once every generator has read its content
    (`find_content`, at all_generators_finalized)."""

    def generate_context(self) -> None:
        self.articles_generator = None
        self.item_generators: list = []

    def find_content(self, generators) -> None:
        self.articles_generator = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
        self.item_generators = [g for g in generators if isinstance(g, TypedContentGenerator)]
        self.context["news_years"] = self.news_years()
        self.context["related_news_url"] = self.related_news_url

    # --- what is listed ---------------------------------------------------

    def news_years(self) -> list[YearArchive]:
        if self.articles_generator is None:
            return []
        return news_archive(self.articles_generator.articles, self.settings)

    def items_with_news(self):
        """(generator, item) for the policies, councillors and events: the
        published items of the kinds posts name (plugins/crossrefs gives
        each its `posts`)."""
        kinds = self.settings["RELATED_NEWS_KINDS"]
        for generator in self.item_generators:
            if generator.content_class.collection in kinds:
                for item in generator.published_items():
                    yield generator, item

    def related_news_url(self, item) -> str | None:
        """The address of the full list of `item`'s news, if its page
        shows only some of it."""
        if len(getattr(item, "posts", None) or ()) > self.settings["RELATED_NEWS_SHOWN"]:
            return self.settings["RELATED_NEWS_URL"].format(url=item.url)
        return None

    def pages(self, save_as: str, url: str, posts: list, template: str) -> list:
        """The pages of a paginated listing (pelican.paginator.Page: .number,
        .url, .save_as, .object_list)."""
        paginator = Paginator(save_as, url, posts, self.settings, per_page(self.settings, template))
        return [paginator.page(number) for number in paginator.page_range]

    def related_pages(self, item) -> list:
        return self.pages(self.settings["RELATED_NEWS_SAVE_AS"].format(url=item.url),
                          self.settings["RELATED_NEWS_URL"].format(url=item.url), getattr(item, "posts", []),
                          "related_news")

    def month_pages(self, month: MonthArchive) -> list:
        return self.pages(month.save_as, month.url, month.posts, "news_month")

    # --- the site's files -------------------------------------------------

    def declare_files(self, generators) -> list[SiteFile]:
        self.find_content(generators)
        files = []
        for year in self.news_years():
            files.append(listing_page(year.save_as, f"news of {year.year}"))
            files += [listing_page(month.save_as, f"news of {month.name}") for month in year.months]
        files += [listing_page(self.settings["RELATED_NEWS_SAVE_AS"].format(url=item.url),
                               f"news about {item.relative_source_path}", in_sitemap=False)
                  for _, item in self.items_with_news()]
        return files

    def pages_showing(self, item) -> set[str]:
        """The pages of this generator that show `item` (for the live
        preview's quick step): a post's place in each full list of related
        news it is on; every page of a policy's, councillor's or event's
        own list (its title heads them). Only the lists the items' pages
        link (related_news_url), as the quick step renders those pages
        too; the other lists, and the news archive, are listings like the
        news index, written again by the full build that follows."""
        names = set()
        for _, listed in self.items_with_news():
            if self.related_news_url(listed) is None:
                continue
            for page in self.related_pages(listed):
                if listed is item or any(post is item for post in page.object_list):
                    names.add(page.save_as)
        return names

    def generate_output(self, writer) -> None:
        years = self.context["news_years"]  # as /news/ shows them (find_content)
        months = [(year, month) for year in years for month in year.months]  # newest first
        for year in years:
            self.write(writer, year.save_as, "news_year", year.url, news_year=year)
        for place, (year, month) in enumerate(months):
            self.write_pages(writer, self.month_pages(month), "news_month", news_year=year, news_month=month,
                             newer_month=months[place - 1][1] if place > 0 else None,
                             older_month=months[place + 1][1] if place + 1 < len(months) else None)
        for generator, item in self.items_with_news():
            # The menu entry of the item's kind (POLICY_INDEX_URL …) is the current one.
            self.write_pages(writer, self.related_pages(item), "related_news", related_item=item,
                             section=self.settings.get(f"{generator.setting_prefix}_INDEX_URL"))

    def write_pages(self, writer, pages: list, template: str, **values) -> None:
        for page in pages:
            number = page.number
            self.write(writer, page.save_as, template, page.url, articles_paginator=page.paginator,
                       articles_page=page, articles_previous_page=pages[number - 2] if number > 1 else None,
                       articles_next_page=pages[number] if number < len(pages) else None, **values)

    def write(self, writer, save_as: str, template: str, url: str, **values) -> None:
        writer.write_file(save_as, self.get_template(template), self.context, paginated={},
                          relative_urls=self.settings["RELATIVE_URLS"], url=url, page_kind=template, **values)
