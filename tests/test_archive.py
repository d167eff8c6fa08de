"""The news archive a reader can walk without JavaScript: numbered pages on
every listing, the news by year and month, the press releases by year, a
title of its own for each page of a listing, and the news about a policy,
councillor or event capped on its page with a link to the full list
(plugins/listings, plugins/press, theme/templates/partials/pagination.html)."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest
from conftest import build_in

PER_PAGE = 3
PRESS_LATEST = 6  # the press archive's first page: more than the newest year has
FIRST_DAY = dt.date(2021, 1, 6)
CATEGORIES = ("news", "press-releases", "opinion")
COUNT = 25


def post_day(number: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=29 * number)


def post(number: int) -> str:
    policies = "policies: [housing]\n" if number % 2 == 0 else ""
    councillors = "councillors: [jo-bloggs]\n" if number % 5 == 0 else ""
    councillors = councillors or ("councillors: [sam-smith]\n" if number in (3, 7) else "")
    return (f"---\ntitle: Story number {number}\ndate: {post_day(number).isoformat()} 10:00\n"
            f"category: {CATEGORIES[number % 3]}\nsummary: The summary of story {number}.\n"
            f"tags: [launch]\n{policies}{councillors}---\nThe text of story {number}.\n")


# MINIMAL_SITE's own post (hello: 24 November 2021, housing, Jo Bloggs, the
# launch tag) and COUNT more, one every 29 days from January 2021; one links
# the new addresses, which the link check must know.
SAM = ("---\ntitle: Sam Smith\nrole: Town councillor\njoined: 2021-08-18\nsummary: Sam represents a ward.\n"
       "---\nSam's story.\n")
# A councillor no post names yet.
LEE = ("---\ntitle: Lee Quiet\nrole: Town councillor\njoined: 2021-09-01\nsummary: Lee represents a ward.\n"
       "---\nLee's story.\n")
FILES = {**{f"posts/story-{number:02d}.md": post(number) for number in range(COUNT)},
         "councillors/sam-smith.md": SAM, "councillors/lee-quiet.md": LEE}
FILES["posts/story-01.md"] = FILES["posts/story-01.md"].replace(
    "The text of story 1.",
    "See [2021](/news/2021/), [March](/news/2021/03/), [housing](/policies/housing/news/page/2/) "
    "and [releases](/press/releases/2022/).")


@pytest.fixture(scope="module")
def archive(tmp_path_factory, factory_cache):
    build = build_in(tmp_path_factory.mktemp("archive"), FILES, cache=factory_cache,
                     settings={"DEFAULT_PAGINATION": str(PER_PAGE), "PRESS_ARCHIVE_LATEST": str(PRESS_LATEST)})
    assert build.returncode == 0, build.stderr
    return build


def posts_newest_first() -> list[tuple[str, dt.date]]:
    """(address, day) of every post of the site, newest first (story numbers
    grow with their dates; hello is 24 November 2021, with no time)."""
    posts = [(f"/news/story-{number:02d}/", post_day(number)) for number in range(COUNT)]
    posts.append(("/news/hello/", dt.date(2021, 11, 24)))
    return sorted(posts, key=lambda item: (item[1], item[0] != "/news/hello/"), reverse=True)


def listed(build, path: str) -> list[str]:
    """The posts every page of the listing at `path` shows, in order."""
    found, page = [], path
    while page:
        soup = build.html(page)
        found += [a["href"] for a in soup.select("main .card-list .card-title a")]
        older = soup.select_one("nav.pagination a[rel=next]")
        page = older["href"].lstrip("/") if older else None
    return found


def numbers(soup) -> list[str]:
    """The page numbers of a listing's pagination, "…" for a gap, the current one in [ ]."""
    shown = []
    for item in soup.select("nav.pagination .pagination-pages li"):
        link = item.find("a")
        if link is None:
            shown.append(item.get_text(strip=True))
            continue
        number = link.get_text().strip().removeprefix("Page ")
        shown.append(f"[{number}]" if link.get("aria-current") == "page" else number)
    return shown


