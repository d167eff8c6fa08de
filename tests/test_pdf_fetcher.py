"""The minifesto PDF loads only the build's own files, attaches nothing
unless allowed, and links to the public site, not to file: URLs.

The fetcher and the renderer are called in-process (real WeasyPrint, real
settings); two real builds check the wiring, read back with pikepdf.
"""

from __future__ import annotations

import base64
import io
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin

import pikepdf
import pytest
from conftest import (
    MINIMAL_SITE,
    REPO,
    derived_settings,
    policy_markdown,
    production_settings,
    run_build,
    sample_jpeg,
    with_real_numbers,
    write_content,
)

from plugins.minifesto.fetcher import FetchRefused, minifesto_fetcher, pdf_base_url
from plugins.minifesto.pdf import cache_key
from plugins.minifesto.weasyprint_render import render_pdf, report_render_problems
from sitebuild.build import load_settings
from sitecore.problems import problem_log

SITE = "https://breakthroughparty.org.uk"
MOMENT = datetime(2022, 3, 1, tzinfo=timezone.utc)
REFUSAL_FIX = ("show only images from content/images/ (as /images/…), files from theme/static/ and the fonts "
               "in MINIFESTO_FONT_FILES; the PDF loads nothing else")
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f1f5a40000000049454e44ae426082")).decode()


def write_pdf(html: str, settings, kind: str, identifier: bytes, moment) -> bytes:
    """The PDF, or b"" with every reason in the problem log, as the build
    renders one (render_pdf, then report_render_problems for a refusal)."""
    rendered = render_pdf(html, settings, kind, identifier, moment)
    if rendered.ok:
        return rendered.data
    report_render_problems(settings, kind, rendered)
    return b""


@pytest.fixture
def content(tmp_path) -> Path:
    """content/images with a photo, a text file, and symlinks to outside."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.jpg").write_bytes(sample_jpeg())
    (outside / "folder" / "hidden.jpg").write_bytes(sample_jpeg())
    images = tmp_path / "content" / "images"
    (images / "press").mkdir(parents=True)
    (images / "press" / "photo.jpg").write_bytes(sample_jpeg(60, 30))
    (images / "notes.txt").write_text("not an image")
    (images / "linked.jpg").symlink_to(outside / "secret.jpg")
    (images / "linked-folder").symlink_to(outside / "folder", target_is_directory=True)
    return tmp_path / "content"


class Logged:
    """The problems in the process's problem log, in the order they were
    added (ProblemLog itself is no longer iterable)."""

    def __iter__(self):
        return iter(list(problem_log._problems))


@pytest.fixture
def problems(content):
    """The process's problem log, empty before and after the test."""
    problem_log.start_build({"PATH": str(content)})
    yield Logged()
    problem_log.start_build({"PATH": str(content)})


def settings_for(content: Path, **overrides) -> dict:
    return load_settings(REPO / "pelicanconf.py", {"PATH": str(content), **overrides})


THEME_STATIC = REPO / "theme" / "static"
FONT = Path(load_settings(REPO / "pelicanconf.py")["MINIFESTO_FONT_FILES"][(400, "normal")][0])  # its Latin file

REFUSED = {
    "a file of the build machine": "file:///etc/hostname",
    "../../.git/config against the site": urljoin(f"{SITE}/", "../../.git/config"),
    "../../.git/config against the theme": urljoin(THEME_STATIC.as_uri() + "/", "../../.git/config"),
    "an unresolved .. below the theme": THEME_STATIC.as_uri() + "/../../.git/config",
    "a web address": "http://example.com/a.png",
    "another site's images": "https://example.com/images/press/photo.jpg",
    ".. below /images/": f"{SITE}/images/../../pelicanconf.py",
    "an encoded .. below /images/": f"{SITE}/images/%2e%2e/%2e%2e/pelicanconf.py",
    "an encoded / below /images/": f"{SITE}/images/press%2fphoto.jpg",
    "a symlinked image": f"{SITE}/images/linked.jpg",
    "an image in a symlinked folder": f"{SITE}/images/linked-folder/hidden.jpg",
    "a file that is not an image": f"{SITE}/images/notes.txt",
    "a page of the site": f"{SITE}/policies/housing/",
    "a font file the setting does not name": FONT.with_suffix(".woff2").as_uri(),
    "another scheme": "ftp://example.com/a.png",
}


@pytest.mark.parametrize("url", REFUSED.values(), ids=REFUSED.keys())
def test_the_fetcher_refuses_and_records(content, url):
    fetcher = minifesto_fetcher(settings_for(content))
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)
    assert url in fetcher.refusals


def test_a_content_image_by_file_url_is_refused(content):
    # Content images are asked for as the site's own URL (/images/…), never
    # by the build machine's path.
    url = (content / "images" / "press" / "photo.jpg").as_uri()
    with pytest.raises(FetchRefused):
        minifesto_fetcher(settings_for(content)).fetch(url)


