"""Search with Pagefind in a real browser: a ward finds its councillor, a
policy word finds the policy, filters narrow by type, listings and drafts
are not indexed, and the page explains itself without JavaScript."""

from __future__ import annotations

import pytest
from browser import chromium, serve_folder
from content_source import published

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(site):
    with serve_folder(site.output) as url, chromium() as browser:
        yield url, browser


@pytest.fixture(scope="module")
def search_page(served):
    url, browser = served
    # bypass_csp: the test waits with wait_for_function, which the page's own
    # policy forbids (search under that policy is tested in test_security_headers).
    page = browser.new_page(bypass_csp=True)
    page.goto(f"{url}/search/")
    page.wait_for_selector("#search-app:not([hidden])")
    yield page
    page.close()


def results_for(page, query: str) -> list[str]:
    page.fill("#search-input", "")
    page.wait_for_function("document.getElementById('search-status').textContent === ''")
    page.fill("#search-input", query)
    page.wait_for_function(
        "q => document.getElementById('search-status').textContent.includes(q)", arg=query, timeout=15_000
    )
    return page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")


def test_a_ward_finds_its_councillor(search_page):
    ward, slug = next((meta["ward"], slug) for slug, meta in published("councillors") if meta.get("ward"))
    assert f"/councillors/{slug}/" in results_for(search_page, ward)


def test_a_policy_word_finds_the_policy(search_page):
    assert results_for(search_page, "dentists")[0] == "/policies/nhs/"


def test_filters_narrow_by_type(search_page):
    ward, slug = next((meta["ward"], slug) for slug, meta in published("councillors") if meta.get("ward"))
    search_page.uncheck("input[name=type][value=Councillor]")
    try:
        assert f"/councillors/{slug}/" not in results_for(search_page, ward)
    finally:
        search_page.check("input[name=type][value=Councillor]")


def test_with_no_type_ticked_nothing_is_shown_and_the_status_says_why(search_page):
    """Pagefind took an empty list of types for no filter: unticking every
    box left every result listed, under "7 results for …"."""
    assert results_for(search_page, "housing")
    boxes = search_page.locator("input[name=type]")
    for index in range(boxes.count()):
        boxes.nth(index).uncheck()
    try:
        search_page.wait_for_function("document.getElementById('search-status').textContent.includes('ticked')")
        assert search_page.text_content("#search-status") == (
            "No type of page is ticked: tick at least one to see results.")
        assert search_page.locator("#search-results a").count() == 0
    finally:
        for index in range(boxes.count()):
            boxes.nth(index).check()


def test_a_tag_finds_the_posts_tagged_with_it(search_page, site):
    """Pagefind leaves a <footer>'s words out: the tags at the foot of a
    post were not searched, so "housing" missed most posts tagged housing.
    Checked with a tag whose word the post's own page says nowhere else."""
    found = []
    for slug, meta in published("posts"):
        words = site.html(f"news/{slug}/").select_one(".prose").get_text(" ").lower() + meta["title"].lower()
        found += [(slug, str(tag)) for tag in meta.get("tags") or () if str(tag).replace("-", " ") not in words]
    assert found, "the sample posts have no tag that their words do not say"
    slug, tag = found[0]
    assert f"/news/{slug}/" in results_for(search_page, tag.replace("-", " "))


def test_newest_news_first_puts_the_latest_posts_first_and_stays_in_the_address(search_page, site):
    """Among years of news, best-match order put a 2021 release above this
    week's: a reader can ask for the newest first (posts only: Pagefind
    leaves out pages without a date to sort by, and the choice says so)."""
    def dates(hrefs: list[str]) -> list[str]:
        return [site.html(href.lstrip("/")).select_one(".post-header time")["datetime"] for href in hrefs]

    best = results_for(search_page, "party")
    search_page.check("input[name=order][value=newest]")
    try:
        search_page.wait_for_function("document.getElementById('search-status').textContent.includes('newest')")
        newest = search_page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert newest and all(href.startswith("/news/") for href in newest)
        assert dates(newest) == sorted(dates(newest), reverse=True)
        assert newest != best[:len(newest)]
        assert "order=newest" in search_page.url
        search_page.reload()
        search_page.wait_for_function("document.getElementById('search-status').textContent.includes('newest')")
        assert search_page.is_checked("input[name=order][value=newest]")
    finally:
        search_page.check("input[name=order][value='']")


