"""The review's comparisons with the branch a pull request goes into
(sitebuild/kept_addresses.py, sitebuild/production_check.py) compare with
that branch where this one left it: on a volunteer's branch started before
other pull requests were merged (`invoke check --since origin/main` after
`git fetch`), what others merged since is not read backwards as this
branch's doing. On GitHub's merge ref, which the review checks, that is the
branch itself, as it always was."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import MINIMAL_SITE, REPO, policy_markdown, write_content
from test_kept_addresses import SECOND, git, review_command
from test_review_placeholders import PRESS_OFFICE, annotations, edit, make_repository

OTHER_POST = SECOND.replace("A second post", "Someone else's post")


def run(module: str, repository, *options: str):
    """`python -m <module> --since main` in the repository's working tree, as
    `invoke check --since` and the review run it (here, in this process)."""
    return review_command(module, repository, ["--since", "main", *options], new_process=False)


def kept_addresses(repository) -> subprocess.CompletedProcess:
    return run("sitebuild.kept_addresses", repository, "--settings", str(REPO / "pelicanconf.py"),
               "--now", "2022-06-01 12:00", "--annotations", "github")


def commit(repository, message: str) -> str:
    """Commit everything; the commit's short name, as the messages give it."""
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", message)
    return short_name(repository)


def short_name(repository) -> str:
    return subprocess.run(["git", "-C", str(repository), "rev-parse", "--short", "HEAD"], check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture
def repository(tmp_path):
    """main publishes MINIMAL_SITE and a second post; the volunteer's
    branch starts there (at the commit returned with it)."""
    write_content(tmp_path / "content", {**MINIMAL_SITE, "posts/second.md": SECOND})
    git(tmp_path, "init", "-q", "-b", "main")
    left = commit(tmp_path, "Published")
    git(tmp_path, "checkout", "-q", "-b", "volunteer")
    return tmp_path, left


def merged_on_main(repository, change) -> None:
    """Another pull request, merged into main after the volunteer's branch
    started; the volunteer's branch is checked out again after."""
    git(repository, "checkout", "-q", "main")
    change()
    commit(repository, "Someone else's pull request")
    git(repository, "checkout", "-q", "volunteer")


def test_a_rename_and_a_post_merged_on_main_since_are_not_this_branchs(repository):
    repository, left = repository
    write_content(repository / "content", {"posts/mine.md": SECOND.replace("A second post", "My post")})
    commit(repository, "My post")

    def rename_and_add():
        git(repository, "mv", "content/posts/second.md", "content/posts/second-post.md")
        edit(repository / "content/posts/second-post.md", "summary:", "old_addresses: [/news/second/]\nsummary:")
        write_content(repository / "content", {"posts/other.md": OTHER_POST})
    merged_on_main(repository, rename_and_add)
    compared = kept_addresses(repository)
    assert compared.returncode == 0, compared.stderr
    assert compared.stdout == ""  # not an annotation: no instruction to add an address, no file "deleted"
    assert compared.stderr == f"Every address published at main (where this branch left it, {left}) still answers.\n"


def test_new_policies_from_one_template_are_not_paired_with_one_merged_on_main(repository):
    """Git's rename detection would pair the policy someone merged with one
    of two this branch starts from the same template, and ask for its
    address to be kept."""
    repository, left = repository
    write_content(repository / "content", {"policies/02-buses.md": policy_markdown("Buses for all", 2),
                                           "policies/03-energy.md": policy_markdown("Clean energy", 3)})
    commit(repository, "Two policies")
    merged_on_main(repository, lambda: write_content(repository / "content", {
        "policies/02-trains.md": policy_markdown("Trains for all", 2)}))
    compared = kept_addresses(repository)
    assert compared.returncode == 0, compared.stderr
    assert compared.stderr == f"Every address published at main (where this branch left it, {left}) still answers.\n"


def test_on_the_merge_ref_the_base_is_the_branch_itself_and_a_rename_is_still_refused(repository):
    repository, left = repository
    git(repository, "mv", "content/posts/second.md", "content/posts/second-post.md")
    commit(repository, "Renamed without its old address")
    merged_on_main(repository, lambda: write_content(repository / "content", {"posts/other.md": OTHER_POST}))
    refusal = ("content/posts/second-post.md:1: old_addresses: this file was content/posts/second.md, public at "
               "/news/second/: renamed, it no longer answers there")
    on_the_branch = kept_addresses(repository)
    assert on_the_branch.returncode == 1, on_the_branch.stderr
    assert on_the_branch.stderr.splitlines()[0].startswith(refusal)
    assert on_the_branch.stderr.splitlines()[1:] == [
        f"1 address published at main (where this branch left it, {left}) no longer answers (1 to fix)."]
    # GitHub's merge ref: the pull request merged into main, HEAD detached.
    git(repository, "checkout", "-q", "--detach", "main")
    git(repository, "merge", "-q", "--no-ff", "-m", "Merge the pull request", "volunteer")
    on_the_merge_ref = kept_addresses(repository)
    assert on_the_merge_ref.returncode == 1, on_the_merge_ref.stderr
    assert on_the_merge_ref.stderr.splitlines()[0].startswith(refusal)
    assert on_the_merge_ref.stderr.splitlines()[1:] == ["1 address published at main no longer answers (1 to fix)."]


def test_a_revision_with_no_history_in_common_is_compared_as_it_is(repository):
    repository, _ = repository
    git(repository, "checkout", "-q", "--orphan", "elsewhere")
    write_content(repository / "content", {"posts/elsewhere.md": OTHER_POST})
    commit(repository, "Another history")
    git(repository, "checkout", "-q", "-f", "volunteer")
    git(repository, "branch", "-q", "-D", "main")
    git(repository, "branch", "-q", "main", "elsewhere")  # --since main: a main that shares nothing with HEAD
    compared = kept_addresses(repository)
    assert compared.returncode == 0, compared.stderr
    assert compared.stderr.splitlines() == [
        "content/posts/elsewhere.md:1: (file): was public at /news/elsewhere/ and is deleted: links to it will find "
        "'Page not found' — if that is meant, say why in the pull request; if it moved, list /news/elsewhere/ in the "
        "old_addresses of the file that has its words now (warning)",
        "1 address published at main no longer answers (0 to fix)."]


def test_a_placeholder_fixed_on_main_since_is_not_one_this_branch_adds(tmp_path, settings):
    """main held the sample press numbers when the volunteer's branch
    started; another pull request replaced one since. The volunteer's
    branch still has it, as main had it: a notice, not an error (merged, it
    takes main's fix)."""
    repository = make_repository(tmp_path, settings["IMPRINT"], MINIMAL_SITE["press-office.md"])
    left = short_name(repository)
    git(repository, "checkout", "-q", "-b", "volunteer")
    write_content(repository / "content", {"posts/second.md": SECOND})
    commit(repository, "My post")
    merged_on_main(repository, lambda: edit(repository / PRESS_OFFICE, "out_of_hours: 07700 900123",
                                            "out_of_hours: 0300 303 1234"))
    checked = run("sitebuild.production_check", repository, "--annotations", "github")
    assert checked.returncode == 0, checked.stderr
    assert not annotations(checked, "error")
    line = (repository / PRESS_OFFICE).read_text(encoding="utf-8").splitlines().index("out_of_hours: 07700 900123") + 1
    assert (f'::notice file={PRESS_OFFICE},line={line},title=out_of_hours::"07700 900123" is a placeholder, not a real '
            f"contact (already so at main (where this branch left it, {left}), which cannot be published until it "
            "is fixed; this change does not add it) — write the press office's real details before publishing"
            ) in annotations(checked, "notice")
    assert "this change adds nothing it refuses" in checked.stderr


def test_a_revision_that_is_not_there_is_said_plainly(repository):
    repository, _ = repository
    missing = subprocess.run([sys.executable, "-m", "sitebuild.kept_addresses", "--since", "origin/mian"],
                             cwd=repository, capture_output=True, text=True, timeout=300,
                             env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert missing.returncode == 2
    assert missing.stderr.startswith("Could not read the content at origin/mian: fatal: Not a valid object name "
                                     "origin/mian"), missing.stderr


def test_a_shallow_clone_is_told_to_fetch_its_history_not_compared_wrongly(repository, tmp_path_factory):
    """In a shallow clone (CI's default checkout) the commit where this
    branch left main is not there: compared with main as it is now, what
    others merged since would be blamed on this branch. So it says what to
    run (both comparisons find that commit with the same function)."""
    repository, _ = repository
    write_content(repository / "content", {"posts/mine.md": SECOND.replace("A second post", "My post")})
    commit(repository, "My post")
    merged_on_main(repository, lambda: write_content(repository / "content", {"posts/other.md": OTHER_POST}))
    clone = tmp_path_factory.mktemp("shallow") / "site"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--no-single-branch", f"file://{repository}", str(clone)],
                   check=True, capture_output=True)
    refused = subprocess.run([sys.executable, "-m", "sitebuild.kept_addresses", "--since", "origin/main",
                              "--settings", str(REPO / "pelicanconf.py"), "--now", "2022-06-01 12:00"],
                             cwd=clone, capture_output=True, text=True, timeout=300,
                             env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr == ("Could not read the content at origin/main: this clone is shallow, so where this "
                              "branch left origin/main is not in it: run `git fetch --unshallow`, then check again\n")


def test_invoke_check_since_runs_both_comparisons_when_the_first_fails(tmp_path):
    """`invoke check --since REV` (README) runs the address comparison and
    the production one, whatever the first finds, then exits with the worse
    status: in a clone of the project whose content (the minimal site's,
    for speed) renames a post without keeping its address."""
    clone = tmp_path / "site"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    for installed in (".venv", "node_modules"):
        (clone / installed).symlink_to(REPO / installed)
    shutil.rmtree(clone / "content")
    write_content(clone / "content", {**MINIMAL_SITE, "posts/second.md": SECOND})
    commit(clone, "Published")
    git(clone, "tag", "published")
    git(clone, "mv", "content/posts/second.md", "content/posts/second-post.md")
    checked = subprocess.run([str(clone / ".venv/bin/invoke"), "check", "--since", "published"], cwd=clone,
                             capture_output=True, text=True, timeout=600)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "content/posts/second-post.md:1: old_addresses: this file was content/posts/second.md" in checked.stderr
    assert "The production build (publishconf.py) " in checked.stdout + checked.stderr, checked.stderr
