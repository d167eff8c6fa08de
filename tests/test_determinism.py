"""Two clean builds of the same content at the same --now are identical,
file for file and byte for byte: pages, feeds, PDFs, share cards and the
search index (see plugins/search/stable_index.py for what that took)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, REPO, build_in, run_build, sample_jpeg, write_content

from sitebuild.template_cache import stable_description


@pytest.fixture(scope="module")
def clean_build(site, tmp_path_factory):
    """A second clean build (with an empty cache) of content/, in a process
    of its own, at the same --now as the shared `site` build."""
    root = tmp_path_factory.mktemp("clean-build")
    return run_build(REPO / "content", root / "output", cache=root / "cache", options=("--now", site.now),
                     new_process=True)


def test_two_clean_builds_are_byte_identical(site, clean_build):
    assert clean_build.returncode == 0, clean_build.stderr
    first, second = files_of(site.output), files_of(clean_build.output)
    assert first.keys() and first == second, "the two builds differ:\n" + explain(first, second)


def test_a_warm_build_writes_the_same_bytes_as_a_cold_one(clean_build, tmp_path):
    """Caches (PDFs, share cards, WebP copies) never change the result: a
    build with the cache the clean build filled, against that build."""
    cold = clean_build
    assert cold.returncode == 0, cold.stderr
    warm = run_build(REPO / "content", tmp_path / "warm", cache=cold.output.parent / "cache",
                     options=("--now", cold.now))
    assert warm.returncode == 0, warm.stderr
    assert "reusing" in warm.stderr  # the PDF really came from the cache
    first, second = files_of(cold.output), files_of(warm.output)
    assert first.keys() and first == second, "the warm build differs:\n" + explain(first, second)


@pytest.mark.skipif(shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/cy_GB").is_file(),
                    reason="needs glibc's localedef and its locale sources (./setup installs Debian's locales)")
def test_the_language_of_the_computer_that_builds_changes_no_byte(make_site, cold_cache, tmp_path):
    """A volunteer whose computer is set to Welsh builds the same site, dates
    in English included, as everyone else (the locale is compiled here into
    a folder of the test's own, as a Welsh computer has it)."""
    locales = tmp_path / "locales"
    locales.mkdir()
    subprocess.run(["localedef", "-i", "cy_GB", "-f", "UTF-8", "-c", str(locales / "cy_GB.UTF-8")], check=True,
                   capture_output=True)
    english = make_site(cache=cold_cache(tmp_path / "cache-english"), options=("--now", "2026-11-27 10:00"))
    assert english.returncode == 0, english.stderr
    welsh_output = tmp_path / "output-welsh"
    welsh = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--content", str(english.content), "--output", str(welsh_output),
         "--cache", str(cold_cache(tmp_path / "cache-welsh")), "--now", "2026-11-27 10:00"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={**os.environ, "LOCPATH": str(locales), "LANG": "cy_GB.UTF-8", "LC_ALL": "cy_GB.UTF-8"})
    assert welsh.returncode == 0, welsh.stderr
    first, second = files_of(english.output), files_of(welsh_output)
    assert first.keys() and first == second, "the Welsh computer's build differs:\n" + explain(first, second)


def test_an_edited_template_is_compiled_again(make_site, factory_cache, settings):
    """Compiled templates are kept between builds (sitebuild/template_cache.py),
    checked against each template's source: the same template file, edited,
    gives the edited page."""
    date = (REPO / "theme/templates/partials/date.html").read_text(encoding="utf-8")
    first = make_site(templates={"partials/date.html": date})
    assert first.returncode == 0, first.stderr
    assert first.html("news/hello/").find("time").get("class") is None
    assert list((factory_cache / "templates").rglob("*.cache"))  # the next build reads compiled templates
    # The cache's folder is named for the environment's options, described
    # the same way in every process (autoescape is a function).
    assert "0x" not in stable_description(settings["JINJA_ENVIRONMENT"])
    edited = make_site(templates={"partials/date.html": date.replace("<time ", '<time class="edited" ')})
    assert edited.returncode == 0, edited.stderr
    assert edited.html("news/hello/").find("time")["class"] == ["edited"]


