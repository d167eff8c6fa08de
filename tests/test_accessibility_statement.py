"""The accessibility statement (/accessibility/) says exactly what is true.

- Every check it lists (ACCESSIBILITY_CHECKS in pelicanconf.py) is run by
  ./run-tests: each is known here by a phrase of its own and names the tests
  that back it, and says on which pages they look (one page of each type, or
  every page): a line no test backs, or one that promises every page when the
  tests visit one page of each type, fails.
- Each promise of its own words (content/pages/accessibility.md) names the
  tests that keep it, and what it says about publishing is checked against
  the workflows and tasks that publish.
- Its other words (no JavaScript needed but for search, the reader's own
  fonts, an Easy Read edition or none) are checked against the site."""

from __future__ import annotations

import ast
import importlib
import tomllib

import yaml
from conftest import REPO
from pdf_tools import figures
from test_site import text_of

EACH_TYPE, EVERY_PAGE = "each type", "every page"
# How a line says its tests look at one page of each type.
SAYS_EACH_TYPE = ("one page of each type", "every type of page")
# Each promised check, by a phrase of its line -> the pages its tests look at, and the tests (module::function).
BACKED_BY = {
    "axe-core": (EACH_TYPE, ["test_accessibility::test_axe_finds_no_violations"]),
    "Nu HTML Checker": (EVERY_PAGE, ["test_accessibility::test_nu_html_checker_finds_no_errors"]),
    "320 pixel": (EACH_TYPE, ["test_accessibility::test_pages_fit_a_320px_screen",
                              "test_reflow::test_no_page_scrolls_sideways_at_320px"]),
    "skip link": (EACH_TYPE, ["test_accessibility::test_focus_is_visible_and_the_skip_link_works",
                              "test_keyboard_and_focus::test_everything_tab_reaches_shows_its_focus_and_stays_readable",
                              "test_keyboard_and_focus::test_the_skip_link_moves_focus_to_the_main_content_quietly"]),
    "JavaScript switched off": (EACH_TYPE, ["test_accessibility::test_pages_read_without_javascript",
                                            "test_search::test_without_javascript_the_page_points_elsewhere"]),
    "alternative text": (EVERY_PAGE, ["test_accessibility_statement::test_every_image_has_alternative_text"]),
    "imprint": (EACH_TYPE, ["test_accessibility::test_the_imprint_is_visible_on_every_page_type"]),
}

# The statement's own promises (a phrase of the page, as written in
# content/pages/accessibility.md) -> the tests that keep each true.
STATEMENT_BACKED_BY = {
    "a second person reviews it":
        ["test_review_workflow::test_the_readme_has_a_maintainer_require_a_second_persons_approval_of_every_change",
         "test_review_workflow::test_codeowners_give_content_to_comms_and_code_to_maintainers"],
    "bookmarklets that add their own styles to a page (to widen the spacing of text, for example) do not work here":
        ["test_security_headers::test_a_style_a_bookmarklet_adds_is_blocked_as_the_statement_says"],
    "Without it, each year's press releases are a plain list":
        ["test_press_and_privacy::test_without_javascript_a_years_releases_are_a_plain_list"],
    "the tests measure the text of every link and button you move to with the keyboard":
        ["test_keyboard_and_focus::test_everything_tab_reaches_shows_its_focus_and_stays_readable",
         "test_keyboard_and_focus::test_every_menu_link_is_readable_when_focused"],
    "A table too wide for your screen scrolls sideways inside its own box, which you can reach and scroll with the keyboard":
        ["test_reflow::test_a_table_box_is_a_named_tab_stop_only_while_its_table_does_not_fit"],
    "the build stops with a message, and publishes nothing, if a page's text has an image without alternative text":
        ["test_workflow::test_check_finds_problems_in_the_body_at_their_line",
         "test_safe_builds::test_a_content_error_leaves_the_last_good_site"],
    "A post or page written in Welsh is marked as Welsh, and so is a passage in Welsh or another language that "
    "its writer marks, so that a screen reader reads it with that language's pronunciation":
        ["test_languages::test_a_welsh_post_s_own_words_are_welsh_and_the_site_s_stay_english",
         "test_languages::test_a_welsh_page_s_own_words_are_welsh",
         "test_languages::test_a_marked_passage_is_published_with_its_language",
         "test_languages::test_axe_and_the_nu_html_checker_find_nothing_wrong_with_welsh"],
    "a link with no words": ["test_accessibility::test_a_link_without_words_stops_the_build_at_its_line"],
    "a link to a page the site does not have": ["test_workflow::test_check_finds_problems_in_the_body_at_their_line"],
    "or HTML the site does not allow": ["test_untrusted_content::test_hostile_content_is_refused_all_at_once"],
    "They run axe-core, which tests for common accessibility problems, on one page of each type":
        ["test_accessibility::test_axe_finds_no_violations"],
    "The Nu HTML Checker checks that every page's HTML is valid":
        ["test_accessibility::test_nu_html_checker_finds_no_errors"],
    "every image on every page has alternative text":
        ["test_accessibility_statement::test_every_image_has_alternative_text"],
    "our shared code store runs every test on each proposed change":
        ["test_review_workflow::test_every_pull_request_is_checked_with_annotations_then_previewed"],
    "The site published from there is rebuilt and published only after the tests have passed":
        ["test_accessibility_statement::test_github_publishes_only_after_the_tests_pass"],
    "the hourly rebuild that publishes scheduled press releases does not run them again":
        ["test_accessibility_statement::test_github_publishes_only_after_the_tests_pass"],
    "is built and checked as above, but the tests are not run first":
        ["test_accessibility_statement::test_the_other_ways_to_publish_do_not_run_the_tests"],
    "Every page can be read and every link followed with JavaScript turned off":
        ["test_accessibility_statement::test_every_page_reads_and_every_link_goes_without_javascript",
         "test_accessibility::test_pages_read_without_javascript"],
    "Our downloadable PDFs, such as the minifesto, are tagged so that they can be read by screen readers":
        ["test_minifesto::test_pdf_is_tagged_with_every_font_embedded"],
}