def test_listings_are_not_indexed(search_page):
    urls = results_for(search_page, "Breakthrough")
    assert urls
    listings = {"/", "/news/", "/policies/", "/councillors/", "/search/", "/news/category/news/"}
    assert not set(urls) & listings


def test_without_javascript_the_page_points_elsewhere(served):
    url, browser = served
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{url}/search/")
    assert page.is_visible("#search-fallback") and not page.is_visible("#search-app")
    links = page.eval_on_selector_all("#search-fallback a", "links => links.map(a => a.getAttribute('href'))")
    assert {"/news/", "/policies/", "/councillors/"} <= set(links)
    context.close()


def test_a_policy_comes_before_the_news_that_mentions_its_subject(search_page):
    """The housing policy's title does not say "housing"; its summary does,
    and a policy's summary and commitments weigh more than a post's text."""
    assert results_for(search_page, "housing")[0] == "/policies/housing/"


@pytest.mark.parametrize("query", ["housing", "climate", "NHS"])
def test_excerpts_start_at_the_start_of_a_sentence(search_page, query):
    """Or, in a sentence too long to show from its start, after "…"."""
    results_for(search_page, query)
    excerpts = search_page.eval_on_selector_all("#search-results li p", "ps => ps.map(p => p.textContent.trim())")
    assert len(excerpts) >= 3
    mid_sentence = [excerpt for excerpt in excerpts if excerpt[:1].islower()]
    assert mid_sentence == [], mid_sentence
    assert sum(excerpt[:1].isupper() or excerpt[:1].isdigit() for excerpt in excerpts) >= len(excerpts) // 2
    marked = search_page.eval_on_selector_all("#search-results li p mark", "marks => marks.length")
    assert marked >= len(excerpts)  # every excerpt shows a match


@pytest.mark.parametrize("query", ["Parker", "Katie Parker", "Samantha Cooper", "Kill the Bill", "Students",
                                   "Jo Sample"])
def test_an_excerpt_never_repeats_the_title_or_the_way_to_the_page(search_page, query):
    """A name is mostly found in a title: the excerpt read the trail
    ("Press releases.", "Our councillors."), the title and the date again,
    which the result's link and kind already say (a search audit)."""
    results_for(search_page, query)
    shown = search_page.eval_on_selector_all(
        "#search-results li", "items => items.map(li => [li.querySelector('a').textContent, "
                              "li.querySelector('p').textContent.trim()])")
    assert len(shown) >= 2
    for title, excerpt in shown:
        assert not excerpt.startswith(f"{title}."), (title, excerpt)  # the heading, as Pagefind ends a block
        trails = ("Press releases", "News.", "Opinion.", "Our councillors", "Our core policies")
        assert not excerpt.startswith(trails), excerpt


@pytest.mark.parametrize("kind, query, found", [
    ("Event", "Kill the Bill", "/events/kill-the-bill-protest/"),
    ("Candidate", "Riverside", "/candidates/sam-example/"),
    ("Branch", "campuses", "/branches/breakthrough-students/"),
])
def test_the_campaign_types_are_found_and_have_their_own_filter(search_page, settings, kind, query, found):
    """Every type the search page offers (SEARCH_TYPES) has its box: an
    event, a candidate and a branch are found, and unticking their box
    leaves them out."""
    boxes = search_page.eval_on_selector_all("input[name=type]", "boxes => boxes.map(box => box.value)")
    assert boxes == [value for value, _ in settings["SEARCH_TYPES"]]
    assert found in results_for(search_page, query)
    search_page.uncheck(f"input[name=type][value={kind}]")
    try:
        assert found not in results_for(search_page, query)
    finally:
        search_page.check(f"input[name=type][value={kind}]")


