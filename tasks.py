"""Tasks for volunteers and developers: `invoke --list` shows them all.

    invoke build        build the site into output/ (safely: see sitebuild/)
    invoke build --drafts   a preview with drafts and embargoed posts, in preview/
    invoke check        check all content, write nothing
    invoke new post "Title"   start a new file (or policy, councillor, event, branch, candidate)
    invoke minifesto freeze   keep the current minifesto edition before changing it
    invoke promote <slug>     an elected candidate becomes a councillor
    invoke build --production   the public site, with publishconf.py
    invoke publish      production build, copied to the host with rsync over SSH
    invoke gh-pages     production build, pushed to the GitHub Pages branch
    invoke cms          edit content in the browser at http://127.0.0.1:8000/admin/
    invoke serve        serve output/ at http://127.0.0.1:8000/ (--folder preview: the drafts build)
    invoke livereload   preview with drafts: rebuild on every save, reload the browser
    invoke test         run the whole test suite
"""

from __future__ import annotations

import functools
import os
import shlex
import sys
import tempfile
from http.server import ThreadingHTTPServer
from pathlib import Path

from invoke import Task, task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
# SITE_SETTINGS picks another local settings file (the tests use it to point
# `invoke new` at a scratch content folder).
SETTINGS = {"local": os.environ.get("SITE_SETTINGS", "pelicanconf.py"), "production": "publishconf.py"}
OUTPUT = "output"
HOST, PORT = "127.0.0.1", 8000
# The tasks' --port default, as text: invoke converts a value to its
# default's type, and its int() of "abc" ended in a traceback; given text,
# _port() says what is wrong.
PORT_AS_TYPED = str(PORT)


def quoted(*words) -> str:
    """One shell command line of `words`, each quoted: the project's folder,
    a target or a remote may hold spaces or shell characters."""
    return " ".join(shlex.quote(str(word)) for word in words)


def run_in_project(c, *words, **options):
    """c.run() of the command `words` in the project's folder (invoke's own
    cd escapes only spaces)."""
    return c.run(f"cd {quoted(ROOT)} && {quoted(*words)}", **options)


def _settings(name: str = "local") -> dict:
    """The settings a task runs with, or its exit with what is wrong in a
    line (a slip in pelicanconf.py ended `invoke new` in a traceback)."""
    from sitebuild.build import BuildFailed, settings_for_a_command

    try:
        return settings_for_a_command(ROOT / SETTINGS[name])
    except BuildFailed as failure:
        print("\n".join(failure.lines), file=sys.stderr)
        sys.exit(1)


def _port(port) -> int:
    """--port as a number a server can listen on, or the task's exit saying why."""
    from argparse import ArgumentTypeError

    from sitebuild.__main__ import port as port_number

    try:
        return port_number(str(port))
    except ArgumentTypeError as wrong:
        print(f"--port: {wrong}", file=sys.stderr)
        sys.exit(1)


def _port_free_or_exit(port: int, what: str) -> None:
    """Exit, saying why, if nothing may listen on `port` on this computer now."""
    import socket

    from sitebuild.__main__ import port_in_use

    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            print(f"{what}: {port_in_use(port, error)}", file=sys.stderr)
            sys.exit(1)


def _sitebuild(c, *arguments: str, module: str = "sitebuild") -> None:
    """Run sitebuild (or one of its commands, `module`); on failure exit with
    its status, without invoke's own report (it has already said what is
    wrong, in plain words)."""
    result = run_in_project(c, PYTHON, "-m", module, *arguments, pty=False, warn=True)
    if result.exited:
        sys.exit(result.exited)


# --debug: what a failed build's "Run with --debug for details" asks for
# (invoke took it for its own --debug, which says nothing of the build).
DEBUG_HELP = "when something fails: show the details a developer needs (Python's own report)"


@task(help={"drafts": "build a preview into preview/ that shows drafts and embargoed posts",
            "production": "build the public site with publishconf.py (real domain, absolute URLs)",
            "debug": DEBUG_HELP})
