"""Deploys: the GitHub Actions workflows lint clean, and the deploy runs the
README's commands; `invoke gh-pages` pushes the production site to a (local, bare)
repository; `invoke publish` copies it with rsync."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REAL_IMPRINT, REPO, copy_of_site_cache, with_real_numbers

from sitebuild.__main__ import PUBLIC_OUTPUT
from sitebuild.published_headers import record_path

WORKFLOW = REPO / ".github/workflows/site.yml"
WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(REPO / ".venv/bin")) or "actionlint"
# Both deploys use one clone (the second builds with the cache the first
# filled, a module fixture): one test process runs them (conftest.py).
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_workflow_passes_actionlint(workflow):
    result = subprocess.run([ACTIONLINT, "-no-color", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_tests_with_the_readme_commands_and_deploys_on_a_schedule():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    test_steps = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert "./setup" in test_steps and "./run-tests" in test_steps
    build = workflow["jobs"]["build"]
    assert [step for step in build["steps"] if step.get("run", "").startswith(".venv/bin/invoke build --production")]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in workflow["jobs"]["deploy"]["steps"])
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML reads "on" as true
    assert any(entry["cron"] == "17 * * * *" for entry in triggers["schedule"])  # hourly, nightly included
    # What the press page and the README promise of embargoes is what an hourly build gives.
    press_page = " ".join((REPO / "content/pages/press.md").read_text().split())
    assert ("it appears on this site with the first of our hourly updates after the embargo time, and never "
            "before") in press_page
    assert "with the first hourly build after its embargo, never before" in " ".join(
        (REPO / "README.md").read_text().split())


# github-script's globals, as far as the notice uses them: the issues open on
# the repository, and what it creates. (GitHub's API cannot run here.)
NOTICE_HARNESS = """
const [script, openTitles] = [process.argv[1], JSON.parse(process.argv[2])];
const created = [];
const context = { repo: { owner: "party", repo: "site" }, serverUrl: "https://github.com", runId: 7,
                  eventName: "schedule" };
const github = {
  paginate: async (method, options) => method(options),
  rest: { issues: {
    listForRepo: async () => openTitles.map((title, number) => ({ title, number })),
    create: async (issue) => { created.push(issue); },
  } },
};
await new (Object.getPrototypeOf(async () => {}).constructor)("github", "context", script)(github, context);
console.log(JSON.stringify(created));
"""


@pytest.mark.parametrize("open_titles, opened", [([], 1), (["Some other issue"], 1),
                                                 (["The site is not publishing: the build on main failed"], 0)])
def test_a_failed_build_on_main_opens_one_issue_that_everyone_sees(open_titles, opened):
    """GitHub tells only whoever last changed the schedule that an hourly
    build failed, and a failed build publishes nothing, embargoed releases
    included. The notice opens an issue, one while it stays open."""
    import json

    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["tell-everyone-the-site-is-not-publishing"]
    assert job["needs"] == ["test", "pick", "build", "deploy"]
    assert job["if"] == "failure() && github.ref == 'refs/heads/main'"
    assert job["permissions"] == {"issues": "write"}
    [step] = job["steps"]
    assert step["uses"].startswith("actions/github-script@")
    result = subprocess.run(["node", "--input-type=module", "-e", NOTICE_HARNESS, step["with"]["script"],
                             json.dumps(open_titles)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)
    assert len(created) == opened
    if opened:
        assert created[0]["title"] == "The site is not publishing: the build on main failed"
        assert "https://github.com/party/site/actions/runs/7" in created[0]["body"]


# github-script's globals, as far as the search for the last tested commit
# uses them: this workflow's runs on main, newest first, 100 a page, filtered
# as GitHub filters them (by event, status or conclusion, commit), each run's
# jobs, and the runs it starts. (GitHub's API cannot run here.)
TESTED_HARNESS = """
const [script, runs, head] = [process.argv[1], JSON.parse(process.argv[2]), process.argv[3]];
const said = { notices: [], warnings: [], failed: [], dispatched: [] };
const context = { repo: { owner: "party", repo: "site" }, runId: 99, sha: head };
const core = { notice: (text) => said.notices.push(text), warning: (text) => said.warnings.push(text),
               setFailed: (text) => said.failed.push(text) };
const matches = (run, { branch, event, status, head_sha }) => branch === "main"
  && (!event || run.event === event) && (!status || run.status === status || run.conclusion === status)
  && (!head_sha || run.head_sha === head_sha);
const github = { rest: { actions: {
  getWorkflowRun: async ({ run_id }) => ({ data: { id: run_id, workflow_id: 5 } }),
  listWorkflowRuns: async ({ workflow_id, per_page = 30, page = 1, ...filters }) => ({ data: { workflow_runs:
    workflow_id === 5 ? runs.filter((run) => matches(run, filters)).slice((page - 1) * per_page, page * per_page)
      : [] } }),
  listJobsForWorkflowRun: async ({ run_id }) => ({ data: { jobs: runs.find((run) => run.id === run_id).jobs } }),
  createWorkflowDispatch: async ({ workflow_id, ref }) => { said.dispatched.push([workflow_id, ref]); },
} } };
const { createRequire } = await import("node:module");
const require = createRequire(import.meta.url);
const result = await new (Object.getPrototypeOf(async () => {}).constructor)("github", "context", "core", "require",
  script)(github, context, core, require);