def statement_words(site) -> str:
    """The statement as a reader sees it, its curly apostrophes made straight."""
    return text_of(site.html("accessibility/").main).replace("\u2019", "'")


def assert_tests_exist(claim: str, tests: list[str]) -> None:
    for name in tests:
        module, function = name.split("::")
        assert callable(getattr(importlib.import_module(module), function, None)), f"{claim}: no test {name}"


def test_every_promised_check_is_a_test_of_this_suite(settings):
    checks = settings["ACCESSIBILITY_CHECKS"]
    known = [[phrase for phrase in BACKED_BY if phrase in check] for check in checks]
    assert [len(phrases) for phrases in known] == [1] * len(checks), list(zip(checks, known))
    assert sorted(phrase for [phrase] in known) == sorted(BACKED_BY)
    for check, [phrase] in zip(checks, known):
        pages, tests = BACKED_BY[phrase]
        if pages == EACH_TYPE:
            assert any(words in check for words in SAYS_EACH_TYPE) and EVERY_PAGE not in check, (
                f"{check!r}: its tests look at one page of each type, so it must say so, not promise every page")
        assert_tests_exist(check, tests)


def test_every_promise_of_the_statement_is_kept_by_a_test(site):
    words = statement_words(site)
    for promise, tests in STATEMENT_BACKED_BY.items():
        assert promise in words, f"the statement no longer says {promise!r}: update STATEMENT_BACKED_BY"
        assert_tests_exist(promise, tests)


def test_the_statement_promises_no_test_before_every_publication(site):
    """`invoke publish`, `invoke gh-pages`, Netlify and the hourly rebuild
    publish without running the tests: nothing on the page may say that
    every change is tested before it is published."""
    words = statement_words(site)
    assert "a change that fails one is not published" not in words
    assert "A change that fails a check is not published" not in words
    assert "Every change to the site is" not in words


def test_github_publishes_only_after_the_tests_pass():
    """The deploy job waits for the build, the build for the choice of
    commit, and that for the test job (./run-tests), which must have passed,
    or been skipped, which it is only on the hourly schedule: that run builds
    the newest commit whose tests passed
    (test_deploy.py::test_the_hourly_build_publishes_the_newest_commit_whose_tests_passed)."""
    jobs = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())["jobs"]
    assert "./run-tests" in [step.get("run") for step in jobs["test"]["steps"]]
    assert jobs["test"]["if"] == "github.event_name != 'schedule'"
    assert (jobs["deploy"]["needs"], jobs["build"]["needs"], jobs["pick"]["needs"]) == (["pick", "build"], "pick",
                                                                                         "test")
    assert "needs.build.result == 'success'" in jobs["deploy"]["if"]
    assert "needs.pick.result == 'success'" in jobs["build"]["if"]
    condition = " ".join(jobs["pick"]["if"].split())
    assert "(needs.test.result == 'success' || needs.test.result == 'skipped')" in condition


def task_source(name: str) -> str:
    tasks = (REPO / "tasks.py").read_text(encoding="utf-8")
    [function] = [node for node in ast.parse(tasks).body if isinstance(node, ast.FunctionDef) and node.name == name]
    return ast.get_source_segment(tasks, function)


def test_the_other_ways_to_publish_do_not_run_the_tests():
    """The statement says a site published with `invoke publish`, `invoke
    gh-pages` or by Netlify is built but not tested first. If one of them
    starts running the tests, say so on the statement."""
    netlify = tomllib.loads((REPO / "netlify.toml").read_text())["build"]["command"]
    for name, how in [("publish", task_source("publish")), ("gh_pages", task_source("gh_pages")), ("Netlify", netlify)]:
        assert "build(c, production=True)" in how or "invoke build --production" in how, name
        assert not any(tests in how for tests in ("run-tests", "pytest", "test(c")), name


def test_the_statement_says_whether_there_is_an_easy_read_edition(site, settings):
    has_easy_read = (site.output / settings["MINIFESTO_CURRENT_FILES"]["easy-read"]).exists()
    assert ("There is no Easy Read edition of the minifesto yet" in statement_words(site)) == (not has_easy_read)


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


def test_every_page_reads_and_every_link_goes_without_javascript(site, settings):
    """Every page, not one of each type (the browser test reads those with
    JavaScript off): its heading and text are in the HTML as sent, no
    element waits for a script's click (no on… attribute), and every link
    is an address (no javascript:, no empty or lone #), its #part on the page."""
    editor = settings["CMS_SAVE_AS"].strip("/")  # the browser editor: a program, not a page to read
    problems, read = [], 0
    for path in site.html_files():
        relative = str(path.relative_to(site.output))
        if relative.startswith(editor + "/"):
            continue
        read += 1
        soup = site.html(relative)
        heading = soup.select_one("main h1")
        if heading is None or not text_of(heading):
            problems.append(f"{relative}: no heading in its <main> as sent")
        problems += [f"{relative}: <{tag.name} {name}>" for tag in soup.find_all(True)
                     for name in tag.attrs if name.startswith("on")]
        ids = {tag["id"] for tag in soup.find_all(id=True)}
        for link in soup.find_all("a"):
            href = (link.get("href") or "").strip()
            if not href or href == "#" or href.lower().startswith("javascript:") or (
                    href.startswith("#") and href[1:] not in ids):
                problems.append(f"{relative}: a link to {href!r} ({text_of(link)!r})")
    assert read > 40 and problems == []


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