def test_templates_are_listed_only_for_the_debug_log(make_site, tmp_path, monkeypatch):
    """Pelican's generators list the theme's templates only for a debug
    message; the list is made when that message is written
    (sitebuild/template_listing.py), and it is the one Jinja makes."""
    import jinja2

    from sitebuild.template_listing import LazyListingEnvironment

    listings = []
    list_templates = jinja2.FileSystemLoader.list_templates

    def counted(loader):
        listings.append(loader)
        return list_templates(loader)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", counted)
    quiet = make_site(options=("--now", "2022-06-01 12:00"))
    assert quiet.returncode == 0 and "Template list" not in quiet.stderr, quiet.stderr
    assert listings == []
    debug = make_site(output=tmp_path / "debug", options=("--now", "2022-06-01 12:00", "--debug"))
    listed = re.search(r"Template list: (\[.*\])", debug.stderr)
    assert debug.returncode == 0 and listed and listings, debug.stderr
    assert "'article.html'" in listed[1] and "'!simple/base.html'" in listed[1]
    loader = jinja2.FileSystemLoader(str(REPO / "theme/templates"))
    lazy = LazyListingEnvironment(loader=loader).list_templates(extensions=["html"])
    assert list(lazy) == jinja2.Environment(loader=loader).list_templates(extensions=["html"]) != []


# One edit of each kind a volunteer or a developer makes, as build_in()
# arguments, with a file it must change: each must reach the output through
# every cache.
DATE_TEMPLATE = (REPO / "theme/templates/partials/date.html").read_text(encoding="utf-8")
EDITS = {
    "post": ({"files": {"posts/hello.md": MINIMAL_SITE["posts/hello.md"].replace(
        "The first post's text.", "The first post's text, reworded.")}}, "news/hello/index.html"),
    "policy": ({"files": {"policies/01-housing.md": MINIMAL_SITE["policies/01-housing.md"].replace(
        "Build council homes.", "Build twice as many council homes.")}}, "policies/housing/index.html"),
    "template": ({"templates": {"partials/date.html": DATE_TEMPLATE.replace("<time ", '<time class="edited" ')}},
                 "news/hello/index.html"),
    "setting": ({"settings": {"SITE_TAGLINE": repr("A tagline changed in the settings")}}, "share/site.png"),
    "image": ({"files": {"images/press/alex-mays.jpg": sample_jpeg(48, 60)}}, "images/press/alex-mays.jpg"),
}
NOW = ("--now", "2022-06-01 12:00")


@pytest.fixture(scope="module")
def before_edits(tmp_path_factory):
    """The minimal site built once, and the cache that build filled."""
    root = tmp_path_factory.mktemp("before-edits")
    build = build_in(root, cache=root / "cache", options=NOW)
    assert build.returncode == 0, build.stderr
    return build, root / "cache"


@pytest.mark.parametrize("edited", list(EDITS))
def test_a_warm_build_after_an_edit_writes_the_same_bytes_as_a_cold_one(before_edits, edited, tmp_path):
    """Every cache (safe HTML, the allowlist's passes, compiled templates,
    share cards, PDFs, WebP copies, the search index) may serve only what
    the edit left unchanged: after each kind of edit, a build with the
    cache of the build before it writes exactly the files, byte for byte,
    of a build with an empty cache (the same content folder, whose path
    the editor's configuration names)."""
    before, cache = before_edits
    edit, changed_file = EDITS[edited]
    warm_cache = shutil.copytree(cache, tmp_path / "warm-cache")
    warm = build_in(tmp_path, cache=warm_cache, output=tmp_path / "warm", options=NOW, **edit)
    cold = build_in(tmp_path, cache=tmp_path / "cold-cache", output=tmp_path / "cold", options=NOW, **edit)
    assert warm.returncode == 0 and cold.returncode == 0, warm.stderr + cold.stderr
    assert re.search(r"Share cards: \d+ drawn, [1-9]\d* unchanged", warm.stderr), "the warm build used no cache"
    first, second = files_of(warm.output), files_of(cold.output)
    assert first == second, f"after the {edited} edit, the warm build differs:\n" + explain(second, first)
    assert (before.output / changed_file).read_bytes() != first[changed_file], f"the {edited} edit changed nothing"



