"""What search finds, read from the Pagefind index the real build wrote,
through the browser, and what the search page does around it: boxes
repeated on every page are not indexed (the join call, the press page's
list of releases), the minifesto is found by its name, a list of facts
is words apart, the index can live in another folder, a cleared search
leaves the address, and "No results" offers other ways to find things."""

from __future__ import annotations

import pytest
from browser import serve_folder
from conftest import build_in
from playwright.sync_api import expect
from reader_visits import axe_violations

pytestmark = pytest.mark.browser

# Every page Pagefind holds ({url: its indexed text}): a search for no words
# and no filter finds every page.
EVERY_PAGE = """async (script) => {
  const pagefind = await import(script);
  await pagefind.options({ noWorker: true });
  const found = await pagefind.search(null);
  const pages = await Promise.all(found.results.map((result) => result.data()));
  return Object.fromEntries(pages.map((page) => [page.url, page.content]));
}"""

# The URLs a search for `query` finds, best first.
FOUND = """async ([script, query]) => {
  const pagefind = await import(script);
  await pagefind.options({ noWorker: true });
  const found = await pagefind.search(query);
  return Promise.all(found.results.map((result) => result.data().then((page) => page.url)));
}"""


def words(text: str) -> str:
    return " ".join(text.split())


class IndexReader:
    """The index of a served site, read with Pagefind's own script in a page of it."""

    def __init__(self, page, index_path: str) -> None:
        self.page, self.script = page, f"/{index_path}/pagefind.js"
        self._pages: dict[str, str] | None = None

    @property
    def pages(self) -> dict[str, str]:
        if self._pages is None:
            self._pages = {url: words(text) for url, text in self.page.evaluate(EVERY_PAGE, self.script).items()}
        return self._pages

    def found(self, query: str) -> list[str]:
        return self.page.evaluate(FOUND, [self.script, query])


@pytest.fixture(scope="module")
def served(site, browser):
    with serve_folder(site.output) as url:
        yield url, browser


@pytest.fixture(scope="module")
def index(served, settings):
    url, browser = served
    page = browser.new_page(bypass_csp=True)  # evaluate() imports Pagefind: the page's policy would refuse it
    page.goto(f"{url}/search/")
    yield IndexReader(page, settings["SEARCH_INDEX_PATH"])
    page.close()


def test_the_join_call_after_every_post_is_not_indexed(site, index):
    """It made "donate", "join" and "supporter" find every post, each with
    the box as its excerpt."""
    posts = {url: text for url, text in index.pages.items() if url.startswith("/news/")}
    assert posts
    for url in posts:
        call = site.html(url.strip("/") + "/").select_one("aside.join-call")
        assert call is not None, url
        for paragraph in call.select("p"):
            assert words(paragraph.get_text()) not in posts[url], url


def test_the_press_page_is_indexed_without_its_list_of_releases(site, index):
    """Its own words are searched; each headline is found on its release's
    page, not on the press page too."""
    press = site.html("press/")
    assert words(press.select_one("main .lead").get_text()) in index.pages["/press/"]
    headlines = [words(link.get_text()) for link in press.select("section[aria-labelledby=latest-releases] li a")]
    assert headlines
    for headline in headlines:
        assert headline not in index.pages["/press/"]
        assert "/press/" not in index.found(headline)


@pytest.mark.parametrize("query", ["minifesto", "manifesto"])
def test_the_minifesto_is_found_by_its_name(index, query):
    assert index.found(query)[0] == "/minifesto/"


def test_the_minifesto_is_indexed_once_as_its_own_words(site, index):
    """Its foreword and closing call, not its links to files, editions and
    contents, nor its policies (each is found on its own page: here it would
    be a result beside every policy); and once, at its lasting address, not
    again at each edition's."""
    assert [url for url in index.pages if url.startswith("/minifesto/")] == ["/minifesto/"]
    indexed, page = index.pages["/minifesto/"], site.html("minifesto/")
    for own_words in (".foreword .prose", "#join .prose", "main h1"):
        assert words(page.select_one(own_words).get_text()) in indexed, own_words
    headings = {words(heading.get_text()) for heading in page.select("main h2")}  # the foreword's, the closing call's
    links = [words(link.get_text()) for link in page.select(".downloads a, .edition-links a, .contents a")
             if words(link.get_text()) not in headings]
    policies = [words(item.get_text()) for item in page.select(".policy .commitments li, .policy .policy-summary")]
    assert links and policies
    assert [text for text in links + policies if text in indexed] == []



