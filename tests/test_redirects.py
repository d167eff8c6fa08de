"""A renamed item's old addresses keep working (plugins/redirects).

A journalist's story, a share on social media and a search engine's result
all link to an address; renaming the file (to fix a typo in the address)
must not turn them into "Page not found". The item lists its old
addresses; the build writes a page at each that sends the reader on, and
the hosts' rules that answer "301 Moved Permanently".
"""

from __future__ import annotations

import textwrap
import urllib.error
import urllib.request

import pytest
from conftest import MINIMAL_SITE, build_in, policy_markdown
from test_branches import LONDON_BRANCH
from test_candidates import candidate

# The post was published as /news/clmate-vote/ and renamed to fix the typo;
# the policy once had a longer name. A post still links to the old address.
RENAMED = {
    "posts/climate-vote.md": """\
        ---
        title: Councillors back the climate vote
        date: 2021-11-25
        category: news
        summary: Our councillors voted for the climate plan.
        old_addresses: [/news/clmate-vote/, /news/2021/climate-vote.html]
        ---
        The vote passed.
        """,
    "posts/follow-up.md": """\
        ---
        title: After the climate vote
        date: 2021-11-26
        category: news
        summary: What happens next.
        policies: [housing]
        ---
        Read [the first report](/news/clmate-vote/).
        """,
    "policies/01-housing.md": policy_markdown("Homes for everyone", 1,
                                              "old_addresses:\n  - /policies/homes-for-everyone/\n"),
    # Kept back with their items: the old address would announce the new one.
    "posts/secret-plan.md": """\
        ---
        title: A plan not yet announced
        date: 2021-11-27
        category: news
        summary: Not yet.
        status: draft
        old_addresses: [/news/draft-plan/]
        ---
        Not yet.
        """,
    "posts/embargoed.md": """\
        ---
        title: Embargoed until the launch
        date: 2030-01-01 09:00
        embargo: 2030-01-01 09:00
        category: news
        summary: Later.
        old_addresses: [/news/launch-plan/]
        ---
        Later.
        """,
}
NOW = ("--now", "2022-06-01 12:00")
# Every other kind with a page of its own, renamed once: (file, old address,
# its address now).
OTHER_KINDS = {
    "pages/about.md": ("---\ntitle: About us\nsummary: Who we are.\nold_addresses: [/who-we-are/]\n---\nText.\n",
                       "who-we-are/", "/about/"),
    "councillors/jo-bloggs.md": (
        textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
            "region: London\n", "region: London\nold_addresses: [/councillors/joanne-bloggs/]\n"),
        "councillors/joanne-bloggs/", "/councillors/jo-bloggs/"),
    "events/canvass.md": ("---\ntitle: Canvass\nstart: 2022-05-07 10:00\nend: 2022-05-07 13:00\n"
                          "summary: Knocking on doors.\ncategory: campaign-day\nplace: Truro\n"
                          "old_addresses: [/events/canvas/]\n---\nCanvassing.\n",
                          "events/canvas/", "/events/canvass/"),
    "branches/breakthrough-london.md": (LONDON_BRANCH.replace("region: London\n",
                                                              "region: London\nold_addresses: [/branches/london/]\n"),
                                        "branches/london/", "/branches/breakthrough-london/"),
    "candidates/alex-standing.md": (candidate(old_addresses="[/candidates/alex-stand/]"),
                                    "candidates/alex-stand/", "/candidates/alex-standing/"),
}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory, factory_cache):
    files = {**RENAMED, **{name: text for name, (text, _, _) in OTHER_KINDS.items()}}
    built = build_in(tmp_path_factory.mktemp("renamed"), files, cache=factory_cache, options=NOW)
    assert built.returncode == 0, built.stderr
    return built


