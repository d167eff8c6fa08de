"""Branches (plugins/branches): the listing by region with its "find your
branch" choice, each branch's page with its region's councillors and
upcoming events, JSON-LD, and the links to them."""

from __future__ import annotations

import json

import pytest
from test_site import text_of

LONDON_BRANCH = """\
---
title: Breakthrough London
summary: Members across London.
region: London
contact: https://london.example.org
meetings: Monthly, on the first Monday.
---
The London branch.
"""
LONDON_EVENT = """\
---
title: London canvass
start: 2022-05-07 10:00
end: 2022-05-07 13:00
summary: Knocking on doors.
category: campaign-day
place: Hackney
region: London
---
Canvassing.
"""


def test_the_listing_finds_each_regions_branch_and_says_where_there_is_none(site, settings):
    page = site.html("branches/").main
    choices = {text_of(a): a["href"] for a in page.select("nav.find-branch a")}
    assert list(choices) == [*settings["REGIONS"], "Across the country"]
    assert choices["North West"] == "#north-west" and choices["Scotland"] == "#no-branch-yet"
    for anchor in set(choices.values()):
        assert page.find(id=anchor.lstrip("#")) is not None, anchor
    north_west = page.find(id="north-west")
    assert [text_of(h) for h in north_west.select(".card-title")] == ["Breakthrough North West"]
    assert [text_of(h) for h in page.find(id="nationwide").select(".card-title")] == ["Breakthrough Students"]
    assert "Scotland" in text_of(page.find(id="no-branch-yet"))


def test_the_councillor_directory_and_the_home_page_link_the_branches(site):
    for path in ("councillors/", ""):
        assert site.html(path).main.find("a", href="/branches/") is not None, path


def test_a_branch_page_lists_its_regions_councillors_and_upcoming_events(make_site):
    build = make_site({"branches/breakthrough-london.md": LONDON_BRANCH, "events/london-canvass.md": LONDON_EVENT},
                      options=("--now", "2022-05-01 12:00"))
    assert build.returncode == 0, build.stderr
    page = build.html("branches/breakthrough-london/").main
    assert page.find("a", href="/councillors/jo-bloggs/") is not None  # MINIMAL_SITE's councillor, in London
    assert page.find("a", href="/events/london-canvass/") is not None
    assert page.find("a", href="https://london.example.org") is not None
    data = json.loads(build.html("branches/breakthrough-london/").find("script", type="application/ld+json").string)
    assert data["@type"] == "Organization" and data["areaServed"]["name"] == "London"
    assert data["parentOrganization"]["name"] == "Breakthrough Party"
    assert (build.output / "share/branches/breakthrough-london.png").is_file()
    # Once the canvass is over, the branch page no longer lists it.
    later = make_site({"branches/breakthrough-london.md": LONDON_BRANCH, "events/london-canvass.md": LONDON_EVENT},
                      options=("--now", "2022-05-08 12:00"))
    assert later.html("branches/breakthrough-london/").main.find("a", href="/events/london-canvass/") is None


def test_a_branch_page_speaks_of_its_region_as_people_do(make_site):
    """From an audit: "Coming up in North West". A region named after its
    side of the country is "the North West" in a sentence; one named after
    a place is not."""
    from conftest import MINIMAL_SITE

    from sitecore.regions import region_in_a_sentence

    regions = {"North West": "the North West", "East of England": "the East of England", "London": "London",
               "East Midlands": "the East Midlands", "Yorkshire and the Humber": "Yorkshire and the Humber",
               "Northern Ireland": "Northern Ireland",
               # REGIONS may name places that start with a side of the country (a review).
               "North Wales": "North Wales", "West Yorkshire": "West Yorkshire", "East Anglia": "East Anglia",
               "Highlands and Islands": "the Highlands and Islands"}
    assert {region: region_in_a_sentence(region) for region in regions} == regions
    north_west = {"branches/breakthrough-london.md": LONDON_BRANCH.replace("region: London", "region: North West"),
                  "events/london-canvass.md": LONDON_EVENT.replace("region: London", "region: North West"),
                  "councillors/jo-bloggs.md": MINIMAL_SITE["councillors/jo-bloggs.md"].replace(
                      "region: London", "region: North West")}
    build = make_site(north_west, options=("--now", "2022-05-01 12:00"))
    assert build.returncode == 0, build.stderr
    page = build.html("branches/breakthrough-london/").main
    assert [text_of(page.select_one(f"#branch-{part}")) for part in ("events", "councillors")] == [
        "Coming up in the North West", "Our councillors in the North West"]