def build(c, drafts=False, production=False, debug=False):
    """Build the site into output/ with pelicanconf.py."""
    if production and drafts:
        sys.exit("A production build never shows drafts: use --drafts or --production, not both.")
    more = ["--debug"] if debug else []
    if production:
        _sitebuild(c, "--settings", SETTINGS["production"], "--output", OUTPUT, *more)
    else:
        _sitebuild(c, "--settings", SETTINGS["local"], *(["--drafts"] if drafts else []), *more)


@task(help={"since": "also compare with this git revision (e.g. origin/main), as the review of a pull request "
                     "does: every address public there still answers (a renamed file keeps its old address in "
                     "old_addresses), and the production build refuses nothing it does not refuse there "
                     "(a placeholder imprint or phone number)"})
def check(c, since=""):
    """Check every content file (front matter, links, images, dates); write nothing."""
    if since:
        from sitebuild.base_revision import unknown_revision

        # The content folder the settings name (content/), compared as given.
        content = os.path.relpath(_settings()["PATH"], ROOT)
        # Said once, before anything runs: each comparison said git's error
        # again, and a name starting with "-" was read as one of their options.
        # Asked of the repository of content/, which the comparisons read.
        if unknown := unknown_revision(since, ROOT / content):
            print(f"--since: {unknown}", file=sys.stderr)
            sys.exit(2)
    _sitebuild(c, "--settings", SETTINGS["local"], "--check")
    if since:
        # Both comparisons, whatever the first finds, as the review runs
        # them: a volunteer mends everything in one go, not one at a time.
        # (Not after a failed check: content that cannot be read cannot be
        # compared, and each would only say the check's problems again.)
        exited = [run_in_project(c, PYTHON, "-m", module, "--settings", settings, f"--since={since}",
                                 "--content", content, pty=False, warn=True).exited
                  for module, settings in (("sitebuild.kept_addresses", SETTINGS["local"]),
                                           ("sitebuild.production_check", SETTINGS["production"]))]
        if max(exited):  # the worse: 2 (git could not read REV) over 1 (something to fix)
            sys.exit(max(exited))


@task(positional=["kind", "title"], help={"kind": "post, policy, councillor, event, branch or candidate",
                                         "title": "its title (a name for a councillor)"})
def new(c, kind, title):
    """Start a new post, policy, councillor, event, branch or candidate: invoke new post "Title"."""
    from sitebuild.scaffold import ScaffoldError, new_content
    from sitecore.names import uncut_slug
    from sitecore.schema.fields import SLUG_MAX_LENGTH

    settings = _settings()
    try:
        path = new_content(kind, title, settings)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    except ScaffoldError as error:
        print(f"Not created: {error}", file=sys.stderr)
        sys.exit(1)
    print(f"Created {shown}: replace every TODO, then run `invoke check`.")
    if len(uncut_slug(title)) > SLUG_MAX_LENGTH:
        # Its name is part of the page's address: said, so that it is no surprise.
        print(f"Its name is the title's first words, as a file's name (and its page's address) has at most "
              f"{SLUG_MAX_LENGTH} characters: rename the file to shorten it further.")


@task(positional=["action"], help={"action": "freeze: keep the current edition as it is published",
                                   "again": "freeze an edition that is already frozen again (to correct it)",
                                   "from": "freeze the edition as the content at this git revision has it "
                                           "(e.g. origin/main): for an edition changed before it was frozen"})
