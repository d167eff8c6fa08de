"""Search with more results than it shows at once, and on a slow link, in a
real browser: the status says how many are shown of how many, "Show more
results" (a button, used from the keyboard) adds the rest and moves focus to
the first new one; the status says "Searching…", then the count, then what
is shown, once each, never once per result; results appear as their
fragments come; while the script loads the page says "Loading search…", and
without JavaScript it still says that search needs it."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from browser import serve_folder
from conftest import build_in
from playwright.sync_api import expect
from reader_visits import axe_violations

pytestmark = pytest.mark.browser

MATCHES = 25  # more than one batch (20 on a fast link)
POSTS = {
    f"posts/rent-{n:02}.md": f"""\
        ---
        title: Rent update {n}
        date: 2021-10-{n:02}
        category: news
        summary: Update {n} on the rentcap campaign.
        ---
        The rentcap campaign, update {n}.
        """
    for n in range(1, MATCHES + 1)
}
QUERY = "rentcap"
# A name joined by "&", which Pagefind split into letters found on every page.
POSTS["posts/ferries.md"] = """\
    ---
    title: Ferry workers sacked
    date: 2021-09-01
    category: news
    summary: P&O Ferries sacked its crews.
    ---
    We stand with the crews P&O Ferries sacked.
    """
# Crews, but not P&O's: a longer search naming P&O must leave it out (its
# words starting "po" are what Pagefind found for P&O, searched as "po").
POSTS["posts/rail-crews.md"] = """\
    ---
    title: Rail crews strike
    date: 2021-09-02
    category: news
    summary: Train crews walked out over pay.
    ---
    We stand with the train crews on strike: their pay fell by pounds a week, a poor deal.
    """

# Every text the status is given, in order (installed before a search starts).
RECORD_STATUS = """() => {
  window.__said = [];
  const status = document.getElementById('search-status');
  new MutationObserver(() => window.__said.push(status.textContent))
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


@pytest.fixture(scope="module")
def many(tmp_path_factory, factory_cache, browser):
    built = build_in(tmp_path_factory.mktemp("search-paging"), POSTS, cache=factory_cache)
    assert built.returncode == 0, built.stderr
    with serve_folder(built.output) as url:
        yield url, browser


def open_search(many, **context_options):
    url, browser = many
    context = browser.new_context(**context_options)
    return context, context.new_page(), url


def test_more_results_than_a_batch_are_all_reachable_from_the_keyboard(many):
    context, page, url = open_search(many)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.evaluate(RECORD_STATUS)
        page.fill("#search-input", QUERY)
        status, results, more = page.locator("#search-status"), page.locator("#search-results > li"), page.locator("#search-more")
        expect(status).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        expect(results).to_have_count(20)
        expect(more).to_be_visible()
        said = page.evaluate("window.__said")
        assert said[-1] == f"Showing 20 of {MATCHES} results for “{QUERY}”"
        assert len(said) <= 3 and len(set(said)) == len(said), said  # no chatter, no repeats

        assert more.evaluate("button => button.tagName + ' ' + button.type") == "BUTTON button"
        more.focus()
        page.keyboard.press("Enter")
        expect(results).to_have_count(MATCHES)
        expect(status).to_have_text(f"{MATCHES} results for “{QUERY}”")
        expect(more).to_be_hidden()
        # Focus goes on from the first new result, not lost with the button.
        first_new = results.nth(20).locator("a").get_attribute("href")
        assert page.evaluate("document.activeElement.getAttribute('href')") == first_new
        links = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.getAttribute('href'))")
        assert len(set(links)) == MATCHES
    finally:
        context.close()