def detailed_jpeg(width: int, height: int) -> bytes:
    """A photo-like JPEG: fine detail, so that copies made from pixels
    decoded at another scale differ."""
    import io

    from PIL import Image

    picture = Image.effect_mandelbrot((width, height), (-2, -1.2, 1, 1.2), 60).convert("RGB")
    stream = io.BytesIO()
    picture.save(stream, "JPEG", quality=85)
    return stream.getvalue()


def test_image_copies_made_for_other_widths_are_not_served_from_the_cache(tmp_path):
    """A large JPEG is decoded at the smallest scale that covers the widest
    copy (plugins/images/variants.py): with the widths 480, 720, 960 and 1440
    a 2000-pixel square photo is decoded whole, with 480 and 960 at half its
    size, so its 480- and 960-pixel copies are made from other pixels. A warm build after
    RESPONSIVE_IMAGE_WIDTHS changed served the copies of the old widths."""
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "\ntitle:", "\nimage: images/photo.jpg\nimage_alt: A pattern\ntitle:", 1)
    photo = {"posts/hello.md": post, "images/photo.jpg": detailed_jpeg(2000, 2000)}
    cache = tmp_path / "cache"
    first = build_in(tmp_path, photo, cache=cache, output=tmp_path / "first", options=NOW)
    assert first.returncode == 0, first.stderr
    fewer_widths = {"RESPONSIVE_IMAGE_WIDTHS": "[480, 960]"}
    warm = build_in(tmp_path, photo, settings=fewer_widths, cache=cache, output=tmp_path / "warm", options=NOW)
    cold = build_in(tmp_path, photo, settings=fewer_widths, cache=tmp_path / "cold-cache", output=tmp_path / "cold",
                    options=NOW)
    assert warm.returncode == 0 and cold.returncode == 0, warm.stderr + cold.stderr
    copies = {name: data for name, data in files_of(cold.output).items() if name.startswith("images/photo")}
    assert "images/photo-960.webp" in copies
    assert {name: files_of(warm.output)[name] for name in copies} == copies


def test_bodies_rendered_on_every_core_are_the_ones_the_reader_would_render(settings, tmp_path):
    """A cold build of many posts renders their bodies in worker processes
    first (plugins/frontmatter/prerender.py): what they keep is exactly what
    the reader renders itself, and a body with a refusal is not kept (so the
    reader reports its problem)."""
    from plugins.frontmatter.prerender import PARALLEL_FROM, prerender_bodies
    from plugins.frontmatter.safe_html import render_safe_html, safe_html_memo

    bodies = [f"## Part {n}\n\nA *paragraph* with a [link](https://example.org/{n}) -- and \"quotes\".\n\n"
              f"- one\n- two {n}\n" for n in range(PARALLEL_FROM)]
    refused = "A body with <script>alert(1)</script> in it.\n"
    content = tmp_path / "content"
    for number, body in enumerate([*bodies, refused]):
        write_content(content, {f"posts/post-{number}.md": f"---\ntitle: Post {number}\n---\n{body}"})
    build_settings = {**settings, "PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}
    assert prerender_bodies(SimpleNamespace(settings=build_settings)) == len(bodies) + 1
    memo = safe_html_memo(build_settings)
    for body in bodies:
        assert memo.get(body) == render_safe_html(body, build_settings)[0]
    assert memo.get(refused) is None
