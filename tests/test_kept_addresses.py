"""Review before publish keeps every public address: a pull request that
renames a published file without keeping its old address is refused at the
file; one that deletes or unpublishes a published file is flagged for the
reviewer (sitebuild/kept_addresses.py, run by .github/workflows/review.yml
against the branch it goes into)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
import yaml
from conftest import MINIMAL_SITE, REPO, derived_settings, policy_markdown, write_content

GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
HELLO = "content/posts/hello.md"
SECOND = """\
    ---
    title: A second post
    date: 2021-11-25
    category: news
    summary: Another post.
    ---
    More words.
    """


@pytest.fixture
def repository(tmp_path):
    """A git repository whose main branch publishes MINIMAL_SITE and a second post."""
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/second.md": SECOND})
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "Published"]):
        subprocess.run([*GIT, "-C", str(tmp_path), *command], check=True)
    return tmp_path


def kept_addresses(repository, *options: str, new_process: bool = False):
    """The review's command on the working tree of `repository` against its
    main branch: in this process (sitebuild.inprocess.run_command: its own
    code, arguments, messages and exit status), or in its own, as CI runs it."""
    arguments = ["--since", "main", "--settings", str(REPO / "pelicanconf.py"), "--content", "content",
                 "--now", "2022-06-01 12:00", *options]
    return review_command("sitebuild.kept_addresses", repository, arguments, new_process)


def review_command(module: str, repository, arguments: list[str], new_process: bool):
    """`python -m <module> arguments` in `repository`: here, or in a process
    of its own with only the project importable, as the review runs it."""
    if new_process:
        return subprocess.run([sys.executable, "-m", module, *arguments], cwd=repository, capture_output=True,
                              text=True, timeout=300, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    import importlib

    from sitebuild.inprocess import run_command

    given = [arguments[place + 1] for place, argument in enumerate(arguments) if argument == "--settings"]
    settings = given[-1] if given else "publishconf.py" if module.endswith("production_check") else "pelicanconf.py"
    return run_command(importlib.import_module(module).main, arguments, settings, cwd=repository)


def git(repository, *command: str) -> None:
    subprocess.run([*GIT, "-C", str(repository), *command], check=True, capture_output=True)


def test_a_renamed_file_without_its_old_address_is_refused_at_the_file(repository):
    git(repository, "mv", "content/posts/second.md", "content/posts/second-post.md")
    # In a process of its own, as the review runs it; the other cases here.
    refused = kept_addresses(repository, "--annotations", "github", new_process=True)
    assert refused.returncode == 1, refused.stderr
    assert ("content/posts/second-post.md:1: old_addresses: this file was content/posts/second.md, public at "
            "/news/second/: renamed, it no longer answers there — add the old address to it, "
            "'old_addresses: [/news/second/]', so links to it keep working") in refused.stderr
    assert "::error file=content/posts/second-post.md,line=1,title=old_addresses::" in refused.stdout
    # The fix the message gives is enough.
    renamed = repository / "content/posts/second-post.md"
    renamed.write_text(renamed.read_text().replace("summary:", "old_addresses: [/news/second/]\nsummary:"))
    kept = kept_addresses(repository)
    assert kept.returncode == 0, kept.stderr
    assert "Every address published at main still answers." in kept.stderr


@pytest.mark.parametrize("change, expected", [
    (lambda repository: git(repository, "rm", "-q", "content/posts/second.md"),
     "content/posts/second.md:1: (file): was public at /news/second/ and is deleted"),
    (lambda repository: (repository / "content/posts/second.md").write_text(
        SECOND.replace("summary:", "status: draft\nsummary:").replace("    ", "")),
     "content/posts/second.md:1: (file): was public at /news/second/ and is no longer published"),
])
def test_a_deleted_or_unpublished_file_is_a_warning_for_the_reviewer(repository, change, expected):
    change(repository)
    flagged = kept_addresses(repository, "--annotations", "github")
    assert flagged.returncode == 0, flagged.stderr
    assert expected in flagged.stderr and "(warning)" in flagged.stderr
    assert "::warning file=content/posts/second.md,line=1,title=(file)::" in flagged.stdout


def test_unchanged_addresses_and_renamed_policy_numbers_pass(repository):
    # A policy renumbered keeps its address (/policies/housing/): nothing to say.
    git(repository, "mv", "content/policies/01-housing.md", "content/policies/02-housing.md")
    policy = repository / "content/policies/02-housing.md"
    policy.write_text(policy.read_text().replace("number: 1", "number: 2"))
    (repository / "content/policies/01-nhs.md").write_text(policy_markdown("Save our NHS", 1))
    passed = kept_addresses(repository)
    assert passed.returncode == 0, passed.stderr
    assert "Every address published at main still answers." in passed.stderr


CANVASS = ("---\ntitle: Canvass\nstart: 2022-07-02 10:00\nend: 2022-07-02 13:00\nsummary: Knocking on doors.\n"
           "category: campaign-day\nplace: Truro\n{more}---\nCanvassing.\n")


def test_an_event_moved_without_a_later_modified_is_refused_at_its_line(repository):
    """Calendar apps take an event's new version only if its revision,
    made from `modified`, is higher (plugins/events/calendar.py): a change
    to its time, place or status that leaves `modified` as it was would
    leave the old one in their calendars. The browser editor sets it; a
    change made with git is told at the review."""
    event = repository / "content/events/canvass.md"
    event.parent.mkdir()
    event.write_text(CANVASS.format(more="modified: 2022-05-01 09:00\n"))
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "An event")
    event.write_text(CANVASS.format(more="modified: 2022-05-01 09:00\n").replace("Truro", "Truro Town Hall"))
    refused = kept_addresses(repository)
    assert refused.returncode == 1, refused.stderr
    assert ("content/events/canvass.md:8: modified: this change moves the event's plans, place (Truro → Truro Town "
            "Hall), but not its modified: calendar apps that have the event would keep the old version — set "
            "'modified: 2022-06-01 12:00' (UK time: when the plans changed; the browser editor sets it itself)"
            ) in refused.stderr
    assert "1 event moved without a later modified (1 to fix)." in refused.stderr
    # Without a modified at all, at the first field that changed; the fix given is enough.
    event.write_text(CANVASS.format(more="").replace("10:00", "11:00"))
    refused = kept_addresses(repository)
    assert "content/events/canvass.md:3: modified: this change moves the event's plans, start (2022-07-02 10:00 → " \
           "2022-07-02 11:00)" in refused.stderr
    event.write_text(CANVASS.format(more="modified: 2022-06-01 12:00\n").replace("10:00", "11:00"))
    kept = kept_addresses(repository)
    assert kept.returncode == 0, kept.stderr
    # Words that are not its plans need no modified.
    event.write_text(CANVASS.format(more="modified: 2022-05-01 09:00\n").replace("Knocking", "Knock"))
    assert kept_addresses(repository).returncode == 0


def test_the_review_runs_it_against_the_branch_the_pull_request_goes_into():
    job = yaml.safe_load((REPO / ".github/workflows/review.yml").read_text())["jobs"]["review"]
    [checkout] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with
    [step] = [step for step in job["steps"] if "sitebuild.kept_addresses" in step.get("run", "")]
    assert step["run"].strip() == ('.venv/bin/python -m sitebuild.kept_addresses --since "origin/$BASE" '
                                   "--annotations github")
    # The branch's name reaches the shell as a variable, never as text in the script.
    assert step["env"] == {"BASE": "${{ github.base_ref }}"}


def test_an_embargoed_post_renamed_before_it_was_ever_public_needs_no_old_address(repository):
    """The content is read as it is now, not as --check's look ahead sees
    it at each embargo: a release renamed before its hour was never at its
    first address."""
    secret = SECOND.replace("date: 2021-11-25", "date: 2030-01-01 09:00\n    embargo: 2030-01-01 09:00")
    write_content(repository / "content", {"posts/secret.md": secret})
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "An embargoed release")
    git(repository, "mv", "content/posts/secret.md", "content/posts/secret-release.md")
    kept = kept_addresses(repository)
    assert kept.returncode == 0, kept.stderr


def test_a_base_without_content_has_nothing_to_keep(repository):
    git(repository, "checkout", "-q", "--orphan", "empty")
    git(repository, "rm", "-rq", "--cached", ".")
    git(repository, "commit", "-q", "--allow-empty", "-m", "Nothing yet")
    git(repository, "checkout", "-q", "-f", "main")
    kept = subprocess.run([sys.executable, "-m", "sitebuild.kept_addresses", "--since", "empty", "--settings",
                           str(REPO / "pelicanconf.py"), "--content", "content"], cwd=repository,
                          capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert kept.returncode == 0, kept.stderr
    assert "empty has no content/: no address to keep." in kept.stderr


def test_the_pages_compared_are_the_sites_now_not_at_a_moment_ahead(tmp_path):
    from sitebuild.kept_addresses import public_pages

    secret = SECOND.replace("date: 2021-11-25", "date: 2030-01-01 09:00\n    embargo: 2030-01-01 09:00")
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/secret.md": secret})
    from sitebuild.content_check import check_once

    assert check_once(str(REPO / "pelicanconf.py"), {"PATH": str(tmp_path / "content"),
                                                     "BUILD_TIME": "2022-06-01 12:00"}).moments_ahead  # it reads, with a moment ahead
    pages = public_pages(str(REPO / "pelicanconf.py"), tmp_path / "content", "2022-06-01 12:00").pages
    assert "news/hello/" in pages and "news/secret/" not in pages


def test_content_at_the_base_that_breaks_a_new_rule_is_still_compared(repository):
    """The base is read with the pull request's code: a rule the pull
    request adds, and mends the content for, must not stop the comparison.
    (The pull request starts from the base, as every branch compared with
    one does: a base it does not come from is compared where it left it.)"""
    second = repository / "content/posts/second.md"
    git(repository, "checkout", "-q", "-b", "older")
    second.write_text(second.read_text().replace("title: A second post", "title: No"))  # read as false: refused now
    git(repository, "commit", "-qam", "A title the code refuses")
    git(repository, "checkout", "-q", "-b", "mended")
    second.write_text(second.read_text().replace("title: No", "title: A second post"))
    git(repository, "mv", "content/posts/second.md", "content/posts/second-post.md")
    compared = subprocess.run([sys.executable, "-m", "sitebuild.kept_addresses", "--since", "older", "--settings",
                               str(REPO / "pelicanconf.py"), "--content", "content", "--now", "2022-06-01 12:00"],
                              cwd=repository, capture_output=True, text=True, timeout=300,
                              env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert compared.returncode == 0, compared.stderr  # the post that breaks the rule was never public there


def test_the_content_at_the_base_comes_with_the_settings_beside_it_when_asked(repository, tmp_path_factory):
    """The imprint is in pelicanconf.py beside content/: the production
    check (sitebuild/production_check.py) reads the base's, not the pull
    request's."""
    from sitebuild.base_revision import content_at

    (repository / "pelicanconf.py").write_text('IMPRINT = {"promoter": "Jo Bloggs"}\n', encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "The imprint")
    (repository / "pelicanconf.py").write_text('IMPRINT = {"promoter": "Sam Example"}\n', encoding="utf-8")
    into = tmp_path_factory.mktemp("base")
    earlier = content_at("main", repository / "content", into, beside=("pelicanconf.py", "publishconf.py"))
    assert earlier == into / "content" and (earlier / "posts/second.md").is_file()
    assert (into / "pelicanconf.py").read_text(encoding="utf-8") == 'IMPRINT = {"promoter": "Jo Bloggs"}\n'
    assert not (into / "publishconf.py").exists()  # not in the repository: left out, not an error
    assert sorted(path.name for path in into.iterdir()) == ["content", "pelicanconf.py"]


