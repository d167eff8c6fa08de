"""The volunteer's workflow: `invoke new`, `invoke check`, and the content
checks beyond the schema.

A few cases run the real commands (`invoke new` in its own process); the
others call what they run in this process: `new_content` (what `invoke new`
calls) and `python -m sitebuild --check` (sitebuild.inprocess), so each case
costs no Python start-up."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import MINIMAL_SITE, REPO, check_content, derived_settings, sample_png, write_content

from sitebuild.build import load_settings
from sitebuild.inprocess import run_sitebuild
from sitebuild.scaffold import new_content

GOOD_POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"])


def invoke(*arguments, project):
    """Run a task as a volunteer types it, with the scratch project's settings."""
    command = [str(REPO / ".venv/bin/invoke"), *arguments]
    environment = {**os.environ, "SITE_SETTINGS": str(project / "scratch_settings.py")}
    return subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=300)


def new(kind: str, title: str, project, today: dt.date | None = None) -> Path:
    """What `invoke new kind title` does, in this process (on `today`): the new file's path."""
    return new_content(kind, title, load_settings(project / "scratch_settings.py"), today=today)


@pytest.fixture
def project(tmp_path):
    """The project's settings with their own small content folder, so
    `invoke new` writes there and not into the real content/."""
    write_content(tmp_path / "content", MINIMAL_SITE)
    derived_settings(tmp_path / "scratch_settings.py", {"PATH": repr(str(tmp_path / "content"))})
    return tmp_path


def test_the_readmes_first_step_makes_the_file_it_names_beside_the_real_content(tmp_path):
    """The Volunteer's guide's first command is run as written, against a
    copy of the real content/: its example title was a post the launch
    content already had, so it said "Not created: … already exists"."""
    import shutil

    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    found = re.search(r'1\. Start the file: `\.venv/bin/invoke new (\w+) "([^"]+)"`\. It creates `content/([^`]+)`',
                      readme)
    assert found, "the README's first step no longer reads as this test expects: update the test"
    kind, title, created = found.groups()
    shutil.copytree(REPO / "content", tmp_path / "content")
    derived_settings(tmp_path / "scratch_settings.py", {"PATH": repr(str(tmp_path / "content"))})
    assert new(kind, title, tmp_path) == tmp_path / "content" / created


def test_new_post_has_every_field_today_and_a_slug(project):
    before = dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    result = invoke("new", "post", "Vote: Breakthrough in May", project=project)
    after = dt.datetime.now(ZoneInfo("Europe/London")).date().isoformat()
    assert result.returncode == 0, result.stderr
    path = project / "content/posts/vote-breakthrough-in-may.md"
    text = path.read_text()
    assert f"date: {before}\n" in text or f"date: {after}\n" in text  # the day it ran, midnight or not
    assert 'title: "Vote: Breakthrough in May"\n' in text
    for field in ("category:", "summary:"):
        assert field in text
    assert "first words" not in result.stdout
    # A title too long for a file name: its first words, and it says so.
    long = invoke("new", "post", LONG_TITLE, project=project)
    assert long.returncode == 0, long.stderr
    assert long.stdout.splitlines()[-1] == (
        "Its name is the title's first words, as a file's name (and its page's address) has at most 80 "
        "characters: rename the file to shorten it further.")
    assert (project / "content/posts/councillors-across-the-east-of-england-vote-for-the-new-bus-network-after-a-two.md"
            ).is_file()


def test_new_post_lists_the_optional_fields_as_comments(project):
    """The README promises every field: the optional ones come as comments,
    with the schema's examples, to uncomment."""
    lines = new("post", "Our plan", project, today=dt.date(2022, 3, 1)).read_text().splitlines()
    expected = [
        "summary: TODO one or two plain sentences that sum the post up",
        "# Optional: to use a field, delete the '# ' before it and write your own value.",
        "# author: Alex Mays, Party Leader",
        "# language: cy",
        "# tags: [councillors, nhs]",
        "# policies: [housing, nhs]",
        "# councillors: [katie-parker]",
        "# events: [party-conference-2022]",
        "# modified: 2021-11-25",
        "# image: images/news/march.jpg   # needs image_alt too",
        "# image_alt: Members marching with a banner",
        "# embargo: 2022-03-02 09:00",  # the next morning: to come (sitecore.clock.next_morning)
        "# status: draft",
        "# sample: a volunteer will replace this wording",
        "---",
    ]
    # Compared line by line, so that a field added to the schema shows as the line it adds.
    start = lines.index(expected[0])
    assert lines[start:start + len(expected)] == expected


