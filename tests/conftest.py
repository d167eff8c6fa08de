"""Shared fixtures: real Pelican builds into temporary folders.

- `site`: the real content/ built once per test run (`python -m sitebuild`,
  in a process of its own; the test processes share it).
- `make_site`: the one factory for throwaway sites: MINIMAL_SITE with files
  added, replaced or removed, optionally with settings changed and templates
  replaced. It runs `python -m sitebuild` (the same arguments, messages and
  exit status a volunteer sees) in this process, which is much faster than a
  new Python process per build; `new_process=True` runs it in its own process,
  for the few builds that prove that wiring. A build whose settings change the
  plugins always gets its own process: Pelican's plugins stay connected to
  its signals for the life of a process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import json
import re
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from sitebuild.__main__ import parse_args
from sitebuild.derived_settings import derived_settings_file
from sitebuild.inprocess import run_sitebuild, same_plugins

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path
    content: Path
    now: str = ""  # the --now it was built with, if any
    parsed: dict = field(default_factory=dict, repr=False, compare=False)  # see html()

    def html(self, relative: str) -> BeautifulSoup:
        """The page `relative`, parsed once and shared by every test that
        reads it (the tests that look at every page of the real site each
        parsed all of them again: 10 s of a run). Read it, never change it;
        copy.copy() it to change it. A page written again is parsed again."""
        path = self.output / relative
        if path.is_dir() or relative.endswith("/") or relative == "":
            path = path / "index.html"
        written = path.stat()  # a page written again is a new file (os.replace), or at least a new change time
        key = (path, written.st_ino, written.st_ctime_ns, written.st_mtime_ns, written.st_size)
        if key not in self.parsed:
            self.parsed[key] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        return self.parsed[key]

    def html_files(self) -> list[Path]:
        """The public pages: not /admin/, the browser editor's private page."""
        return sorted(p for p in self.output.rglob("*.html") if p.relative_to(self.output).parts[0] != "admin")

    @property
    def problem_lines(self) -> list[str]:
        """The `path:line: field: message — fix` lines the build printed."""
        return [line for line in self.stderr.splitlines() if line.startswith("content/")]


def run_build(content: Path, output: Path, settings: Path = REPO / "pelicanconf.py",
              cache: Path | None = None, options: tuple[str, ...] = (), new_process: bool = False) -> Build:
    """`python -m sitebuild --settings … --content … --output … [--cache …] options`:
    in this process unless `new_process` or the settings change the plugins."""
    cache = cache or (RUN_CACHE[0] if RUN_CACHE else None)
    arguments = ["--settings", str(settings), "--content", str(content), "--output", str(output),
                 *(["--cache", str(cache)] if cache else []), *options]
    if new_process or not same_plugins(parse_args(arguments).settings):
        completed = subprocess.run([sys.executable, "-m", "sitebuild", *arguments],
                                   cwd=REPO, capture_output=True, text=True, timeout=300)
    else:
        completed = run_sitebuild(arguments)
    now = options[options.index("--now") + 1] if "--now" in options else ""
    return Build(completed.returncode, completed.stdout, completed.stderr, output, content, now)


