"""The press office, the privacy promise and the accessibility statement."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from browser import chromium, serve_folder
from conftest import uk_tel
from playwright.sync_api import expect
from content_source import CONTENT, published

from plugins.headers.header_rules import security_txt
from sitecore.schema.document import parse_document

# content/press-office.md: the contacts, the press kit's people, the notes to editors.
PRESS_OFFICE = parse_document((CONTENT / "press-office.md").read_text(encoding="utf-8"))


def press_releases():
    releases = [(slug, meta) for slug, meta in published("posts") if meta["category"] == "press-releases"]
    return sorted(releases, key=lambda item: str(item[1]["date"]), reverse=True)


def test_press_office_has_contacts_from_the_press_office_file(site):
    press = site.html("press/")
    text = " ".join(press.get_text(" ").split())
    for contact in PRESS_OFFICE.values["contacts"]:
        assert contact["name"] in text and contact["role"] in text
        assert press.find("a", href=uk_tel(contact["phone"]), string=contact["phone"])
        assert press.find("a", href="mailto:" + contact["email"])
    assert press.find("a", href=uk_tel(PRESS_OFFICE.values["out_of_hours"]))



def test_press_office_lists_the_latest_releases_newest_first(site):
    links = [a["href"] for a in site.html("press/").select("#latest-releases + ul a")]
    assert links == [f"/news/{slug}/" for slug, _ in press_releases()][:5]


def test_press_kit_files_exist_with_their_sizes(site):
    press = site.html("press/")
    people = PRESS_OFFICE.values["press_kit_people"]
    kit = press.select("section[aria-labelledby=press-kit] .file-list li")
    assert len(kit) == 2 + len(people)
    for item in kit:
        path = site.output / item.a["href"].lstrip("/")
        assert path.is_file(), item.a["href"]
        assert f"{max(1, round(path.stat().st_size / 1024))} KB" in item.select_one(".meta").get_text()
    captions = [" ".join(f.get_text(" ").split()) for f in press.select(".press-person figcaption")]
    assert captions == [f"{p['caption']} {p['credit']}" for p in people]
    assert " ".join(PRESS_OFFICE.body.split()) in " ".join(press.select_one(".boilerplate").get_text().split())
    assert len(press.select(".downloads li")) == 5  # the minifesto in every format


def test_press_archive_lists_every_release_by_year(site):
    archive = site.html("press/releases/")
    links = [a["href"] for a in archive.select(".archive-year li a")]
    assert links == [f"/news/{slug}/" for slug, _ in press_releases()]
    years = [h2.get_text() for h2 in archive.select(".archive-year h2")]
    assert years == sorted(set(years), reverse=True)


@pytest.mark.browser
def test_without_javascript_a_years_releases_are_a_plain_list(nginx_site, browser, site):
    """The accessibility statement: filtering the archive needs JavaScript;
    without it, each year's press releases are a plain list, every one shown
    and linked, and no filter form that could not work."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("press/releases/", "press/releases/2021/"):
        page.goto(f"{nginx_site}/{path}")
        assert not page.locator("#archive-filter").is_visible()
        shown = page.locator(".archive-year li a")
        expected = [a["href"] for a in site.html(path).select(".archive-year li a")]
        assert expected and [shown.nth(i).get_attribute("href") for i in range(shown.count())] == expected
        assert all(shown.nth(i).is_visible() for i in range(shown.count())), path
    context.close()


@pytest.mark.browser
def test_press_archive_filters_by_words_and_dates(site):
    releases = press_releases()
    with serve_folder(site.output) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/press/releases/")
        page.wait_for_selector("#archive-filter:not([hidden])")
        page.fill("#archive-words", "Katie Parker")
        visible = page.eval_on_selector_all(".archive-year li:not([hidden]) a", "as => as.map(a => a.getAttribute('href'))")
        assert visible == ["/news/katie-parker-joins-breakthrough/"]
        page.fill("#archive-words", "")
        page.fill("#archive-from", "2021-11-01")
        page.fill("#archive-to", "2021-11-30")
        visible = page.eval_on_selector_all(".archive-year li:not([hidden]) a", "as => as.map(a => a.getAttribute('href'))")
        expected = [f"/news/{s}/" for s, m in releases if "2021-11-01" <= str(m["date"])[:10] <= "2021-11-30"]
        assert visible == expected
        expect(page.locator("#archive-status")).to_have_text(
            f"{len(expected)} of the {len(releases)} press releases on this page shown.")
        # Only the months with a release shown keep their headings.
        assert page.eval_on_selector_all(".archive-month:not([hidden]) h3", "hs => hs.map(h => h.textContent)") == [
            "November 2021"]
        # A year's page links its months at its top: only those shown.
        year_page = browser.new_page()
        year_page.goto(f"{url}/press/releases/2021/")
        year_page.wait_for_selector("#archive-filter:not([hidden])")
        months = "nav[aria-labelledby=release-months] li"
        assert year_page.locator(f"{months}:not([hidden])").count() > 1
        year_page.fill("#archive-from", "2021-11-01")
        year_page.fill("#archive-to", "2021-11-30")
        shown = year_page.eval_on_selector_all(f"{months}:not([hidden]) a", "as => as.map(a => a.textContent)")
        assert shown == ["November 2021"]
        # Dates before the oldest release on the page: said to be beyond it,
        # with where the others are (it said "0 of 30 shown", as if none).
        oldest = min(str(m["date"])[:10] for _, m in releases)
        page.fill("#archive-from", "2019-01-01")
        page.fill("#archive-to", "2019-12-31")
        expect(page.locator("#archive-status")).to_have_text(
            f"0 of the {len(releases)} press releases on this page shown. This page has releases from "
            f"{dt.date.fromisoformat(oldest):%-d %B %Y} on: for other dates, choose a year above, or search every "
            "year’s press releases.")
        # Dates after a year's page's year, and dates the wrong way round, are said to be so
        # (an accessibility audit: each was "0 of 9 shown", as if there were none).
        in_2021 = sum(1 for _, m in releases if str(m["date"]).startswith("2021"))
        year_page.fill("#archive-to", "")
        year_page.fill("#archive-from", "2022-02-01")
        expect(year_page.locator("#archive-status")).to_have_text(
            f"0 of the {in_2021} press releases on this page shown. This page has releases from 1 January 2021 to "
            "31 December 2021: for other dates, choose a year above, or search every year’s press releases.")
        year_page.fill("#archive-from", "2021-10-01")
        year_page.fill("#archive-to", "2021-03-01")
        expect(year_page.locator("#archive-status")).to_have_text(
            f"0 of the {in_2021} press releases on this page shown. The From date is after the To date: swap them.")
        # The dates are a named group: a screen reader said only "From, date".
        assert year_page.get_by_role("group", name="Published between").get_by_label("From").count() == 1