def test_a_symbolic_link_at_the_base_is_left_out_not_followed(repository, tmp_path_factory):
    """A committed link to a file outside (content is untrusted) is not
    written out or followed when the base is read: the comparison goes on
    without it, and nothing lands outside the folder."""
    from sitebuild.base_revision import content_at

    (repository / "content/images").mkdir(exist_ok=True)
    (repository / "content/images/passwd.jpg").symlink_to("/etc/passwd")
    (repository / "content/images/up.jpg").symlink_to("../../outside.txt")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "Links")
    into = tmp_path_factory.mktemp("base")
    earlier = content_at("main", repository / "content", into)
    assert (earlier / "posts/second.md").is_file()
    assert not any(path.is_symlink() for path in into.rglob("*"))
    assert not (into.parent / "outside.txt").exists()
    git(repository, "rm", "-q", "content/images/passwd.jpg", "content/images/up.jpg")
    compared = kept_addresses(repository)
    assert compared.returncode == 0, compared.stderr
    assert "Traceback" not in compared.stderr


def with_address_settings(repository, **written: str) -> None:
    """pelicanconf.py beside content/: the project's, with these settings
    written in it as Python (a pattern as a plain string, or code)."""
    from conftest import derived_settings

    derived_settings(repository / "pelicanconf.py", written)