@pytest.mark.parametrize("kind", ["post", "event", "branch", "candidate"])
def test_a_new_files_example_embargo_is_the_next_morning_by_the_builds_clock(project, kind):
    """The example embargo was the schema's (2022-03-01 09:00): uncommented as
    it was, it had passed, and the fix the build gave dated the release then,
    which published it at once, back-dated. The next morning is to come."""
    settings = load_settings(project / "scratch_settings.py", {"BUILD_TIME": "2026-06-30 23:30"})
    text = new_content(kind, "Buses are back", settings).read_text()
    assert re.findall(r"^# embargo: .*$", text, re.M) == ["# embargo: 2026-07-01 09:00"]


def test_invoke_test_runs_the_suite_as_run_tests_does():
    """The README: `invoke test` is the same as ./run-tests (its temporary
    folder, its Python settings, its options). `--dry` shows the command."""
    shown = subprocess.run([str(REPO / ".venv/bin/invoke"), "--dry", "test", "-k", "imprint"], cwd=REPO,
                           capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert re.sub(r"\x1b\[[0-9;]*m", "", shown.stdout).split() == ["cd", str(REPO), "&&", str(REPO / "run-tests"),
                                                                 "-k", "imprint"]


def test_the_readmes_full_example_of_a_post_has_every_field():
    """The README's "full example, with every field" is the post schema's
    fields, none missing and none it does not know."""
    from sitecore.schema.content_types import POST

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("The full example, with every field:\n\n```markdown\n---\n", 1)[1].split("\n---\n", 1)[0]
    fields = [match[1] for match in re.finditer(r"^([a-z_]+):", example, re.MULTILINE)]
    assert sorted(fields) == sorted(field.name for field in POST.fields)


# Each example of a kind's front matter in the README, by its first line.
README_EXAMPLES = {"title: Katie Parker joins Breakthrough": "POST", "title: Homes for everyone": "POLICY",
                   "title: Katie Parker  ": "COUNCILLOR", "title: Party Conference 2022": "EVENT",
                   "title: Alex Example": "CANDIDATE", "title: Breakthrough North East": "BRANCH",
                   "title: About us": "PAGE", "contacts:": "PRESS_OFFICE",
                   "title: Breaking through for the many": "MINIFESTO"}


@pytest.mark.parametrize("first_line", README_EXAMPLES, ids=README_EXAMPLES.values())
def test_the_readmes_examples_of_front_matter_are_the_schemas(first_line):
    """The schema is the docs' source of truth too: each field of a kind's
    example is a field of that kind; one the schema requires is not called
    optional, nor one it does not require called needed (a candidate's
    result was, an audit found); and the example is YAML the build reads."""
    from sitecore.schema import content_types
    from sitecore.schema.document import parse_document

    schema = getattr(content_types, README_EXAMPLES[first_line])
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split(f"```markdown\n---\n{first_line}", 1)[1].split("\n---\n", 1)[0]
    example = first_line + example
    fields = {field.name: field for field in schema.fields}
    lines = re.findall(r"^([a-z_]+):(.*)$", example, re.MULTILINE)
    assert lines and {name for name, _ in lines} <= set(fields), sorted({name for name, _ in lines} - set(fields))
    for name, rest in lines:
        comment = rest.partition(" # ")[2].strip()
        if fields[name].required:
            assert "optional" not in comment, name
        elif comment and not comment.startswith("optional"):
            # Not required, so "optional" first; unless the comment says
            # what it goes with (image_alt with image, an event's place or link).
            assert re.search(r"optional|leave out|needs|or both", comment), (name, comment)
    assert parse_document(f"---\n{example}\n---\nText.\n").values


def test_new_councillor_and_policy_list_their_optional_fields(project):
    assert new("councillor", "Sam Example", project) == project / "content/councillors/sam-example.md"
    assert ("# photo: images/councillors/katie-parker.jpg   # needs photo_alt too\n"
            "# photo_alt: Katie Parker smiling outside the town hall\n"
            "# contact: katie.parker@breakthroughparty.org.uk\n"
            "# status: draft\n# sample: a volunteer will replace this wording\n---\n") in (
        project / "content/councillors/sam-example.md").read_text()
    assert new("policy", "Fair taxes", project) == project / "content/policies/02-fair-taxes.md"
    policy = (project / "content/policies/02-fair-taxes.md").read_text()
    assert "# status: draft\n# sample: a volunteer will replace this wording\n---\n" in policy
    # A list of entries (the Easy Read lines) is shown as one entry; deleting
    # the '# ' of its lines gives valid front matter.
    from sitecore.schema.document import parse_document

    uncommented = re.sub(r"^# (easy_read:|  )", r"\1", policy, flags=re.M)
    assert parse_document(uncommented).values["easy_read"] == [{
        "text": "We will build homes people can afford.", "picture": "images/easy-read/homes.png",
        "picture_alt": "A row of new houses"}]


LONG_TITLE = ("Councillors across the East of England vote for the new bus network "
              "after a two-year campaign by residents and the party")


@pytest.mark.parametrize("title, slug", [
    # Unidecode spells £ as "PS" and € as "EUR": currency signs are dropped, as $ always was.
    ("Café vote: £5m for buses", "cafe-vote-5m-for-buses"),
    ("€10m for the NHS, $3 for you", "10m-for-the-nhs-3-for-you"),
    # Over SLUG_MAX_LENGTH (80): the first whole words that fit.
    (LONG_TITLE, "councillors-across-the-east-of-england-vote-for-the-new-bus-network-after-a-two"),
    ("x" * 100, "x" * 80),
    # Pelican's slugify keeps these; the build refuses them in a file name.
    ("-h", "h"),
    ("snake_case title", "snake-case-title"),
    ("__init__", "init"),
    ("Vote -- now!", "vote-now"),
])
def test_new_makes_a_readable_slug_of_at_most_80_characters(title, slug):
    from sitebuild.scaffold import new_file_slug
    from sitecore.schema.fields import SLUG_PATTERN

    assert new_file_slug(title) == slug
    assert SLUG_PATTERN.match(slug)



@pytest.mark.parametrize("title", ["Con", "AUX", "nul", "Com1", "Com²"])
def test_new_refuses_a_file_name_windows_cannot_hold(title, project):
    from sitebuild.scaffold import ScaffoldError
    from sitecore.names import slug_for

    slug = slug_for(title)
    with pytest.raises(ScaffoldError, match=f"a file named {slug}.md could not be checked out on Windows"):
        new("post", title, project)
    assert new("policy", title, project).name.endswith(f"-{slug}.md")  # 04-con.md: Windows holds it

def test_a_new_post_whose_title_pelican_would_slug_badly_passes_the_file_name_check(project):
    """`invoke new post "-h"` made -h.md, and "snake_case" snake_case.md: both refused by the build."""
    for title in ("-h", "snake_case title"):
        new("post", title, project)
    told = check_content(project / "content").stderr
    assert "(file name)" not in told and "content/posts/h.md:" in told and "content/posts/snake-case-title.md:" in told


def test_a_new_post_with_a_long_title_passes_the_file_name_check(project):
    new("post", LONG_TITLE, project)
    [path] = (project / "content/posts").glob("councillors-*.md")
    assert len(path.stem) <= 80
    told = check_content(project / "content").stderr.splitlines()
    lines = [l for l in told if l.startswith(f"content/posts/{path.name}")]
    assert [l.split(": ")[1] for l in lines] == ["category", "summary", "body"]


def test_new_file_is_rejected_until_every_placeholder_is_replaced(project):
    new("post", "Our plan", project)
    result = check_content(project / "content")
    assert result.returncode == 1
    lines = [l for l in result.stderr.splitlines() if l.startswith("content/posts/our-plan.md")]
    assert [l.split(": ")[1] for l in lines] == ["category", "summary", "body"]
    path = project / "content/posts/our-plan.md"
    path.write_text(path.read_text()
                    .replace("TODO choose one of news, press-releases, opinion", "news")
                    .replace("TODO one or two plain sentences that sum the post up", "Our plan for May.")
                    .replace("TODO: write the post here, in Markdown. Use ## for subheadings.", "The plan.")
                    # Optional fields are used by deleting the "# " before them.
                    .replace("# author: Alex Mays", "author: Alex Mays").replace("# tags:", "tags:"))
    result = check_content(project / "content")
    assert result.returncode == 0, result.stderr


def test_new_policy_takes_the_next_free_number(project):
    result = invoke("new", "policy", "Fair taxes", project=project)
    assert result.returncode == 0, result.stderr
    assert "Created " in result.stdout
    text = (project / "content/policies/02-fair-taxes.md").read_text()
    assert "number: 2\n" in text


def test_new_councillor(project):
    new("councillor", "Sam Example", project)
    text = (project / "content/councillors/sam-example.md").read_text()
    assert "title: Sam Example\n" in text and "joined: " in text and "region: TODO" in text


def test_new_refuses_to_overwrite(project):
    # MINIMAL_SITE already has content/posts/hello.md.
    before = (project / "content/posts/hello.md").read_text()
    again = invoke("new", "post", "Hello", project=project)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert (project / "content/posts/hello.md").read_text() == before


def test_check_writes_nothing_and_passes_good_content(tmp_path):
    write_content(tmp_path / "content", MINIMAL_SITE)
    result = check_content(tmp_path / "content")
    assert result.returncode == 0, result.stderr
    assert "no problems found" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


BODY_CASES = {
    "broken filename link": ("See [the page]({filename}/pages/missing.md).",
                             "body: the link {filename}/pages/missing.md points to a file that does not exist"),
    "broken site link": ("See [our housing policy](/policies/houses/).",
                         "body: the link /policies/houses/ goes to a page the site does not have"),
    "relative link": ("See [our housing policy](policies/housing/).",
                      "body: the link policies/housing/ is relative — link to a page by its address starting with /"),
    "website without https": ("Sign [the petition](petition.parliament.uk/petitions/600123).",
                              "body: the link petition.parliament.uk/petitions/600123 is relative — to link another "
                              "website, write its whole address with https:// "
                              "(https://petition.parliament.uk/petitions/600123)"),
    "email without mailto": ("[Write to us](press@example.org).",
                             "body: the link press@example.org is relative — to link an email address, write mailto: "
                             "before it: (mailto:press@example.org)"),
    "missing image": ("![A rally]({static}/images/nope.jpg)",
                      "body: the link {static}/images/nope.jpg points to a file that does not exist"),
    "image without alt": ("![]({static}/images/rally.png)", "body: the image {static}/images/rally.png has no alt text"),
    "remote image": ("![A rally](https://example.com/rally.png)",
                     "body: the image https://example.com/rally.png is on another website"),
    "raw script": ("<script>alert(1)</script>", "body: raw <script> in content"),
    # A video site's "embed" code: the player would load from that site.
    "raw iframe": ('<iframe src="https://www.youtube-nocookie.com/embed/x" title="The speech"></iframe>',
                   "body: raw <iframe> in content: it would load another website's page or player, which can track "
                   "readers, and the site loads nothing from other websites — link to it instead, e.g. [Watch the "
                   "speech on YouTube](https://www.youtube.com/watch?v=…)"),
    "event handler": ('<a href="/about/" onclick="steal()">About</a>', "body: raw HTML with an event handler (onclick=…)"),
    "handler without a space": ("<b/onclick=steal()>Bold</b>", "body: raw HTML with an event handler (onclick=…)"),
    "script link": ("[Click me](javascript:steal())", "body: the link javascript:steal() is not a web address"),
    # It passed as a link to this site ("/…"), so nothing checked it (a fuzzing audit).
    "link without https:": ("[Our partners](//partners.example/list)",
                            "body: the link //partners.example/list starts with // and no https:, so a browser "
                            "takes it for another website's address — write the whole address, "
                            "https://partners.example/list, or /… alone for a page of this site"),
    # A backslash is Markdown's \\, found at its line, and told once (not also as a page the site lacks).
    "link with a backslash": ("[the news](/\\\\evil.example/news)",
                              "body: the link /\\evil.example/news starts with /\\ and no https:, so a browser "
                              "takes it for another website's address — write /… alone for a page of this site, or "
                              "another website's whole address, starting https://"),
    # ///news/ is no link to /news/ either: a browser opens https://news/.
    "link with three slashes": ("[the news](///news/)",
                                "body: the link ///news/ starts with /// and no https:, so a browser takes it for "
                                "another website's address — write /… alone for a page of this site, or another "
                                "website's whole address, starting https://"),
    "script in a list item": ("- A point\n\n    <script>steal()</script>", "body: raw <script> in content"),
    "unreadable image": ("![A rally]({static}/images/broken.jpg)",
                         "body: broken.jpg is not an image the site can use: its contents are no picture format the "
                         "site knows"),
    # Cut off inside its header: Pillow said "SyntaxError", which the message quoted (a fuzzing audit).
    "image cut short": ("![A rally]({static}/images/cut.png)",
                        "body: cut.png is not an image the site can use: the file is damaged: it may have been cut "
                        "short while it was saved or uploaded"),
    "link to a draft": ("See [the plan]({filename}/posts/secret-plan.md).",
                        "body: the link {filename}/posts/secret-plan.md goes to an item not yet public: \"secret-plan\" is still a draft"),
}
# A PNG that ends where its next chunk's header should be: Pillow raises SyntaxError ("broken PNG file").
CUT_INSIDE_A_CHUNK = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000064000000640802000000ff8002"
    "030000000b49444154789c6360800100000a00017f80745e00000000")