def test_press_releases_of_every_year_are_searched_alone_from_the_press_pages(served, site, settings):
    """A journalist's search of the releases alone, across the years:
    the press pages link to /search/?type=Press+release, which ticks only
    that box; the address keeps the choice, shared or reloaded."""
    url, browser = served
    releases = {f"/news/{slug}/" for slug, meta in published("posts") if meta["category"] == settings["PRESS_CATEGORY"]}
    for listing in ("press/", "press/releases/"):
        assert site.html(listing).find("a", href="/search/?type=Press%20release")
    page = browser.new_page(bypass_csp=True)
    try:
        page.goto(f"{url}/search/?type=Press%20release")
        page.wait_for_selector("#search-app:not([hidden])")
        ticked = page.eval_on_selector_all("input[name=type]:checked", "boxes => boxes.map(box => box.value)")
        assert ticked == ["Press release"]
        found = set(results_for(page, "Breakthrough"))
        assert found and found <= releases
        assert "type=Press+release" in page.url
        page.check("input[name=type][value=News]")
        assert set(results_for(page, "Breakthrough")) - releases  # news too, once its box is ticked
    finally:
        page.close()


def test_a_posts_result_gives_its_type_and_date(search_page, site, settings):
    """A party's headlines recur ("Statement on the budget"): a post's
    result says its type and its date, as its page shows the date."""
    slug, meta = next((slug, meta) for slug, meta in published("posts") if meta["category"] == settings["PRESS_CATEGORY"])
    page = site.html(f"news/{slug}/")
    shown_date = page.select_one("main .meta time").get_text(strip=True)
    results_for(search_page, meta["title"])
    kinds = search_page.eval_on_selector_all(
        "#search-results li", "items => items.map(li => [li.querySelector('a').getAttribute('href'), "
                              "li.querySelector('.meta').textContent])")
    assert [f"/news/{slug}/", f" (Press release, {shown_date})"] in kinds


def test_an_events_result_gives_its_day(search_page):
    """As a post's: past and coming events told apart without opening each
    (a search audit found "(Event)" alone)."""
    results_for(search_page, "Party Conference 2022")
    kinds = search_page.eval_on_selector_all(
        "#search-results li", "items => items.map(li => [li.querySelector('a').getAttribute('href'), "
                              "li.querySelector('.meta').textContent])")
    assert ["/events/party-conference-2022/", " (Event, 16 July 2022)"] in kinds


PAGE = ("<html lang='en'><head><title>Page {0}</title></head><body><main data-pagefind-body><h1>Page {0}</h1>"
        "<p>Words of page {0}.</p></main></body></html>")


def test_pages_sent_without_waiting_are_each_answered_in_order():
    """Pages go to Pagefind's service without waiting for each answer
    (plugins/search/service.py): every one is indexed, and an error answer
    to one of them is raised, not taken for another page's."""
    from plugins.search.service import IN_FLIGHT, PagefindError, PagefindService

    with PagefindService() as service:
        index = service.request({"type": "NewIndex", "config": {"force_language": "en"}})["index_id"]
        for number in range(3 * IN_FLIGHT):
            service.send({"type": "AddFile", "index_id": index, "url": f"/p{number}/", "file_path": None,
                          "file_contents": PAGE.format(number)})
        files = service.request({"type": "GetFiles", "index_id": index})["files"]
    assert sum(1 for file in files if file["path"].startswith("fragment/")) == 3 * IN_FLIGHT
    # A request the service cannot read is answered with no id: its own words are raised.
    with PagefindService() as service, pytest.raises(PagefindError) as unreadable:
        service.request({"type": "NoSuchRequest"})
    assert "answered request" not in str(unreadable.value)
    with PagefindService() as service, pytest.raises(PagefindError, match="does not yet exist"):
        index = service.request({"type": "NewIndex", "config": {"force_language": "en"}})["index_id"]
        for number in range(3 * IN_FLIGHT):
            wrong_index = index + 99 if number == 3 else index
            service.send({"type": "AddFile", "index_id": wrong_index, "url": f"/p{number}/", "file_path": None,
                          "file_contents": PAGE.format(number)})
        service.request({"type": "GetFiles", "index_id": index})
