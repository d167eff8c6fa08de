"""A volunteer's slips on the command line (a wrong --port, --now, --settings
or --content, a settings file with a typo) are said in a line with what to
do, with a non-zero exit and no traceback: an audit of the commands found
each ending in Python's words, some with exit 0. (A wrong --output is
tests/test_safe_builds.py's.)"""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from conftest import REPO, run_build

from sitebuild.__main__ import parse_args


def run(*command: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("now, told", [
    ("9999-12-31 23:59", "'9999-12-31 23:59' is not a moment a build can be run at: give a year from 1900 to 2100"),
    ("0001-01-01 00:00", "'0001-01-01 00:00' is not a moment a build can be run at: give a year from 1900 to 2100"),
    ("tomorrow", "'tomorrow' is not a date and time: write YYYY-MM-DD HH:MM"),
])
def test_a_now_no_build_can_be_run_at_is_refused_in_a_line(now, told, capsys):
    """9999-12-31 passed the check of --now, then ended the build in
    OverflowError (a header dated a year ahead)."""
    with pytest.raises(SystemExit) as exited:
        parse_args(["--now", now])
    assert exited.value.code == 2 and told in capsys.readouterr().err


@pytest.mark.parametrize("arguments, told", [
    (["--settings", "nosuch.py"], "There is no settings file at 'nosuch.py' (--settings): run this in the project's "
                                  "folder, or give the path of pelicanconf.py"),
    (["--settings", ""], "There is no settings file at '' (--settings)"),
    (["--settings", "README.md"], "There is no settings file at 'README.md'"),
    (["--content", "nosuch"], "The content folder 'nosuch' does not exist (--content): give the folder the posts "
                              "are in"),
])
def test_a_settings_file_or_content_folder_that_is_not_there_is_named(tmp_path, arguments, told):
    """They ended in "FileNotFoundError", "AttributeError: 'NoneType' object
    has no attribute 'loader'" or Pelican's "see pelican --help"."""
    if arguments[1] == "README.md":
        arguments = ["--settings", str(tmp_path)]  # a folder, not a file
        told = f"There is no settings file at '{tmp_path}'"
    built = run(sys.executable, "-m", "sitebuild", "--output", str(tmp_path / "output"), *arguments)
    assert built.returncode == 2 and "Traceback" not in built.stderr
    assert told in built.stderr
    assert not (tmp_path / "output").exists()


def test_invoke_new_with_a_slip_in_the_settings_file_says_so_in_a_line(tmp_path):
    """A quote never closed in pelicanconf.py ended `invoke new`, `promote`,
    `publish` and `minifesto freeze` in a traceback; `invoke check` said it
    in a line, as they do now."""
    settings = tmp_path / "scratch_settings.py"
    settings.write_text((REPO / "pelicanconf.py").read_text(encoding="utf-8") + '\nSITENAME = "oops\n',
                        encoding="utf-8")
    created = run(str(REPO / ".venv/bin/invoke"), "new", "post", "A new post", env={"SITE_SETTINGS": str(settings)})
    assert created.returncode == 1 and "Traceback" not in created.stderr
    assert f"{settings}: the settings could not be loaded: SyntaxError: unterminated string literal" in created.stderr
    assert "mend the file, or the folder it names, and try again" in created.stderr
    assert not list((REPO / "content/posts").glob("a-new-post*"))


def test_a_title_left_unquoted_is_told_to_be_quoted(tmp_path):
    """`invoke new post Hello World` got invoke's own "No idea what 'World'
    is!": the volunteer is shown the command with the title quoted."""
    settings = tmp_path / "scratch_settings.py"
    settings.write_text(f"from pelicanconf import *\nPATH = {str(tmp_path / 'content')!r}\n", encoding="utf-8")
    unquoted = run(str(REPO / ".venv/bin/invoke"), "new", "post", "Hello", "World", "again",
                   env={"SITE_SETTINGS": str(settings)})
    assert unquoted.returncode == 1 and "No idea" not in unquoted.stderr
    assert unquoted.stderr == ('Not created: a title of several words goes in quotes: '
                               'invoke new post "Hello World again"\n')
    assert not (tmp_path / "content").exists()
    from sitebuild.command_line import title_left_unquoted as _title_left_unquoted

    tasks = {"new", "build", "check", "minifesto"}
    advice = "Not created: a title of several words goes in quotes: invoke new"
    # A last word that names a task is the title's too: invoke would make a
    # post "Budget" and then run a check (or a publish). Quoted or not, the
    # command line reads the same: both readings are told.
    assert _title_left_unquoted(["invoke", "new", "post", "Budget", "check"], tasks) == (
        f'{advice} post "Budget check"; to run `invoke check` after it, run it as a command of its own')
    assert _title_left_unquoted(["invoke", "new", "post", "Hello World", "build", "check"], tasks) == (
        f'{advice} post "Hello World build check"; to run `invoke build` and `invoke check` after it, run each as '
        "a command of its own")
    # A word that is also a task's name is the title's too, wherever it is.
    assert _title_left_unquoted(["invoke", "new", "post", "Plans", "to", "build", "new", "homes"], tasks) == (
        f'{advice} post "Plans to build new homes"')
    assert _title_left_unquoted(["invoke", "new", "post", "Our", "minifesto", "is", "out"], tasks) == (
        f'{advice} post "Our minifesto is out"')
    # Quoted so that a shell keeps it as it is.
    assert _title_left_unquoted(["invoke", "new", "post", "£5", "costs", "$6", "now"], tasks) == (
        f'{advice} post "£5 costs \\$6 now"')
    assert _title_left_unquoted(["invoke", "new", "post", "Vote", "now!"], tasks) == f"{advice} post 'Vote now!'"
    assert _title_left_unquoted(["invoke", "build", "--drafts"], tasks) is None
    assert _title_left_unquoted(["invoke", "--complete", "--", "invoke", "new", "post", "A", "B"], tasks) is None


@pytest.mark.parametrize("since", ["nosuchrev", "-x", "--help"])
def test_check_since_a_revision_git_does_not_know_says_so_once(since):
    """It printed git's error twice (once per comparison), or for a name
    starting with "-" the usage of two internal commands."""
    checked = run(str(REPO / ".venv/bin/invoke"), "check", f"--since={since}")
    assert checked.returncode == 2 and "usage:" not in checked.stderr
    assert checked.stderr == (f"--since: git knows no commit '{since}' in this repository: give a branch, a tag or "
                              "a commit, e.g. origin/main (run `git fetch origin` first for a branch on GitHub)\n")


def test_a_command_run_outside_the_websites_folder_gets_the_words_the_readme_explains(tmp_path):
    """tasks.py is not loaded outside the website's folder, so invoke
    answers in its own words: the README's table says what they mean."""
    outside = subprocess.run([str(REPO / ".venv/bin/invoke"), "build"], cwd=tmp_path, capture_output=True, text=True)
    assert outside.returncode == 1 and "Traceback" not in outside.stderr
    assert "Can't find any collection named 'tasks'!" in outside.stderr


def test_a_port_that_is_no_port_or_in_use_is_said_in_a_line(tmp_path):
    """--port 8765x ended the preview in a ValueError, --port 80000 and a
    port in use in a traceback with exit 0."""
    wrong = run(sys.executable, "-m", "sitebuild.preview", "--port", "8765x", "--output", str(tmp_path / "p"))
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert "'8765x' is not a port: give a number from 1024 to 65535, e.g. 8001" in wrong.stderr
    system = run(sys.executable, "-m", "sitebuild.preview", "--port", "80", "--output", str(tmp_path / "p"))
    assert system.returncode == 2  # a port of the system's: it needs administrator rights
    assert "'80' is not a port: give a number from 1024 to 65535, e.g. 8001" in system.stderr
    past = run(sys.executable, "-m", "sitebuild.preview", "--port", "65536", "--output", str(tmp_path / "p"))
    assert past.returncode == 2 and "'65536' is not a port" in past.stderr
    # invoke's tasks said it in a traceback (invoke's own int()), or took "²" for a digit.
    for typed in ("abc", "²"):
        served = run(str(REPO / ".venv/bin/invoke"), "serve", "--port", typed)
        assert served.returncode == 1 and "Traceback" not in served.stderr, served.stderr
        assert served.stderr == f"--port: '{typed}' is not a port: give a number from 1024 to 65535, e.g. 8001\n"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        in_use = run(sys.executable, "-m", "sitebuild.preview", "--port", str(port), "--output", str(tmp_path / "p"))
        # A folder with a site in it: the port is what is wrong (CI's clone
        # has no output/ built, and then that was said first).
        built = tmp_path / "built"
        built.mkdir()
        (built / "index.html").write_text("<!doctype html><title>Home</title>")
        served = run(str(REPO / ".venv/bin/invoke"), "serve", "--port", str(port), "--folder", str(built))
    assert in_use.returncode == 2 and "Traceback" not in in_use.stderr
    assert (f"The preview could not start: port {port} cannot be used (Address already in use: another preview, or "
            "invoke serve?) — stop that, or choose another port, e.g. --port 8001") in in_use.stderr
    assert not (tmp_path / "p").exists()  # refused before the first build
    assert served.returncode == 1 and "Traceback" not in served.stderr
    assert f"Not serving: port {port} cannot be used (Address already in use" in served.stderr


def test_a_build_in_this_process_says_the_same(tmp_path):
    """The tests' in-process builds take the same path as the command."""
    built = run_build(tmp_path / "nosuch", tmp_path / "output")
    assert built.returncode == 2
    assert f"The content folder '{tmp_path / 'nosuch'}' does not exist (--content)" in built.stderr


def test_a_mistake_in_a_settings_file_another_imports_is_told_at_its_own_line(tmp_path, monkeypatch):
    """From an audit: a NameError in pelicanconf.py, which publishconf.py
    imports, was told as publishconf.py's, with no line."""
    from sitebuild.build import BuildFailed, settings_for_a_command

    (tmp_path / "base_settings.py").write_text("from pelicanconf import *\n\nSITEURL = undefined_name\n")
    (tmp_path / "production_settings.py").write_text("from base_settings import *\nRELATIVE_URLS = False\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(BuildFailed) as failed:
        settings_for_a_command(tmp_path / "production_settings.py")
    [line] = failed.value.lines
    assert line == (f"{tmp_path / 'base_settings.py'}:3: the settings could not be loaded: NameError: name "
                    "'undefined_name' is not defined — mend the file, or the folder it names, and try again")


@pytest.mark.parametrize("typed, told", [
    (["buidl"], "There is no command 'buidl': did you mean `invoke build`? (`invoke --list` lists them all)"),
    (["build", "--draft"], "`invoke build` has no option --draft: did you mean --drafts? (`invoke --help build` "
                           "lists its options)"),
    (["check", "--since"], "--since needs a value after it, e.g. `invoke check --since …` (`invoke --help check` "
                           "says what it takes)"),
    (["gh-pages", "--remot=x"], "`invoke gh-pages` has no option --remot: did you mean --remote? (`invoke --help "
                                "gh-pages` lists its options)"),
    (["new", "post"], '`invoke new` needs its title: Start a new post, policy, councillor, event, branch or '
                      'candidate: invoke new post "Title". (`invoke --help new` says more)'),
    (["new", "post", "-a title"], "The title '-a title' starts with '-', which invoke reads as an option: start it "
                                  "with a word"),
    (["livereload", "--content", "x"], "`invoke livereload` has no option --content (`invoke --help livereload` "
                                       "lists its options)"),
])
def test_a_command_invoke_cannot_read_is_told_what_to_type(typed, told):
    """From an audit: invoke's own words reached volunteers ("No idea what
    'buidl' is!", "Flag <Argument: since (s)> needed value and was not given
    one!", "'new' did not receive required positional arguments")."""
    slipped = run(str(REPO / ".venv/bin/invoke"), *typed)
    assert slipped.returncode == 1 and "No idea" not in slipped.stderr
    assert slipped.stderr == told + "\n"


@pytest.mark.parametrize("typed, told", [
    (["serve", "-p", "99999"], "--port: '99999' is not a port: give a number from 1024 to 65535, e.g. 8001"),
    (["check", "-s", "origin/mian"], "--since: git knows no commit 'origin/mian' in this repository"),
    (["minifesto", "freeze", "-f", "origin/mian"], "--from: git knows no commit 'origin/mian' in this repository"),
])
def test_a_short_option_takes_its_value_as_invoke_reads_it(typed, told):
    """From a review: the value after a short option (`invoke test -k
    sharing`, `serve -p 8001`) was taken for a command's name."""
    slipped = run(str(REPO / ".venv/bin/invoke"), *typed)
    assert "There is no command" not in slipped.stderr and told in slipped.stderr, slipped.stderr


def test_invoke_alone_lists_the_commands():
    """It printed invoke's own options, not the project's commands."""
    alone = run(str(REPO / ".venv/bin/invoke"))
    assert alone.returncode == 0
    assert alone.stdout.startswith("Tasks for volunteers and developers: `invoke --list` shows them all.")
    assert "    invoke check        check all content, write nothing" in alone.stdout


def test_minifesto_freeze_from_a_revision_git_does_not_know_says_so_in_a_line():
    frozen = run(str(REPO / ".venv/bin/invoke"), "minifesto", "freeze", "--from", "origin/mian")
    assert frozen.returncode == 2
    assert frozen.stderr == ("--from: git knows no commit 'origin/mian' in this repository: give a branch, a tag or "
                             "a commit, e.g. origin/main (run `git fetch origin` first for a branch on GitHub)\n")


def test_the_browser_editor_on_a_port_in_use_says_so_before_its_steps():
    """It printed its four steps, then that the preview could not start."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = run(str(REPO / ".venv/bin/invoke"), "cms", "--port", str(port))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith(f"The preview could not start: port {port} cannot be used (")


def test_a_build_that_fails_for_no_content_mistake_says_how_to_see_more(tmp_path):
    """A broken template is not a volunteer's to mend: the build says so in
    a line, leaves the output as it was and names --debug, which
    `invoke build --debug` passes on (invoke took it for its own option)."""
    from conftest import build_in

    broken = build_in(tmp_path, templates={"base.html": "{{ 1 / 0 }}"})
    assert broken.returncode == 2 and "Traceback" not in broken.stderr
    assert "Build failed: ZeroDivisionError: division by zero" in broken.stderr
    assert f"Nothing was changed in {broken.output}/. Run with --debug for details." in broken.stderr
    dry = run(str(REPO / ".venv/bin/invoke"), "--dry", "build", "--debug")
    assert dry.returncode == 0 and "-m sitebuild --settings pelicanconf.py --debug" in dry.stdout, dry.stdout