def test_an_old_address_shows_a_page_that_sends_the_reader_on(renamed, settings):
    from sitecore.imprint import imprint_text

    for old in ("news/clmate-vote/", "news/2021/climate-vote.html"):
        page = renamed.html(old)
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/news/climate-vote/"
        assert page.find("link", rel="canonical")["href"] == "https://breakthroughparty.org.uk/news/climate-vote/"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.find("meta", property="og:url")["content"] == "https://breakthroughparty.org.uk/news/climate-vote/"
        assert page.find("h1").get_text(strip=True) == "This page has moved"
        link = page.find("main").find("a", href="/news/climate-vote/")
        assert link.get_text(strip=True) == "Councillors back the climate vote"
        assert imprint_text(settings) in page.find("footer").get_text(" ", strip=True)
        # Never searched, never listed: the reader finds the item itself.
        assert page.find(attrs={"data-pagefind-body": True}) is None
    assert renamed.html("policies/homes-for-everyone/").find("meta", attrs={"http-equiv": "refresh"})[
        "content"] == "0; url=/policies/housing/"
    sitemap = (renamed.output / "sitemap.xml").read_text()
    assert "/news/climate-vote/" in sitemap and "clmate" not in sitemap and "homes-for-everyone" not in sitemap


def test_the_hosts_are_told_to_answer_301(renamed):
    redirects = (renamed.output / "_redirects").read_text().splitlines()
    assert redirects[1:] == sorted(["/news/2021/climate-vote.html /news/climate-vote/ 301",
                                    "/news/clmate-vote/ /news/climate-vote/ 301",
                                    "/policies/homes-for-everyone/ /policies/housing/ 301",
                                    "/policies/homes-for-everyone/news/ /policies/housing/news/ 301",
                                    "/councillors/joanne-bloggs/news/ /councillors/jo-bloggs/news/ 301",
                                    "/events/canvas/news/ /events/canvass/news/ 301",
                                    *(f"/{old} {new} 301" for _, old, new in OTHER_KINDS.values())])
    nginx = (renamed.output / "_server/nginx-redirects.conf").read_text()
    assert "location = /news/clmate-vote/ { return 301 /news/climate-vote/; }" in nginx


@pytest.mark.parametrize("old, new", [(old, new) for _, old, new in OTHER_KINDS.values()],
                         ids=[name.split("/")[0] for name in OTHER_KINDS])
def test_every_kind_with_a_page_keeps_its_old_addresses(renamed, old, new):
    """As the README says: posts, pages, policies, councillors, events,
    candidates and branches."""
    page = renamed.html(old)
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
    assert page.find("main").find("a", href=new) is not None


def test_the_pages_under_a_renamed_items_page_move_with_it(renamed):
    """A policy's full list of news (/policies/<slug>/news/) was at the old
    address too: a link to it keeps working."""
    page = renamed.html("policies/homes-for-everyone/news/")
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/policies/housing/news/"
    assert page.find("link", rel="canonical")["href"] == "https://breakthroughparty.org.uk/policies/housing/news/"
    assert page.find("main").find("p", class_="lead").get_text(" ", strip=True) == (
        "The news of Homes for everyone is now at https://breakthroughparty.org.uk/policies/housing/news/.")
    assert page.find("title").get_text() == "Moved: the news of Homes for everyone | Breakthrough Party"
    # The link names what it leads to: the news, not the policy.
    assert page.find("main").find("a", href="/policies/housing/news/").get_text(" ", strip=True) == (
        "The news of Homes for everyone")
    assert "location = /policies/homes-for-everyone/news/ { return 301 /policies/housing/news/; }" in (
        renamed.output / "_server/nginx-redirects.conf").read_text()


def test_a_renamed_events_calendar_file_is_at_its_old_address_too(renamed):
    """From an audit: the link to add an event to a calendar
    (/events/<old>/event.ics, shared as it is) met "Page not found" once the
    event was renamed: no notice page can stand in for a calendar file. The
    same file is there, its UID unchanged, so an app adds the event once."""
    old, new = (renamed.output / f"events/{name}/event.ics" for name in ("canvas", "canvass"))
    assert old.read_bytes() == new.read_bytes()
    assert b"UID:canvas@" in new.read_bytes()
    assert "events/canvas/event.ics" not in (renamed.output / "sitemap.xml").read_text()


