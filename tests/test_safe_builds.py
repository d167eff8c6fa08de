"""A failed build, at any stage, leaves the last good site byte for byte."""

from __future__ import annotations

import pytest

from conftest import MINIMAL_SITE, REPO, run_build, write_content
from sitebuild.derived_settings import derived_settings_file


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def good_site(tmp_path):
    write_content(tmp_path / "content", MINIMAL_SITE)
    build = run_build(tmp_path / "content", tmp_path / "output", cache=tmp_path / "cache")
    assert build.returncode == 0, build.stderr
    return build, snapshot(build.output)


def rebuild_with(tmp_path, changes: dict, files: dict | None = None):
    write_content(tmp_path / "content", files or {})
    settings = derived_settings_file(tmp_path / "broken_settings.py", changes) if changes else REPO / "pelicanconf.py"
    return run_build(tmp_path / "content", tmp_path / "output", settings=settings, cache=tmp_path / "cache")


def test_a_content_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    failed = rebuild_with(tmp_path, {}, {"posts/hello.md": "no front matter\n"})
    assert failed.returncode == 1
    assert snapshot(build.output) == before


def test_a_template_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "article.html").write_text("{% extends 'base.html' %}{% block content %}{% if %}{% endblock %}")
    failed = rebuild_with(tmp_path, {"THEME_TEMPLATES_OVERRIDES": repr([str(overrides)])})
    assert failed.returncode == 2
    assert "Build failed: TemplateSyntaxError" in failed.stderr and "Traceback" not in failed.stderr
    assert snapshot(build.output) == before


def test_a_pdf_error_leaves_the_last_good_site(tmp_path, good_site):
    build, before = good_site
    not_a_font = tmp_path / "broken.woff"
    not_a_font.write_bytes(b"not a font")
    failed = rebuild_with(tmp_path, {"MINIFESTO_FONT_FILES": f"{{**MINIFESTO_FONT_FILES, (700, 'normal'): {str(not_a_font)!r}}}"})
    assert failed.returncode == 1
    assert "(PDF): WeasyPrint could not render" in failed.stderr
    assert snapshot(build.output) == before


def test_no_staging_folder_is_left_behind(tmp_path, good_site):
    rebuild_with(tmp_path, {}, {"posts/hello.md": "no front matter\n"})
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name or "previous" in p.name) == []