SERVED = {
    "a content image": (f"{SITE}/images/press/photo.jpg", "images/press/photo.jpg"),
    "a content image as a path": ("/images/press/photo.jpg", "images/press/photo.jpg"),
    "the listed font": (FONT.as_uri(), str(FONT)),
    "a theme stylesheet": ((THEME_STATIC / "css" / "print.css").as_uri(), str(THEME_STATIC / "css" / "print.css")),
    "a theme file by site URL": (f"{SITE}/theme/img/logo.svg", str(THEME_STATIC / "img" / "logo.svg")),
}


@pytest.mark.parametrize("url, path", SERVED.values(), ids=SERVED.keys())
def test_the_fetcher_serves_the_builds_own_files(content, url, path):
    fetcher = minifesto_fetcher(settings_for(content))
    response = fetcher.fetch(url)
    assert response.read() == (content / path if path.startswith("images/") else Path(path)).read_bytes()
    assert not fetcher.refusals


def test_the_fetcher_serves_data_urls(content):
    response = minifesto_fetcher(settings_for(content)).fetch(f"data:image/png;base64,{PNG}")
    assert response.read() == base64.b64decode(PNG)


def test_an_absolute_siteurl_is_the_sites_own_too(content):
    fetcher = minifesto_fetcher(settings_for(content, SITEURL="https://preview.example.org/site"))
    assert fetcher.fetch("https://preview.example.org/site/images/press/photo.jpg").read() == \
        (content / "images/press/photo.jpg").read_bytes()
    with pytest.raises(FetchRefused):
        fetcher.fetch("https://preview.example.org/images/press/photo.jpg")


def test_the_base_url_is_the_canonical_site(content):
    assert pdf_base_url(settings_for(content)) == f"{SITE}/"


ATTACHING = """<!doctype html><html lang="en"><head><title>Annex</title></head><body>
<h1>Annex</h1>
<p><a rel="attachment" href="file:///etc/hostname">annex</a> and
<a rel=attachment href=../../.git/config>config</a> and
<img src="/images/press/photo.jpg" alt="A photo"></p>
</body></html>"""