def test_a_renamed_post_or_event_keeps_its_identity_in_feeds_and_calendars(renamed):
    """Feed readers and calendars know an entry by its id, an event by its
    UID: made from the address it was first published at (the first of its
    old_addresses), so that renaming the file does not show the post again
    as new, or add the event a second time beside the old one."""
    import feedparser

    [entry] = [entry for entry in feedparser.parse(renamed.output / "feeds/all.atom.xml").entries
               if entry.link.endswith("/news/climate-vote/")]
    # (Dated before FEED_ADDRESS_IDS_FROM, its id holds its date, as Pelican's did.)
    assert entry.id == "tag:breakthroughparty.org.uk,2021-11-25:/news/clmate-vote/"
    [after] = [entry for entry in feedparser.parse(renamed.output / "feeds/all.atom.xml").entries
               if entry.link.endswith("/news/follow-up/")]
    assert after.id == "tag:breakthroughparty.org.uk,2021-11-26:/news/follow-up/"  # never renamed: its own address
    for calendar in ("events/canvass/event.ics", "events/calendar.ics"):
        lines = (renamed.output / calendar).read_bytes().decode("utf-8").split("\r\n")
        assert "UID:canvas@breakthroughparty.org.uk" in lines, calendar


def test_an_old_address_of_another_site_or_kind_leaves_the_identity_its_own(tmp_path, factory_cache):
    """An old address of a site the party had before (events/2019/agm.html)
    or of another kind of page (/agm/) is not where the item was first
    published here: added to an event or a post already published (as the
    README invites), it changed the item's UID or entry id, and calendars
    and feed readers showed it twice (an audit). Named like an event of now
    (agm), it never gives that event's UID to another (a reviewer found two
    events sharing UID:agm@…)."""
    import feedparser

    agm = OTHER_KINDS["events/canvass.md"][0].replace("title: Canvass", "title: AGM").replace(
        "old_addresses: [/events/canvas/]\n", "")
    earlier = agm.replace("title: AGM", "title: AGM 2019").replace(
        "place: Truro\n", "place: Truro\nold_addresses: [/events/2019/agm.html]\n")
    first = agm.replace("title: AGM", "title: The first AGM").replace(
        "place: Truro\n", "place: Truro\nold_addresses: [/agm/, /events/first-meeting/]\n")
    post = RENAMED["posts/climate-vote.md"].replace(
        "old_addresses: [/news/clmate-vote/, /news/2021/climate-vote.html]",
        "old_addresses: [/news/2021/climate-vote.html, /news/clmate-vote/]")
    build = build_in(tmp_path, {"events/agm.md": agm, "events/agm-2019-meeting.md": earlier,
                                "events/first-agm.md": first, "posts/climate-vote.md": post},
                     cache=factory_cache, options=NOW)
    assert build.returncode == 0, build.stderr
    calendar = (build.output / "events/calendar.ics").read_bytes().decode("utf-8").split("\r\n")
    assert sorted(line for line in calendar if line.startswith("UID:")) == [
        "UID:agm-2019-meeting@breakthroughparty.org.uk", "UID:agm@breakthroughparty.org.uk",
        "UID:first-meeting@breakthroughparty.org.uk"]  # its first address of this site's
    [entry] = [entry for entry in feedparser.parse(build.output / "feeds/all.atom.xml").entries
               if entry.link.endswith("/news/climate-vote/")]
    assert entry.id == "tag:breakthroughparty.org.uk,2021-11-25:/news/clmate-vote/"


def test_a_draft_or_embargoed_items_old_addresses_wait_for_it(renamed):
    written = "".join((renamed.output / name).read_text() for name in ("_redirects", "_server/nginx-redirects.conf"))
    for old, new in (("news/draft-plan/", "secret-plan"), ("news/launch-plan/", "embargoed")):
        assert not (renamed.output / old).exists()
        assert old not in written and new not in written