def test_a_listing_shows_its_first_last_and_nearby_page_numbers(archive):
    pages = -(-(COUNT + 1) // PER_PAGE)
    assert pages == 9
    expected = {1: ["[1]", "2", "…", "9"], 4: ["1", "2", "3", "[4]", "5", "…", "9"],
                5: ["1", "…", "4", "[5]", "6", "…", "9"], 9: ["1", "…", "8", "[9]"]}
    for number, shown in expected.items():
        soup = archive.html("news/" if number == 1 else f"news/page/{number}/")
        assert numbers(soup) == shown, number
        nav = soup.select_one("nav.pagination")
        days = [dt.date.fromisoformat(time["datetime"][:10]).strftime("%-d %B %Y")
                for time in soup.select("main .card-list time")]
        said = f"posts of {days[0]}" if days[0] == days[-1] else f"posts from {days[-1]} to {days[0]}"
        assert nav["aria-label"] and nav.select_one(".pagination-where").get_text() == (
            f"Page {number} of {pages}: {said}")
        steps = {a.get_text(): a["rel"][0] for a in nav.select(".pagination-steps a")}
        assert steps == {**({"Newer posts": "prev"} if number > 1 else {}), **({"Older posts": "next"} if number < pages else {})}
        for link in nav.select(".pagination-pages a"):
            target = archive.html(link["href"].lstrip("/"))
            label = link.get_text().strip()  # "Page 4": the number, with hidden text for screen readers
            assert label.startswith("Page ") and target.select_one(".pagination-where").get_text().startswith(label + " of")
    # Tags and categories are listed the same way.
    assert numbers(archive.html("news/tag/launch/page/3/")) == ["1", "2", "[3]", "4", "…", "9"]
    assert numbers(archive.html("news/category/news/")) == ["[1]", "2", "3", "4"]  # a gap of one page: its number


def test_every_page_of_a_listing_has_a_title_of_its_own(archive):
    """WCAG 2.4.2: "Opinion | …" on every page of a category was one title for many pages."""
    for listing in ("news/", "news/tag/launch/", "news/category/news/", "news/category/opinion/",
                    "policies/housing/news/", "news/2021/11/"):
        titles, page, number = [], listing, 1
        while page:
            soup = archive.html(page)
            title = soup.title.get_text()
            assert ("(page " in title) == (number > 1) and (f"(page {number})" in title or number == 1), title
            titles.append(title)
            older = soup.select_one("nav.pagination a[rel=next]")
            page, number = (older["href"].lstrip("/") if older else None), number + 1
        assert len(set(titles)) == len(titles) > 1 or listing == "news/2021/11/", titles


def test_a_later_page_of_a_listing_says_which_days_its_posts_are_from(archive):
    """Every /news/page/N/ had one description: a hundred pages alike to a
    search engine, and nothing to say what a page held, though its posts
    move on as posts are added. A later page names its posts' first and last days."""
    for listing in ("news/", "news/tag/launch/", "news/category/news/", "policies/housing/news/"):
        descriptions, page, number = [], listing, 1
        while page:
            soup = archive.html(page)
            description = soup.find("meta", attrs={"name": "description"})["content"]
            days = [time["datetime"][:10] for time in soup.select("main .card-list time")]
            if number > 1:
                newest, oldest = (dt.date.fromisoformat(day).strftime("%-d %B %Y") for day in (days[0], days[-1]))
                said = f"posts of {newest}" if newest == oldest else f"posts from {oldest} to {newest}"
                assert description.endswith(f" Page {number}: {said}."), description
            else:
                assert "Page " not in description
            descriptions.append(description)
            older = soup.select_one("nav.pagination a[rel=next]")
            page, number = (older["href"].lstrip("/") if older else None), number + 1
        assert len(set(descriptions)) == len(descriptions) > 1, descriptions


def test_the_news_links_every_year_and_each_year_its_months(archive):
    posts = posts_newest_first()
    years = archive.html("news/").select("nav.year-nav a")
    assert [(a.get_text(), a["href"]) for a in years] == [("2022", "/news/2022/"), ("2021", "/news/2021/")]
    for year in (2022, 2021):
        soup = archive.html(f"news/{year}/")
        assert soup.h1.get_text() == f"News from {year}"
        assert soup.select_one("nav.year-nav a[aria-current=page]").get_text() == str(year)
        months = [(a.get_text(), a["href"], a.find_next_sibling(class_="meta").get_text())
                  for a in soup.select(".month-list a")]
        expected = []
        for month in range(12, 0, -1):
            in_month = [url for url, day in posts if (day.year, day.month) == (year, month)]
            if in_month:
                name = dt.date(year, month, 1).strftime("%B")
                expected.append((f"{name} {year}", f"/news/{year}/{month:02d}/",
                                 f"{len(in_month)} post{'s' if len(in_month) > 1 else ''}"))
                month_page = archive.html(f"news/{year}/{month:02d}/")
                assert month_page.h1.get_text() == f"News from {name} {year}"
                assert listed(archive, f"news/{year}/{month:02d}/") == in_month
        assert months == expected


def test_a_listing_of_many_pages_links_the_page_where_each_year_begins(archive):
    """A tag's or a category's pages (ten posts each) are years of news: a
    reader looking for 2021 paged blind. Every page of such a listing names
    its years, each linking the listing's page holding that year's newest
    post, the page itself marked; /news/ links its years' own pages instead."""
    for listing in ("news/tag/launch/", "news/category/news/", "policies/housing/news/"):
        pages, page = [], listing
        while page:
            soup = archive.html(page)
            years = [dt.date.fromisoformat(time["datetime"][:10]).year for time in soup.select("main .card-list time")]
            pages.append((f"/{page}", soup, years))
            older = soup.select_one("nav.pagination a[rel=next]")
            page = older["href"].lstrip("/") if older else None
        first_page_of = {}
        for url, _, years in pages:
            for year in years:
                first_page_of.setdefault(year, url)
        assert len(first_page_of) > 1 and len(pages) > 1, listing
        for url, soup, _ in pages:
            [nav] = soup.select("main nav.year-nav")
            assert nav.h2.get_text() == "Posts by year"
            assert [(a.get_text(), a["href"], a.get("aria-current")) for a in nav.select("a")] == [
                (str(year), target, "page" if target == url else None) for year, target in first_page_of.items()], url
    assert [a["href"] for a in archive.html("news/").select("main nav.year-nav a")] == ["/news/2022/", "/news/2021/"]
    assert archive.html("news/2021/11/").select("main nav.year-nav a[href*='/page/']") == []


def test_every_post_is_at_most_three_links_from_the_news_page(archive):
    """Without JavaScript, by the links of the pages' main content: a year,
    its month, the post (before, /news/ had only "Older posts")."""
    posts = {url for url, _ in posts_newest_first()}
    clicks, queue = {"/news/": 0}, deque(["/news/"])
    while queue:
        url = queue.popleft()
        if url in posts or clicks[url] == 3 or not url.startswith("/news/"):
            continue
        for link in archive.html(url.lstrip("/")).select("main a[href^='/']"):
            target = link["href"].split("#")[0]
            if target not in clicks:
                clicks[target] = clicks[url] + 1
                queue.append(target)
    assert posts <= set(clicks), sorted(posts - set(clicks))


def test_a_policy_or_councillor_page_shows_the_newest_posts_and_links_them_all(archive):
    posts = [url for url, _ in posts_newest_first()]
    housing = [url for url in posts if url == "/news/hello/" or int(url[-3:-1]) % 2 == 0]
    jo = [url for url in posts if url == "/news/hello/" or int(url[-3:-1]) % 5 == 0]
    sam = ["/news/story-07/", "/news/story-03/"]
    for page, about, expected in (("policies/housing/", "Homes for everyone", housing),
                                  ("councillors/jo-bloggs/", "Jo Bloggs", jo),
                                  ("councillors/sam-smith/", "Sam Smith", sam)):
        section = archive.html(page).select_one("section[aria-labelledby=related-news]")
        shown = [a["href"] for a in section.select(".card-title a")]
        everything = section.select_one(".more-link a")
        if len(expected) > 5:
            assert shown == expected[:5], page
            assert everything.get_text() == f"All {len(expected)} posts about {about}"
            assert everything["href"] == f"/{page}news/"
            full = archive.html(f"{page}news/")
            assert full.h1.get_text() == f"News about {about}"
            assert full.select_one("main .meta a")["href"] == f"/{page}"
        else:
            assert shown == expected and everything is None, page
        # Every item has the full list (so its address never breaks), linked or not;
        # search engines are asked to leave it out while it only repeats the item's page.
        assert listed(archive, f"{page}news/") == expected
        robots = archive.html(f"{page}news/").find_all("meta", attrs={"name": "robots"})
        assert [meta["content"] for meta in robots] == ([] if len(expected) > 5 else ["noindex"]), page
    assert len(expected) <= 5 and len(housing) > 2 * PER_PAGE  # both cases, and a list of several pages


def test_the_full_list_of_an_item_no_post_names_says_so(archive):
    """It held an empty list under its heading, with nothing to say there
    was no news, and search engines could index it."""
    assert archive.html("councillors/lee-quiet/").select_one("section[aria-labelledby=related-news]") is None
    full = archive.html("councillors/lee-quiet/news/")
    assert full.h1.get_text() == "News about Lee Quiet"
    assert full.select("main ul.card-list") == []
    assert "There are no posts here yet." in full.select_one("main").get_text()
    assert full.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_the_press_archive_shows_the_newest_releases_and_links_a_page_for_each_year(archive):
    """The archive's first page showed the newest year alone: the same page
    as that year's, and, in January, one release. It shows the newest
    PRESS_ARCHIVE_LATEST, under their years."""
    releases = [url for url, day in posts_newest_first()
                if url != "/news/hello/" and CATEGORIES[int(url[-3:-1]) % 3] == "press-releases"]
    by_year = {year: [url for url in releases if any(u == url and d.year == year for u, d in posts_newest_first())]
               for year in (2022, 2021)}
    assert all(by_year.values()) and len(by_year[2022]) < PRESS_LATEST  # the newest year alone is too few
    index = archive.html("press/releases/")
    assert [a["href"] for a in index.select(".archive-year li a")] == releases[:PRESS_LATEST]
    assert [h2.get_text() for h2 in index.select(".archive-year h2")] == ["2022", "2021"]
    assert [a["href"] for a in index.select("nav[aria-labelledby=release-years] a")] == [
        "/press/releases/2022/", "/press/releases/2021/"]
    for year, expected in by_year.items():
        page = archive.html(f"press/releases/{year}/")
        assert page.title.get_text().startswith(f"Press releases from {year} |")
        assert [a["href"] for a in page.select(".archive-year li a")] == expected
        assert page.select_one("nav[aria-labelledby=release-years] a[aria-current=page]").get_text() == str(year)


def test_the_new_listings_are_known_to_the_link_check_and_the_sitemap(archive, settings):
    """story-01 links a year, a month, a later page of a full list and a
    year of press releases: the build passed its link check. The archive's
    pages are in the sitemap; the full lists, like tags, are not."""
    sitemap = (archive.output / "sitemap.xml").read_text(encoding="utf-8")
    base = settings["SITE_CANONICAL_URL"]
    for path in ("news/2021/", "news/2021/11/", "news/2022/", "press/releases/2021/"):
        assert f"<loc>{base}/{path}</loc>" in sitemap, path
    assert "/policies/housing/news/" not in sitemap and "/page/2/" not in sitemap


def test_a_month_is_one_page_while_the_news_is_several(make_site):
    """At 10 posts a page, 58 of 61 months of a 1000-post site had two or
    three pages: a month's news is one page (PAGINATED_TEMPLATES)."""
    march = {f"posts/march-{day:02d}.md": post(0).replace(post_day(0).isoformat(), f"2022-03-{day:02d}")
             .replace("Story number 0", f"March story {day}") for day in range(1, 6)}
    build = make_site(march, settings={"DEFAULT_PAGINATION": "2"})
    assert build.returncode == 0, build.stderr
    month = build.html("news/2022/03/")
    assert len(month.select("main .card-list .card-title a")) == 5 and month.select_one("nav.pagination") is None
    assert build.html("news/").select_one("nav.pagination") is not None


def test_a_post_cannot_take_the_address_of_a_year(make_site):
    """content/posts/2021.md would be written over the news of 2021."""
    assert make_site({"posts/story-02.md": FILES["posts/story-02.md"]}).returncode == 0
    build = make_site({"posts/2021.md": FILES["posts/story-02.md"]})
    assert build.returncode == 1
    assert any("posts/2021.md" in line and "news of 2021" in line for line in build.problem_lines), build.stderr


# --- The live preview's quick step ----------------------------------------------

AFTER_THE_LAST_POST = "2023-01-02 12:00"


def test_a_saved_post_shows_at_once_in_the_full_lists_that_hold_it(tmp_path, factory_cache):
    """The quick step (sitebuild/quick_page.py) renders a post's page and the
    pages of the policies and councillors it names; the full list of their
    news that holds the post (plugins/listings: pages_showing) too, and a
    saved policy's list, which its title heads. Each as a full build writes it."""
    from compare_builds import files_of
    from conftest import MINIMAL_SITE, preview_overrides, write_content
    from test_quick_page import SETTINGS, edit

    from sitebuild.build import build_site
    from sitebuild.quick_page import WarmSite, keeping_generators

    content, preview = tmp_path / "content", tmp_path / "preview"
    write_content(content, {**MINIMAL_SITE, **FILES})
    with keeping_generators() as kept:
        build_site(SETTINGS, preview, preview_overrides(content, factory_cache, AFTER_THE_LAST_POST))
    warm = WarmSite(kept[0])
    # At DEFAULT_PAGINATION (10), story-00, the oldest post, is on page 2 of
    # housing's list (14 posts) and on the one page of Jo Bloggs's (6).
    saves = {
        "post": (("posts/story-00.md", "title: Story number 0", "title: Story zero, retold"),
                 {"news/story-00/index.html", "policies/housing/index.html", "councillors/jo-bloggs/index.html",
                  "policies/housing/news/page/2/index.html", "councillors/jo-bloggs/news/index.html"}),
        "policy": (("policies/01-housing.md", "title: Homes for everyone", "title: A home for all"),
                   {"policies/housing/index.html", "policies/housing/news/index.html",
                    "policies/housing/news/page/2/index.html"}),
    }
    for kind, (change, pages) in saves.items():  # one after another, as a volunteer saves
        before = files_of(preview)
        shown = warm.show({edit(content, *change)}, preview)
        assert shown is not None and set(shown) == pages, kind
        after = files_of(preview)
        assert {name for name in after if after[name] != before.get(name)} <= pages, kind
        full = tmp_path / f"full-{kind}"
        build_site(SETTINGS, full, preview_overrides(content, factory_cache, AFTER_THE_LAST_POST))
        for page in pages:
            assert after[page] == (full / page).read_bytes(), f"after a {kind} save, {page} differs"
    assert "Story zero, retold" in (preview / "policies/housing/news/page/2/index.html").read_text(encoding="utf-8")


# --- In a browser ------------------------------------------------------------------

def test_a_years_press_releases_are_under_their_months_each_linked_at_the_top(archive):
    """A busy year is hundreds of releases on one page (215 in a year of a
    3000-post site): without the filter's script, or by a screen reader's
    list of headings, a journalist finds March by its heading, linked from
    the top of the page. Each month holds its releases, newest first."""
    releases = [(url, day) for url, day in posts_newest_first()
                if url != "/news/hello/" and CATEGORIES[int(url[-3:-1]) % 3] == "press-releases"]
    for year in (2022, 2021):
        page = archive.html(f"press/releases/{year}/")
        months: dict[str, list[str]] = {}
        for url, day in releases:
            if day.year == year:
                months.setdefault(f"{day:%B %Y}", []).append(url)
        assert len(months) > 1
        shown = {month.h3.get_text(): [a["href"] for a in month.select("li a")]
                 for month in page.select(".archive-year .archive-month")}
        assert shown == months and list(shown) == list(months)
        links = page.select("nav[aria-labelledby=release-months] a")
        assert [(a.get_text(), a.find_next_sibling("span").get_text()) for a in links] == [
            (name, f"({len(urls)})") for name, urls in months.items()]
        assert all(page.select_one(a["href"]).get_text() == a.get_text() for a in links)
    # The latest releases' page is under its months too, but links no months: it is no one year's.
    latest = archive.html("press/releases/")
    assert latest.select(".archive-month h3") and latest.select_one("nav[aria-labelledby=release-months]") is None


# The pages only a site with many posts has (the real site's year, month,
# press year and full list pages are among test_site.PAGE_TYPES).
MANY_POST_PAGES = {"news, a middle page": "news/page/5/", "a tag's last page": "news/tag/launch/page/9/",
                   "a month": "news/2021/11/", "a year": "news/2021/",
                   "a policy's full list, page 2": "policies/housing/news/page/2/",
                   "a year of press releases": "press/releases/2021/"}


@pytest.mark.browser
def test_the_numbered_pages_pass_axe_and_fit_a_phone(archive, browser, settings):
    from reader_visits import visit_problems, visits_to_built_site

    with visits_to_built_site(browser, archive.output, settings) as visits:
        assert visit_problems(visits, MANY_POST_PAGES) == []
        # Every page number is a target of at least 44 × 44 px, on screen at 320 px.
        page = visits.page
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(f"{visits.base_url}/news/page/5/")
        boxes = page.eval_on_selector_all(
            ".pagination-pages a", "links => links.map(a => { const b = a.getBoundingClientRect();"
            " return [b.left, b.right, b.width, b.height]; })")
        assert len(boxes) == 5
        assert all(left >= 0 and right <= 320 and width >= 44 and height >= 44
                   for left, right, width, height in boxes), boxes


def test_the_numbered_pages_pass_the_nu_html_checker(archive):
    from test_accessibility import nu_messages

    pages = [archive.output / path / "index.html" for path in MANY_POST_PAGES.values()]
    assert all(page.is_file() for page in pages) and nu_messages(pages) == []