def test_the_status_speaks_at_once_and_results_come_as_they_arrive(many):
    """A slow link, simulated by holding Pagefind's index and fragment
    requests until the test lets each go."""
    context, page, url = open_search(many)
    held = {"index": [], "fragment": []}
    page.route("**/pagefind/index/**", lambda route: held["index"].append(route))
    page.route("**/pagefind/fragment/**", lambda route: held["fragment"].append(route))
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.evaluate(RECORD_STATUS)
        page.fill("#search-input", QUERY)
        status, results = page.locator("#search-status"), page.locator("#search-results > li")
        expect(status).to_have_text("Searching…")
        page.wait_for_timeout(100)
        for route in held["index"]:
            route.continue_()
        expect(status).to_have_text(f"Found {MATCHES} results; loading…")  # the count, before any fragment
        expect(results).to_have_count(0)
        # Results in rank order, each as soon as it (and those before it) came.
        page.wait_for_timeout(100)
        assert len(held["fragment"]) == 20, len(held["fragment"])
        held["fragment"].pop(0).continue_()
        expect(results).to_have_count(1)
        expect(status).to_have_text(f"Found {MATCHES} results; loading…")  # not a word per result
        for route in held["fragment"]:
            route.continue_()
        expect(status).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        expect(results).to_have_count(20)
        assert page.evaluate("window.__said") == [
            "Searching…", f"Found {MATCHES} results; loading…", f"Showing 20 of {MATCHES} results for “{QUERY}”"]
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_a_word_typed_at_a_phones_pace_is_searched_once(many):
    """Typed a key every 200 ms (a phone's pace), the word is searched when
    the typing stops, not at each of its beginnings ("r", "re", "ren" …),
    each of which fetched its own index chunk and first results."""
    context, page, url = open_search(many)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.evaluate(RECORD_STATUS)
        page.locator("#search-input").press_sequentially(QUERY, delay=200)
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        said = page.evaluate("window.__said")
        assert [text for text in said if "results for" in text] == [f"Showing 20 of {MATCHES} results for “{QUERY}”"]
    finally:
        context.close()


# Pagefind's script served through a module that notes each preload and
# search the page asks of it (then passes it on), so a test can see which
# words' index chunks the page had fetched.
PAGEFIND_NOTING = """\
import * as pagefind from "./pagefind.js?as-served";
export * from "./pagefind.js?as-served";
window.__asked = [];
const noted = (kind) => (term, options) => { window.__asked.push([kind, term]); return pagefind[kind](term, options); };
export const preload = noted("preload");
export const search = noted("search");
"""


def searched_twice(page) -> None:
    """Wait until the page has asked Pagefind for two searches (the second
    behind a "No results", from a fresh start). Polled: the page's policy
    allows no script from a string, as wait_for_function sends."""
    for _ in range(300):
        if len(page.evaluate("window.__asked")) >= 2:
            return
        page.wait_for_timeout(100)
    raise AssertionError(page.evaluate("window.__asked"))


def noting_pagefind(page) -> None:
    page.route("**/pagefind/pagefind.js", lambda route: route.fulfill(
        body=PAGEFIND_NOTING, content_type="text/javascript"))


def test_while_typing_only_words_of_three_letters_are_fetched_ahead(many):
    """While the reader types, the index's chunks for the words so far are
    fetched in the wait for the next key, but not for a word's first letter
    or two: Pagefind's own debouncedSearch fetched "r", "re", …, "rentcap f",
    whose chunks are many and large. The common word typed last is left out
    (see the next test), and the search is made once, when the typing stops:
    not at the space after a word, which changes nothing searched."""
    context, page, url = open_search(many)
    noting_pagefind(page)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        # A key every 100 ms: each fetches ahead, and the 300 ms wait for the
        # next key is never reached before the last, even on a busy machine
        # (at 200 ms, a test process starved of CPU for a moment searched "rentc").
        page.locator("#search-input").press_sequentially(f"{QUERY} for", delay=100)
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY} for”")
        asked = page.evaluate("window.__asked")
        assert [term for kind, term in asked if kind == "search"] == [QUERY]
        assert [term for kind, term in asked if kind == "preload"] == [
            QUERY[:length] for length in range(3, len(QUERY) + 1)] + [QUERY]  # "rentcap for"
    finally:
        context.close()


def test_a_word_typed_while_search_loads_is_searched_once_it_has(many):
    """On a slow link Pagefind's script comes after the reader has typed:
    the search waiting for it since each key must not all run once it comes
    ("r", "re" … each a search and its chunks); only the latest goes on."""
    context, page, url = open_search(many)
    held = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.locator("#search-input").press_sequentially(QUERY, delay=60)
        page.wait_for_timeout(400)  # the wait after the last key has passed: every search waits for Pagefind
        assert len(held) == 1
        held[0].fulfill(body=PAGEFIND_NOTING, content_type="text/javascript")
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        assert page.evaluate("window.__asked") == [["preload", QUERY], ["search", QUERY]]
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_the_common_words_the_readme_names_are_those_left_out():
    """The README names some of the common words a search leaves out: they are in search.js's list."""
    from conftest import REPO

    script = (REPO / "theme/static/js/search.js").read_text(encoding="utf-8")
    listed = set(" ".join(re.findall(r'"([a-z ]+)"', script.split("const COMMON_WORDS")[1].split(";")[0])).split())
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = re.search(r"\*\*Common words\*\* \(((?:\"[a-z]+\", )+\"[a-z]+\")", readme)[1]
    assert set(re.findall(r'"([a-z]+)"', named)) <= listed and {"for", "the", "of"} <= listed