SECRET_DRAFT = "---\ntitle: Secret plan\ndate: 2021-11-20\ncategory: news\nsummary: Not yet.\nstatus: draft\n---\nText.\n"


@pytest.mark.parametrize("case", list(BODY_CASES))
def test_check_finds_problems_in_the_body_at_their_line(tmp_path, case):
    body, expected = BODY_CASES[case]
    # The case's first line is line 14 (see below); a case spread over lines
    # is reported at the line that holds the problem, its last.
    line = 14 + body.count("\n")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "images/rally.png": sample_png(),
                                         "images/broken.jpg": b"not an image", "images/cut.png": CUT_INSIDE_A_CHUNK,
                                         "posts/secret-plan.md": SECRET_DRAFT,
                                         "posts/hello.md": GOOD_POST + "\nIntro.\n\n" + body + "\n"})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    [reported] = [l for l in result.stderr.splitlines() if l.startswith("content/posts/")]
    # The post's front matter is 9 lines, then its first text line, a blank,
    # "Intro.", a blank: the body case is on line 14.
    # A case gives the message, or the message — and the start of its fix.
    assert reported.startswith(f"content/posts/hello.md:{line}: {expected}{'' if ' — ' in expected else ' — '}"), reported


def test_good_links_and_images_pass(tmp_path):
    body = ("[About]({filename}/pages/about.md), [housing](/policies/housing/#policy-1), "
            "[the PDF](/minifesto.pdf), [out](https://example.org/), [mail](mailto:a@b.org), "
            "[search](/search/), [older news](/news/page/2/), [releases](/press/releases/), "
            "[the edition](/minifesto/breakthrough-minifesto-2022-03.pdf)[^1]\n\n"
            "[^1]: A footnote, not a link.\n\n"
            "![A rally]({static}/images/rally.png)\n\n    <script>in a code block is fine</script>\n")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "images/rally.png": sample_png(),
                                         "posts/hello.md": GOOD_POST + "\n" + body})
    result = check_content(tmp_path / "content")
    assert result.returncode == 0, result.stderr