def minifesto(c, action, again=False, from_=""):
    """invoke minifesto freeze: keep the current edition, so it can be rebuilt after the policies change."""
    from sitebuild.freeze import FreezeError, freeze_edition, freeze_edition_at

    if action != "freeze":
        sys.exit(f"Unknown action {action!r}: the one action is `invoke minifesto freeze`.")
    if from_:
        from sitebuild.base_revision import unknown_revision

        # Said as `check --since` says it, not in git's own words.
        if unknown := unknown_revision(from_, Path(_settings()["PATH"])):
            print(f"--from: {unknown}", file=sys.stderr)
            sys.exit(2)
    check = ["--settings", SETTINGS["local"], "--check"]
    # Checked before freezing, so only an edition that builds is frozen;
    # after, when the check before cannot tell: --again (the old copy made
    # the check refuse the change being frozen) and --from (the edition
    # frozen is not the content's own).
    check_after = again or bool(from_)
    if not check_after:
        _sitebuild(c, *check)
    settings = _settings()
    try:
        frozen = (freeze_edition_at(from_, settings, again=again, keep_previous=True) if from_
                  else freeze_edition(settings, again=again, keep_previous=True))
    except FreezeError as error:
        print(f"Not frozen: {error}", file=sys.stderr)
        sys.exit(1)
    if check_after:
        checked = run_in_project(c, PYTHON, "-m", "sitebuild", *check, pty=False, warn=True)
        if checked.exited:
            frozen.undo()
            print("Not frozen again: fix the problems above; the edition's earlier copy is back." if frozen.previous
                  else "Not frozen: fix the problems above, then run the command again.", file=sys.stderr)
            sys.exit(checked.exited)
    frozen.forget_previous()
    shown = frozen.folder.relative_to(ROOT) if frozen.folder.is_relative_to(ROOT) else frozen.folder
    print(f"Froze the {frozen.edition} edition in {shown}/ ({len(frozen.copied)} files)"
          + (f", as {from_} has it." if from_ else "."))
    for path in frozen.left_out:
        print(f"Left out {path}: a draft is not part of the edition.")
    print("Commit the folder. For the next edition, change `edition` and `date` in content/minifesto.md.")


@task(positional=["slug"], help={"slug": "the candidate's file name without .md"})
def promote(c, slug):
    """An elected candidate becomes a councillor: invoke promote alex-example."""
    from sitebuild.promote import PromoteError
    from sitebuild.promote import promote as promote_candidate

    settings = _settings()
    try:
        path = promote_candidate(slug, settings)
    except PromoteError as error:
        print(f"Not promoted: {error}", file=sys.stderr)
        sys.exit(1)
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"Created {shown}: write the day they joined the party (joined:), check the role and the summary, "
          "then run `invoke check`.")


# What both publishing tasks take: the checkout must be main as reviewed.
SOURCE_HELP = {"latest": "first move this checkout (with nothing changed) to PUBLISH_FROM, origin/main as "
                         "fetched now: for a server's hourly publish",
               "unreviewed": "publish this checkout as it is, changes and all (an emergency, when GitHub is down)"}


def _published_source(settings: dict, latest: bool, unreviewed: bool) -> str:
    """The commit to publish, once the checkout is PUBLISH_FROM as reviewed
    (sitebuild/publish_source.py); exits with the reason if it is not."""
    from sitebuild.publish_source import NotPublishable, git, publishable_commit

    if unreviewed:
        print("Publishing this checkout as it is: nobody has reviewed what is not on main.", file=sys.stderr)
        return "an unreviewed checkout"
    # What the build reads that git could hide: the content and the theme.
    read = [os.path.relpath(settings[name], ROOT) for name in ("PATH", "THEME")
            if Path(settings[name]).resolve().is_relative_to(ROOT)]
    try:
        was = git(ROOT, "rev-parse", "HEAD").strip()
        commit = publishable_commit(ROOT, settings["PUBLISH_FROM"], latest, tuple(read),
                                    tuple(settings.get("IGNORE_FILES", ())))
    except NotPublishable as refused:
        print(f"Not published: {refused}", file=sys.stderr)
        sys.exit(1)
    if commit != was:
        # --latest moved the checkout: this process has the old tasks.py
        # loaded, and publishing (rsync's list, the copy) is its code too.
        # Run the task again with the new one.
        sys.stdout.flush()
        os.execv(PYTHON, [PYTHON, "-m", "invoke", *[word for word in sys.argv[1:] if word != "--latest"]])
    return commit


# auto_shortflags off: invoke would give --headers-updated "-h", which every
# other task takes as a request for help (and this one would publish).
@task(auto_shortflags=False,
      help={"target": "where to copy the site: user@host:/path/ (default PUBLISH_SSH_TARGET in publishconf.py)",
            "headers-updated": "the server has the build's new security-header snippet (publish asks for it)",
            **SOURCE_HELP})