NEWS_ADDRESSES = {"ARTICLE_URL": '"news/{slug}/"', "ARTICLE_SAVE_AS": '"news/{slug}/index.html"'}
YEAR_ADDRESSES = {"ARTICLE_URL": '"{date:%Y}/{slug}/"', "ARTICLE_SAVE_AS": '"{date:%Y}/{slug}/index.html"'}


def test_a_change_that_moves_every_address_is_refused_at_each_file(repository):
    """main's content is read with main's address settings, not the pull
    request's: otherwise its addresses are made with the new patterns and
    nothing seems to have moved."""
    with_address_settings(repository, **NEWS_ADDRESSES)
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "The address settings")
    with_address_settings(repository, **YEAR_ADDRESSES)
    refused = kept_addresses(repository, "--settings", "pelicanconf.py", "--annotations", "github")
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.splitlines() == [
        f"content/posts/{slug}.md:1: old_addresses: was public at /news/{slug}/ and is now at /2021/{slug}/: this "
        f"change moves its address, so it no longer answers there — add the old address to it, 'old_addresses: "
        f"[/news/{slug}/]', so links to it keep working, or keep the address settings (*_URL, *_SAVE_AS) as they were"
        for slug in ("hello", "second")] + ["2 addresses published at main no longer answer (2 to fix)."]
    assert "::error file=content/posts/hello.md,line=1,title=old_addresses::" in refused.stdout
    # The fix the message gives is enough.
    for slug in ("hello", "second"):
        post = repository / f"content/posts/{slug}.md"
        post.write_text(post.read_text().replace("summary:", f"old_addresses: [/news/{slug}/]\nsummary:"))
    kept = kept_addresses(repository, "--settings", "pelicanconf.py")
    assert kept.returncode == 0, kept.stderr
    assert kept.stderr == "Every address published at main still answers.\n"


