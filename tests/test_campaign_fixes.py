"""The campaign's content over an election: a press release and the event it
announces under one embargo, `invoke promote` and `invoke new`, a candidate's
page and the branch pages after the count. Real builds of throwaway sites,
and the real commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import MINIMAL_SITE, REPO, check_content, derived_settings, policy_markdown, write_content
from PIL import Image
from test_branches import LONDON_BRANCH
from test_candidates import candidate
from test_site import text_of
from test_unchanged_builds import kept

from sitebuild.build import load_settings
from sitebuild.promote import PromoteError, promote
from sitebuild.scaffold import new_content

# Announced on 25 April 2022 at 09:00; before then, neither is public.
EMBARGO = "2022-04-25 09:00"
BEFORE_THE_EMBARGO = "2022-04-20 12:00"
AFTER_THE_EMBARGO = "2022-04-25 10:00"
# The morning after polling day (5 May 2022): the votes are counted.
AFTER_THE_COUNT = "2022-05-06 09:00"


def rally_post(embargo: str | None = EMBARGO, date: str = EMBARGO) -> str:
    return (f"---\ntitle: Rally announced\ndate: {date}\n"
            + (f"embargo: {embargo}\n" if embargo else "")
            + "category: news\nsummary: A rally.\nevents: [secret-rally]\n---\nCome.\n")


def rally_event(embargo: str | None = EMBARGO) -> str:
    return ("---\ntitle: Secret rally\nstart: 2022-05-01 18:00\nend: 2022-05-01 20:00\nsummary: A rally.\n"
            "category: protest\nplace: Market Square\n"
            + (f"embargo: {embargo}\n" if embargo else "")
            + "---\nBody.\n")


@pytest.mark.parametrize("options", [("--now", BEFORE_THE_EMBARGO), ("--now", BEFORE_THE_EMBARGO, "--drafts")])
def test_a_post_and_the_event_it_announces_under_one_embargo_build(make_site, options):
    build = make_site({"posts/rally-announce.md": rally_post(), "events/secret-rally.md": rally_event()},
                      options=options)
    assert build.returncode == 0, build.stderr
    shown = (build.output / "news/rally-announce/index.html").exists()
    assert shown == ("--drafts" in options)


def test_at_the_embargo_the_event_lists_the_post(make_site):
    build = make_site({"posts/rally-announce.md": rally_post(), "events/secret-rally.md": rally_event()},
                      options=("--now", AFTER_THE_EMBARGO))
    assert build.returncode == 0, build.stderr
    assert build.html("events/secret-rally/").main.find("a", href="/news/rally-announce/") is not None


@pytest.mark.parametrize("post, expected", [
    (rally_post(embargo=None, date="2022-04-19"),
     'content/posts/rally-announce.md:6: events: "secret-rally" is embargoed until 25 April 2022, 09:00 — '
     "remove it from this list until then, or, if this file is not published yet, embargo it until then too "
     "(embargo: 2022-04-25 09:00 and date: 2022-04-25 09:00)"),
    (rally_post(embargo="2022-04-24 09:00", date="2022-04-24 09:00"),
     'content/posts/rally-announce.md:7: events: "secret-rally" is embargoed until 25 April 2022, 09:00, after '
     "this file's embargo (24 April 2022, 09:00) — embargo this file until then too (embargo: 2022-04-25 09:00 "
     "and date: 2022-04-25 09:00), or remove it from this list"),
])
def test_a_post_public_before_the_event_it_names_is_refused(make_site, post, expected):
    build = make_site({"posts/rally-announce.md": post, "events/secret-rally.md": rally_event()},
                      options=("--now", BEFORE_THE_EMBARGO))
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert expected in build.problem_lines, "\n".join(build.problem_lines)


# Both ways a post links to another item in its text: by its file, and by its address.
LINKS_TO_THE_RALLY = "Come to [the rally]({filename}/events/secret-rally.md), [details](/events/secret-rally/).\n"


def test_a_press_release_may_link_to_the_event_it_announces_under_one_embargo(make_site):
    post = rally_post().replace("Come.\n", LINKS_TO_THE_RALLY)
    build = make_site({"posts/rally-announce.md": post, "events/secret-rally.md": rally_event()},
                      options=("--now", BEFORE_THE_EMBARGO))
    assert build.returncode == 0, build.stderr
    after = make_site({"posts/rally-announce.md": post, "events/secret-rally.md": rally_event()},
                      options=("--now", AFTER_THE_EMBARGO))
    assert after.returncode == 0, after.stderr
    links = [a["href"] for a in after.html("news/rally-announce/").main.select(".prose a")]
    assert links == ["/events/secret-rally/", "/events/secret-rally/"]


def test_a_published_post_may_not_link_to_an_embargoed_event(make_site):
    post = rally_post(embargo=None, date="2022-04-19").replace("Come.\n", LINKS_TO_THE_RALLY)
    build = make_site({"posts/rally-announce.md": post, "events/secret-rally.md": rally_event()},
                      options=("--now", BEFORE_THE_EMBARGO))
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    refused = {line for line in build.problem_lines if line.startswith("content/posts/rally-announce.md:8: body:")}
    assert refused == {
        f"content/posts/rally-announce.md:8: body: the link {link} goes to an item not yet public: "
        '"secret-rally" is embargoed until 25 April 2022, 09:00 — remove the link until then, or, if this file is '
        "not published yet, embargo it until then too (embargo: 2022-04-25 09:00 and date: 2022-04-25 09:00): "
        "the link would be broken, and would give the story away"
        for link in ("{filename}/events/secret-rally.md", "/events/secret-rally/")}, "\n".join(build.problem_lines)


def test_an_embargoed_post_may_not_name_an_event_that_stays_a_draft_after_its_embargo(make_site):
    """`status: draft` with an embargo: still a draft once the embargo has
    passed, so the post would be refused at its scheduled build; refused now."""
    event = rally_event().replace("---\nBody", "status: draft\n---\nBody")
    build = make_site({"posts/rally-announce.md": rally_post(), "events/secret-rally.md": event},
                      options=("--now", BEFORE_THE_EMBARGO))
    assert build.returncode == 1
    assert ('content/posts/rally-announce.md:7: events: "secret-rally" is still a draft — publish it, or give it '
            "an embargo no later than this file's (2022-04-25 09:00), or remove it from this list"
            in build.problem_lines), "\n".join(build.problem_lines)


def test_an_embargoed_post_may_not_name_a_draft_event(make_site):
    event = rally_event(embargo=None).replace("---\nBody", "status: draft\n---\nBody")
    build = make_site({"posts/rally-announce.md": rally_post(), "events/secret-rally.md": event},
                      options=("--now", BEFORE_THE_EMBARGO))
    assert build.returncode == 1
    assert ('content/posts/rally-announce.md:7: events: "secret-rally" is still a draft — publish it, or give it an '
            "embargo no later than this file's (2022-04-25 09:00), or remove it from this list") in build.problem_lines


def test_a_draft_post_may_name_a_draft_policy_but_a_published_candidate_may_not(make_site):
    draft_policy = policy_markdown("Homes for everyone", 1, "status: draft\n")
    draft_post = ("---\ntitle: Plans\ndate: 2021-11-24\ncategory: news\nsummary: Plans.\npolicies: [housing]\n"
                  "status: draft\n---\nText.\n")
    build = make_site({"policies/01-housing.md": draft_policy, "posts/hello.md": draft_post,
                       "candidates/alex-standing.md": candidate()})
    assert build.returncode == 1
    assert build.problem_lines == ['content/candidates/alex-standing.md:8: policies: "housing" is still a draft — '
                                   "publish it first, or remove it from this list"]


# What each kind of `invoke new` asks the volunteer to fill in, by field.
SCAFFOLDS = {
    "post": "Our plan", "policy": "Fair taxes", "councillor": "Sam Example", "event": "Truro canvass",
    "branch": "Breakthrough Kernow", "candidate": "Alex Standing",
}


def test_every_new_file_is_refused_for_its_placeholders_and_nothing_else(tmp_path):
    """`invoke new <kind>` for every kind, then `invoke check`: each TODO line
    is reported as a placeholder at its line, and nothing else (no YAML
    error for a line the volunteer never wrote, hiding the rest)."""
    write_content(tmp_path / "content", MINIMAL_SITE)
    settings = load_settings(derived_settings(tmp_path / "s.py", {"PATH": repr(str(tmp_path / "content"))}))
    made = {kind: new_content(kind, title, settings) for kind, title in SCAFFOLDS.items()}
    checked = check_content(tmp_path / "content")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    for kind, path in made.items():
        shown = f"content/{path.relative_to(tmp_path / 'content')}"
        reported = [line for line in checked.stderr.splitlines() if line.startswith(f"{shown}:")]
        expected = [f"{shown}:{number}: {field}: still holds the placeholder TODO"
                    for number, field in placeholders(path.read_text())]
        assert expected, kind
        assert [line.split(" — ")[0] for line in reported] == expected, kind


def test_every_kind_invoke_new_makes_is_named_where_volunteers_look(tmp_path):
    """The task's help, `invoke --list`'s summary, the module's list of tasks
    and the refusal of an unknown kind name every kind, in one order."""
    from sitebuild.scaffold import TEMPLATES, ScaffoldError

    assert list(SCAFFOLDS) == list(TEMPLATES)  # the test above makes a file of every kind
    kinds = ", ".join(TEMPLATES)
    tasks = (REPO / "tasks.py").read_text(encoding="utf-8")
    assert f"invoke new post \"Title\"   start a new file (or {kinds.removeprefix('post, ')})" in tasks
    words = ", ".join(list(TEMPLATES)[:-1]) + " or " + list(TEMPLATES)[-1]
    assert f'help={{"kind": "{words}"' in tasks and f"Start a new {words}:" in tasks
    with pytest.raises(ScaffoldError, match=f"use {words}$"):
        new_content("leaflet", "Our leaflet", {"PATH": str(tmp_path)})


def placeholders(text: str) -> list[tuple[int, str]]:
    """(line, field) of each TODO of a new file, as the build reports it: a
    field at its key's line (an entry of a list of fields too), an item of
    a list of words at its own line (its fix is an item to write there),
    the body at its own."""
    found, key, key_line = [], None, 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            continue  # an optional field, left as a comment
        if line[:1].isalpha() and not line.startswith("TODO"):
            key, key_line = line.split(":", 1)[0], number
        if "TODO" in line:
            field, at = ("body", number) if line.startswith("TODO") else (
                (key, number) if line.lstrip().startswith("- TODO") else (key, key_line))
            if (at, field) not in found:
                found.append((at, field))
    return found


@pytest.fixture
def project(tmp_path):
    """MINIMAL_SITE and the project's settings for it: what `invoke promote` reads."""
    write_content(tmp_path / "content", MINIMAL_SITE)
    derived_settings(tmp_path / "local.py", {"PATH": repr(str(tmp_path / "content")),
                                                  "CACHE_PATH": repr(str(tmp_path / "cache"))})
    return tmp_path