console.log(JSON.stringify({ result: result ?? null, ...said }));
"""


def run_tested_script(script: str, runs: list[dict], head: str, workspace: Path) -> dict:
    """What the pick job's search for the last tested commit says and returns,
    run by Node in `workspace` (where the job restores .published/)."""
    import json

    result = subprocess.run(["node", "--input-type=module", "-e", TESTED_HARNESS, script, json.dumps(runs), head],
                            cwd=workspace, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run(number: int, event: str, tests: str | None, deploy: str = "success", status: str = "completed") -> dict:
    """A run of site.yml on main, started at minute <number>: its commit is
    c<number>. A run with no tests (a scheduled one, or one cancelled while
    it waited) and no deploy is cancelled."""
    jobs = ([{"name": "test", "conclusion": tests}] if tests else []) + ([{"name": "deploy", "conclusion": deploy}]
                                                                         if deploy else [])
    conclusion = None if status != "completed" else "cancelled" if not jobs else \
        "success" if all(job["conclusion"] in ("success", "skipped") for job in jobs) else "failure"
    return {"id": number, "event": event, "head_sha": f"c{number}", "status": status, "conclusion": conclusion,
            "created_at": f"2026-01-01T{number // 60:02d}:{number % 60:02d}:00Z", "jobs": jobs}


def head_of_main(runs: list[dict]) -> str:
    """The commit a scheduled run builds from: the newest one pushed (or run by hand)."""
    return next(run["head_sha"] for run in runs if run["event"] != "schedule")


@pytest.mark.parametrize("runs, published, tests_the_head", [
    ([run(3, "schedule", None), run(2, "push", "success"), run(1, "push", "success")], "c2", False),
    # A push whose tests failed is never published; the one before it is.
    ([run(4, "schedule", None), run(3, "push", "failure", "skipped"), run(2, "push", "success")], "c2", False),
    ([run(2, "workflow_dispatch", "success"), run(1, "push", "failure", "skipped")], "c2", False),
    # The newest of either kind, whichever kind it is.
    ([run(3, "push", "failure", "skipped"), run(2, "workflow_dispatch", "success"), run(1, "push", "success")],
     "c2", False),
    # Tests passed but the build failed: that commit is still the one to build.
    ([run(2, "push", "success", "failure"), run(1, "push", "success")], "c2", False),
    # Found on a later page of runs (an hourly run for every hour of a few days).
    ([*(run(n, "schedule", None) for n in range(250, 2, -1)), run(2, "push", "failure"), run(1, "push", "success")],
     "c1", False),
    # Three weeks without a push: more hourly runs than the pages read hold.
    ([*(run(n, "schedule", None) for n in range(505, 1, -1)), run(1, "push", "success")], "c1", False),
    ([run(2, "schedule", None), run(1, "push", "failure")], None, False),
    # The head's run was cancelled while it waited (the concurrency group):
    # it is run again, and until then the commit before it is published.
    ([run(4, "schedule", None), run(3, "push", None, None), run(2, "push", "success")], "c2", True),
    # ... but not while a run of it is waiting or running.
    ([run(4, "push", None, None, status="queued"), run(3, "push", None, None), run(2, "push", "success")],
     "c2", False),
    ([run(4, "workflow_dispatch", "success"), run(3, "push", None, None), run(2, "push", "success")], "c4", False),
])
def test_the_hourly_build_publishes_the_newest_commit_whose_tests_passed(runs, published, tests_the_head, tmp_path):
    """A scheduled run tests nothing: it publishes the newest commit of main
    whose push (or manual) run passed ./run-tests, so a commit whose tests
    failed is never published, while the last good one's embargoes still lift.
    With none, it fails (and the failure opens the issue). If main's newest
    commit was never tested (its run cancelled while it waited), it starts a
    run that tests it, and says so."""
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    pick = jobs["pick"]
    assert pick["permissions"] == {"contents": "read", "actions": "write"}
    find = next(step for step in pick["steps"] if step.get("id") == "tested")
    assert find["if"] == "github.event_name == 'schedule'" and find["uses"].startswith("actions/github-script@")
    assert pick["outputs"]["commit"] == "${{ steps.tested.outputs.result || steps.newest.outputs.result }}"
    checkout = next(step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["ref"] == "${{ needs.pick.outputs.commit }}"
    head = head_of_main(runs)
    said = run_tested_script(find["with"]["script"], runs, head, tmp_path)
    assert said["result"] == published
    assert bool(said["failed"]) == (published is None)
    assert bool(said["notices"]) == (published is not None and published != head)
    assert said["dispatched"] == ([[5, "main"]] if tests_the_head else [])
    assert [head in warning for warning in said["warnings"]] == ([True] if tests_the_head else [])


@pytest.mark.parametrize("live, published", [
    # The commit live, its site the same until midnight (or an embargo, or an event's end): nothing to do.
    ({"commit": "c2", "until": "2999-01-01T00:00:00+00:00"}, ""),
    # That moment has come: it is built and deployed again.
    ({"commit": "c2", "until": "2020-01-01T00:00:00+00:00"}, "c2"),
    # Another commit is live (the one before, or a run's of a commit since withdrawn).
    ({"commit": "c1", "until": "2999-01-01T00:00:00+00:00"}, "c2"),
    (None, "c2"),  # nothing remembered (the first run, or the cache evicted)
])
def test_an_hourly_run_that_would_publish_the_same_bytes_stops_before_building(live, published, tmp_path):
    """A private repository's plan has 3,000 Actions minutes a month; 720 hourly
    builds and deploys of a site that has not changed would spend them. The
    deploy job remembers the commit it published and the moment until which
    its build said the site stays as it is (python -m sitebuild.live_until)."""
    import json

    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    steps = jobs["pick"]["steps"]
    restore = next(step for step in steps if step.get("uses", "").startswith("actions/cache/restore@"))
    find = next(step for step in steps if step.get("id") == "tested")
    assert steps.index(restore) < steps.index(find) and restore["with"]["path"] == ".published"
    remember = jobs["deploy"]["steps"][-3:]
    assert [step.get("uses", "").split("@")[0] for step in remember] == ["actions/deploy-pages", "",
                                                                        "actions/cache/save"]
    assert remember[2]["with"]["path"] == ".published" and remember[2]["with"]["key"].startswith(
        restore["with"]["restore-keys"])
    assert remember[1]["env"] == {"COMMIT": "${{ needs.pick.outputs.commit }}",
                                  "UNTIL": "${{ needs.build.outputs.live-until }}"}
    if live is not None:  # as the deploy job's step writes it
        subprocess.run(["sh", "-e", "-c", remember[1]["run"]], cwd=tmp_path, check=True,
                       env={"PATH": os.environ["PATH"], "COMMIT": live["commit"], "UNTIL": live["until"]})
        assert json.loads((tmp_path / ".published/live.json").read_text()) == live
    said = run_tested_script(find["with"]["script"], [run(3, "schedule", None), run(2, "push", "success"),
                                                      run(1, "push", "success")], "c2", tmp_path)
    assert said["result"] == published
    assert bool(said["notices"]) == (published == "")


# github-script's globals, as far as the deploy job's check of what is live
# uses them: GitHub's comparison of two commits, from a table of statuses.
NOT_OLDER_HARNESS = """
const [script, statuses] = [process.argv[1], JSON.parse(process.argv[2])];
const said = { notices: [], compared: [] };
const context = { repo: { owner: "party", repo: "site" } };
const core = { notice: (text) => said.notices.push(text) };
const github = { rest: { repos: {
  compareCommitsWithBasehead: async ({ basehead }) => {
    said.compared.push(basehead);
    return { data: { status: statuses[basehead] } };
  },
} } };
const { createRequire } = await import("node:module");
const require = createRequire(import.meta.url);
const result = await new (Object.getPrototypeOf(async () => {}).constructor)("github", "context", "core", "require",
  script)(github, context, core, require);