def test_an_address_setting_the_base_writes_as_code_is_this_changes_with_a_warning(repository):
    with_address_settings(repository, ARTICLE_URL='"news/" + "{slug}/"',
                          ARTICLE_SAVE_AS='"news/" + "{slug}/index.html"')
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "The address settings, as code")
    with_address_settings(repository, **YEAR_ADDRESSES)
    warned = kept_addresses(repository, "--settings", "pelicanconf.py", "--annotations", "github")
    assert warned.returncode == 0, warned.stderr
    warning = ("pelicanconf.py at main does not write ARTICLE_SAVE_AS, ARTICLE_URL as plain values, and this change "
               "sets them differently, so the content there was read with this change's: an address that moved "
               "with them is not found")
    assert warned.stderr.splitlines() == [f"Warning: {warning}", "Every address published at main still answers."]
    assert warned.stdout.splitlines() == [f"::warning title=address settings::{warning}"]
    # The same code on both sides gives this change's value as the base's: nothing to warn of.
    with_address_settings(repository, ARTICLE_URL='"news/" + "{slug}/"',
                          ARTICLE_SAVE_AS='"news/" + "{slug}/index.html"')
    quiet = kept_addresses(repository, "--settings", "pelicanconf.py")
    assert quiet.stderr == "Every address published at main still answers.\n"


