"""The years a paginated listing's posts are from, each with the page of the listing where that year begins.

A tag or a category gathers years of news on ten posts a page: 133 posts
tagged "housing" are 14 pages, and a reader looking for 2023 paged blind
(each page says its days, but only once it is open). The listing's pages
name their years (partials/listing_years.html): each year links the page
holding its newest post, as Pelican's paginator splits the listing.

A page of a listing depends here on the dates of all the listing's posts.
That is front matter, so a change to it renders every page again (page
reuse keeps a page only when nothing but posts' bodies changed,
sitebuild/page_reuse.py), and the live preview's quick step leaves a date
change to the full build (sitebuild/quick_page.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class YearInListing:
    year: int
    page: int   # the listing's page holding the year's newest post
    url: str    # that page's address, relative to the site


def years_of_listing(paginator) -> list[YearInListing]:
    """The years of `paginator`'s posts, in the listing's order, each with
    the first page it is on; none for a listing of one page or one year."""
    if paginator is None or paginator.num_pages < 2:
        return []
    first_page_of_year: dict[int, int] = {}
    for position, post in enumerate(paginator.object_list):
        # The page Pelican puts a post on (its last page may also take the
        # `orphans` that would have been a short page of their own).
        first_page_of_year.setdefault(post.date.year, min(position // paginator.per_page + 1, paginator.num_pages))
    if len(first_page_of_year) < 2:
        return []
    return [YearInListing(year, page, paginator.page(page).url) for year, page in first_page_of_year.items()]