def test_nginx_answers_301_with_the_snippet_included(renamed, tmp_path):
    from browser import serve_with_nginx

    class NoFollow(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *arguments):
            return None

    with serve_with_nginx(renamed.output, tmp_path, also_include=("_server/nginx-redirects.conf",)) as base:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.build_opener(NoFollow).open(f"{base}/news/clmate-vote/")
        assert answer.value.code == 301
        assert answer.value.headers["Location"].endswith("/news/climate-vote/")
        assert answer.value.headers["Content-Security-Policy"]  # the site's headers still apply


@pytest.mark.browser
def test_a_browser_following_an_old_link_lands_on_the_page(renamed, browser):
    from browser import goto_settled, serve_folder

    with serve_folder(renamed.output) as base:
        page = browser.new_page()
        try:
            goto_settled(page, f"{base}/news/clmate-vote/")
            page.wait_for_url(f"{base}/news/climate-vote/")
            assert page.locator("h1").inner_text() == "Councillors back the climate vote"
        finally:
            page.close()


@pytest.mark.browser
def test_a_link_to_a_part_of_a_renamed_page_lands_on_that_part(renamed, browser):
    """A journalist cites one commitment (`#commitment-1`) at the policy's
    old address: the refresh drops the #part, js/moved.js carries it."""
    from browser import goto_settled, serve_folder

    with serve_folder(renamed.output) as base:
        page = browser.new_page()
        try:
            goto_settled(page, f"{base}/policies/homes-for-everyone/#commitment-1")
            page.wait_for_url(f"{base}/policies/housing/#commitment-1")
            assert page.evaluate("document.querySelector(':target')?.id") == "commitment-1"
            # Without a #part the refresh alone goes on, as without JavaScript.
            goto_settled(page, f"{base}/news/clmate-vote/")
            page.wait_for_url(f"{base}/news/climate-vote/")
        finally:
            page.close()


@pytest.mark.browser
def test_the_moved_page_passes_axe_and_the_nu_html_checker(renamed, browser, settings, tmp_path):
    """axe checks the page as shown: a copy without its refresh, which
    would take the browser away before axe could look."""
    import shutil

    from reader_visits import problems_of_built_pages
    from test_accessibility import nu_messages

    moved = renamed.output / "news/clmate-vote/index.html"
    assert nu_messages([moved]) == []
    site = tmp_path / "site"
    shutil.copytree(renamed.output, site)
    html = moved.read_text(encoding="utf-8")
    refresh = '<meta http-equiv="refresh" content="0; url=/news/climate-vote/">'
    assert refresh in html
    (site / "news/clmate-vote/index.html").write_text(html.replace(refresh, ""), encoding="utf-8")
    assert problems_of_built_pages(browser, site, settings, {"a moved page": "news/clmate-vote/"}) == []