@pytest.mark.parametrize("kind", ["councillors", "candidates", "branches", "events"])
def test_a_list_of_facts_is_indexed_as_separate_words(site, index, kind):
    """Its terms and values were written with nothing between them, and
    Pagefind ran them together: "RoleTown councillorCouncilBury St Edmunds…",
    a match marked as "inHillside"."""
    pages = [url for url in index.pages if url.startswith(f"/{kind}/")]
    assert pages
    for url in pages:
        facts = site.html(url.strip("/") + "/").select("dl.facts > *")
        assert facts, url
        assert " ".join(words(fact.get_text()) for fact in facts) in index.pages[url], url


@pytest.mark.parametrize("clear", ["delete the words", "press Escape"])
def test_a_cleared_search_leaves_the_address(served, clear):
    """Else a reload, or the address shared, brought the old search back."""
    url, browser = served
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{url}/search/?q=housing&type=Policy")
        expect(page.locator("#search-status")).to_contain_text("for “housing”")
        if clear == "press Escape":
            page.focus("#search-input")
            page.keyboard.press("Escape")
        else:
            page.fill("#search-input", "")
        expect(page.locator("#search-status")).to_have_text("")
        expect(page).to_have_url(f"{url}/search/?type=Policy")  # the boxes ticked stay
        page.reload()
        expect(page.locator("#search-input")).to_have_value("")
        expect(page.locator("input[name=type]:checked")).to_have_count(1)
        expect(page.locator("#search-results > li")).to_have_count(0)
    finally:
        context.close()


def test_no_results_offers_the_ways_to_find_things_without_search(served, site):
    """The links the page gives without JavaScript, with the site's
    candidates, events and branches, below the status that says why."""
    without_script = [link["href"] for link in site.html("search/").select("#search-fallback a")]
    assert {"/news/", "/policies/", "/councillors/", "/candidates/", "/events/", "/branches/",
            "/press/releases/", "/press/"} <= set(without_script)  # a journalist's ways too
    url, browser = served
    context = browser.new_context(bypass_csp=True)  # eval_on_selector_all
    page = context.new_page()
    try:
        page.goto(f"{url}/search/")
        page.fill("#search-input", "xylophonics")
        expect(page.locator("#search-status")).to_have_text("No results for “xylophonics”")
        offered = page.locator("#search-fallback")
        expect(offered).to_be_visible()
        expect(offered.locator(".lead")).to_have_count(3)
        for sentence in offered.locator(".lead").all():  # about the script, which works
            expect(sentence).to_be_hidden()
        links = page.eval_on_selector_all("#search-fallback a", "links => links.map(a => a.getAttribute('href'))")
        assert links == without_script
        for link in offered.locator("a").all():
            expect(link).to_be_visible()
        assert offered.bounding_box()["y"] >= page.locator("#search-status").bounding_box()["y"]
        assert axe_violations(page) == []
        page.fill("#search-input", "housing")
        expect(page.locator("#search-status")).to_contain_text("for “housing”")
        expect(offered).to_be_hidden()
    finally:
        context.close()

MOVED_INDEX = "assets/search-index"


@pytest.fixture(scope="module")
def moved_index(tmp_path_factory, factory_cache):
    """A small site whose index is not in pagefind/ (SEARCH_INDEX_PATH)."""
    built = build_in(tmp_path_factory.mktemp("moved-index"), settings={"SEARCH_INDEX_PATH": repr(MOVED_INDEX)},
                     cache=factory_cache)
    assert built.returncode == 0, built.stderr
    return built


def test_the_search_page_finds_the_index_where_the_setting_puts_it(moved_index, browser):
    assert (moved_index.output / MOVED_INDEX / "pagefind.js").is_file()
    assert not (moved_index.output / "pagefind").exists()
    with serve_folder(moved_index.output) as url:
        context = browser.new_context()
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        try:
            page.goto(f"{url}/search/")
            page.fill("#search-input", "hello")
            expect(page.locator("#search-status")).to_have_text("1 result for “hello”")
            expect(page.locator("#search-results a")).to_have_attribute("href", "/news/hello/")
        finally:
            context.close()
    index_requests = [address for address in requested if f"/{MOVED_INDEX}/" in address]
    assert f"{url}/{MOVED_INDEX}/pagefind.js" in index_requests
    assert any(address.endswith(".pagefind") for address in index_requests)  # the WebAssembly, from beside it
    assert [address for address in requested if not address.startswith(f"{url}/")] == []