def test_a_post_dated_in_the_future_needs_an_embargo(tmp_path):
    future = GOOD_POST.replace("date: 2021-11-24", "date: 2099-01-01")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/hello.md": future})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert ("content/posts/hello.md:3: date: 2099-01-01 is in the future — use today's date, "
            "or add 'embargo: <date and time>' to publish it automatically then") in result.stderr
    embargoed = future.replace("category: news", "category: news\nembargo: 2099-01-01 09:00")
    write_content(tmp_path / "content", {"posts/hello.md": embargoed})
    # The embargoed post is no longer public, so the others may not cite it.
    assert check_content(tmp_path / "content").returncode == 0


def test_other_files_in_content_folders_are_reported(tmp_path):
    write_content(tmp_path / "content", {**MINIMAL_SITE, "pages/exported.html": "<script>x()</script>"})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert ("content/pages/exported.html:1: (file): is not a Markdown file, so it is not on the site — write the "
            "content as a .md file with front matter (see the README)") in result.stderr


@pytest.mark.parametrize("path, renamed", [
    ("posts/bus-vote.md.txt", "bus-vote.md"),  # Notepad's .txt after the .md typed
    ("posts/bus-vote.txt", "bus-vote.md"),
    ("posts/Bus vote.TXT", "bus-vote.md"),
    ("policies/03-fair-taxes.md.txt", "03-fair-taxes.md"),
])
def test_a_text_file_is_told_the_markdown_name_to_give_it(tmp_path, path, renamed):
    """It was told to "write the content as a .md file", not which name to
    give the file it had written, and not that Windows hides the .txt."""
    write_content(tmp_path / "content", {**MINIMAL_SITE, path: GOOD_POST})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert (f"content/{path}:1: (file): is a text file (.txt), not Markdown (.md), so it is not on the site — rename "
            f"it {renamed} (Windows may hide the .txt at the end of the name: to see it, turn on File name "
            "extensions in File Explorer's View menu)") in result.stderr.splitlines()