def test_settings_are_read_as_written_never_run(tmp_path):
    from sitebuild.settings_as_written import literal_settings_written_in

    settings = tmp_path / "pelicanconf.py"
    settings.write_text(textwrap.dedent("""\
        import not_a_module_any_more
        from elsewhere import TAG_URL
        ARTICLE_URL = "old/{slug}/"
        ARTICLE_URL = "news/{slug}/"
        PAGE_URL = make_it("{slug}/")
        PAGE_URL: str = "{slug}/"
        SEARCH_URL = "search/"
        SEARCH_URL += "?q="
        if True:
            POLICY_URL = "policies/{slug}/"
        HOME_SAVE_AS = None
        THEME = "theme"
        """), encoding="utf-8")
    written = literal_settings_written_in(settings, ("*_URL", "*_SAVE_AS"))
    assert written.values == {"ARTICLE_URL": "news/{slug}/", "PAGE_URL": "{slug}/", "HOME_SAVE_AS": None}
    assert written.otherwise == {"TAG_URL": "from elsewhere import TAG_URL", "SEARCH_URL": "SEARCH_URL += '?q='",
                                 "POLICY_URL": "if True:\n    POLICY_URL = 'policies/{slug}/'"}
    assert literal_settings_written_in(tmp_path / "missing.py", ("*_URL",)).values == {}


def test_a_settings_file_that_does_not_load_is_named_in_a_plain_message(repository):
    with_address_settings(repository, SITEURL="NO_SUCH_SETTING")
    refused = kept_addresses(repository, "--settings", "pelicanconf.py")
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    # At the settings file's line (the innermost of a settings file's own).
    line = (repository / "pelicanconf.py").read_text().splitlines().index('SITEURL = NO_SUCH_SETTING') + 1
    assert (f"pelicanconf.py:{line}: the settings could not be loaded: NameError: name 'NO_SUCH_SETTING' is not "
            "defined") in refused.stderr


def test_a_name_bound_inside_a_function_or_class_is_not_a_setting(tmp_path):
    """Only the module's own names are settings: a function's local
    variable named like one leaves the module's value as it is."""
    from sitebuild.settings_as_written import literal_settings_written_in

    settings = tmp_path / "pelicanconf.py"
    settings.write_text(textwrap.dedent("""\
        ARTICLE_URL = "news/{slug}/"
        PAGE_URL = "{slug}/"
        TAG_URL = "tag/{slug}/"
        def helper():
            ARTICLE_URL = "elsewhere/"
            return [PAGE_URL for PAGE_URL in ()]
        class Options:
            TAG_URL = "inner/"
        def sets_it():
            global CATEGORY_URL
            CATEGORY_URL = "{slug}/"
        """), encoding="utf-8")
    written = literal_settings_written_in(settings, ("*_URL",))
    assert written.values == {"ARTICLE_URL": "news/{slug}/", "PAGE_URL": "{slug}/", "TAG_URL": "tag/{slug}/"}
    assert list(written.otherwise) == ["CATEGORY_URL"]


def test_an_address_setting_the_base_does_not_write_is_pelicans_default_there(repository):
    """A change that writes an address setting main leaves to Pelican moves
    every address it makes; one Pelican has no default for is warned of."""
    (repository / "pelicanconf.py").write_text('SITENAME = "Main"\n', encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "Settings without addresses")
    with_address_settings(repository, **YEAR_ADDRESSES, NEWSLETTER_URL='"newsletters/{slug}/"')
    refused = kept_addresses(repository, "--settings", "pelicanconf.py")
    assert refused.returncode == 1, refused.stderr
    assert refused.stderr.splitlines() == [
        "Warning: pelicanconf.py at main does not write NEWSLETTER_URL as a plain value, and this change sets it "
        "differently, so the content there was read with this change's: an address that moved with it is not found",
        *(f"content/posts/{slug}.md:1: old_addresses: was public at /{slug}.html and is now at /2021/{slug}/: this "
          f"change moves its address, so it no longer answers there — add the old address to it, 'old_addresses: "
          f"[/{slug}.html]', so links to it keep working, or keep the address settings (*_URL, *_SAVE_AS) as they "
          "were" for slug in ("hello", "second")),
        "2 addresses published at main no longer answer (2 to fix)."]