# Each mistake in a file of its own: one build reports them all.
MISTAKES = {
    "posts/takes-a-live-page.md": ("/news/hello/", "old_addresses: item 1: /news/hello/ is still in use: it is the address "
                                                   "of the page of posts/hello.md"),
    "posts/takes-a-listing.md": ("/news/", "old_addresses: item 1: /news/ is still in use: it is the address of the site's "
                                           "own index page"),
    "posts/takes-its-own.md": ("/news/takes-its-own/", "old_addresses: item 1: /news/takes-its-own/ is this item's own address"),
    "posts/first-claim.md": ("/news/shared-old/", None),
    "posts/second-claim.md": ("/news/shared-old/", "old_addresses: item 1: /news/shared-old/ is also an old address of "
                                                   "content/posts/first-claim.md"),
    "posts/takes-a-drafts.md": ("/news/coming-soon/", "old_addresses: item 1: /news/coming-soon/ is the address "
                                                      "content/posts/coming-soon.md will have once it is published"),
    "posts/whole-address.md": ("https://breakthroughparty.org.uk/news/x/", "old_addresses: item 1: "
                               '"https://breakthroughparty.org.uk/news/x/" is a whole web address'),
    "posts/outside.md": ("/news/../../etc/", 'old_addresses: item 1: "/news/../../etc/" is not the address of a page'),
    "posts/not-a-page.md": ("/minifesto.pdf", 'old_addresses: item 1: "/minifesto.pdf" is not the address of a page'),
    # A list's address that may come with the next post (an embargo lifting
    # at the hourly build would fail), or a listing's later page.
    "posts/takes-a-month.md": ("/news/2030/01/", "old_addresses: item 1: /news/2030/01/ has the shape of an address the "
                                                 "site gives its lists"),
    "posts/takes-a-later-page.md": ("/news/page/7/", "old_addresses: item 1: /news/page/7/ has the shape of an address"),
    # The page of a year's past events, which comes once that year has one (a fuzzing audit).
    "posts/takes-past-events.md": ("/events/past/2030/", "old_addresses: item 1: /events/past/2030/ has the shape of "
                                                         "an address the site gives its lists"),
    "posts/takes-the-theme.md": ("/theme/old/", "old_addresses: item 1: /theme/old/ is in a folder the site keeps its own"),
    # A redirect page was written among the feeds and among the share cards (a security audit).
    "posts/takes-the-feeds.md": ("/feeds/old.html", "old_addresses: item 1: /feeds/old.html is in a folder the site "
                                                    "keeps its own files in"),
    "posts/takes-the-cards.md": ("/share/old.html", "old_addresses: item 1: /share/old.html is in a folder the site "
                                                    "keeps its own"),
    # Its own address, written as the file that answers there.
    "posts/own-index.md": ("/news/own-index/index.html", "old_addresses: item 1: /news/own-index/ is this item's own address"),
    # Its own address in other capitals: said so, not "its own address" (an audit).
    "posts/own-in-capitals.md": ("/News/Own-In-Capitals/", "old_addresses: item 1: /News/Own-In-Capitals/ is this "
                                                           "item's own address, /news/own-in-capitals/, in other "
                                                           "capitals"),
    # One address in other letters: one folder on a Mac.
    "posts/other-case.md": ("/News/Shared-Old/", "old_addresses: item 1: /News/Shared-Old/ is also an old address of "
                                                 "content/posts/first-claim.md"),
    "posts/too-long.md": ("/news/" + "a" * 101 + "/", "old_addresses: item 1: "),
    # The redirects' own file for the host: the build wrote a folder there and
    # ended "IsADirectoryError", at no line, though `invoke check` passed it.
    "posts/takes-the-redirects.md": ("/_redirects/", "old_addresses: item 1: /_redirects/ is still in use: it is an "
                                                     "address of a page the site writes"),
    # Or a folder inside a file the site writes: IsADirectoryError, NotADirectoryError.
    "posts/inside-the-redirects.md": ("/_redirects/x/", "old_addresses: item 1: /_redirects/x/ is inside /_redirects, "
                                                        "which is a file the site writes"),
    "posts/inside-the-headers.md": ("/_headers/y/", "old_addresses: item 1: /_headers/y/ is inside /_headers, which is "
                                                    "a file the site writes"),
}


def post_claiming(name: str, address: str) -> str:
    return f"""\
        ---
        title: Post {name}
        date: 2021-11-25
        category: news
        summary: A post.
        old_addresses: ["{address}"]
        ---
        Text.
        """


def test_an_old_address_the_site_uses_or_two_items_claim_is_refused(tmp_path, factory_cache):
    files = {path: post_claiming(path, address) for path, (address, _) in MISTAKES.items()}
    files["posts/coming-soon.md"] = RENAMED["posts/secret-plan.md"].replace("/news/draft-plan/", "/news/other/")
    built = build_in(tmp_path, files, cache=factory_cache, options=NOW)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    reported = built.problem_lines
    for path, (_, expected) in MISTAKES.items():
        mine = [line for line in reported if line.startswith(f"content/{path}:6: ")]
        assert (expected is None and mine == []) or (len(mine) == 1 and expected in mine[0]), (path, reported)
    assert len(reported) == len([e for _, e in MISTAKES.values() if e]), reported
    assert not built.output.exists()  # nothing written


