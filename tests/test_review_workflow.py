"""Review before publish: pull requests are checked with every content problem
annotated on its file and line, a preview of the site is uploaded for the
reviewer, CODEOWNERS names who approves what, and only main deploys."""

from __future__ import annotations

import re

import yaml
from conftest import REPO

from sitebuild.annotations import escape_data, escape_property, problem_annotation, workflow_command
from sitecore.problems import Problem

WORKFLOWS = REPO / ".github/workflows"
REVIEW, SITE = WORKFLOWS / "review.yml", WORKFLOWS / "site.yml"
ANNOTATED_CHECK = ".venv/bin/python -m sitebuild --check --annotations github"


# --- The annotation format (GitHub's workflow-command escaping) ---

def test_messages_escape_percent_and_line_breaks():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"


def test_property_values_also_escape_commas_and_colons():
    assert escape_property("a,b: 5%\n") == "a%2Cb%3A 5%25%0A"


def test_a_problem_becomes_an_error_on_its_file_and_line():
    problem = Problem("content/posts/x.md", 7, "body", 'the link /a,b/ is broken: 100%', "fix it, then save")
    assert problem_annotation(problem) == (
        "::error file=content/posts/x.md,line=7,title=body::the link /a,b/ is broken: 100%25 — fix it, then save"
    )


def test_a_field_with_a_colon_or_comma_is_escaped_in_the_title():
    problem = Problem("content/pages/a,b.md", 1, "(front matter): x, y", "bad", "mend")
    assert problem_annotation(problem) == (
        "::error file=content/pages/a%2Cb.md,line=1,title=(front matter)%3A x%2C y::bad — mend"
    )


def test_a_problem_outside_the_repository_keeps_its_path_in_the_message():
    problem = Problem("/usr/share/fonts/x.ttf", 1, "(font)", "cannot be loaded", "install it")
    assert problem_annotation(problem) == "::error title=(font)::/usr/share/fonts/x.ttf:1: cannot be loaded — install it"


def test_a_command_without_properties():
    assert workflow_command("error", "Build failed:\nTypeError") == "::error::Build failed:%0ATypeError"


# --- The real command on a failing content file ---

# Two problems in one post: a date whose value holds a per cent sign and a line
# break (CR LF), and a category whose message holds colons and commas.
FAILING_POST = r"""---
title: Hello from the party
date: "20%21\r\nx"
category: nonsense
summary: A first post.
---
Text.
"""


def test_the_check_prints_one_annotation_per_problem_besides_the_plain_lines(make_site):
    build = make_site({"posts/hello.md": FAILING_POST}, options=("--check", "--annotations", "github"))
    assert build.returncode == 1, build.stdout + build.stderr
    annotations = [line for line in build.stdout.splitlines() if line.startswith("::")]
    assert (
        '::error file=content/posts/hello.md,line=3,title=date::"20%2521%0D%0Ax" is not a date — write it as '
        "YYYY-MM-DD (e.g. 2021-11-24) or YYYY-MM-DD HH:MM (e.g. 2021-11-24 09:30)"
    ) in annotations
    assert (
        '::error file=content/posts/hello.md,line=4,title=category::"nonsense" is not one of the allowed values '
        "— use one of: news, press-releases, opinion (the list is POST_CATEGORIES in pelicanconf.py)"
    ) in annotations
    # Every problem the build counted has its annotation; people still get the plain lines.
    [count] = re.findall(r"^(\d+) content problems? found:$", build.stderr, re.MULTILINE)
    assert len(annotations) == int(count)
    assert any(line.startswith("content/posts/hello.md:4: category: ") for line in build.problem_lines)


def test_a_failed_full_build_annotates_too(make_site):
    build = make_site({"posts/hello.md": FAILING_POST}, options=("--annotations", "github"))
    assert build.returncode == 1
    assert any(line.startswith("::error file=content/posts/hello.md,line=4,title=category::")
               for line in build.stdout.splitlines())


def test_without_the_option_nothing_but_the_plain_lines(make_site):
    build = make_site({"posts/hello.md": FAILING_POST}, options=("--check",))
    assert build.returncode == 1
    assert not [line for line in (build.stdout + build.stderr).splitlines() if line.startswith("::")]


# --- The workflows ---

