"""Every check the accessibility statement promises (ACCESSIBILITY_CHECKS in
pelicanconf.py, listed on /accessibility/) is run by ./run-tests: each line
names the tests that back it here, and a line no test backs fails. What the
statement's own words promise (no JavaScript needed but for search, the
reader's own fonts) is checked too."""

from __future__ import annotations

import importlib

from pdf_tools import figures
from test_site import text_of

# Each promised check -> the tests (module::function) that run it.
BACKED_BY = {
    "axe-core (WCAG 2.2 AA rules) on every type of page, in a real browser, at phone and desktop widths":
        ["test_accessibility::test_axe_finds_no_violations"],
    "the Nu HTML Checker on every page":
        ["test_accessibility::test_nu_html_checker_finds_no_errors"],
    "every page fits a 320 pixel wide screen without sideways scrolling":
        ["test_accessibility::test_pages_fit_a_320px_screen"],
    "keyboard use: a skip link and a visible focus on every page":
        ["test_accessibility::test_focus_is_visible_and_the_skip_link_works"],
    "every page readable with JavaScript switched off (searching needs JavaScript)":
        ["test_accessibility::test_pages_read_without_javascript",
         "test_search::test_without_javascript_the_page_points_elsewhere"],
    "every image has alternative text, on the pages and in the minifesto PDFs":
        ["test_accessibility_statement::test_every_image_has_alternative_text"],
    "the imprint visible on every type of page at phone and desktop widths":
        ["test_accessibility::test_the_imprint_is_visible_on_every_page_type"],
}


def test_every_promised_check_is_a_test_of_this_suite(settings):
    assert list(BACKED_BY) == settings["ACCESSIBILITY_CHECKS"]
    for check, tests in BACKED_BY.items():
        for name in tests:
            module, function = name.split("::")
            assert callable(getattr(importlib.import_module(module), function, None)), f"{check}: no test {name}"


def test_every_image_has_alternative_text(site):
    missing = []
    for path in site.html_files():
        relative = str(path.relative_to(site.output))
        for img in site.html(relative).find_all("img"):
            if not (img.get("alt") or "").strip():
                missing.append(f"{relative}: {img.get('src')}")
    assert missing == []
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        found = figures(site.output / name)
        assert found and all(alt.strip() for alt, _ in found), (name, found)


def test_the_statement_says_search_needs_javascript(site):
    """It promises pages that work with JavaScript turned off, so it says
    which part does not: search."""
    words = text_of(site.html("accessibility/").main)
    assert "JavaScript turned off" in words
    assert "Searching needs JavaScript" in words and "searching needs JavaScript" in words


def test_pages_load_no_fonts_of_their_own(site):
    """The statement says text appears in the reader's own fonts: the web
    stylesheet loads none (the PDFs embed theirs)."""
    css = "\n".join(path.read_text(encoding="utf-8") for path in (site.output / "theme/css").glob("*.css")
                    if "print" not in path.name)
    assert "@font-face" not in css
    assert "system fonts" in text_of(site.html("accessibility/").main)