@pytest.mark.parametrize("name", ["posts/hello.md~", "posts/#hello.md#", "posts/.#hello.md", "posts/.hello.md.swp",
                                  "posts/._hello.md", "images/Thumbs.db", "pages/desktop.ini", "posts/.DS_Store"])
def test_files_editors_and_computers_leave_beside_content_are_ignored(tmp_path, make_site, name):
    """An editor's backup of a post (gedit, kate and emacs write post.md~),
    an autosave, or Windows' Thumbs.db: the volunteer did not write them,
    often cannot see them, and they are not on the site. They must not
    fail the build ("is not a Markdown file") or be read as a post."""
    broken_copy = GOOD_POST.replace("title: Hello", "titel: Hello")  # an older copy with a mistake
    build = make_site({"posts/hello.md": GOOD_POST, name: broken_copy})
    assert build.returncode == 0, build.stderr
    assert not any(path.name == name.rsplit("/", 1)[1] for path in build.output.rglob("*"))


def test_a_missing_image_is_told_once_in_our_words(make_site):
    """Pelican also warned, with two lines of paths, above the line that
    names the post, its line and the fix."""
    build = make_site({"posts/hello.md": GOOD_POST + "\n![A rally]({static}/images/nope.jpg)\n"})
    assert build.returncode == 1
    assert [line for line in build.stderr.splitlines() if "nope.jpg" in line] == [
        f"content/posts/hello.md:{len(GOOD_POST.splitlines()) + 2}: body: the link {{static}}/images/nope.jpg points "
        "to a file that does not exist — check the path: it is relative to this file, or to content/ when it "
        "starts with /"]