def invoke_promote(project, slug: str):
    return subprocess.run([sys.executable, "-m", "invoke", "promote", slug], cwd=REPO, capture_output=True,
                          text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(project / "local.py")})


def files_of(folder) -> dict:
    return {path.relative_to(folder): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("files, slug, expected", [
    # A councillor re-elected: the candidacy names their profile.
    ({"candidates/jo-bloggs.md": candidate(result="elected", councillor="jo-bloggs")
      .replace("Alex Standing", "Jo Bloggs")},
     "jo-bloggs",
     "Not promoted: Jo Bloggs already has a councillor profile, content/councillors/jo-bloggs.md (jo-bloggs.md names "
     "it): update its role, council and ward there (Councillor, Example Borough Council, Northgate) instead of "
     "making a second one\n"),
    # One person elected to a second council: a profile has their name.
    ({"candidates/jo-bloggs-county.md": candidate(result="elected").replace("Alex Standing", "Jo  bloggs")
      .replace("Example Borough Council", "Example County Council")},
     "jo-bloggs-county",
     "Not promoted: Jo  bloggs already has a councillor profile, content/councillors/jo-bloggs.md: update its role, "
     "council and ward there (Councillor, Example County Council, Northgate) instead of making a second one, "
     "and add 'councillor: jo-bloggs' to jo-bloggs-county.md\n"),
])
def test_promote_never_makes_a_second_profile_for_one_person(project, files, slug, expected):
    write_content(project / "content", files)
    before = files_of(project / "content")
    refused = invoke_promote(project, slug)
    assert refused.returncode == 1
    assert refused.stderr == expected
    assert files_of(project / "content") == before  # nothing written


def test_promote_of_a_name_no_candidate_has_lists_the_candidates(project):
    """"there is no candidate …" named none that are there, and said the
    same of a councillor's name (an audit of the commands)."""
    write_content(project / "content", {"candidates/alex-standing.md": candidate(result="elected")})
    refused = invoke_promote(project, "alex-standin")
    assert (refused.returncode, refused.stderr) == (1, "Not promoted: there is no candidate "
                                                       "content/candidates/alex-standin.md (the candidates: "
                                                       "alex-standing)\n")
    refused = invoke_promote(project, "jo-bloggs")
    assert refused.stderr == ("Not promoted: there is no candidate content/candidates/jo-bloggs.md: jo-bloggs is a "
                              "councillor already (the candidates: alex-standing)\n")


def test_a_promoted_profile_asks_for_the_day_they_joined(make_site, tmp_path):
    build = make_site({"candidates/alex-standing.md": candidate(result="elected")}, options=("--now", AFTER_THE_COUNT))
    assert build.returncode == 0, build.stderr
    settings = load_settings(derived_settings(tmp_path / "local.py", {"PATH": repr(str(build.content))}))
    profile = promote("alex-standing", settings)
    assert "2022-05-05" not in profile.read_text()  # polling day is not the day they joined the party
    refused = make_site(options=("--now", AFTER_THE_COUNT))
    assert refused.returncode == 1
    assert refused.problem_lines == [
        "content/councillors/alex-standing.md:4: joined: still holds the placeholder TODO — replace the "
        "TODO text with your own, e.g. 2021-11-24"]
    profile.write_text(profile.read_text().replace("joined: TODO the day they joined the party, e.g. 2021-11-24",
                                                   "joined: 2021-03-01"))
    joined = make_site(options=("--now", AFTER_THE_COUNT))
    assert joined.returncode == 0, joined.stderr
    assert "1 March 2021" in text_of(joined.html("councillors/alex-standing/").main)


def test_promote_refuses_a_candidate_under_embargo_until_it_lifts(project):
    """A profile has no embargo: written before the result's embargo lifts,
    the next build would publish the councillor before the candidacy."""
    write_content(project / "content", {"candidates/alex-standing.md": candidate(
        result="elected", embargo="2022-05-06 14:00")})
    before = files_of(project / "content")
    settings = load_settings(project / "local.py")
    settings["BUILD_TIME"] = "2022-05-06 13:59"
    with pytest.raises(PromoteError) as refused:
        promote("alex-standing", settings)
    assert str(refused.value) == ("Alex Standing is under embargo until 2022-05-06 14:00 (alex-standing.md): a "
                                  "councillor profile cannot wait for an embargo, so promote them once it has lifted")
    assert files_of(project / "content") == before  # nothing written
    settings["BUILD_TIME"] = "2022-05-06 14:00"
    assert "title: Alex Standing" in promote("alex-standing", settings).read_text()


def test_a_draft_candidates_profile_is_a_draft(make_site, tmp_path):
    build = make_site({"candidates/alex-standing.md": candidate(result="elected", status="draft")},
                      options=("--now", AFTER_THE_COUNT))
    assert build.returncode == 0, build.stderr
    settings = load_settings(derived_settings(tmp_path / "local.py", {"PATH": repr(str(build.content))}))
    profile = promote("alex-standing", settings)
    profile.write_text(profile.read_text().replace("joined: TODO the day they joined the party, e.g. 2021-11-24",
                                                   "joined: 2021-03-01"))
    assert "\nstatus: draft\n" in profile.read_text()
    rebuilt = make_site(options=("--now", AFTER_THE_COUNT))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not (rebuilt.output / "councillors/alex-standing").exists()
    assert "Alex Standing" not in text_of(rebuilt.html("councillors/").main)


def test_promote_keeps_the_candidate_files_line_ends_and_byte_order_mark(project):
    source = project / "content/candidates/alex-standing.md"
    source.parent.mkdir(parents=True)
    written = "\ufeff" + candidate(result="elected").replace("\n", "\r\n")
    source.write_bytes(written.encode("utf-8"))
    promote("alex-standing", load_settings(project / "local.py"))
    lines = written.split("\r\n")
    lines.insert(lines.index("---", 1), "councillor: alex-standing")
    assert source.read_bytes() == "\r\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("result, votes, title, facts, note", [
    ("elected", 1, "Alex Standing, elected for Northgate", "Elected for",
     "Elected in Northgate on 5 May 2022, with 1 vote."),
    ("not elected", 1234, "Alex Standing, stood in Northgate", "Stood in",
     "Not elected in Northgate on 5 May 2022, with 1,234 votes."),
])
def test_after_the_count_a_candidates_page_is_a_record(make_site, result, votes, title, facts, note):
    build = make_site({"candidates/alex-standing.md": candidate(result=result, votes=str(votes))},
                      options=("--now", AFTER_THE_COUNT))
    assert build.returncode == 0, build.stderr
    page = build.html("candidates/alex-standing/")
    assert text_of(page.title) == f"{title} | Breakthrough Party"
    assert text_of(page.main.select_one(".facts dt")) == facts
    assert note in text_of(page.main)