def test_an_edition_changed_before_it_was_frozen_is_refused_and_the_fix_given_keeps_it(repository):
    """A volunteer who starts the next minifesto edition without freezing
    the published one would take down its page and files, which the press
    cites: the review refuses it at the date that changed, and the command
    it gives freezes the edition as main published it, the change kept."""
    minifesto = repository / "content/minifesto.md"
    published = minifesto.read_text()
    minifesto.write_text(published.replace("edition: March 2022", "edition: May 2022")
                         .replace("date: 2022-03-01", "date: 2022-05-01"))
    refused = kept_addresses(repository, "--annotations", "github")
    assert refused.returncode == 1, refused.stderr
    date_line = published.splitlines().index("date: 2022-03-01") + 1
    [error] = [line for line in refused.stderr.splitlines() if line.startswith("content/minifesto.md:")]
    assert error.startswith(f"content/minifesto.md:{date_line}: date: this change makes the May 2022 minifesto "
                            "edition the current one, but the March 2022 minifesto edition was not frozen first")
    for address in ("/minifesto/2022-03/", "/minifesto/breakthrough-minifesto-2022-03.pdf"):
        assert address in error
    assert "— keep it as it was published: run `invoke minifesto freeze --from main`" in error
    assert f"::error file=content/minifesto.md,line={date_line},title=date::" in refused.stdout

    settings_file = derived_settings(repository / "local.py", {"PATH": repr(str(repository / "content"))})

    def freeze_from(revision: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "invoke", "minifesto", "freeze", "--from", revision], cwd=REPO,
                              capture_output=True, text=True, timeout=300,
                              env={"PATH": "/usr/bin:/bin", "SITE_SETTINGS": str(settings_file)})

    mistyped = freeze_from("mian")
    assert mistyped.returncode == 2  # told before anything runs, as `check --since` tells it
    assert mistyped.stderr == ("--from: git knows no commit 'mian' in this repository: give a branch, a tag or a "
                               "commit, e.g. origin/main (run `git fetch origin` first for a branch on GitHub)\n")
    assert not (repository / "content/minifesto/editions").exists()
    froze = freeze_from("main")
    assert froze.returncode == 0, froze.stderr
    assert "Froze the March 2022 edition in" in froze.stdout and ", as main has it." in froze.stdout
    twice = freeze_from("main")
    assert twice.returncode == 1
    assert "to freeze it again from there, run `invoke minifesto freeze --from main --again`" in twice.stderr
    frozen = repository / "content/minifesto/editions/2022-03"
    assert (frozen / "minifesto.md").read_text() == published  # as published, not as changed since
    assert "date: 2022-05-01" in minifesto.read_text()
    git(repository, "add", "-A")
    kept = kept_addresses(repository)
    assert kept.returncode == 0, kept.stderr
    assert kept.stderr.endswith("Every address published at main still answers.\n")
    # Merged; a later change deletes the frozen copy: for the reviewer to see, with the way back.
    git(repository, "commit", "-qm", "The May 2022 edition")
    shutil.rmtree(frozen)
    warned = kept_addresses(repository)
    assert warned.returncode == 0, warned.stderr
    assert ("content/minifesto/editions/2022-03/minifesto.md:1: (file): the March 2022 minifesto edition was public "
            "at /minifesto/2022-03/, ") in warned.stderr
    assert "put it back: `git checkout main -- content/minifesto/editions/2022-03`" in warned.stderr


def test_an_edition_file_that_is_no_longer_made_is_a_warning_at_the_minifesto(repository):
    """The Easy Read edition is made only while every policy has its lines:
    one policy losing them takes its addresses down, which may be meant."""
    policy = repository / "content/policies/01-housing.md"
    published = policy.read_text()
    policy.write_text(published.replace("summary:", "easy_read:\n  - text: We will build homes.\nsummary:", 1))
    git(repository, "commit", "-qam", "Easy Read")
    policy.write_text(published)
    warned = kept_addresses(repository)
    assert warned.returncode == 0, warned.stderr
    [warning] = [line for line in warned.stderr.splitlines() if line.startswith("content/minifesto.md:")]
    assert warning.startswith("content/minifesto.md:")
    assert ": (file): the March 2022 minifesto edition was public at /minifesto-easy-read.pdf" in warning
    assert warning.endswith("(warning)")