def test_a_markdown_file_named_in_upper_case_is_told_to_rename(tmp_path):
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/Hello-Again.MD": GOOD_POST})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert ("content/posts/Hello-Again.MD:1: (file name): ends in upper case, so it is not read as Markdown — rename "
            "it in lower case, ending in .md (hello-again.md)") in result.stderr


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path):
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/hello.md": "\ufeff" + GOOD_POST})
    result = check_content(tmp_path / "content")
    assert result.returncode == 0, result.stderr


def test_a_photo_path_cannot_leave_the_images_folder(tmp_path):
    profile = textwrap.dedent(MINIMAL_SITE["councillors/jo-bloggs.md"]).replace(
        "region: London", "region: London\nphoto: images/../../secret.jpg\nphoto_alt: Jo")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "councillors/jo-bloggs.md": profile})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert 'content/councillors/jo-bloggs.md:7: photo: "images/../../secret.jpg" is not an image in content/images/' in result.stderr


def test_yaml_yes_and_no_and_numbers_like_file_names(tmp_path):
    page = "---\ntitle: No\nsummary: A page called No.\n---\nText.\n"
    policy = textwrap.dedent(MINIMAL_SITE["policies/01-housing.md"]).replace("number: 1", "number: 01")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "pages/no.md": page, "policies/01-housing.md": policy})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    assert [l for l in result.stderr.splitlines() if l.startswith("content/")] == [
        'content/pages/no.md:2: title: YAML read this as true or false, not as text — put the word in quotes, as '
        'written: "Yes", "No", "On" or "Off"'
    ]


def test_new_quotes_titles_yaml_would_misread(project):
    new("post", "No", project)
    assert 'title: "No"\n' in (project / "content/posts/no.md").read_text()


@pytest.mark.parametrize("tag", ["!!!", "---"])  # Pelican gives "---" the address /news/tag/-/
def test_a_tag_must_have_letters_or_digits(tmp_path, tag):
    post = GOOD_POST.replace("tags: [launch]", f'tags: [launch, "{tag}"]')
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/hello.md": post})
    result = check_content(tmp_path / "content")
    assert (f'content/posts/hello.md:6: tags: "{tag}" has no letters or digits, so it cannot have a page — '
            "use words for tags, e.g. housing, nhs") in result.stderr


def test_a_file_saved_in_another_encoding_is_refused_at_the_line_of_its_first_odd_character(tmp_path):
    latin1 = (GOOD_POST + "\nOur members raised £500 for the café.\n").encode("latin-1")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/hello.md": latin1})
    result = check_content(tmp_path / "content")
    assert result.returncode == 1
    line = len(GOOD_POST.splitlines()) + 2
    assert (f"content/posts/hello.md:{line}: (file): is not UTF-8 text: the character at column 20 is not UTF-8 "
            "(invalid start byte) — save the file as UTF-8") in result.stderr


