"""Shared fixtures: real Pelican builds into temporary folders.

- `site`: the real content/ built once per test session.
- `make_site`: a factory for small throwaway sites (bad-input cases), built
  the way a volunteer builds: `python -m sitebuild`, in a subprocess, so the
  exit status and the printed messages are exactly what a person sees.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path
    content: Path

    def html(self, relative: str) -> BeautifulSoup:
        path = self.output / relative
        if path.is_dir() or relative.endswith("/") or relative == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def html_files(self) -> list[Path]:
        """The public pages: not /admin/, the browser editor's private page."""
        return sorted(p for p in self.output.rglob("*.html") if p.relative_to(self.output).parts[0] != "admin")

    @property
    def problem_lines(self) -> list[str]:
        """The `path:line: field: message — fix` lines the build printed."""
        return [line for line in self.stderr.splitlines() if line.startswith("content/")]


def run_build(content: Path, output: Path, settings: Path = REPO / "pelicanconf.py",
              cache: Path | None = None, options: tuple[str, ...] = ()) -> Build:
    cache_option = ["--cache", str(cache), *options] if cache else list(options)
    completed = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--settings", str(settings),
         "--content", str(content), "--output", str(output), *cache_option],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    return Build(completed.returncode, completed.stdout, completed.stderr, output, content)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real content/, built once with pelicanconf.py."""
    build = run_build(REPO / "content", tmp_path_factory.mktemp("site") / "output",
                      cache=tmp_path_factory.mktemp("site-cache"))
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def settings() -> dict:
    from sitebuild.build import load_settings

    return load_settings(REPO / "pelicanconf.py")


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


# The smallest complete site: one of each content type, all valid and linked,
# with the press kit's photos that pelicanconf.py names.
MINIMAL_SITE = {
    "images/press/alex-mays.jpg": sample_jpeg(),
    "images/press/sherilyn-wileman.jpg": sample_jpeg(),
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


@pytest.fixture(scope="session")
def factory_cache(tmp_path_factory) -> Path:
    """One PDF cache for all throwaway sites of this test process: identical
    minifestos are rendered once (keys are content hashes, so this is safe)."""
    return tmp_path_factory.mktemp("factory-cache")


@pytest.fixture
def make_site(tmp_path, factory_cache):
    """make_site({path: text or None}) builds MINIMAL_SITE with those files
    added, replaced (text) or removed (None) and returns the Build."""

    def make(files: dict[str, str | None] | None = None, output: Path | None = None,
             cache: Path | None = None, options: tuple[str, ...] = ()) -> Build:
        content = tmp_path / "content"
        write_content(content, {**MINIMAL_SITE, **(files or {})})
        return run_build(content, output or tmp_path / "output", cache=cache or factory_cache, options=options)

    return make