def test_an_email_address_with_a_question_mark_cannot_add_to_its_link(make_site):
    """An address may hold "?", "&", "=" and "%" before its @: written into
    the link as it is, the part after "?" became the message's headers
    (a hidden copy to someone else). Its link percent-encodes them, as RFC
    6068 asks; the press office's contacts too."""
    from conftest import MINIMAL_SITE, REPO

    address = "press?bcc=spy%40evil.example&body=hi@party.org.uk"
    branch = LONDON_BRANCH.replace("contact: https://london.example.org", f"contact: {address}")
    press_office = MINIMAL_SITE["press-office.md"].replace("email: press@example.org", f"email: {address}")
    press_page = (REPO / "content/pages/press.md").read_text(encoding="utf-8")
    councillor = MINIMAL_SITE["councillors/jo-bloggs.md"].replace("region: London",
                                                                 f"region: London\n        contact: {address}")
    build = make_site({"branches/breakthrough-london.md": branch, "press-office.md": press_office,
                       "pages/press.md": press_page, "councillors/jo-bloggs.md": councillor})
    assert build.returncode == 0, build.stderr
    expected = "mailto:press%3Fbcc%3Dspy%2540evil.example%26body%3Dhi@party.org.uk"
    branch_page = build.html("branches/breakthrough-london/").main
    assert [link["href"] for link in branch_page.select('a[href^="mailto:"]')] == [expected]
    councillor_page = build.html("councillors/jo-bloggs/").main
    assert [link["href"] for link in councillor_page.select('a[href^="mailto:"]')] == [expected]
    press = build.html("press/")
    assert [link["href"] for link in press.select('a[href^="mailto:"]')] == [expected]
    assert "?" not in expected and "&" not in expected


def test_a_draft_branch_appears_in_no_output_file(make_site):
    build = make_site({"branches/breakthrough-london.md": LONDON_BRANCH.replace("region: London\n",
                                                                                 "region: London\nstatus: draft\n")})
    assert build.returncode == 0, build.stderr
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics"):
            assert b"Breakthrough London" not in path.read_bytes(), path


@pytest.mark.parametrize("text, expected", [
    (LONDON_BRANCH.replace("region: London", "region: Londinium"),
     'content/branches/breakthrough-london.md:4: region: "Londinium" is not one of the allowed values'),
    (LONDON_BRANCH.replace("contact: https://london.example.org\n", ""),
     "content/branches/breakthrough-london.md:6: contact: is missing (every branch needs it)"),
    (LONDON_BRANCH.replace("https://london.example.org", "london at example"),
     'content/branches/breakthrough-london.md:5: contact: "london at example" is neither an email address nor an '
     "https:// link"),
    # Published as mailto:mailto:london@example.org, a link that writes to no one (a fuzzing audit).
    (LONDON_BRANCH.replace("https://london.example.org", "mailto:london@example.org"),
     'content/branches/breakthrough-london.md:5: contact: "mailto:london@example.org" starts with mailto:, which the '
     "site adds itself — write the address alone: london@example.org"),
    # Taken for an address: the HTML standard's rule for one has no quote or bracket.
    (LONDON_BRANCH.replace("https://london.example.org", "'london\"onmouseover=x(1)@example.org'"),
     'content/branches/breakthrough-london.md:5: contact: "london\"onmouseover=x(1)@example.org" is neither an email '
     "address nor an https:// link"),
])
def test_a_wrong_branch_is_refused_at_its_line(make_site, text, expected):
    build = make_site({"branches/breakthrough-london.md": text})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert any(line.startswith(expected) for line in build.problem_lines), "\n".join(build.problem_lines)