console.log(JSON.stringify({ result, ...said }));
"""


@pytest.mark.parametrize("live, status, published", [
    (None, None, True),                    # nothing remembered: the first deploy
    ("c5", None, True),                    # the same commit again (its site changed at midnight)
    ("c7", "ahead", False),                # a newer commit is live: failed jobs of an old run re-run
    ("c3", "behind", True),                # an older commit is live: the usual case
    ("c9", "diverged", True),              # main's history rewritten: main's commit goes
])
def test_the_deploy_never_puts_an_older_site_over_a_newer_one(live, status, published, tmp_path):
    """"Re-run failed jobs" runs a build and deploy with the commit the pick
    job chose then; since then a newer one may have gone live."""
    import json

    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["deploy"]["steps"]
    restore = next(step for step in steps if step.get("uses", "").startswith("actions/cache/restore@"))
    check = next(step for step in steps if step.get("id") == "newer")
    assert steps.index(restore) < steps.index(check) and restore["with"]["path"] == ".published"
    assert check["env"] == {"COMMIT": "${{ needs.pick.outputs.commit }}"}
    after = steps[steps.index(check) + 1:]
    assert after and all(step["if"] == "steps.newer.outputs.result == 'yes'" for step in after)
    if live:
        (tmp_path / ".published").mkdir()
        (tmp_path / ".published/live.json").write_text(json.dumps({"commit": live, "until": "2999-01-01T00:00:00Z"}))
    result = subprocess.run(["node", "--input-type=module", "-e", NOT_OLDER_HARNESS, check["with"]["script"],
                             json.dumps({f"c5...{live}": status})], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, env={"PATH": os.environ["PATH"], "COMMIT": "c5"})
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    assert said["result"] == ("yes" if published else "no")
    assert said["compared"] == ([f"c5...{live}"] if status else [])
    assert [f"the live site is of {live}, which comes after c5" in notice for notice in said["notices"]] == (
        [] if published else [True])


# github-script's globals, as far as the check of main's head uses them.
NEWEST_HARNESS = """
const [script, sha, head] = process.argv.slice(1);
const said = { notices: [] };
const context = { repo: { owner: "party", repo: "site" }, sha };
const core = { notice: (text) => said.notices.push(text) };
const github = { rest: { repos: {
  getBranch: async ({ branch }) => ({ data: { name: branch, commit: { sha: head } } }),
} } };
const result = await new (Object.getPrototypeOf(async () => {}).constructor)("github", "context", "core", script)(
  github, context, core);