def test_before_the_count_a_candidate_is_standing(make_site):
    build = make_site({"candidates/alex-standing.md": candidate()}, options=("--now", "2022-04-20 12:00"))
    assert build.returncode == 0, build.stderr
    page = build.html("candidates/alex-standing/")
    assert text_of(page.title) == "Alex Standing, candidate for Northgate | Breakthrough Party"
    assert text_of(page.main.select_one(".facts dt")) == "Standing in"


def test_after_the_polls_close_a_candidate_stood_even_before_the_result_is_entered(make_site):
    """With no result entered, the page said "Standing in" for ever after
    polling day, and so did the councillor's profile of one standing again."""
    build = make_site({"candidates/alex-standing.md": candidate(councillor="jo-bloggs")},
                      options=("--now", AFTER_THE_COUNT))
    assert build.returncode == 0, build.stderr
    page = build.html("candidates/alex-standing/")
    assert text_of(page.title) == "Alex Standing, stood in Northgate | Breakthrough Party"
    assert text_of(page.main.select_one(".facts dt")) == "Stood in"
    assert "Stood in Northgate at the" in text_of(build.html("councillors/jo-bloggs/").main)
    assert "standing again" not in text_of(page.main)


LONDON = {"branches/breakthrough-london.md": LONDON_BRANCH, "candidates/alex-standing.md": candidate()}