def test_invoke_list_says_each_job_in_a_whole_sentence_and_minifesto_help_helps():
    """`invoke --list` shows each task's first line: cut mid-sentence, it
    read "the editor at" and "(its temporary". And `invoke minifesto
    --help` answered "Unknown action '--help'"."""
    listed = subprocess.run([str(REPO / ".venv/bin/invoke"), "--list"], cwd=REPO, capture_output=True, text=True,
                            timeout=120, check=True).stdout
    tasks = re.findall(r"^  (\S+) +(.+(?:\n {3,}\S.*)*)", listed, re.MULTILINE)
    assert len(tasks) >= 10, listed
    for name, description in tasks:
        assert " ".join(description.split()).endswith("."), (name, description)
    helped = subprocess.run([str(REPO / ".venv/bin/invoke"), "minifesto", "--help"], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert helped.returncode == 0 and "--again" in helped.stdout and "Unknown action" not in helped.stderr


def test_a_new_policys_commitment_is_told_as_an_item_to_write_and_the_fix_reads(project):
    """The example for a list was a list ([Build …]): copied in after the
    item's dash, it made a list inside the list, and a second error."""
    path = new("policy", "Transport for all", project)
    checked = run_sitebuild(["--settings", str(project / "scratch_settings.py"), "--check"])
    told = next(line for line in checked.stderr.splitlines() if ": commitments:" in line)
    assert told.endswith("commitments: still holds the placeholder TODO — replace the TODO line with your own, "
                         "after its '- ', e.g. - Build 150,000 council homes a year")
    text = path.read_text(encoding="utf-8").replace("  - TODO a concrete commitment, in one sentence",
                                                   "  - Build 150,000 council homes a year")
    path.write_text(text.replace("summary: TODO one sentence that sums the policy up", "summary: Buses."),
                    encoding="utf-8")
    again = run_sitebuild(["--settings", str(project / "scratch_settings.py"), "--check"])
    left = [line for line in again.stderr.splitlines() if path.name in line]
    assert len(left) == 1 and ": body: still holds the placeholder TODO" in left[0], left  # the text's, still to write


# --- What an audit of the commands found ----------------------------------


@pytest.mark.parametrize("arguments", [("new", "post", "--help"), ("new", "post", "-h"), ("promote", "--help"),
                                       ("new", "--help"), ("new", "-h"), ("new", "help"), ("promote", "-h")])
def test_asking_new_or_promote_for_help_shows_it_and_makes_nothing(project, arguments):
    """invoke took `new post --help` as the title "--help", and made help.md."""
    asked = invoke(*arguments, project=project)
    assert asked.returncode == 0, asked.stderr
    assert f"Usage: inv[oke] [--core-opts] {arguments[0]} [--options]" in asked.stdout
    assert sorted(path.name for path in (project / "content/posts").iterdir()) == ["hello.md"]


@pytest.mark.parametrize("kind, title, told", [
    ("post", "🎉 Party time", 'Not created: "🎉" (U+1F389) in the title cannot be drawn on its share card in the party\'s '
                             "fonts: write it another way (in Latin letters, or in words), or leave it out"),
    ("post", "TODO list for volunteers", "a title starting TODO is read as the placeholder every new file has: "
                                         "reword it"),
    ("policy", "Housing", "already has the address a policy called that would have: choose another title, or edit "
                          "that file"),
])
def test_new_refuses_a_file_the_build_would_refuse(project, kind, title, told):
    """It made each, for `invoke check` to refuse: a title the share card's
    fonts cannot draw, one read as the placeholder, and a policy "Housing"
    (11-housing.md) beside 01-housing.md, which has its address."""
    made = invoke("new", kind, title, project=project)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert made.stderr.startswith("Not created: ") and told in made.stderr, made.stderr
    assert len(list((project / "content").rglob("*.md"))) == len(
        [name for name in MINIMAL_SITE if name.endswith(".md")])


def test_new_refuses_a_name_another_file_was_renamed_from(project):
    """From an audit: after katie-parker.md became katie-smith.md (keeping
    its old address), `invoke new councillor "Katie Parker"` made a file
    whose address leads to Katie Smith, and the build refused it."""
    profile = project / "content/councillors/jo-bloggs.md"
    profile.write_text(profile.read_text().replace("region: London\n",
                                                   "region: London\nold_addresses: /Councillors/Jo-Smith/index.html\n"))
    made = invoke("new", "councillor", "Jo Smith", project=project)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert made.stderr.startswith("Not created: /councillors/jo-smith/ is an old address of ")  # as the build reads it
    assert made.stderr.endswith("content/councillors/jo-bloggs.md, which was renamed from it, and its old links lead "
                                "there: choose another title (e.g. add a year or a place)\n")
    assert not (project / "content/councillors/jo-smith.md").exists()
    # Read as the build reads it: a byte-order mark at its start (an audit).
    profile.write_bytes(b"\xef\xbb\xbf" + profile.read_bytes())
    assert invoke("new", "councillor", "Jo Smith", project=project).returncode == 1


def test_new_says_why_it_could_not_write_the_file(project):
    """A folder it may not write to (or a file where the folder goes) ended
    `invoke new` in a traceback."""
    shutil.rmtree(project / "content/posts")
    (project / "content/posts").write_text("not a folder\n")
    made = invoke("new", "post", "A new post", project=project)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert "could not be written (Not a directory): check that" in made.stderr
    assert "is a folder you may change files in" in made.stderr


def test_serve_says_when_there_is_nothing_built_to_serve(project):
    """It served "Not found" for every page and said nothing."""
    served = invoke("serve", "--folder", "no-such-folder", "--port", "8799", project=project)
    assert served.returncode == 1
    assert served.stderr == ("Not serving: no-such-folder/ holds no built site yet: run `invoke build` first (or "
                             "give --folder output or --folder preview)\n")
    drafts = invoke("serve", "--folder", "not-built/preview/", "--port", "8799", project=project)
    assert drafts.returncode == 1
    assert drafts.stderr.startswith("Not serving: not-built/preview/ holds no built site yet: run `invoke build "
                                    "--drafts` first"), drafts.stderr


def test_check_since_compares_the_content_folder_the_settings_name(project):
    """The comparisons read content/ beside tasks.py whatever the settings
    named: a project's own content folder (SITE_SETTINGS, a copy's PATH) was
    checked, and another compared."""
    def git(*command: str) -> None:
        subprocess.run(["git", "-C", str(project), *command], check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"})

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "The site")
    git("switch", "-qc", "a-change")
    (project / "content/posts/hello.md").rename(project / "content/posts/hello-again.md")
    git("add", "-A")
    git("commit", "-qm", "A change")
    checked = invoke("check", "--since", "main", project=project)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert "posts/hello-again.md" in checked.stderr and "old_addresses" in checked.stderr, checked.stderr


def test_the_example_embargo_uncommented_asks_for_the_date_it_lifts_at(project):
    """The README: uncommented as it is, `invoke new`'s example embargo
    never publishes the post at once; the build asks for the date to be the
    same moment, with the line to write."""
    today = dt.date(2026, 11, 29)
    path = new("post", "Otters return to the river", project, today=today)
    text = path.read_text(encoding="utf-8").replace("# embargo: ", "embargo: ")
    for placeholder, value in (("category: TODO", "category: news"), ("summary: TODO", "summary: Otters are back.")):
        text = re.sub(rf"^{re.escape(placeholder)}.*$", value, text, flags=re.MULTILINE)
    text = re.sub(r"^TODO.*$", "The otters are back.", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    checked = check_content(project / "content", "--now", "2026-11-29 12:00")
    assert checked.returncode == 1
    problems = [line for line in checked.stderr.splitlines() if line.startswith("content/")]
    assert problems == ["content/posts/otters-return-to-the-river.md:3: date: 2026-11-29 is not when the embargo "
                        "lifts (2026-11-30 09:00) — write 'date: 2026-11-30 09:00': a release is issued when its "
                        "embargo lifts"], checked.stderr


def test_new_on_a_full_disk_leaves_no_empty_file_behind(project):
    """From a review: the file was made, its words could not be written (a
    full disk: here, a limit on a file's size), and the empty file stayed,
    so the next try was told it already exists."""
    import resource

    def at_most_100_bytes() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))

    made = subprocess.run([str(REPO / ".venv/bin/invoke"), "new", "post", "Budget day"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, preexec_fn=at_most_100_bytes,
                          env={**os.environ, "SITE_SETTINGS": str(project / "scratch_settings.py"),
                               "PYTHONDONTWRITEBYTECODE": "1"})
    assert made.returncode == 1 and "Traceback" not in made.stderr, made.stderr
    assert "budget-day.md could not be written (File too large)" in made.stderr
    assert not (project / "content/posts/budget-day.md").exists()