console.log(JSON.stringify({ result, ...said }));
"""


@pytest.mark.parametrize("sha, head, published", [("c7", "c7", "c7"), ("c5", "c7", "")])
def test_a_run_started_again_later_never_publishes_an_older_commit_over_a_newer_one(sha, head, published):
    """"Re-run jobs" on a run of days ago keeps the commit it first ran for:
    a push or manual run publishes its commit only while it is main's newest."""
    import json

    pick = yaml.safe_load(WORKFLOW.read_text())["jobs"]["pick"]
    newest = next(step for step in pick["steps"] if step.get("id") == "newest")
    assert newest["if"] == "github.event_name != 'schedule'"
    result = subprocess.run(["node", "--input-type=module", "-e", NEWEST_HARNESS, newest["with"]["script"], sha, head],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    assert said["result"] == published
    assert [f"main has moved on to {head}" in notice for notice in said["notices"]] == ([] if published else [True])


def workflow_steps(workflow: dict):
    return [(name, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_each_job_has_only_the_rights_it_needs():
    """The build runs our plugins and every package installed: it can only
    read. Only `pick` may start runs, only `deploy` may publish, and it runs
    no code of ours; no checkout leaves the token in .git/config."""
    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    deploy_steps = jobs["deploy"]["steps"]
    assert not [step for step in deploy_steps if step.get("uses", "").startswith("actions/checkout@")]
    assert not [step for step in deploy_steps if re.search(r"\.venv|python|\./", step.get("run", ""))]
    assert [name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).get("actions", "")] == [
        "pick"]
    for path in WORKFLOWS:
        for job, step in workflow_steps(yaml.safe_load(path.read_text())):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (path.name, job)


PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(\.\d+)*$")


def test_every_action_is_pinned_to_a_commit_and_dependabot_updates_them():
    """A tag can be moved to other code; a commit cannot. The tag it was is
    beside it, for people and for Dependabot, which proposes updates."""
    for path in WORKFLOWS:
        lines = [line.strip().removeprefix("- ").removeprefix("uses: ") for line in path.read_text().splitlines()
                 if line.strip().removeprefix("- ").startswith("uses: ")]
        assert lines and [line for line in lines if not PINNED.match(line)] == [], path.name
    dependabot = yaml.safe_load((REPO / ".github/dependabot.yml").read_text())
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= dependabot["updates"][0].items()


def test_the_pages_artifact_is_the_public_copy_with_its_hidden_files():
    """What GitHub Pages publishes is the site without the server's own
    snippets (sitebuild/public_copy.py), with .well-known/security.txt:
    upload-pages-artifact keeps hidden files up to v3 only, after which
    it needs include-hidden-files."""
    workflow_text = WORKFLOW.read_text()
    steps = yaml.safe_load(workflow_text)["jobs"]["build"]["steps"]
    runs = [step.get("run", "").split(" |")[0] for step in steps]
    assert runs.index("./setup --for-build") < runs.index(".venv/bin/invoke build --production") < runs.index(
        ".venv/bin/python -m sitebuild.public_copy --settings publishconf.py output _site")
    [upload] = [step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert upload["with"]["path"] == "_site"
    [version] = re.findall(r"upload-pages-artifact@[0-9a-f]{40}  # v(\d+)", workflow_text)
    # v3 kept them, v4 always left them out, v5 keeps them when told.
    assert int(version) == 3 or (int(version) >= 5 and upload["with"].get("include-hidden-files") is True)
    import tomllib

    netlify = tomllib.loads((REPO / "netlify.toml").read_text())["build"]
    assert netlify["command"].endswith(" && .venv/bin/invoke build --production && .venv/bin/python -m "
                                       f"sitebuild.public_copy --settings publishconf.py output {netlify['publish']}")


RESTORING_CACHE = ("actions/cache@", "actions/cache/restore@")


@pytest.mark.parametrize("workflow, job", [("site.yml", "build"), ("review.yml", "review")])
def test_builds_in_ci_keep_the_build_cache_between_runs(workflow, job):
    """The hourly embargo builds and pull request checks start warm: the
    job restores the cache folder before it builds, keyed on the lock files."""
    from sitebuild.build import load_settings

    settings = load_settings(REPO / "pelicanconf.py")  # the project's own cache folder, not the tests' run's
    steps = yaml.safe_load((REPO / ".github/workflows" / workflow).read_text())["jobs"][job]["steps"]
    cache = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith(RESTORING_CACHE)
                 and ".cache" in step["with"]["path"].split())
    build = next(i for i, step in enumerate(steps) if "invoke build" in step.get("run", ""))
    assert cache < build
    kept = [REPO / line.strip() for line in steps[cache]["with"]["path"].splitlines() if line.strip()]
    assert Path(settings["CACHE_PATH"]) in kept
    if workflow == "site.yml":  # the last site too: an hourly build with nothing new keeps it
        assert REPO / PUBLIC_OUTPUT in kept
    assert "requirements.lock" in steps[cache]["with"]["key"] and "package-lock.json" in steps[cache]["with"]["key"]


def test_an_hourly_build_that_kept_the_site_saves_no_cache_again(clone, tmp_path):
    """Every cache save uploads .cache/ and output/ whole: the hourly build
    saves them only when it changed something. Its step is run here as the
    job runs it (bash -eo pipefail), twice: the second build keeps the site."""
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    [build] = [step for step in steps if step.get("id") == "build"]
    [restore] = [step for step in steps if step.get("uses", "").startswith("actions/cache/restore@")]
    [save] = [step for step in steps if step.get("uses", "").startswith("actions/cache/save@")]
    assert steps.index(restore) < steps.index(build) < steps.index(save)
    assert save["if"] == "steps.build.outputs.kept != 'true'" and save["with"]["path"] == restore["with"]["path"]
    assert save["with"]["key"] == "${{ steps.build-cache.outputs.cache-primary-key }}"
    assert build["shell"] == "bash" and restore["id"] == "build-cache"

    def run_step() -> tuple[subprocess.CompletedProcess, str]:
        outputs = tmp_path / "outputs"
        outputs.write_text("")
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", build["run"]], cwd=clone,
                              capture_output=True, text=True, timeout=600,
                              env={**os.environ, "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(tmp_path)})
        return done, outputs.read_text()

    (clone / ".venv").symlink_to(REPO / ".venv")  # where ./setup would have installed it
    settings = clone / "publishconf.py"
    real = settings.read_text()
    try:
        first, _ = run_step()
        assert first.returncode == 0, first.stdout + first.stderr
        again, said = run_step()
        assert again.returncode == 0, again.stdout + again.stderr
        assert "Nothing changed since the last build" in again.stdout and said == "kept=true\n"
        # Until when that site stays as it is: for the deploy job to remember.
        [live_until] = [step for step in steps if step.get("id") == "live-until"]
        step_outputs = tmp_path / "live-until-outputs"
        # sh -e: a container job's steps run so, where no shell is named.
        subprocess.run(["sh", "-e", "-c", live_until["run"]], cwd=clone, check=True,
                       env={**os.environ, "GITHUB_OUTPUT": str(step_outputs)})
        moment = dt.datetime.fromisoformat(step_outputs.read_text().removeprefix("moment=").strip())
        now = dt.datetime.now(dt.timezone.utc)
        assert now < moment <= now + dt.timedelta(days=1)  # midnight at the latest
        # With no build recorded, the step fails: an empty moment would make
        # every hourly run build and deploy again, unseen.
        from sitebuild.build import load_settings
        from sitebuild.unchanged import record_path as build_record_path

        record = build_record_path(load_settings(clone / "publishconf.py"), (clone / "output").resolve())
        aside = record.with_name(record.name + ".aside")
        record.rename(aside)
        try:
            unrecorded = subprocess.run(["sh", "-e", "-c", live_until["run"]], cwd=clone, capture_output=True,
                                        text=True, env={**os.environ, "GITHUB_OUTPUT": str(step_outputs)})
        finally:
            aside.rename(record)
        assert unrecorded.returncode != 0 and "No build of output/ is recorded" in unrecorded.stderr
        # A build that fails fails the step, through the pipe.
        settings.write_text(real + "\nSITEURL = 'https://example.org/a-path'\n")
        failed, said = run_step()
        assert failed.returncode != 0 and said == "", failed.stdout + failed.stderr
        assert "Build failed: nothing was changed in output/." in failed.stderr
    finally:
        settings.write_text(real)
        (clone / ".venv").unlink()


@pytest.fixture(scope="module")
def clone(tmp_path_factory, site):
    """A clone of this repository, so deploying never touches the real one,
    with the cache a build of its content has filled (as on a machine that
    has built the site before)."""
    # A name with a space, as a volunteer's folder may have: the tasks' commands must quote it.
    folder = tmp_path_factory.mktemp("deploy") / "party site"
    subprocess.run(["git", "clone", "-q", str(REPO), str(folder)], check=True)
    (folder / "node_modules").symlink_to(REPO / "node_modules")
    copy_of_site_cache(site, folder / ".cache")
    fill_in_real_details(folder)
    # Published only as reviewed: main, on the repository it came from (a
    # bare one here, as GitHub's is), with nothing changed in the checkout.
    origin = folder.parent / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    for command in (["commit", "-qam", "The real imprint and press numbers"],
                    ["remote", "set-url", "origin", str(origin)],
                    ["push", "-q", "origin", "HEAD:refs/heads/main"], ["fetch", "-q", "origin"],
                    ["checkout", "-q", "-B", "main", "origin/main"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True, env={**os.environ, **GIT_IDENTITY})
    return folder


def fill_in_real_details(folder) -> None:
    """What the party does before it goes live, as a production build refuses
    the sample site's placeholders: the real imprint and press numbers."""
    settings = folder / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    for part in ("promoter", "address"):
        line = re.search(rf'^    "{part}": .*$', text, re.MULTILINE)
        assert line, part
        text = text.replace(line.group(0), f'    "{part}": {REAL_IMPRINT[part]!r},')
    settings.write_text(text, encoding="utf-8")
    press_office = folder / "content/press-office.md"
    press_office.write_text(with_real_numbers(press_office.read_text(encoding="utf-8")), encoding="utf-8")


def invoke_in(folder, *arguments, umask: int = -1):
    return subprocess.run([str(REPO / ".venv/bin/invoke"), "--search-root", str(folder), *arguments],
                          cwd=folder, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **GIT_IDENTITY}, umask=umask)


def test_gh_pages_pushes_the_production_site_to_the_remote(clone, tmp_path):
    remote = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    result = invoke_in(clone, "gh-pages", "--remote", str(remote))
    assert result.returncode == 0, result.stdout + result.stderr

    def show(name: str) -> str:
        return subprocess.run(["git", "--git-dir", str(remote), "show", f"gh-pages:{name}"],
                              capture_output=True, text=True, check=True).stdout

    files = subprocess.run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert {"index.html", ".nojekyll", "CNAME", "minifesto.pdf", "_headers", "sitemap.xml",
            ".well-known/security.txt"} <= set(files)
    # The nginx snippets are for a server's config, not the web.
    assert [name for name in files if name.startswith("_server/")] == []
    built = {path.relative_to(clone / "output").as_posix() for path in (clone / "output").rglob("*") if path.is_file()}
    assert set(files) == built - {"_server/nginx-security-headers.conf", "_server/nginx-redirects.conf"} | {
        ".nojekyll", "CNAME"}
    assert show("CNAME").strip() == "breakthroughparty.org.uk"
    assert 'href="https://breakthroughparty.org.uk/news/"' in show("index.html")


def test_gh_pages_says_in_words_why_it_could_not_push(clone, tmp_path):
    """From an audit: a push that failed (a remote that is not there, no
    connection: the emergency --unreviewed is for) ended in ghp-import's
    traceback; a remote's name git does not know was found only after a
    build of minutes."""
    unknown = invoke_in(clone, "gh-pages", "--remote", "nosuch")
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert unknown.stderr.strip() == ("Not published: this checkout has no git remote called 'nosuch': give one of "
                                      "origin with --remote, or the repository's address.")
    assert "Built the site" not in unknown.stdout + unknown.stderr
    missing = invoke_in(clone, "gh-pages", "--remote", str(tmp_path / "no-such-repository.git"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr, missing.stderr
    assert "fatal: " in missing.stderr  # git's own words, which say why
    assert missing.stderr.strip().endswith(
        f"Not published: git could not push the site to '{tmp_path / 'no-such-repository.git'}' (said above): check "
        "the remote's name (--remote), the connection and your right to push to it. The site was built into "
        "output/; nothing on the host changed.")


def git_in(folder, *command: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *command], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_IDENTITY}).stdout


def test_only_main_as_reviewed_is_published(clone, tmp_path):
    """`invoke gh-pages` and `invoke publish` build the checkout they run in:
    a file nobody reviewed, or an old checkout (which would bring back a
    post withdrawn since), is refused before anything is built or copied.
    --latest moves a clean checkout to main as the remote has it now, merges
    made elsewhere included: a server's hourly publish."""
    remote, webroot = tmp_path / "pages.git", tmp_path / "www"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    tasks = (["gh-pages", "--remote", str(remote)], ["publish", "--target", f"{webroot}/"])
    unreviewed = clone / "content/posts/unreviewed-work.md"
    unreviewed.write_text("---\ntitle: Not yet reviewed\ndate: 2022-01-05\ncategory: news\nsummary: Unchecked.\n---\n"
                          "Words nobody checked.\n")
    try:
        for task in tasks:
            refused = invoke_in(clone, *task)
            assert refused.returncode == 1, refused.stdout + refused.stderr
            assert refused.stderr.startswith("Not published: this checkout has changes that are not on origin/main")
            assert "  content/posts/unreviewed-work.md\n" in refused.stderr
        assert not webroot.exists()
        # An emergency, GitHub down: asked for by name, published as it is.
        emergency = invoke_in(clone, "publish", "--target", f"{webroot}/", "--unreviewed")
        assert emergency.returncode == 0, emergency.stdout + emergency.stderr
        assert "nobody has reviewed what is not on main" in emergency.stderr
        assert (webroot / "news/unreviewed-work/index.html").is_file()
    finally:
        unreviewed.unlink()
    # A file git ignores is no more reviewed: refused where the build reads it,
    # not where it skips it itself (IGNORE_FILES).
    hidden = clone / "content/images/__pycache__/unreviewed.jpg"
    hidden.parent.mkdir()
    hidden.write_bytes(b"not a reviewed photo")
    (clone / "content/posts/.DS_Store").write_bytes(b"what a Mac leaves")
    try:
        refused = invoke_in(clone, *tasks[0])
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert refused.stderr.startswith("Not published: the build would read files that git ignores, so nobody "
                                         "reviewed them:\n  content/images/__pycache__/unreviewed.jpg\nMove them")
        assert ".DS_Store" not in refused.stderr
    finally:
        shutil.rmtree(hidden.parent)
        (clone / "content/posts/.DS_Store").unlink()
    published = git_in(clone, "rev-parse", "HEAD").strip()
    # Meanwhile a correction is merged on GitHub, from another clone.
    elsewhere = tmp_path / "elsewhere"
    git_in(tmp_path, "clone", "-q", "-b", "main", str(clone.parent / "origin.git"), str(elsewhere))
    post = elsewhere / "content/posts/cop26-protests.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nCorrected: the march in Truro was on Saturday.\n",
                    encoding="utf-8")
    git_in(elsewhere, "commit", "-qam", "Correct a title")
    git_in(elsewhere, "push", "-q", "origin", "HEAD:main")
    merged = git_in(elsewhere, "rev-parse", "HEAD").strip()
    try:
        git_in(clone, "checkout", "-q", "--detach", f"{published}~1")  # an older checkout
        older = git_in(clone, "rev-parse", "HEAD").strip()
        for task in tasks:
            refused = invoke_in(clone, *task)
            assert refused.returncode == 1, refused.stdout + refused.stderr
            assert refused.stderr.startswith(f"Not published: this checkout is at {older[:7]} (no branch), not at "
                                             f"origin/main ({merged[:7]}): only origin/main, as reviewed, is published")
        assert (webroot / "news/unreviewed-work/index.html").is_file()  # the host keeps what it had
        assert subprocess.run(["git", "--git-dir", str(remote), "rev-parse", "--verify", "-q", "gh-pages"],
                              capture_output=True).returncode != 0  # nothing pushed
        latest = invoke_in(clone, *tasks[0], "--latest")
        assert latest.returncode == 0, latest.stdout + latest.stderr
        assert git_in(clone, "rev-parse", "HEAD").strip() == merged
        assert f"Moved this checkout to origin/main ({merged[:7]})." in latest.stdout
        assert git_in(remote, "log", "-1", "--format=%s", "gh-pages").strip() == f"Publish the site from {merged}"
        assert "Corrected: the march in Truro" in git_in(remote, "show", "gh-pages:news/cop26-protests/index.html")
    finally:
        git_in(clone, "checkout", "-q", "-B", "main", "origin/main")


def test_a_renamed_file_is_named_as_it_is_called_now(tmp_path):
    """git's list of changes gives a rename's old name as an entry of its own."""
    from sitebuild.publish_source import changed_files

    git_in(tmp_path, "init", "-q")
    (tmp_path / "press.md").write_text("The press page.\n")
    git_in(tmp_path, "add", "-A")
    git_in(tmp_path, "commit", "-qm", "A page")
    git_in(tmp_path, "mv", "press.md", "press-room.md")
    (tmp_path / "new.md").write_text("Not yet reviewed.\n")
    assert changed_files(tmp_path) == ["press-room.md", "new.md"]


def test_publish_from_must_name_a_remote_branch():
    from sitebuild.publish_source import NotPublishable, publishable_commit

    with pytest.raises(NotPublishable, match=r"^PUBLISH_FROM is 'main': name the reviewed branch as the remote has "
                                             r"it, as in 'origin/main'$"):
        publishable_commit(REPO, "main")


def test_publish_copies_the_site_with_rsync(clone, tmp_path):
    webroot = tmp_path / "www"
    webroot.mkdir()
    (webroot / "stale.html").write_text("from an old build")
    # What a copy cut short leaves behind (rsync's --delay-updates folder).
    (webroot / "news/.~tmp~").mkdir(parents=True)
    (webroot / "news/.~tmp~/index.html").write_text("half a page")
    webroot.chmod(0o700)  # as private as a folder can be: rsync gives it the site's mode
    # A file of the site in place made private by hand (a build that changes
    # nothing keeps the site as it is): rsync's --chmod still sends it readable.
    built = (clone / "output/robots.txt")
    if built.exists():
        built.chmod(0o600)
    # With the umask of a hardened server's cron job (027), under which new
    # files are unreadable by the web server's user.
    result = invoke_in(clone, "publish", "--target", f"{webroot}/", umask=0o027)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (webroot / "index.html").is_file() and (webroot / "minifesto.pdf").is_file()
    assert not (webroot / "stale.html").exists()  # the host gets exactly this build
    assert not (webroot / "news/.~tmp~").exists()
    # The web server (another user) must be able to read every file and folder.
    def readable(path: Path) -> bool:
        needed = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        return path.stat().st_mode & needed == needed

    assert [str(path.relative_to(webroot)) for path in [webroot, *webroot.rglob("*")] if not readable(path)] == []
    assert not (webroot / "_server").exists()  # the nginx snippet is for the server's config, not the web
    # A copy cut short in a folder where nothing else changes: rsync keeps
    # its .~tmp~ folder from --delete unless told otherwise.
    (webroot / "theme/.~tmp~").mkdir()
    (webroot / "theme/.~tmp~/old.css").write_text("a withdrawn file")
    again = invoke_in(clone, "publish", "--target", f"{webroot}/")
    assert again.returncode == 0, again.stdout + again.stderr
    assert not (webroot / "theme/.~tmp~").exists()


def test_publish_stops_when_the_servers_security_headers_would_refuse_the_new_styles(clone, tmp_path):
    """The server's nginx sends the headers of the snippet it was given, and
    their policy allows the inlined stylesheet by its hash
    (test_security_headers.py), so after a change to the stylesheet,
    publishing would show every page unstyled until someone updates the
    server. Publish stops and says what to do. The change is played by
    giving the last publish's record other headers: a real stylesheet change
    costs a full production build, and gives the same comparison."""
    webroot = tmp_path / "www"
    webroot.mkdir()
    target = f"{webroot}/"
    first = invoke_in(clone, "publish", "--target", target)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "publish stops when they change" in first.stdout  # the first publish from here says so
    record = record_path({"CACHE_PATH": str(clone / ".cache")}, target)
    published = record.read_bytes()
    assert published == (clone / "output/_server/nginx-security-headers.conf").read_bytes()
    (webroot / "index.html").write_bytes(b"the page the server has")
    record.write_bytes(published.replace(b"style-src 'self' 'sha256-", b"style-src 'self' 'sha256-older"))
    refused = invoke_in(clone, "publish", "--target", target)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "security headers have changed" in refused.stderr
    assert "output/_server/nginx-security-headers.conf" in refused.stderr and "--headers-updated" in refused.stderr
    assert (webroot / "index.html").read_bytes() == b"the page the server has"  # nothing was copied
    updated = invoke_in(clone, "publish", "--target", target, "--headers-updated")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert (webroot / "index.html").read_bytes() == (clone / "output/index.html").read_bytes()
    assert record.read_bytes() == published  # the next publish compares with the server's new headers


def test_publish_h_asks_for_help_as_in_every_other_task():
    """invoke gives each option a one-letter flag from its first letter:
    --headers-updated would take -h, and `invoke publish -h` would publish,
    past the header check, instead of showing help."""
    shown = subprocess.run([str(REPO / ".venv/bin/invoke"), "--help", "publish"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout
    assert "--headers-updated" in shown and "-h," not in shown


CONTAINER_JOBS = [(workflow.name, job) for workflow in WORKFLOWS
                  for job, spec in yaml.safe_load(workflow.read_text())["jobs"].items() if "container" in spec]


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root, as the CI container has, to make a folder another user's")
@pytest.mark.parametrize("workflow, job", CONTAINER_JOBS)
def test_git_works_in_a_checkout_the_runners_user_owns(workflow, job, tmp_path):
    """On GitHub's runners the checkout belongs to the runner's user (uid
    1001) while a container job runs as root, so git refuses the repository
    after checkout; the tests and the build run git. The job's own step, run
    here as the container would, must let git work there."""
    steps = yaml.safe_load((REPO / ".github/workflows" / workflow).read_text())["jobs"][job]["steps"]
    checkout = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/checkout@"))
    workspace, home = tmp_path / "workspace", tmp_path / "home"
    home.mkdir()
    subprocess.run(["git", "init", "-q", str(workspace)], check=True)
    subprocess.run(["chown", "-R", "1001:1001", str(workspace)], check=True)
    container = {"PATH": os.environ["PATH"], "HOME": str(home), "GITHUB_WORKSPACE": str(workspace)}

    def git_status() -> subprocess.CompletedProcess:
        return subprocess.run(["git", "status", "--short"], cwd=workspace, env=container, capture_output=True, text=True)

    assert "dubious ownership" in git_status().stderr  # what the job meets without the step
    for step in steps[checkout + 1:]:
        if "safe.directory" in step.get("run", ""):
            subprocess.run(["bash", "-e", "-c", step["run"]], env=container, check=True)
            break
    else:
        pytest.fail(f"{workflow}: job {job} never lets git work in the checkout")
    assert git_status().returncode == 0


def test_the_readme_names_every_job_of_the_workflow_and_how_many():
    """The README said "four jobs" after a fifth, the one that opens an
    issue when a build on main fails, was added."""
    jobs = list(yaml.safe_load(WORKFLOW.read_text())["jobs"])
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    counted = re.search(r"The workflow has (\w+) jobs, each with only the rights it needs", readme)
    assert counted, "the README no longer says how many jobs the workflow has: update this test"
    words = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    assert words.index(counted.group(1)) + 1 == len(jobs), jobs
    described = readme[counted.start():counted.start() + 1500]
    assert [job for job in jobs if f"`{job}`" not in described] == []