def test_a_file_naming_the_renamed_one_by_its_old_name_still_names_it(tmp_path, factory_cache):
    """The policy was /policies/homes/ before it became housing.md; the post
    was /news/clmate-vote/; the councillor was jo-smith: each file naming
    them by their old names names them still (an audit: a councillor's
    change of name made every post that named them fail, 44 files to edit
    in the sample content). A name close to a post's, as after a rename
    that kept no old address, is told the nearest name, and to keep it."""
    policy = RENAMED["policies/01-housing.md"].replace("/policies/homes-for-everyone/", "/policies/homes/")
    councillor = MINIMAL_SITE["councillors/jo-bloggs.md"].replace(
        "role: Town councillor", "role: Town councillor\n        old_addresses: [/councillors/jo-smith/]")
    event = """\
        ---
        title: Climate vote rally
        start: 2021-11-20 10:00
        end: 2021-11-20 13:00
        summary: A rally before the vote.
        category: campaign-day
        place: Hackney
        report: clmate-vote
        ---
        A rally.
        """
    hello = MINIMAL_SITE["posts/hello.md"].replace("[housing]", "[homes, housing]").replace("[jo-bloggs]", "[jo-smith]")
    files = {"policies/01-housing.md": policy, "posts/climate-vote.md": RENAMED["posts/climate-vote.md"],
             "councillors/jo-bloggs.md": councillor, "posts/hello.md": hello,
             "candidates/alex-standing.md": candidate().replace("[housing]", "[homes]"),
             "events/climate-rally.md": event}
    built = build_in(tmp_path, files, cache=factory_cache, options=NOW)
    assert built.returncode == 0, built.stderr
    story = built.html("news/hello/").main
    policies = story.find("h2", string="Policies in this story").find_next("ul").find_all("a")
    assert [link["href"] for link in policies] == ["/policies/housing/"]  # named twice, by both names: once
    listed = built.html("policies/housing/").main.find_all("a", href="/news/hello/")
    assert len(listed) == 1  # and once on the policy's page (a review)
    councillors = story.find("h2", string="Councillors in this story").find_next("ul").find_all("a")
    assert [link["href"] for link in councillors] == ["/councillors/jo-bloggs/"]
    assert built.html("candidates/alex-standing/").main.find("a", href="/policies/housing/") is not None
    assert "/news/climate-vote/" in {link["href"] for link in built.html("events/climate-rally/").main.find_all("a")}
    # A name close to one, as after a rename that kept no old address.
    files["events/second-rally.md"] = event.replace("clmate-vote", "climate-vote-2021")
    refused = build_in(tmp_path, files, cache=factory_cache, options=NOW)
    assert refused.returncode == 1
    assert refused.problem_lines == [
        'content/events/second-rally.md:8: report: no post is called "climate-vote-2021" — did you mean '
        "climate-vote? Otherwise name a published post by its file name without '.md'. (If a file was renamed "
        "from \"climate-vote-2021\", add its old address to that file's old_addresses: this name then names it.)"]


def test_a_link_to_a_part_at_a_renamed_items_old_address_is_checked_at_its_new_page(tmp_path, factory_cache):
    """From an audit: renaming a policy made every post citing a commitment
    at its old address (/policies/housing/#commitment-3, as the README tells
    the press to cite) fail the build, though the notice there carries the
    part to the new page (moved.js). The part is checked at the new page."""
    follow_up = RENAMED["posts/follow-up.md"].replace(
        "Read [the first report](/news/clmate-vote/).",
        "See [our first pledge](/policies/homes-for-everyone/#commitment-1) and [the report](/news/clmate-vote/#nowhere).")
    built = build_in(tmp_path, {**RENAMED, "posts/follow-up.md": follow_up}, cache=factory_cache, options=NOW)
    assert built.returncode == 1  # the report has no #nowhere: the new page's parts are the ones checked
    assert built.problem_lines == [
        "content/posts/follow-up.md:8: body: the link /news/clmate-vote/#nowhere goes to #nowhere, which /news/clmate-vote/ "
        "does not have — link to /news/clmate-vote/ without a #part, or to one of its headings (a heading's part is "
        "made of its words: e.g. ## Why it matters is #why-it-matters)"]
    fixed = build_in(tmp_path, {**RENAMED, "posts/follow-up.md": follow_up.replace("#nowhere", "")},
                     cache=factory_cache, options=NOW)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.html("policies/housing/").find(id="commitment-1") is not None