def load(path):
    workflow = yaml.safe_load(path.read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML reads "on" as true
    return workflow, triggers or {}


def test_every_pull_request_is_checked_with_annotations_then_previewed():
    workflow, triggers = load(REVIEW)
    assert "pull_request" in triggers
    [job] = workflow["jobs"].values()
    steps = job["steps"]
    runs = [step.get("run", "") for step in steps]
    check = runs.index(ANNOTATED_CHECK)  # a failure fails the job (non-zero exit)
    assert runs.index("./setup --no-build") < check < runs.index(".venv/bin/invoke build")
    [upload] = [step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"].rstrip("/") == "output"
    assert steps.index(upload) > runs.index(".venv/bin/invoke build")
    assert "./run-tests" in runs  # the README's second command


def test_only_main_deploys_and_never_from_a_pull_request():
    workflow, triggers = load(SITE)
    assert "pull_request" not in triggers and "pull_request_target" not in triggers
    assert triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert "github.ref == 'refs/heads/main'" in jobs["pick"]["if"]  # also for workflow_dispatch on a branch
    # Nothing publishes without the pick job's choice.
    assert (jobs["deploy"]["needs"], jobs["build"]["needs"]) == (["pick", "build"], "pick")
    for path in WORKFLOWS.glob("*.yml"):
        other, other_triggers = load(path)
        if {"pull_request", "pull_request_target"} & set(other_triggers):
            uses = [step.get("uses", "") for job in other["jobs"].values() for step in job.get("steps", [])]
            assert not [action for action in uses if action.startswith("actions/deploy-pages")], path


def codeowners() -> dict[str, list[str]]:
    rules = {}
    for line in (REPO / ".github/CODEOWNERS").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    return rules


def test_codeowners_give_content_to_comms_and_code_to_maintainers():
    rules = codeowners()
    comms, maintainers = ["@breakthrough-party/comms-reviewers"], ["@breakthrough-party/maintainers"]
    assert rules["/content/"] == comms
    for code in ("/plugins/", "/theme/", "/sitebuild/", "*.py", "/.github/"):
        assert rules[code] == maintainers, code
    # The last matching line wins: the catch-all comes first.
    assert list(rules).index("*") < list(rules).index("/content/")


def test_the_readme_has_a_maintainer_require_a_second_persons_approval_of_every_change():
    """The accessibility statement promises that a second person reviews
    each change. GitHub enforces it with a rule on `main`, which lives in
    the repository's settings, not in its files: the README's "Turn it on"
    step must ask for that rule, and CODEOWNERS name who approves."""
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    step = readme[readme.index("**Turn it on**"):readme.index("Only `main` deploys")]
    for rule in ("require a pull request before merging", "1 required approval",
                 "dismiss stale approvals when new commits are pushed", "require review from Code Owners",
                 "do not allow bypassing"):
        assert rule in step, rule
    assert "Nothing reaches the live site without a second person." in readme
    assert set(codeowners()) >= {"*", "/content/"}


PRODUCTION_CHECK = '.venv/bin/python -m sitebuild.production_check --since "origin/$BASE" --annotations github'


def test_a_pull_request_is_also_checked_against_what_mains_production_build_refuses():
    """The local check passes a placeholder that publishconf.py refuses:
    the review compares the production build's refusals with the branch it
    goes into (tests/test_review_placeholders.py)."""
    workflow, _ = load(REVIEW)
    [job] = workflow["jobs"].values()
    [checkout] = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with
    runs = [step.get("run", "").strip() for step in job["steps"]]
    assert runs.index(ANNOTATED_CHECK) < runs.index(PRODUCTION_CHECK) < runs.index(".venv/bin/invoke build")
    assert job["steps"][runs.index(PRODUCTION_CHECK)]["env"] == {"BASE": "${{ github.base_ref }}"}


def cache_steps(path) -> list[dict]:
    """The steps that restore and keep the build's cache (.cache)."""
    workflow, _ = load(path)
    return [step["with"] for job in workflow["jobs"].values() for step in job.get("steps", [])
            if step.get("uses", "").startswith(("actions/cache@", "actions/cache/restore@"))
            and ".cache" in step["with"]["path"].split()]


def test_the_review_restores_mains_build_cache():
    """actions/cache folds the list of paths into the cache's version: a
    pull request restores main's cache only with the very same list."""
    [review] = cache_steps(REVIEW)
    [site] = cache_steps(SITE)
    assert review["path"].split() == site["path"].split()
    assert review["restore-keys"] == site["restore-keys"]
