"""Candidates (plugins/candidates, sitebuild/promote.py): candidate pages, a
page per election by council and ward, the home page's "Meet your
candidates" in the campaign, results, a councillor standing again linked
both ways, `invoke promote`, and the imprint election material needs."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, copy_of_site_cache, run_build
from PIL import Image
from test_site import text_of

CANDIDATE = """\
---
title: Alex Standing
election: local-2022
council: Example Borough Council
ward: Northgate
summary: Standing for homes people can afford.
region: London
policies: [housing]
{extra}---
Why I am standing.
"""


def candidate(**extra: str) -> str:
    return CANDIDATE.format(extra="".join(f"{key}: {value}\n" for key, value in extra.items()))


def test_an_election_lists_its_candidates_by_council_and_ward(site):
    page = site.html("elections/local-2022/").main
    assert text_of(page.h1) == "Our candidates: Local elections, 5 May 2022"
    [council] = page.select("section")
    assert text_of(council.h2) == "Example City Council"
    assert [text_of(card.select_one(".card-title")) for card in council.select(".card")] == ["Jo Sample", "Sam Example"]
    assert [text_of(card.select_one(".meta")).split(" · ")[0] for card in council.select(".card")] == ["Hillside", "Riverside"]
    listing = site.html("candidates/").main
    assert listing.find("a", href="/elections/local-2022/") is not None and "2 candidates" in text_of(listing)
    assert site.html("").find("footer").find("a", href="/candidates/") is not None


def test_an_election_of_many_councils_links_each_at_its_top(make_site):
    """An election page of 13 councils and 152 candidates had no way to
    reach a council but to scroll: each council is linked at the top, with
    its number of candidates; one council needs no such list."""
    build = make_site({"candidates/alex-standing.md": candidate(),
                       "candidates/sam-standing.md": candidate().replace("Alex Standing", "Sam Standing").replace(
                           "Example Borough Council", "Another District Council")})
    assert build.returncode == 0, build.stderr
    page = build.html("elections/local-2022/").main
    links = page.select("nav[aria-labelledby=election-councils] a")
    assert [(text_of(a), text_of(a.find_next_sibling("span"))) for a in links] == [
        ("Another District Council", "(1)"), ("Example Borough Council", "(1)")]
    assert [text_of(page.select_one(a["href"])) for a in links] == [text_of(a) for a in links]
    alone = make_site({"candidates/alex-standing.md": candidate(), "candidates/sam-standing.md": None},
                      output=build.output.parent / "alone")
    assert alone.html("elections/local-2022/").main.select_one("nav[aria-labelledby=election-councils]") is None


def test_councils_and_wards_are_in_the_order_a_voter_looks_them_up(make_site):
    """From an audit: sorted by code point, "Ŵyl Dewi" came after "Y
    Felinheli", "de Beauvoir" after "St Mary's" and "aberdeen City Council"
    after every council with a capital. Accents and capitals aside now."""
    standing = {"Cyngor Gwynedd": ["Y Felinheli", "Ŵyl Dewi", "Abersoch", "Tŷ Croes"],
                "Hackney Council": ["St Mary's", "de Beauvoir", "Dalston"],
                "aberdeen City Council": ["Dyce"]}
    files = {"candidates/alex-standing.md": None}
    for council, wards in standing.items():
        for ward in wards:
            name = f"Candidate {len(files)}"
            files[f"candidates/candidate-{len(files)}.md"] = candidate().replace("Alex Standing", name).replace(
                "Example Borough Council", council).replace("Northgate", f'"{ward}"')
    build = make_site(files)
    assert build.returncode == 0, build.stderr
    page = build.html("elections/local-2022/").main
    councils = page.select("section")
    assert [text_of(council.h2) for council in councils] == [
        "aberdeen City Council", "Cyngor Gwynedd", "Hackney Council"]
    wards = [[text_of(card.select_one(".meta")) for card in council.select(".card")] for council in councils]
    assert wards == [["Dyce"], ["Abersoch", "Tŷ Croes", "Ŵyl Dewi", "Y Felinheli"],
                     ["Dalston", "de Beauvoir", "St Mary’s"]]  # its apostrophe made curly


def test_councillors_and_branches_are_listed_as_a_reader_looks_them_up(make_site):
    """The directory's region and the branches' list, by the same order as
    the candidates' (sitecore/reading_order.py)."""
    from conftest import MINIMAL_SITE
    from test_branches import LONDON_BRANCH

    councillor = MINIMAL_SITE["councillors/jo-bloggs.md"]
    names = {"zoe-adams": "zoe Adams", "emile-zola": "Émile Zola", "wyn-jones": "Ŵyn Jones", "dan-davies": "Dan Davies"}
    files = {f"councillors/{slug}.md": councillor.replace("title: Jo Bloggs", f"title: {name}")
             for slug, name in names.items()}
    files["councillors/jo-bloggs.md"] = None
    files["posts/hello.md"] = MINIMAL_SITE["posts/hello.md"].replace("councillors: [jo-bloggs]",
                                                                     "councillors: [dan-davies]")
    for slug, title in (("zeal", "zeal Wanderers"), ("ash", "Ålesund Friends"), ("beta", "Beta Group")):
        files[f"branches/{slug}.md"] = LONDON_BRANCH.replace("title: Breakthrough London", f"title: {title}")
    build = make_site(files)
    assert build.returncode == 0, build.stderr
    directory = build.html("councillors/").main
    assert [text_of(link) for link in directory.select(".card-title a")] == [
        "Dan Davies", "Émile Zola", "Ŵyn Jones", "zoe Adams"]
    branches = build.html("branches/").main.select_one("section.region")
    assert [text_of(link) for link in branches.select(".card-title a")] == [
        "Ålesund Friends", "Beta Group", "zeal Wanderers"]