def test_a_branch_lists_its_candidates_until_the_polls_close(build):
    def listed(built) -> bool:
        return built.html("branches/breakthrough-london/").main.find("a", href="/candidates/alex-standing/") is not None

    campaign = build("2022-05-05 21:00", LONDON)
    assert listed(campaign)
    assert kept(build("2022-05-05 21:59", LONDON))  # nothing changes before 22:00 …
    closed = build("2022-05-05 22:00", LONDON)
    assert not kept(closed)  # … and the hourly build runs in full when the polls close
    assert not listed(closed)
    assert closed.html("elections/local-2022/").main.find("a", href="/candidates/alex-standing/") is not None


def shared_as(built, slug: str = "alex-standing") -> tuple[str, str | None]:
    """(the share card's kicker, the JSON-LD's jobTitle or None) of a candidate."""
    with Image.open(built.output / f"share/candidates/{slug}.png") as card:
        kicker = card.text["Kicker"]
    data = json.loads(built.html(f"candidates/{slug}/").find("script", type="application/ld+json").string)
    return kicker, data.get("jobTitle")


def test_the_share_card_and_structured_data_stop_saying_candidate_when_the_polls_close(build):
    """From a review: after polling day the page said "stood in", while its
    card still read "CANDIDATE, NORTHGATE" and its JSON-LD gave the jobTitle
    "Candidate for Northgate, …" for ever where no one entered the result."""
    campaign = build("2022-05-05 21:00", LONDON)
    assert shared_as(campaign) == ("Candidate for Northgate", "Candidate for Northgate, Example Borough Council")
    assert kept(build("2022-05-05 21:59", LONDON))
    closed = build("2022-05-05 22:00", LONDON)
    assert not kept(closed)  # the hourly build draws the card again at 22:00
    assert text_of(closed.html("candidates/alex-standing/").title).startswith("Alex Standing, stood in Northgate")
    assert shared_as(closed) == ("Stood in Northgate", None)


@pytest.mark.parametrize("result, kicker, job", [
    ("elected", "Elected for Northgate", "Councillor, Example Borough Council"),
    ("not elected", "Stood in Northgate", None),
])
def test_after_the_count_the_card_and_structured_data_say_the_result(make_site, result, kicker, job):
    build = make_site({"candidates/alex-standing.md": candidate(result=result)}, options=("--now", AFTER_THE_COUNT))
    assert build.returncode == 0, build.stderr
    assert shared_as(build) == (kicker, job)
    title = text_of(build.html("candidates/alex-standing/").title)
    assert title == f"Alex Standing, {kicker[0].lower()}{kicker[1:]} | Breakthrough Party"  # the page's words