def test_an_edition_moved_to_another_month_under_the_same_name_is_refused_too(repository):
    """The month of an edition's date names its addresses: a corrected date
    in another month, the name kept, takes the published addresses down."""
    minifesto = repository / "content/minifesto.md"
    minifesto.write_text(minifesto.read_text().replace("date: 2022-03-01", "date: 2022-04-01"))
    refused = kept_addresses(repository)
    assert refused.returncode == 1, refused.stderr
    assert ("date: this change moves the March 2022 minifesto edition from 2022-03 to 2022-04 (the month of its "
            "date names its addresses), but the March 2022 minifesto edition was not frozen first") in refused.stderr


def test_renamed_again_the_fix_keeps_the_first_old_address_and_dropping_one_is_refused(repository):
    """From an audit: a file renamed twice was told, at line 1, to write
    'old_addresses: [/news/second-post/]', which read literally replaced the
    first old address (the address most linked to, and the post's identity
    in feed readers); and the review passed a change that took an old
    address out. Now the fix adds at the end, at the old_addresses line, and
    an old address dropped is refused."""
    first = repository / "content/posts/second-post.md"
    git(repository, "mv", "content/posts/second.md", str(first))
    first.write_text(first.read_text().replace("summary:", "old_addresses: [/news/second/]\nsummary:"))
    git(repository, "commit", "-qam", "Renamed once")
    git(repository, "mv", str(first), "content/posts/second-words.md")
    refused = kept_addresses(repository)
    assert refused.returncode == 1
    assert ("content/posts/second-words.md:5: old_addresses: this file was content/posts/second-post.md, public at "
            "/news/second-post/: renamed, it no longer answers there — add /news/second-post/ at the end of its "
            "old_addresses, keeping those there, so links to it keep working") in refused.stderr
    # Read literally as the earlier fix was: the first old address replaced.
    words = repository / "content/posts/second-words.md"
    words.write_text(words.read_text().replace("[/news/second/]", "[/news/second-post/]"))
    replaced = kept_addresses(repository)
    assert replaced.returncode == 1
    assert ("content/posts/second-words.md:5: old_addresses: /news/second/ was kept as an old address of this "
            "file, and this change drops it: links to it will find 'Page not found' (feed readers and calendars "
            "know this item by it) — keep /news/second/ in old_addresses") in replaced.stderr
    words.write_text(words.read_text().replace("[/news/second-post/]", "[/news/second/, /news/second-post/]"))
    kept = kept_addresses(repository)
    assert kept.returncode == 0, kept.stderr


def test_an_old_address_given_to_a_new_file_of_that_name_is_refused(repository):
    """From a review: a new second.md beside second-post.md (renamed from
    it, keeping /news/second/), with that old address taken out, passed the
    review: the old links and the post's feed id went to another post."""
    first = repository / "content/posts/second-post.md"
    git(repository, "mv", "content/posts/second.md", str(first))
    first.write_text(first.read_text().replace("summary:", "old_addresses: [/news/second/]\nsummary:"))
    git(repository, "commit", "-qam", "Renamed")
    first.write_text(first.read_text().replace("old_addresses: [/news/second/]\n", ""))
    (repository / "content/posts/second.md").write_text(textwrap.dedent(SECOND).replace("A second post", "Another"))
    refused = kept_addresses(repository)
    assert refused.returncode == 1
    assert ("content/posts/second-post.md:1: old_addresses: /news/second/ was kept as an old address of this file, "
            "and this change gives it to content/posts/second.md: links to it would lead there (feed readers and "
            "calendars know this item by it) — keep /news/second/ in old_addresses, and give content/posts/second.md "
            "another name") in refused.stderr


def test_an_old_address_written_before_a_posts_own_is_refused_for_changing_its_feed_id(repository):
    """From an audit: an old address it never had, given to a post never
    renamed, became its identity in feed readers (and an event's in
    calendars), which would show it again as new; the review passed it."""
    second = repository / "content/posts/second.md"
    second.write_text(textwrap.dedent(SECOND).replace("summary:", "old_addresses: [/news/second-draft/]\nsummary:"))
    refused = kept_addresses(repository)
    assert refused.returncode == 1
    assert ("content/posts/second.md:5: old_addresses: this change makes feed readers and calendars know this item "
            "by /news/second-draft/ instead of /news/second/: they would show it again, as new — an old address is "
            "one this item had: remove /news/second-draft/ if it never had it\n") in refused.stderr