@pytest.mark.parametrize("query, searched, found", [
    # "for" is in none of the posts: it would have found none of them.
    ("rentcap for", "rentcap", MATCHES),
    ("The rentcap of our campaign", "rentcap campaign", MATCHES),
    # Common words alone, or in quotes (a phrase), are searched as typed.
    ("for the", "for the", None),
    ('"rentcap for"', '"rentcap for"', 0),
])
def test_common_words_narrow_nothing_in_a_search_of_several(many, query, searched, found):
    """Pagefind keeps no list of common words, and each is in one of the
    index's largest chunks: with years of news, "homes for everyone" cost a
    phone 391 KB. Left out of a search of several words on an English page,
    they are never fetched; the status gives the reader's words."""
    context, page, url = open_search(many)
    noting_pagefind(page)
    try:
        page.goto(f"{url}/search/?q={query}")
        status = page.locator("#search-status")
        expect(status).to_have_text(re.compile(f"for “{re.escape(query)}”$"))
        if found is not None:
            expect(status).to_have_text(f"Showing 20 of {found} results for “{query}”" if found
                                        else f"No results for “{query}”")
        # A search that finds nothing runs once more from a fresh start,
        # behind its answer (what Pagefind failed to fetch, it keeps as empty).
        if found == 0:
            searched_twice(page)
        assert page.evaluate("window.__asked") == [["search", searched]] * (2 if found == 0 else 1)
    finally:
        context.close()


def test_a_name_joined_by_an_ampersand_is_searched_as_a_phrase(many):
    """P&O alone found nearly every page (Pagefind searched its letters);
    searched in quotes, it finds the post that names it."""
    context, page, url = open_search(many)
    noting_pagefind(page)
    try:
        page.goto(f"{url}/search/?q=P%26O")
        expect(page.locator("#search-status")).to_have_text("1 result for “P&O”")
        assert page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))"
                                         ) == ["/news/ferries/"]
        assert page.evaluate("window.__asked") == [["search", '"P&O"']]
    finally:
        context.close()


def test_a_name_joined_by_an_ampersand_in_a_longer_search_is_a_phrase_too(many):
    """Pagefind takes quotes only around a whole search: "P&O crews" was
    searched as the letters P and O and the word crews, and found the rail
    crews' post too. The name is searched apart, as a phrase, and only the
    pages both searches found are shown."""
    context, page, url = open_search(many)
    noting_pagefind(page)
    try:
        # Beside a name, common words and marks alone are left out: "for" or
        # "—" searched alone shared nothing with the name ("No results").
        for query, expected in (("P&O crews", ["/news/ferries/"]), ("crews", ["/news/rail-crews/", "/news/ferries/"]),
                                ("rentcap P&O", []), ("for P&O", ["/news/ferries/"]),
                                ("P&O —", ["/news/ferries/"])):
            page.goto(f"{url}/search/?q={quote(query)}")
            expect(page.locator("#search-status")).to_have_text(re.compile(f"for “{re.escape(query)}”$"))
            found = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")
            assert sorted(found) == sorted(expected), query
            searched = [term for kind, term in page.evaluate("window.__asked") if kind == "search"]
            if query == "P&O crews":  # the words, then the name, as a phrase
                assert searched == ["crews", '"P&O"']
            if query in ("for P&O", "P&O —"):
                assert searched == ['"P&O"'], searched
    finally:
        context.close()