@pytest.mark.browser
def test_the_archive_filter_says_its_count_once_typing_pauses(site):
    """The status is read out by a screen reader: it was rewritten at every
    key, nine counts in a row for one word (an accessibility audit). The
    list follows each key; the status waits until typing pauses."""
    with serve_folder(site.output) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/press/releases/")
        page.wait_for_selector("#archive-filter:not([hidden])")
        page.evaluate("""() => {
            window.said = [];
            new MutationObserver(() => window.said.push(document.getElementById('archive-status').textContent))
                .observe(document.getElementById('archive-status'), {childList: true, characterData: true, subtree: true});
        }""")
        page.locator("#archive-words").press_sequentially("statement", delay=60)
        expect(page.locator("#archive-status")).to_contain_text("press releases on this page shown.")
        page.wait_for_timeout(600)
        assert len(page.evaluate("window.said")) == 1


def test_press_releases_have_their_own_feed(site):
    import feedparser

    feed = feedparser.parse((site.output / "feeds/category/press-releases.atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == [meta["title"] for _, meta in press_releases()]


def test_privacy_notice_exists_and_is_linked_from_every_page(site):
    assert (site.output / "privacy/index.html").exists()
    for path in site.html_files():
        assert site.html(str(path.relative_to(site.output))).find("a", href="/privacy/"), path


def test_accessibility_statement_lists_the_checks_and_the_build_date(site, settings):
    statement = site.html("accessibility/")
    checks = [li.get_text() for li in statement.select("section[aria-labelledby=automated-checks] li")]
    assert checks == settings["ACCESSIBILITY_CHECKS"]
    built = statement.select_one("section[aria-labelledby=automated-checks] time")["datetime"]
    # The day of the build's own "now" (UK time), not of the clock as this
    # test runs: a run that crosses midnight built the site the day before.
    assert built.startswith(site.now[:10]), (built, site.now)


PRESS_PAGE = """\
    ---
    title: Press office
    summary: For journalists.
    ---
    Call us.
    """


def test_the_drafts_preview_labels_an_embargoed_release_in_every_listing(make_site, tmp_path):
    from test_drafts_and_embargoes import UNPUBLISHED

    build = make_site({**UNPUBLISHED, "pages/press.md": PRESS_PAGE}, output=tmp_path / "preview",
                      options=("--drafts",))
    assert build.returncode == 0, build.stderr
    listings = {"press office": ("press/", "#latest-releases + ul li"),
                "press archive": ("press/releases/", ".archive-year li"),
                "home": ("", "#latest-news + ul li"),
                "news": ("news/", ".card-list li"),
                "category": ("news/category/press-releases/", ".card-list li"),
                "tag": ("news/tag/walrus-tag/", ".card-list li")}
    for name, (path, items) in listings.items():
        entry = next(li for li in build.html(path).select(items) if "Walrus embargoed release" in li.get_text())
        assert "Embargoed until 1 March 2099, 09:00" in entry.get_text(" "), name


def test_security_txt_names_no_security_policy_page_while_the_site_has_none(site):
    """RFC 9116's "Policy:" is a page on reporting security problems; the
    site has none (security.txt named the privacy notice once)."""
    text = (site.output / ".well-known/security.txt").read_text(encoding="utf-8")
    assert text.startswith("Contact: mailto:") and "Policy:" not in text


def test_security_txt_names_a_security_policy_page_once_there_is_one(settings):
    moment = dt.datetime(2026, 11, 27, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    text = security_txt({**settings, "SECURITY_POLICY_URL": "security/"}, moment)
    assert f"Policy: {settings['SITE_CANONICAL_URL'].rstrip('/')}/security/\n" in text
    assert "Expires: 2027-11-27T00:00:00+00:00\n" in text