def embedded_files(data: bytes) -> tuple[bool, list[str]]:
    """(has an /EmbeddedFiles name tree, the subtypes of every annotation)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = pdf.Root.get("/Names")
        has_tree = names is not None and "/EmbeddedFiles" in names
        subtypes = [str(annotation.get("/Subtype")) for page in pdf.pages for annotation in page.get("/Annots", [])]
    return has_tree, subtypes


def test_with_attachments_off_nothing_is_attached_and_the_build_says_why(content, problems):
    settings = settings_for(content)
    rendered = render_pdf(ATTACHING, settings, "standard", b"0" * 32, MOMENT)
    has_tree, subtypes = embedded_files(rendered.data)
    assert not has_tree
    assert "/FileAttachment" not in subtypes
    assert rendered.attachments == ["file:///etc/hostname", "../../.git/config"]

    assert write_pdf(ATTACHING, settings, "standard", b"0" * 32, MOMENT) == b""
    lines = [str(problem) for problem in problems]
    fix = ('remove rel="attachment" from that link, or set MINIFESTO_PDF_ATTACHMENTS = True in pelicanconf.py '
           "to attach files from the build's own folders")
    assert lines == [
        f'theme/templates/print/minifesto.html:1: (PDF): the standard minifesto asks to attach {href} to the PDF '
        f'(rel="attachment"), but file attachments are off — {fix}'
        for href in ("file:///etc/hostname", "../../.git/config")
    ]


def test_with_attachments_on_only_the_builds_own_files_are_attached(content, problems):
    settings = settings_for(content, MINIFESTO_PDF_ATTACHMENTS=True)
    html = ATTACHING.replace("</p>", '<a rel="attachment" href="/images/press/photo.jpg">the photo</a></p>')
    rendered = render_pdf(html, settings, "standard", b"0" * 32, MOMENT)
    assert rendered.refusals == {
        "file:///etc/hostname": "a file outside the build's folders",
        f"{SITE}/.git/config": "not a content image (/images/…) or a theme file (/theme/…)",
    }
    with pikepdf.open(io.BytesIO(rendered.data)) as pdf:
        attached = [annotation.FS.UF for page in pdf.pages
                    for annotation in page.get("/Annots", []) if annotation.get("/Subtype") == "/FileAttachment"]
        assert [str(name) for name in attached] == ["photo.jpg"]
        assert list(pdf.attachments) == []  # only the link's annotation, no document-level file
    # Embedded files carry the edition date, so the PDF is still reproducible.
    assert render_pdf(html, settings, "standard", b"0" * 32, MOMENT).data == rendered.data

    assert write_pdf(html, settings, "standard", b"0" * 32, MOMENT) == b""
    lines = [str(problem) for problem in problems]
    assert ("theme/templates/print/minifesto.html:1: (PDF): the standard minifesto tried to load "
            f"file:///etc/hostname, which is refused (a file outside the build's folders) — {REFUSAL_FIX}") in lines
    # WeasyPrint's own "Failed to load attachment" is left out: the line above says it better.
    assert not [line for line in lines if "Failed to load" in line], lines


def test_a_refused_image_is_reported_once_clearly(content, problems):
    html = ATTACHING.replace('rel="attachment" ', "").replace("rel=attachment ", "").replace(
        "/images/press/photo.jpg", "http://example.com/a.png")
    assert write_pdf(html, settings_for(content), "standard", b"0" * 32, MOMENT) == b""
    assert [str(problem) for problem in problems] == [
        "theme/templates/print/minifesto.html:1: (PDF): the standard minifesto tried to load "
        "http://example.com/a.png, which is refused (a web address: the PDF loads nothing from the network) — "
        f"{REFUSAL_FIX}"
    ]


def test_the_cache_key_covers_the_images_the_pdf_shows_and_the_theme(content, tmp_path):
    settings = settings_for(content)
    html = '<p><img src="../images/press/photo.jpg" alt="A photo"></p>'
    key = cache_key(html, settings, "standard")
    (content / "images" / "unused.png").write_bytes(base64.b64decode(PNG))
    assert cache_key(html, settings, "standard") == key  # an image the PDF does not show
    (content / "images" / "press" / "photo.jpg").write_bytes(sample_jpeg(61, 30))
    changed = cache_key(html, settings, "standard")
    assert changed != key
    theme = tmp_path / "theme"
    subprocess.run(["cp", "-r", str(REPO / "theme"), str(theme)], check=True)
    themed = settings_for(content, THEME=str(theme))
    assert cache_key(html, themed, "standard") == changed
    (theme / "static" / "img" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert cache_key(html, themed, "standard") != changed
    assert cache_key(html, settings_for(content, MINIFESTO_PDF_ATTACHMENTS=True), "standard") != changed


LINKING_POLICY = policy_markdown("Homes for everyone", 1).replace(
    "Text.", "See [the NHS policy](/policies/housing/).\n\n![A new council estate]({static}/images/estate.jpg)")


def link_uris(pdf_path: Path) -> list[str]:
    with pikepdf.open(pdf_path) as pdf:
        return [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A]


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_site_links_in_the_pdf_are_web_addresses(tmp_path, factory_cache, settings_file):
    write_content(tmp_path / "content", {**MINIMAL_SITE, "policies/01-housing.md": LINKING_POLICY,
                                         "images/estate.jpg": sample_jpeg(600, 400),
                                         "press-office.md": with_real_numbers(MINIMAL_SITE["press-office.md"])})
    # publishconf.py with the real details a production build insists on
    settings = production_settings(tmp_path) if settings_file == "publishconf.py" else REPO / settings_file
    build = run_build(tmp_path / "content", tmp_path / "output", settings=settings, cache=factory_cache)
    assert build.returncode == 0, build.stderr
    join = load_settings(REPO / "pelicanconf.py")["JOIN_URL"]
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        uris = link_uris(build.output / name)
        assert f"{SITE}/policies/housing/" in uris
        assert [uri for uri in uris if not uri.startswith((f"{SITE}/", join, "mailto:"))] == [], uris
        listing = subprocess.run(["pdfimages", "-list", str(build.output / name)],
                                 capture_output=True, text=True, check=True).stdout
        assert any(line.split()[3:5] == ["600", "400"] for line in listing.splitlines()[2:]), listing


def test_a_print_template_that_reaches_outside_fails_the_build_clearly(tmp_path):
    # Content cannot ask for this (the sanitiser and the content checks stop
    # it first); a theme can, so the build must stop it too.
    theme = tmp_path / "theme"
    subprocess.run(["cp", "-r", str(REPO / "theme"), str(theme)], check=True)
    template = theme / "templates" / "print" / "minifesto.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "</body>", '<p><a rel="attachment" href="../../.git/config">annex</a> '
                   '<img src="file:///etc/hostname" alt="host"></p>\n</body>'), encoding="utf-8")
    settings = derived_settings(tmp_path / "settings_for_this_test.py", {"THEME": repr(str(theme))})
    write_content(tmp_path / "content", MINIMAL_SITE)
    build = run_build(tmp_path / "content", tmp_path / "output", settings=settings, cache=tmp_path / "cache")
    assert build.returncode == 1
    lines = [line.removeprefix(str(tmp_path) + "/") for line in build.stderr.splitlines() if "(PDF)" in line]
    assert sorted(lines) == sorted(
        f"theme/templates/print/minifesto.html:1: (PDF): {problem}"
        for kind in ("standard", "large-print")
        for problem in (
            f"the {kind} minifesto asks to attach ../../.git/config to the PDF (rel=\"attachment\"), but file "
            "attachments are off — remove rel=\"attachment\" from that link, or set MINIFESTO_PDF_ATTACHMENTS = "
            "True in pelicanconf.py to attach files from the build's own folders",
            f"the {kind} minifesto tried to load file:///etc/hostname, which is refused (a file outside the "
            f"build's folders) — {REFUSAL_FIX}",
        )
    ), build.stderr
    assert not build.output.exists()