def test_a_new_file_named_as_another_was_before_its_rename_is_told_to_take_another_name(tmp_path, factory_cache):
    """From an audit: canvas.md became canvass.md keeping /events/canvas/;
    a new canvas.md was refused with one fix only, to remove the old
    address, which would hand the old event's calendar entries and links to
    the new one. The fix to rename the new file is given first."""
    canvass = OTHER_KINDS["events/canvass.md"][0]
    new_one = canvass.replace("title: Canvass", "title: Canvass in June").replace("2022-05-07", "2022-06-04").replace(
        "old_addresses: [/events/canvas/]\n", "")
    built = build_in(tmp_path, {"events/canvass.md": canvass, "events/canvas.md": new_one},
                     cache=factory_cache, options=NOW)
    assert built.returncode == 1
    [problem] = built.problem_lines
    assert problem.startswith("content/events/canvass.md:8: old_addresses: item 1: /events/canvas/ is still in use: "
                              "it is the address of ")
    assert problem.endswith("— if content/events/canvas.md is new, named as this file was before it was renamed, "
                            "give it another name (e.g. canvas-2022.md), so that the links to this one's old address "
                            "keep leading here; if not, remove /events/canvas/ from old_addresses")
    # Never a name a file has: here the renamed one's (a review).
    again = build_in(tmp_path, {"events/canvass.md": None, "events/canvas-2022.md": canvass,
                                "events/canvas.md": new_one}, cache=factory_cache, options=NOW)
    [problem] = again.problem_lines
    assert "give it another name (e.g. canvas-2.md)" in problem


def test_a_file_renamed_in_capitals_alone_is_told_once_not_at_every_file_naming_it(tmp_path, factory_cache):
    """From an audit: 02-housing.md renamed 02-Housing.md was refused for its
    capitals, and every post and candidate naming "housing" was told also
    that no policy is called that, from a list without it."""
    built = build_in(tmp_path, {"policies/01-housing.md": None,
                                "policies/01-Housing.md": MINIMAL_SITE["policies/01-housing.md"],
                                "candidates/alex-standing.md": candidate()}, cache=factory_cache, options=NOW)
    assert built.returncode == 1
    assert "no policy is called" not in built.stderr
    [told] = built.problem_lines
    assert told.startswith("content/policies/01-Housing.md:")


def test_only_an_old_address_of_its_own_form_gives_an_item_an_old_name(tmp_path, factory_cache):
    """From a review: an old site's /2020/06/agm.html gave its post the name
    "agm", and took it from the post renamed from /news/agm/ when that one
    came later in the list: an event's `report: agm` linked the wrong post."""
    def post(name: str, day: str, old: str) -> str:
        return (f"---\ntitle: The AGM of {day[:4]}\ndate: {day}\ncategory: news\nsummary: Our AGM.\n"
                f"old_addresses: [{old}]\n---\nWords.\n")

    event = OTHER_KINDS["events/canvass.md"][0].replace("old_addresses: [/events/canvas/]\n", "report: agm\n")
    built = build_in(tmp_path, {"posts/agm-2019.md": post("agm-2019", "2019-06-01", "/news/agm/"),
                                "posts/agm-2020.md": post("agm-2020", "2020-06-01", "/2020/06/agm.html"),
                                "events/canvass.md": event}, cache=factory_cache, options=NOW)
    assert built.returncode == 0, built.stderr
    links = {link["href"] for link in built.html("events/canvass/").main.find_all("a")}
    assert "/news/agm-2019/" in links and "/news/agm-2020/" not in links