def publish(c, target="", headers_updated=False, latest=False, unreviewed=False):
    """Build main, as reviewed, for production and copy it to the web host with rsync over SSH."""
    from sitebuild.published_headers import published_before, refusal, remember, snippet_path
    from sitecore.site_files import server_only

    settings = _settings("production")
    _published_source(settings, latest, unreviewed)
    build(c, production=True)
    target = target or settings["PUBLISH_SSH_TARGET"]
    if ":" not in target:  # a folder on this computer: ~ as the shell would read it (the command is quoted)
        target = os.path.expanduser(target)
    site = ROOT / OUTPUT
    if not headers_updated and (reason := refusal(settings, site, target)):
        print(reason, file=sys.stderr)
        sys.exit(1)
    # --delete: the host ends up with exactly this build; -c: compare contents,
    # since every build writes fresh files with new times.
    # --chmod: the host's copies readable by its web server whatever modes
    # its files had before (the build makes them 0644 and 0755 too).
    # --delay-updates, --delete-after: the new files are put in place, and the
    # old ones deleted, together at the end, not one by one as they arrive, so
    # no page is served beside an index or image not yet copied, and a
    # dropped connection leaves the old site whole.
    # A copy cut short leaves its files in .~tmp~ folders there; rsync keeps
    # them from --delete (where nothing else in the folder changes) unless a
    # "risk" rule lets it delete them, as its manual says.
    # The server's own snippets (_server/) go into its config, not its web;
    # --prune-empty-dirs: nor their folder.
    excluded = [f"--exclude=/{path}" for path in server_only(settings)]
    c.run(quoted("rsync", "-rlpcz", "--chmod=D755,F644", "--delete", "--delay-updates", "--delete-after",
                 "--filter=R .~tmp~/", "--prune-empty-dirs", *excluded, f"{site}/", target), pty=False)
    first = not published_before(settings, target)
    remember(settings, site, target)
    print(f"Published to {target}")
    if first:
        print(f"The server's nginx must send the headers in {snippet_path(settings, site).relative_to(ROOT)} "
              "(README: \"Your own server\"); publish stops when they change.")


@task(name="gh-pages", auto_shortflags=False,
      help={"remote": "git remote (name or URL) to push to", "branch": "default: GITHUB_PAGES_BRANCH", **SOURCE_HELP})
def gh_pages(c, remote="origin", branch="", latest=False, unreviewed=False):
    """Build main, as reviewed, for production and push it to the GitHub Pages branch (ghp-import)."""
    from sitebuild.public_copy import copy_public_files

    settings = _settings("production")
    if not any(mark in remote for mark in ":/") and run_in_project(
            c, "git", "remote", "get-url", remote, pty=False, warn=True, hide=True).exited:
        # A remote's name git does not know, told before a build of minutes.
        known = run_in_project(c, "git", "remote", pty=False, warn=True, hide=True).stdout.split()
        sys.exit(f"Not published: this checkout has no git remote called {remote!r}: give one of "
                 f"{', '.join(known) or '(none yet)'} with --remote, or the repository's address.")
    source = _published_source(settings, latest, unreviewed)
    build(c, production=True)
    branch = branch or settings["GITHUB_PAGES_BRANCH"]
    domain = settings["SITE_CANONICAL_URL"].split("://", 1)[1].strip("/")
    cache = ROOT / settings["CACHE_PATH"]  # beside output/, on its disk: hard links, not copies
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="public-", dir=cache) as folder:
        public = Path(folder) / "site"
        copy_public_files(ROOT / OUTPUT, public, settings)
        pushed = run_in_project(c, PYTHON, "-m", "ghp_import", "--no-jekyll", "--cname", domain, "--force",
                                "--push", "--remote", remote, "--branch", branch, "--message",
                                f"Publish the site from {source}", public, pty=False, warn=True, hide="stderr")
    if pushed.exited:
        # ghp-import's traceback said only that git failed: git's own words
        # (a remote that is not there, no connection, no right to push) say why.
        git_said = [line for line in pushed.stderr.splitlines()
                    if line.startswith(("fatal:", "error:", "remote:", "ERROR:", "ssh:", "Permission"))]
        print("\n".join(git_said or pushed.stderr.strip().splitlines()[-1:]), file=sys.stderr)
        print(f"Not published: git could not push the site to {remote!r} (said above): check the remote's name "
              "(--remote), the connection and your right to push to it. The site was built into output/; "
              "nothing on the host changed.", file=sys.stderr)
        sys.exit(1)