def test_the_reading_order_puts_accents_and_capitals_aside_and_keeps_one_order():
    from sitecore.reading_order import reading_order

    names = ["Zoe", "Émile", "emma", "Emma", "Ōwen", "owen", "Ann"]
    assert sorted(names, key=reading_order) == ["Ann", "Émile", "Emma", "emma", "owen", "Ōwen", "Zoe"]
    # Letters no accent can be taken off (a review): among their Latin letters, not after Z.
    names = ["Zoe Adams", "Łukasz Nowak", "Ørsted Hall", "Æsc Ward", "Ðorđe Ilić", "Ynys Mo\u0302n", "Ynys Môn"]
    assert sorted(names, key=reading_order) == ["Æsc Ward", "Ðorđe Ilić", "Łukasz Nowak", "Ørsted Hall",
                                                "Ynys Mo\u0302n", "Ynys Môn", "Zoe Adams"]
    # Two people of one name: by their files' names, whatever order the files were read in.
    files = [("Sam Smith", "sam-smith-2.md"), ("Sam Smith", "sam-smith.md"), ("Sam Smith", "sam-smith-3.md")]
    assert [path for _, path in sorted(files, key=lambda named: reading_order(*named))] == [
        "sam-smith-2.md", "sam-smith-3.md", "sam-smith.md"]


def test_a_candidate_page_has_its_facts_policies_json_ld_and_share_card(site):
    page = site.html("candidates/sam-example/")
    main = page.main
    assert main.find("a", href="/elections/local-2022/") is not None
    assert [a["href"] for a in main.select("section[aria-labelledby=candidate-policies] a")] == [
        "/policies/housing/", "/policies/nhs/"]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "Person" and data["memberOf"]["name"] == "Breakthrough Party"
    # The run's now is after polling day, and no result is entered: a candidate no longer
    # (test_campaign_fixes.py builds before, at and after the polls close).
    assert "jobTitle" not in data
    with Image.open(site.output / "share/candidates/sam-example.png") as card:
        assert card.text["Kicker"] == "Sample · Stood in Riverside"  # a placeholder candidate
    sitemap = (site.output / "sitemap.xml").read_text()
    for address in ("candidates/sam-example/", "elections/local-2022/", "branches/breakthrough-north-west/"):
        assert f"https://breakthroughparty.org.uk/{address}</loc>" in sitemap, address
    assert "Promoted by" in text_of(page.find("footer"))  # election material carries the imprint
    # The run's now is after 5 May 2022: the branch lists its candidates only while the polls are open
    # (test_the_home_page_meets_the_candidates_during_the_campaign_only builds before then).
    assert site.html("branches/breakthrough-north-west/").main.find("a", href="/candidates/sam-example/") is None