def test_a_fast_search_typed_is_announced_once_with_its_outcome(many):
    """The wait for the next key (300 ms) is longer than a passing state
    must last to be written (250 ms): "Searching…" was announced before
    every search typed, however fast."""
    context, page, url = open_search(many)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.locator("#search-input").fill(QUERY)  # warms Pagefind: its chunks and fragments are then at hand
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        page.locator("#search-input").fill("")
        page.evaluate(RECORD_STATUS)
        page.locator("#search-input").fill(QUERY)
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”")
        page.wait_for_timeout(400)
        assert page.evaluate("window.__said") == [f"Showing 20 of {MATCHES} results for “{QUERY}”"]
    finally:
        context.close()


def slow_link(page) -> None:
    """Chromium's "Fast 3G" (DevTools' throttling, as Lighthouse uses it):
    the page's navigator.connection then says "3g"."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {"offline": False, "latency": 562.5,
                                                      "downloadThroughput": 1.44e6 / 8, "uploadThroughput": 675e3 / 8})


# Firefox and Safari have no navigator.connection.
WITHOUT_CONNECTION = 'Object.defineProperty(Navigator.prototype, "connection", { get: () => undefined });'


@pytest.mark.parametrize("slow, says", [(False, True), (True, True), (False, False), (True, False)],
                         ids=["fast link", "slow link", "fast link, speed unknown", "slow link, speed unknown"])
def test_search_runs_off_the_pages_thread_except_on_a_slow_link(many, slow, says):
    """Pagefind's worker keeps the keyboard free while it searches (a phone
    froze up to 1.4 s at each word's first letter with a thousand posts);
    on a slow link, where its script is one more round trip and Pagefind
    gives up on it after 5 s, the page searches by itself. Either way the
    results are the same. A browser that does not say how fast its link is
    (Firefox, Safari) is judged by how long the page itself took to come:
    with a 2 s round trip the worker cost 3 s before the first results."""
    context, page, url = open_search(many)
    try:
        if not says:
            page.add_init_script(WITHOUT_CONNECTION)
        if slow:
            slow_link(page)
        page.goto(f"{url}/search/?q={QUERY}")
        shown = 10 if slow else 20
        expect(page.locator("#search-status")).to_have_text(f"Showing {shown} of {MATCHES} results for “{QUERY}”",
                                                             timeout=30_000)
        reported = page.evaluate("navigator.connection && navigator.connection.effectiveType")
        assert reported == (None if not says else "3g" if slow else "4g")
        workers = [worker.url for worker in page.workers if "pagefind" in worker.url]
        assert bool(workers) is not slow, workers
    finally:
        context.close()


def test_while_the_script_loads_the_page_says_so_not_that_javascript_is_off(many):
    context, page, url = open_search(many)
    held = []
    page.route("**/js/search.js", lambda route: held.append(route))
    try:
        page.goto(f"{url}/search/", wait_until="commit")
        expect(page.locator("#search-fallback .search-loading")).to_be_visible()
        expect(page.locator("#search-fallback .search-no-js")).to_be_hidden()
        expect(page.locator("#search-fallback a[href='/news/']")).to_be_visible()  # something to do meanwhile
        held[0].continue_()
        expect(page.locator("#search-input")).to_be_visible()
        expect(page.locator("#search-fallback")).to_be_hidden()
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_if_pagefind_cannot_load_the_page_says_so(many):
    context, page, url = open_search(many)
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-fallback .search-broken")).to_be_visible()
        expect(page.locator("#search-fallback .search-loading")).to_be_hidden()
        expect(page.locator("#search-app")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("lost", ["index chunk", "webassembly"])
def test_a_dropped_connection_is_said_and_the_next_search_fetches_again(many, lost):
    """On a phone that loses its signal: Pagefind keeps an index chunk it
    could not fetch as empty (its search then said "No results", and went
    on saying so once the signal was back), and a start that failed (its
    WebAssembly) made every search fail until the page was reloaded; and
    the other ways to find things stayed hidden. Now the status says the
    connection failed, the other ways show, and the next search fetches
    what it needs again."""
    context, page, url = open_search(many)
    try:
        if lost == "index chunk":  # Pagefind started; the phone goes offline before the search
            page.goto(f"{url}/search/", wait_until="networkidle")
            context.set_offline(True)
            page.fill("#search-input", QUERY)
        else:
            page.route("**/pagefind/wasm.*", lambda route: route.abort())
            page.goto(f"{url}/search/?q={QUERY}")
        expect(page.locator("#search-status")).to_have_text(
            "Search could not be loaded: check your connection and try again.", timeout=30_000)
        expect(page.locator("#search-fallback a[href='/news/']")).to_be_visible()
        expect(page.locator("#search-fallback .search-broken")).to_be_hidden()  # said once, by the status
        context.set_offline(False)  # the signal is back
        page.unroute_all(behavior="ignoreErrors")
        page.locator("#search-input").press("Enter")
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”",
                                                             timeout=30_000)
        expect(page.locator("#search-fallback")).to_be_hidden()
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_a_chunk_lost_for_a_moment_is_fetched_again(many):
    """The chunk a search needed was lost (a weak signal, which fires no
    "offline" event) and the connection is fine again: Pagefind, which
    kept it as empty, starts afresh and the search runs again: results,
    not "No results" (a reviewer found "No results" until a reload)."""
    context, page, url = open_search(many)
    lost = []

    def first_chunk_lost(route):
        if not lost:
            lost.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/pagefind/index/*", first_chunk_lost)
    noting_pagefind(page)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-input")).to_be_visible()
        page.fill("#search-input", QUERY)
        expect(page.locator("#search-status")).to_have_text(f"Showing 20 of {MATCHES} results for “{QUERY}”",
                                                             timeout=30_000)
        searches = [asked for asked in page.evaluate("window.__asked") if asked[0] == "search"]
        assert lost and searches == [["search", QUERY], ["search", QUERY]]  # the second from a fresh start
    finally:
        page.unroute_all(behavior="ignoreErrors")
        context.close()


def test_a_search_that_finds_nothing_says_no_results_with_the_other_ways(many):
    """Found nothing, at once and again from a fresh start behind the
    answer: no results, and the links to find things otherwise."""
    context, page, url = open_search(many)
    noting_pagefind(page)
    try:
        page.goto(f"{url}/search/?q=zzyzx")
        expect(page.locator("#search-status")).to_have_text("No results for “zzyzx”", timeout=30_000)
        searched_twice(page)
        page.wait_for_timeout(200)
        expect(page.locator("#search-status")).to_have_text("No results for “zzyzx”")
        expect(page.locator("#search-fallback a[href='/news/']")).to_be_visible()
        expect(page.locator("#search-fallback .lead")).to_have_count(3)
        assert page.locator("#search-fallback .lead:visible").count() == 0  # the status says why
    finally:
        context.close()


def test_on_a_phone_the_results_come_right_under_the_box(many):
    """The eight type boxes and the order took about 450 px between the box
    and the first result at 320 px (a search audit): on a narrow screen they
    start closed under "Choose what to show and its order", open on a wide
    one, and open whenever the search uses them."""
    context, page, url = open_search(many, viewport={"width": 320, "height": 640})
    try:
        page.goto(f"{url}/search/?q={QUERY}")
        expect(page.locator("#search-status")).to_have_text(re.compile("^Showing 20 of"), timeout=30_000)
        box = page.locator("#search-input").bounding_box()
        first = page.locator("#search-results li").first.bounding_box()
        # The choices' summary and the status between them (430-480 px before).
        assert first["y"] - (box["y"] + box["height"]) < 250, (box, first)
        options = page.locator("#search-options")
        assert not options.evaluate("details => details.open")
        page.locator("#search-options summary").press("Enter")  # from the keyboard
        assert options.evaluate("details => details.open")
        expect(page.locator("input[name=type][value=News]")).to_be_visible()
        page.goto(f"{url}/search/?q={QUERY}&type=News")
        assert page.locator("#search-options").evaluate("details => details.open")
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(f"{url}/search/?q={QUERY}")
        assert page.locator("#search-options").evaluate("details => details.open")
    finally:
        context.close()


def test_without_javascript_the_page_says_search_needs_it(many):
    context, page, url = open_search(many, java_script_enabled=False)
    try:
        page.goto(f"{url}/search/")
        expect(page.locator("#search-fallback .search-no-js")).to_be_visible()
        expect(page.locator("#search-fallback .search-loading")).to_be_hidden()
        expect(page.locator("#search-app")).to_be_hidden()
    finally:
        context.close()


def test_the_results_and_their_button_meet_wcag(many):
    """axe-core on the search page with results and "Show more results" shown."""
    context, page, url = open_search(many)
    try:
        page.goto(f"{url}/search/?q={QUERY}")
        expect(page.locator("#search-more")).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()