@task(help={"port": "where to serve (default 8000)", "folder": "the built site to serve (default output)"})
def serve(c, port=PORT_AS_TYPED, folder=OUTPUT):
    """Serve output/ on http://127.0.0.1:PORT/ (no rebuilds; see livereload)."""
    from sitebuild.local_only import SiteHandler

    port = _port(port)
    folder = folder.rstrip("/") or folder  # "preview/", as a shell completes it
    if not (ROOT / folder / "index.html").is_file():
        # It served "Not found" for every page, and said nothing (an audit).
        how = "invoke build --drafts" if Path(folder).name == "preview" else "invoke build"
        print(f"Not serving: {folder}/ holds no built site yet: run `{how}` first"
              + ("" if folder in (OUTPUT, "preview") else " (or give --folder output or --folder preview)"),
              file=sys.stderr)
        sys.exit(1)
    handler = functools.partial(SiteHandler, directory=str(ROOT / folder))
    try:
        server = ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        from sitebuild.__main__ import port_in_use

        print(f"Not serving: {port_in_use(port, error)}", file=sys.stderr)
        sys.exit(1)
    print(f"Serving {folder}/ at http://{HOST}:{port}/ (Ctrl+C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


@task
def livereload(c, port=PORT_AS_TYPED):
    """Preview with drafts at http://127.0.0.1:PORT/: rebuilds on save, reloads the browser."""
    # The preview takes this process's place: a signal that stops invoke
    # stops the preview (run as a child, it kept serving on the port after
    # invoke ended), and its exit status is the task's.
    os.chdir(ROOT)
    os.execv(PYTHON, [PYTHON, "-m", "sitebuild.preview", "--port", str(_port(port)), "--settings", SETTINGS["local"]])


@task(help={"port": "where the preview is served (default 8000)"})
def cms(c, port=PORT_AS_TYPED):
    """Edit content in the browser at http://127.0.0.1:PORT/admin/, beside the live preview.

    (Sveltia CMS; it writes the files in content/.)"""
    port = _port(port)
    _port_free_or_exit(port, "The preview could not start")  # before the steps, which could not be followed
    print(f"""Browser editor: http://{HOST}:{port}/admin/ (in Chrome or Edge; Ctrl+C stops)
  1. Open that address and click "Work with Local Repository".
  2. Choose this folder ({ROOT}) and allow the browser to edit its files.
  3. Edit and save: the files in content/ change and this preview rebuilds.
  4. Commit the changed files with git (git status shows them).""", flush=True)
    livereload(c, port=port)


@task
def test(c, k="", x=False):
    """Run the whole test suite, as ./run-tests and CI do. -k selects tests by name.

    (./run-tests sets its temporary folder and Python's settings.)"""
    result = run_in_project(c, str(ROOT / "run-tests"), *(["-k", k] if k else []), *(["-x"] if x else []),
                            pty=os.isatty(1), warn=True)
    sys.exit(result.exited)


# Before invoke reads the command line (it loads this file first), so that
# the volunteer is told what to type, not that a task is unknown: run as
# `invoke`, `inv` or `python -m invoke` (…/invoke/__main__.py).
if Path(sys.argv[0]).name in ("invoke", "inv") or Path(sys.argv[0]).parent.name == "invoke":
    _tasks = {value.name: value for value in list(globals().values()) if isinstance(value, Task)}
    if len(sys.argv) == 1:  # bare `invoke` printed invoke's own options, not the commands
        print(__doc__.split("\n\n")[0] + "\n\n" + __doc__.split("\n\n")[1].rstrip())
        sys.exit(0)
    from sitebuild.command_line import command_line_slip, help_asked_of, title_left_unquoted

    if _asked := help_asked_of(sys.argv, _tasks):
        # `invoke new --help` was read as the kind "--help", then a title was
        # missing; invoke has read its command line by now, so it is asked anew.
        sys.stdout.flush()
        os.execv(PYTHON, [PYTHON, "-m", "invoke", "--help", _asked])
    elif _advice := title_left_unquoted(sys.argv, set(_tasks)) or command_line_slip(sys.argv, _tasks):
        print(_advice, file=sys.stderr)
        sys.exit(1)