@pytest.mark.parametrize("now, shown", [("2022-04-15 12:00", True), ("2022-05-05 23:00", False),
                                        ("2022-03-01 12:00", False)])
def test_the_home_page_meets_the_candidates_during_the_campaign_only(tmp_path, site, now, shown):
    build = run_build(REPO / "content", tmp_path / "output", cache=copy_of_site_cache(site, tmp_path / "cache"),
                      options=("--now", now))
    assert build.returncode == 0, build.stderr
    block = build.html("").main.find(id="meet-candidates")
    assert (block is not None) == shown
    if shown:
        assert build.html("").main.find("a", href="/elections/local-2022/") is not None
        # The election's name (a title) before the sentence, not "at the Local elections" inside it.
        assert text_of(block.find_next_sibling("p")).startswith(
            "Local elections, 5 May 2022: we are standing 2 candidates.")
    # The branch lists its candidates until the polls close (before the campaign too).
    polls_open = now < "2022-05-05 22:00"
    branch = build.html("branches/breakthrough-north-west/").main
    assert (branch.find("a", href="/candidates/sam-example/") is not None) == polls_open


def test_a_result_makes_the_page_a_record_once_the_polls_have_closed(make_site):
    elected = {"candidates/alex-standing.md": candidate(result="elected", votes="1234")}
    early = make_site(elected, options=("--now", "2022-05-05 21:00"))
    assert early.returncode == 1
    assert ("content/candidates/alex-standing.md:9: result: the polls for Local elections, 5 May 2022 have not "
            "closed yet — give the result once the votes are counted") in early.problem_lines
    counted = make_site(elected, options=("--now", "2022-05-06 09:00"))
    assert counted.returncode == 0, counted.stderr
    assert "Elected in Northgate on 5 May 2022, with 1,234 votes." in text_of(
        counted.html("candidates/alex-standing/").main)


def test_a_councillor_standing_again_links_both_ways(make_site):
    build = make_site({"candidates/jo-bloggs.md": candidate(councillor="jo-bloggs").replace("Alex Standing", "Jo Bloggs")})
    assert build.returncode == 0, build.stderr
    assert build.html("councillors/jo-bloggs/").main.find("a", href="/candidates/jo-bloggs/") is not None
    assert build.html("candidates/jo-bloggs/").main.find("a", href="/councillors/jo-bloggs/") is not None


def test_invoke_promote_makes_an_elected_candidate_a_councillor(make_site, tmp_path):
    import subprocess
    import sys

    from conftest import derived_settings

    build = make_site({"candidates/alex-standing.md": candidate(result="not elected")},
                      options=("--now", "2022-05-06 09:00"))
    assert build.returncode == 0, build.stderr
    settings_file = derived_settings(tmp_path / "local.py", {"PATH": repr(str(build.content)),
                                                                 "CACHE_PATH": repr(str(tmp_path / "cache"))})

    def promote():
        return subprocess.run([sys.executable, "-m", "invoke", "promote", "alex-standing"], cwd=REPO,
                              capture_output=True, text=True, timeout=120,
                              env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file)})

    refused = promote()
    assert refused.returncode == 1 and "Alex Standing is not recorded as elected" in refused.stderr
    source = build.content / "candidates/alex-standing.md"
    source.write_text(source.read_text().replace("result: not elected", "result: elected"))
    done = promote()
    assert done.returncode == 0, done.stderr
    profile = (build.content / "councillors/alex-standing.md").read_text()
    assert "role: Councillor\n" in profile and "ward: Northgate\n" in profile
    summary = next(line for line in profile.splitlines() if line.startswith("summary:"))
    assert summary.endswith("on Example Borough Council (Local elections, 5 May 2022).")  # a name, in brackets
    assert "joined: TODO the day they joined the party, e.g. 2021-11-24\n" in profile  # only they know it
    assert "councillor: alex-standing\n" in source.read_text()
    profile_path = build.content / "councillors/alex-standing.md"
    profile_path.write_text(profile.replace("joined: TODO the day they joined the party, e.g. 2021-11-24",
                                            "joined: 2021-03-01"))
    again = make_site(options=("--now", "2022-05-06 09:00"))
    assert again.returncode == 0, again.stderr
    assert again.html("councillors/alex-standing/").main.find("a", href="/candidates/alex-standing/") is not None
    assert promote().returncode == 1  # the profile exists: never overwritten
    outside = subprocess.run([sys.executable, "-m", "invoke", "promote", "../pages/about"], cwd=REPO,
                             capture_output=True, text=True, timeout=120,
                             env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file)})
    assert outside.returncode == 1 and "is not a candidate's file name" in outside.stderr