@contextmanager
def locked(path: Path):
    """Hold an exclusive lock on `path` (test processes take turns)."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_folder(tmp_path_factory, request) -> Path:
    """The folder all test processes of this run share (pytest-xdist's
    workers each have a folder of their own inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if hasattr(request.config, "workerinput") else base


@pytest.fixture(scope="session")
def site(tmp_path_factory, request) -> Build:
    """The real content/, built once per test run with pelicanconf.py, as a
    volunteer builds it (`python -m sitebuild`, in its own process), at the
    minute the run started (its `--now`, so that another build can be
    compared with it byte for byte). Under pytest-xdist the first test
    process to need it builds it and the others read the same folder: tests
    only read it."""
    shared = run_folder(tmp_path_factory, request)
    record = shared / "site-build.json"
    with locked(shared / "site-build.lock"):
        if not record.exists():
            now = dt.datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m-%d %H:%M")
            build = run_build(REPO / "content", shared / "site" / "output", cache=shared / "site" / "cache",
                              options=("--now", now), new_process=True)
            # The Build's fields but its parsed pages (parsed afresh by each process); paths as text.
            record.write_text(json.dumps({field.name: getattr(build, field.name) for field in fields(build)
                                          if field.compare}, default=str))
        recorded = json.loads(record.read_text())
    build = Build(**{**recorded, "output": Path(recorded["output"]), "content": Path(recorded["content"])})
    assert build.returncode == 0, build.stderr
    return build


def copy_of_site_cache(site: Build, folder: Path) -> Path:
    """A copy of the cache the `site` build filled (PDFs, share cards, WebP
    copies; keyed by everything that changes their bytes), so another build
    of content/ starts warm without touching files other tests read."""
    shutil.copytree(site.output.parent / "cache", folder)
    return folder


@pytest.fixture(scope="session")
def nginx_site(site, tmp_path_factory):
    """The shared build of content/, served by Debian's nginx with the
    security headers the build wrote, as a production host serves it."""
    from browser import serve_with_nginx

    with serve_with_nginx(site.output, tmp_path_factory.mktemp("nginx")) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def reader_visits(nginx_site, browser, settings):
    """reader_visits(path): what one visit to that page of the shared build
    saw (tests/reader_visits.py), each page visited once per test process."""
    from reader_visits import ReaderVisits

    from sitecore.imprint import imprint_text

    visits = ReaderVisits(browser, nginx_site, imprint_text(settings))
    yield visits
    visits.close()


@pytest.fixture(scope="session")
def browser():
    """The test process's headless Chromium (see browser.py): one for all tests."""
    from browser import chromium

    with chromium() as browser:
        yield browser


def pytest_sessionfinish(session):
    from browser import close_chromium

    close_chromium()


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pytest.ini): one test process per CPU, and one more. The
    suite waits as well as works: on a slow link emulated for search, for
    the browser editor's saves, for servers and previews to answer. With
    one process per CPU the two CPUs stood idle for 62–76 of a run's ~560
    core-seconds; a third process fills most of that (19–25 idle), and the
    suite took 258–271 s against 277–319 s with two, measured alternately
    on 29 November. (At 620 tests, which waited less, a third made it no
    faster: it brings its own Chromium, collection and module fixtures.)
    No test processes of their own for one or two tests named on the command
    line (file::test): starting them would take longer than the tests."""
    named = [argument for argument in config.args if "::" in argument]
    if named and len(named) == len(config.args) <= 2:
        return 0
    from sitecore.cores import usable_cores

    return usable_cores() + 1


# How pytest-xdist shares the tests out between the test processes: one at a
# time, except where tests share a costly fixture. A module that defines a
# module-scoped fixture (a build, a web server, browser pages, the browser
# editor) goes whole to one process, so the fixture is made once, not once in
# every process that runs one of its tests: seven such modules were spread out,
# and their builds made two or three times a run (about 40 core-seconds).
# Modules named below share fixtures across modules and go together under the
# name given.
SHARED_OUT_TOGETHER = {
    # Both read reader_visits: one process visits each page once for both.
    "test_security_headers.py": "reader visits",
    "test_accessibility.py": "reader visits",
}
# `@pytest.fixture(scope="module")`, with either quote, among other arguments
# on the decorator's line (`params=[(1, 2)]` too).
MODULE_FIXTURE = re.compile(r"""^@pytest\.fixture\(.*\bscope\s*=\s*["']module["']""", re.MULTILINE)


@functools.cache
def defines_module_fixtures(path: Path) -> bool:
    return path.is_file() and MODULE_FIXTURE.search(path.read_text(encoding="utf-8")) is not None


def pytest_xdist_make_scheduler(config, log):
    """xdist's "loadscope" scheduling (the biggest parts first), with the
    parts above. (Its own "loadgroup" cannot group under pytest 9: it marks a
    group by changing a test's nodeid, which pytest 9 no longer allows.)"""
    from xdist.scheduler import LoadScopeScheduling

    class SharedOut(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.partition("::")[0]
            together = SHARED_OUT_TOGETHER.get(path.rsplit("/", 1)[-1])
            if together:
                return together
            return path if defines_module_fixtures(config.rootpath / path) else nodeid

    return SharedOut(config, log)


@pytest.fixture(scope="session")
def settings(factory_cache) -> dict:
    """pelicanconf.py's settings, their cache the run's (RUN_CACHE, below)."""
    from sitebuild.build import load_settings

    return load_settings(REPO / "pelicanconf.py", {"CACHE_PATH": str(factory_cache)})


def uk_tel(national: str) -> str:
    """The tel: link of a number written as the UK dials it (020 7946 0123):
    a global number (PHONE_COUNTRY_CODE), which a phone abroad dials too."""
    assert national.startswith("0") and not national.startswith("00")
    return "tel:+44" + national[1:].replace(" ", "")


def sample_image(width: int = 40, height: int = 50, kind: str = "JPEG") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#8e7ca3").save(buffer, kind)
    return buffer.getvalue()


def sample_jpeg(width: int = 40, height: int = 50) -> bytes:
    return sample_image(width, height, "JPEG")


def sample_png(width: int = 40, height: int = 50) -> bytes:
    return sample_image(width, height, "PNG")


# The smallest complete site: a post, a policy, a councillor, the minifesto
# and a page, all valid and linked, with the press office and its press
# kit's photos (events, branches and candidates are added where a test needs them).
MINIMAL_SITE = {
    "images/press/alex-mays.jpg": sample_jpeg(),
    "images/press/sherilyn-wileman.jpg": sample_jpeg(),
    "press-office.md": """\
        ---
        contacts:
          - name: Sam Okafor
            role: Head of press
            phone: 020 7946 0123
            email: press@example.org
        out_of_hours: 07700 900123
        press_kit_people:
          - name: Alex Mays
            role: Party Leader
            photo: images/press/alex-mays.jpg
            caption: Alex Mays, Party Leader.
            credit: Sample image
            bio: Alex Mays founded the party.
          - name: Sherilyn Wileman
            role: Deputy Leader
            photo: images/press/sherilyn-wileman.jpg
            caption: Sherilyn Wileman, Deputy Leader.
            credit: Sample image
            bio: Sherilyn Wileman is the Deputy Leader.
        ---
        Notes to editors.
        """,
    "posts/hello.md": """\
        ---
        title: Hello from the party
        date: 2021-11-24
        category: news
        summary: A first post.
        tags: [launch]
        policies: [housing]
        councillors: [jo-bloggs]
        ---
        The first post's text.
        """,
    "policies/01-housing.md": """\
        ---
        title: Homes for everyone
        number: 1
        summary: Everyone deserves a safe, secure and affordable home.
        commitments:
          - Build council homes.
        ---
        Why this matters.
        """,
    "councillors/jo-bloggs.md": """\
        ---
        title: Jo Bloggs
        role: Town councillor
        joined: 2021-08-18
        summary: Jo represents the Example ward.
        region: London
        ---
        Jo's story.
        """,
    "minifesto.md": """\
        ---
        title: A short minifesto
        edition: March 2022
        date: 2022-03-01
        summary: Our policies in one document.
        foreword_title: Foreword
        foreword_author: Jo Bloggs, Party Leader
        closing_title: Join us
        closing_call: Become a member today.
        ---
        The foreword.
        """,
    "pages/about.md": """\
        ---
        title: About us
        summary: Who we are.
        ---
        We are a party.
        """,
}


# What the party fills in before it goes live, for tests of production
# builds, which refuse the sample site's placeholder imprint and press
# numbers (plugins/samplecontent). Test data: never published.
REAL_IMPRINT = {"promoter": "Sam Example", "party": "Breakthrough Party", "address": "1 Example Street, London, N1 9GU"}
PLACEHOLDER_NUMBERS = re.compile(r"\b(020 ?7946 ?0\d{3}|07700 ?900\d{3})\b")


def production_settings(folder: Path) -> Path:
    """publishconf.py with the party's real imprint filled in (REAL_IMPRINT)."""
    folder.mkdir(parents=True, exist_ok=True)
    return derived_settings(folder / "production_settings.py", {"IMPRINT": repr(REAL_IMPRINT)},
                            base=REPO / "publishconf.py")


def with_real_numbers(press_office: str) -> str:
    """A press office file's text with real-looking numbers for the placeholders."""
    return PLACEHOLDER_NUMBERS.sub("0300 303 1234", press_office)


def policy_markdown(title: str, number: int, extra: str = "") -> str:
    """A valid policy file (front matter and text), for throwaway sites."""
    return (f"---\ntitle: {title}\nnumber: {number}\nsummary: A one-sentence summary.\n"
            f"commitments: [Do the first thing.]\n{extra}---\nText.\n")


def write_content(root: Path, files: dict[str, str | bytes | None]) -> None:
    for relative, text in files.items():
        path = root / relative
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # an image
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")


def preview_overrides(content: Path, cache: Path, now: str | None = None) -> dict:
    """The settings `python -m sitebuild.preview --content … --cache … [--now …]`
    builds with (drafts shown), for tests that run the preview's builder here."""
    from sitebuild.__main__ import overrides_from

    return overrides_from(SimpleNamespace(content=content, cache=cache, drafts=True, now=now))


@pytest.fixture(scope="session")
def factory_cache(tmp_path_factory, request) -> Path:
    """One cache for all throwaway sites of this test run, shared by the
    test processes: identical minifestos, share cards and templates are
    made once. Every entry is keyed by a hash of its inputs and written
    atomically, so sharing is safe; tests about the cache itself use their own."""
    folder = run_folder(tmp_path_factory, request) / "factory-cache"
    folder.mkdir(exist_ok=True)
    return folder


# A build given no cache uses the run's shared one (factory_cache), never the
# checkout's .cache/: that made a test warm from the last run, and filled
# the working tree with the real site's build records.
RUN_CACHE: list[Path] = []


@pytest.fixture(scope="session", autouse=True)
def builds_use_the_runs_cache(factory_cache) -> None:
    RUN_CACHE[:] = [factory_cache]


def check_content(content: Path, *options: str):
    """`python -m sitebuild --check --content content`, as `invoke check`
    runs it, in this process, its cache the run's."""
    return run_sitebuild(["--check", "--content", str(content), "--cache", str(RUN_CACHE[0]), *options])


def derived_settings(path: Path, changes: dict[str, str], base: Path = REPO / "pelicanconf.py") -> Path:
    """sitebuild's derived_settings_file, its CACHE_PATH the run's unless the
    test sets one (after the test's own lines, so their numbers stay): a
    command run with these settings and no --cache (`invoke promote`, the
    review's check) writes nothing into the checkout's .cache/."""
    if RUN_CACHE and "CACHE_PATH" not in changes:
        changes = {**changes, "CACHE_PATH": repr(str(RUN_CACHE[0]))}
    return derived_settings_file(path, changes, base)


# A PDF's imprint check is kept under the SHA-256 of its inputs (64 hex
# digits); the pages' digests (pages-*) are another cache and are not copied.
PDF_CHECK_NAME = re.compile(r"[0-9a-f]{64}")


@pytest.fixture
def cold_cache(factory_cache):
    """cold_cache(folder) -> folder: a build cache, empty but for the
    minifesto PDFs this run has already rendered and their imprint checks,
    for the "cold" reference builds of tests about other caches (pages,
    share cards, the search index). Both are keyed by every input of the
    render (plugins/minifesto/pdf.py: cache_key), so a build finds only the
    bytes it would render itself; rendering them again would only run
    WeasyPrint again, half a second a PDF, some forty times a run. The PDF
    cache's own tests (test_determinism, test_minifesto_builds) start from
    caches that are truly empty."""

    def seeded(folder: Path) -> Path:
        for name, wanted in (("minifesto", lambda path: path.suffix == ".pdf"),
                             ("imprint-checked", lambda path: PDF_CHECK_NAME.fullmatch(path.name))):
            source, target = factory_cache / name, folder / name
            target.mkdir(parents=True, exist_ok=True)
            for path in source.glob("*") if source.is_dir() else ():
                if wanted(path):
                    # Another test process may drop an old render meanwhile.
                    with contextlib.suppress(FileNotFoundError):
                        shutil.copy2(path, target / path.name)
        return folder

    return seeded


def build_in(root: Path, files: dict[str, str | bytes | None] | None = None, *,
             settings: dict[str, str] | Path | None = None, templates: dict[str, str] | None = None,
             content: Path | None = None, output: Path | None = None, cache: Path | None = None,
             options: tuple[str, ...] = (), new_process: bool = False) -> Build:
    """Build a throwaway site in the folder `root` and return the Build.

    - files: {path: text or bytes, or None to remove it}, written over
      MINIMAL_SITE into root/content (again at every call, so a test can
      build, change a file and build again), unless `content` names another
      folder (e.g. the real content/), which is built as it is.
    - settings: {setting: Python expression, which may use pelicanconf.py's
      settings, e.g. "PLUGINS[:-1]"}, or a settings file (publishconf.py).
    - templates: {template name: text}, used instead of the theme's.
    - output (default root/output), cache, options: as `python -m sitebuild`.
    """
    if content is None:
        content = root / "content"
        write_content(content, {**MINIMAL_SITE, **(files or {})})
    elif files:
        write_content(content, files)
    if templates:
        overrides = root / "template-overrides"
        for name, text in templates.items():
            (overrides / name).parent.mkdir(parents=True, exist_ok=True)
            (overrides / name).write_text(text, encoding="utf-8")
        settings = {**(settings or {}), "THEME_TEMPLATES_OVERRIDES": repr([str(overrides)])}
    if isinstance(settings, dict):
        settings = derived_settings(root / "settings_for_this_build.py", settings) if settings else None
    return run_build(content, output or root / "output", settings=settings or REPO / "pelicanconf.py",
                     cache=cache, options=options, new_process=new_process)


@pytest.fixture
def build(tmp_path, factory_cache):
    """build(now, files, …): build_in() always into this test's output/,
    where the record of the last build decides, with the caches the test
    process shares (the record is kept by output folder)."""

    def build_at(now: str, files: dict | None = None, **arguments):
        built = build_in(tmp_path, files, output=tmp_path / "output", cache=factory_cache,
                         options=("--now", now), **arguments)
        assert built.returncode == 0, built.stderr
        return built

    return build_at


@pytest.fixture
def make_site(tmp_path, factory_cache):
    """make_site(files, settings=…, templates=…, output=…, cache=…, options=…,
    new_process=…): build_in() in this test's own folder, with the PDF cache
    this test process shares between throwaway sites unless `cache` is given."""

    def make(files: dict[str, str | bytes | None] | None = None, **arguments) -> Build:
        arguments["cache"] = arguments.get("cache") or factory_cache
        return build_in(tmp_path, files, **arguments)

    return make