def test_without_the_imprint_no_candidate_page_is_published(make_site):
    build = make_site({"candidates/alex-standing.md": candidate()}, settings={"IMPRINT": "None"})
    assert build.returncode != 0
    assert "IMPRINT in pelicanconf.py is missing promoter, party, address" in build.stderr
    assert not (build.output / "candidates/alex-standing/index.html").exists()


def test_a_draft_candidate_appears_in_no_output_file(make_site):
    build = make_site({"candidates/alex-standing.md": candidate(status="draft")})
    assert build.returncode == 0, build.stderr
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert b"Alex Standing" not in path.read_bytes() and b"alex-standing" not in path.read_bytes(), path


@pytest.mark.parametrize("text, expected", [
    (candidate().replace("local-2022", "general-2022"),
     'content/candidates/alex-standing.md:3: election: "general-2022" is not one of the allowed values'),
    (candidate(photo="images/alex.jpg"), "content/candidates/alex-standing.md:9: photo_alt: is missing (photo is given)"),
    (candidate(councillor="nobody"), 'content/candidates/alex-standing.md:9: councillor: no councillor is called "nobody"'),
    (candidate(votes="12"), "content/candidates/alex-standing.md:9: votes: is given without a result"),
    # Words for no picture were dropped without a word (a fuzzing audit).
    (candidate(photo_alt="Alex outside the library"),
     "content/candidates/alex-standing.md:9: photo_alt: is given without a photo: it describes no picture — add the "
     "photo it describes ('photo: images/…'), or delete this line"),
])
def test_a_wrong_candidate_is_refused_at_its_line(make_site, text, expected):
    build = make_site({"candidates/alex-standing.md": text})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert any(line.startswith(expected) for line in build.problem_lines), "\n".join(build.problem_lines)


def test_a_draft_councillor_named_by_a_candidate_is_refused_with_a_fix_for_one_line(make_site):
    """`councillor` names one profile, not a list: the fix said "remove it
    from this list" (a fuzzing audit)."""
    from conftest import MINIMAL_SITE

    draft = MINIMAL_SITE["councillors/jo-bloggs.md"].replace("region: London", "region: London\n        status: draft")
    build = make_site({"candidates/alex-standing.md": candidate(councillor="jo-bloggs"),
                       "councillors/jo-bloggs.md": draft, "posts/hello.md": None})
    assert build.returncode == 1
    assert build.problem_lines == ['content/candidates/alex-standing.md:9: councillor: "jo-bloggs" is still a draft — '
                                   "publish it first, or remove the councillor line"]


def test_invoke_new_candidate_lists_the_elections(tmp_path):
    from conftest import build_in, derived_settings

    from sitebuild.build import load_settings
    from sitebuild.scaffold import new_content

    build = build_in(tmp_path)
    settings = load_settings(derived_settings(tmp_path / "s.py", {"PATH": repr(str(build.content))}))
    text = new_content("candidate", "Alex Standing", settings).read_text()
    assert "election: TODO choose one of local-2022\n" in text and "# councillor: katie-parker\n" in text
    shutil.rmtree(build.content / "candidates")


def test_a_policy_with_a_mistake_is_reported_once_not_again_by_the_candidate_naming_it(make_site):
    from conftest import MINIMAL_SITE

    broken = MINIMAL_SITE["policies/01-housing.md"].replace("Build council homes.", "<b>Build</b> council homes.")
    build = make_site({"candidates/alex-standing.md": candidate(), "policies/01-housing.md": broken})
    assert build.returncode == 1
    assert [line for line in build.problem_lines if "alex-standing" in line] == []
    assert any(line.startswith("content/policies/01-housing.md:") for line in build.problem_lines)


def test_a_candidate_file_promote_cannot_read_is_told_as_the_build_tells_it(tmp_path, settings):
    """`result: Elected` and `votes: 1,234` were told on one line, run
    together with "; ", without their fixes or the file's folder."""
    from conftest import write_content

    from sitebuild.promote import PromoteError, promote

    write_content(tmp_path / "content", {"candidates/alex-standing.md": candidate(result="Elected", votes="1,234")})
    with pytest.raises(PromoteError) as refused:
        promote("alex-standing", {**settings, "PATH": str(tmp_path / "content")})
    lines = str(refused.value).splitlines()
    assert lines[0] == "mend the candidate's file first (`invoke check` lists every problem of it):"
    assert [line.split(" — ")[0] for line in lines[1:]] == [
        'content/candidates/alex-standing.md:9: result: "Elected" is not allowed here',
        'content/candidates/alex-standing.md:10: votes: "1,234" is not a whole number']
    assert all(" — " in line for line in lines[1:])  # each with its fix


def test_promote_cuts_a_strangers_long_value_in_its_message(tmp_path, settings):
    """A 120,000-character value quoted in a message is cut as the build cuts it."""
    from conftest import write_content

    from sitebuild.promote import PromoteError, promote

    never_closed = candidate(result="elected").replace("title: ", 'title: "' + "a " * 60_000, 1)
    write_content(tmp_path / "content", {"candidates/alex-standing.md": never_closed})
    with pytest.raises(PromoteError) as refused:
        promote("alex-standing", {**settings, "PATH": str(tmp_path / "content")})
    [told] = str(refused.value).splitlines()[1:]
    assert told.startswith("content/candidates/alex-standing.md:") and 1000 < len(told) < 2100
    assert "…" in told


def test_promote_on_a_full_disk_leaves_the_candidates_file_whole(make_site, tmp_path):
    """From a review: the candidate's file, written again in place, was cut
    short when the disk was full (here: a limit on a file's size), and the
    profile, the only other copy of its words, was then deleted. It is
    written through a temporary file: whole, or as it was."""
    import resource
    import subprocess
    import sys

    from conftest import derived_settings

    long_comment = "# " + "Notes kept for the agent. " * 200 + "\n"  # the file over the limit below
    build = make_site({"candidates/alex-standing.md": candidate(result="elected").replace(
        "region: London\n", f"region: London\n{long_comment}")}, options=("--now", "2022-05-06 09:00"))
    assert build.returncode == 0, build.stderr
    source = build.content / "candidates/alex-standing.md"
    before = source.read_bytes()
    assert len(before) > 4096
    settings_file = derived_settings(tmp_path / "local.py", {"PATH": repr(str(build.content)),
                                                                 "CACHE_PATH": repr(str(tmp_path / "cache"))})

    def at_most_4_kb() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    refused = subprocess.run([sys.executable, "-m", "invoke", "promote", "alex-standing"], cwd=REPO,
                             capture_output=True, text=True, timeout=120, preexec_fn=at_most_4_kb,
                             env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file),
                                  "PYTHONDONTWRITEBYTECODE": "1"})
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert refused.stderr == ("Not promoted: content/candidates/alex-standing.md could not be changed (File too "
                              "large): check that you may change it; it is as it was, and no profile was made\n")
    assert source.read_bytes() == before
    assert not (build.content / "councillors/alex-standing.md").exists()
    assert [path.name for path in source.parent.iterdir()] == ["alex-standing.md"]  # no temporary file left
    # Promoted when it can be, the candidate's file keeps its own mode (it was made 0644: a review).
    source.chmod(0o600)
    done = subprocess.run([sys.executable, "-m", "invoke", "promote", "alex-standing"], cwd=REPO,
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file)})
    assert done.returncode == 0, done.stderr
    assert "councillor: alex-standing" in source.read_text() and source.stat().st_mode & 0o777 == 0o600
