"""Our own settings, in one table (sitecore/settings_check.py): a setting a
settings file leaves out takes its default from there, and a value of the
wrong kind stops the build, `invoke check` and the live preview at its line
of pelicanconf.py, saying what to write, before anything is written."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time
import urllib.request
from zoneinfo import ZoneInfo

import pytest
from browser import free_port, wait_for_server
from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, REPO, derived_settings, write_content

from sitecore.clock import site_zone
from sitecore.problems import ContentProblems
from sitecore.schema.fields import date
from sitecore.settings_check import OUR_SETTINGS, REQUIRED, check_our_settings

PELICANCONF = (REPO / "pelicanconf.py").read_text(encoding="utf-8").splitlines()


def line_in_pelicanconf(name: str) -> int:
    return next(number for number, line in enumerate(PELICANCONF, start=1) if line.startswith(f"{name} ="))


# (setting, a wrong value, what the build says of it after "NAME: ").
WRONG_VALUES = [
    # A number, or the code as dialled: tel: links would have dialled +0044….
    ("PHONE_COUNTRY_CODE", 44, "is 44 (a whole number), not a country's calling code — write \"44\" (without + or "
                               "00), or None"),
    ("PHONE_COUNTRY_CODE", "+44",
     'is "+44" (text), not a country\'s calling code — write "44" (without + or 00), or None'),
    ("PHONE_COUNTRY_CODE", "UK", "is \"UK\" (text), not a country's calling code — write the country's code in quotes, "
                                 "e.g. \"44\" (without + or 00), or None"),
    ("PRESS_ARCHIVE_LATEST", "30", 'is "30" (text), not a whole number — write 30'),
    ("RELATED_NEWS_SHOWN", 5.0, "is 5.0 (a decimal number), not a whole number — write 5"),
    ("CONTENT_FILE_MAX_KB", "lots",
     'is "lots" (text), not a whole number — write a whole number without quotes, e.g. 256'),
    ("IMAGE_FALLBACK_WIDTH", 0, "is 0, less than 1 — write a whole number of 1 or more, e.g. 960"),
    # "write 0" would be refused next for being less than 1.
    ("PRESS_ARCHIVE_LATEST", "0", 'is "0" (text), not a whole number — write a whole number without quotes, e.g. 30'),
    ("RESPONSIVE_IMAGE_WIDTHS", [480, "960"], 'its item 2 is "960" (text), not a whole number — write 960'),
    # No width at all: every image was blamed ("cannot make the copies of this image … max() arg is empty").
    ("RESPONSIVE_IMAGE_WIDTHS", [], "is [] (a list), not a list of one or more whole numbers — write a list of "
                                    "one or more whole numbers in brackets, e.g. [480, 720, 960, 1440]"),
    ("SHARE_CARD_SIZE", (1200,), "is (1200,) (a list), not two whole numbers (the width and the height) — "
                                 "write two whole numbers (the width and the height) in brackets, e.g. (1200, 630)"),
    ("SAMPLE_CONTENT", "False", 'is "False" (text), not True or False — write False, without quotes'),
    ("MINIFESTO_PDF_ATTACHMENTS", 1, "is 1 (a whole number), not True or False — write True, without quotes"),
    ("TIMEZONE", "Europe/Londn", 'is "Europe/Londn" (text), not a time zone this computer knows — '
                                 'write a time zone\'s name in quotes, e.g. "Europe/London"'),
    ("TIMEZONE", "Europe", 'is "Europe" (text), not a time zone this computer knows — '
                           'write a time zone\'s name in quotes, e.g. "Europe/London"'),
    ("FEED_ADDRESS_IDS_FROM", dt.date(2026, 11, 28),
     'is datetime.date(2026, 11, 28) (a date), not a day written YYYY-MM-DD — write "2026-11-28"'),
    ("FEED_ADDRESS_IDS_FROM", "28/11/2026", 'is "28/11/2026" (text), not a day written YYYY-MM-DD — '
                                            'write the day in quotes as YYYY-MM-DD, e.g. "2021-11-24"'),
    ("PARTY_PROFILES", "https://x.example/breakthrough",
     'is "https://x.example/breakthrough" (text), not a list of text — '
     'write it in square brackets: ["https://x.example/breakthrough"]'),
    # Text of several items is split at its commas, but not inside {…}.
    ("PLACEHOLDER_PATTERNS", "TODO, XXX",
     'is "TODO, XXX" (text), not a list of patterns — write it in square brackets: ["TODO", "XXX"]'),
    # A pattern holding a comma is one item, as written.
    ("PLACEHOLDER_PATTERNS", "TODO|X{2,}",
     'is "TODO|X{2,}" (text), not a list of patterns — write it in square brackets: ["TODO|X{2,}"]'),
    # Two addresses in one text: one item each, not one item that matches nothing.
    ("PARTY_PROFILES", "https://x.example/party, https://y.example/party",
     'is "https://x.example/party, https://y.example/party" (text), not a list of text — '
     'write it in square brackets: ["https://x.example/party", "https://y.example/party"]'),
    ("PLACEHOLDER_PATTERNS", [r"\bJo Bloggs\b", "(PO Box"],
     'its item 2 is "(PO Box" (text), not a pattern Python can read (missing ), unterminated subpattern at '
     "position 0) — put the pattern right (Python's re module), or remove it"),
    # A count too large for Python's re module (OverflowError, not re.error) ended the check in a traceback.
    ("PLACEHOLDER_PATTERNS", ["a{99999999999}"], 'its item 1 is "a{99999999999}" (text), not a pattern Python can '
                                                 "read (the repetition number is too large) — put the pattern right "
                                                 "(Python's re module), or remove it"),
    ("LANGUAGES", ["en-GB", "cy"], "is ['en-GB', 'cy'] (a list), not a dictionary of language tags and their names "
                                   '— write each language\'s tag and name in braces, e.g. '
                                   '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}'),
    ("LANGUAGES", {"en-GB": "English", "Welsh": "cy"},
     'its key "Welsh" (text) is not a language tag — write the tag before the colon, two or three lower-case '
     'letters (and a region after a hyphen, if any), and the name after it: '
     '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}'),
    # The shape of a tag, but no language the registry knows; an old form of one.
    ("LANGUAGES", {"en-GB": "English", "wl": "Welsh"},
     'its key "wl" (text) is not a language tag — write the tag before the colon, two or three lower-case '
     'letters (and a region after a hyphen, if any), and the name after it: '
     '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}'),
    ("LANGUAGES", {"en-UK": "English"}, 'its key "en-UK" (text) is not written as a language tag — write "en-GB" (text)'),
    ("CMS_BACKEND", "breakthrough-party/website",
     'is "breakthrough-party/website" (text), not a dictionary naming the editor\'s git host and repository — '
     'write it in braces, e.g. {"name": "github", "repo": "owner/name", "branch": "main", "auth_methods": ["token"]}'),
    ("CMS_BACKEND", {"name": "GitHub", "repo": "breakthrough-party/website"},
     'its "name" is "GitHub" (text), not a git host the editor can sign in to — write "name": "github" or "gitlab" '
     'or "gitea"'),
    ("CMS_BACKEND", {"name": "github", "repo": "https://github.com/breakthrough-party/website"},
     'its "repo" is "https://github.com/breakthrough-party/website" (text), not a repository — write the '
     'repository as its host names it, owner and name: "repo": "breakthrough-party/website"'),
    ("CMS_BACKEND", {"name": "github", "repo": "breakthrough-party/website", "branch": ""},
     'its "branch" is "" (text), not a branch — write the branch saves go to: "branch": "main"'),
    ("LANGUAGES", {"cy": ""}, 'the name of "cy" is "" (text), not a name — write the name the editor shows in '
                              'quotes, e.g. {"en-GB": "English", "cy": "Welsh (Cymraeg)"}'),
    ("CMS_SAVE_AS", "/admin", 'is "/admin" (text), not a folder of the site such as "admin/" — write "admin/"'),
    # Written into the search page's addresses: "//search/pagefind.js" is another site's.
    ("SEARCH_INDEX_PATH", "/search/", 'is "/search/" (text), not a folder of the site such as "pagefind" — '
                                      'write "search"'),
    ("CMS_PUBLISH_MODE", "editorial", 'is "editorial" (text), not one of "editorial_workflow" or "simple" — '
                                      'write "editorial_workflow" or "simple"'),
    ("CMS_REPO_ROOT", None, "is None (no value), not text — write it in quotes"),
]


@pytest.mark.parametrize("name, value, refusal", WRONG_VALUES, ids=[f"{n}={v!r}" for n, v, _ in WRONG_VALUES])
def test_a_wrong_value_is_refused_at_its_line_saying_what_to_write(name, value, refusal):
    settings = {"PATH": str(REPO / "content"), "CMS_BACKEND": {"name": "github", "repo": "a/b"}, name: value}
    with pytest.raises(ContentProblems) as raised:
        check_our_settings(settings)
    assert [str(problem) for problem in raised.value.problems] == [
        f"pelicanconf.py:{line_in_pelicanconf(name)}: {name}: {refusal}"]


def test_the_settings_as_written_and_every_default_pass(settings):
    check_our_settings(dict(settings))
    check_our_settings({"PATH": settings["PATH"], "CMS_BACKEND": settings["CMS_BACKEND"],
                        **{name: entry.default for name, entry in OUR_SETTINGS.items() if entry.default is not REQUIRED}})


def test_a_setting_left_out_takes_its_default_and_one_given_is_kept():
    settings = {"PATH": str(REPO / "content"), "PRESS_ARCHIVE_LATEST": 12, "CMS_BACKEND": {"name": "github", "repo": "a/b"}}
    check_our_settings(settings)
    assert settings["PRESS_ARCHIVE_LATEST"] == 12
    assert {name: settings[name] for name in ("CMS_SAVE_AS", "TIMEZONE", "CONTENT_FILE_MAX_KB")} == {
        "CMS_SAVE_AS": "admin/", "TIMEZONE": "Europe/London", "CONTENT_FILE_MAX_KB": 256}
    settings["RESPONSIVE_IMAGE_WIDTHS"].append(2000)  # a build's copy: the next build's default is as it was
    assert OUR_SETTINGS["RESPONSIVE_IMAGE_WIDTHS"].default == [480, 720, 960, 1440]


def test_the_clock_and_the_schema_take_the_time_zone_default_from_the_table():
    """Settings no build has checked (a test's, `invoke new`'s) without TIMEZONE."""
    assert site_zone({}) == ZoneInfo(OUR_SETTINGS["TIMEZONE"].default)
    assert date("2021-07-01 09:30", {}).utcoffset() == dt.timedelta(hours=1)  # British Summer Time


# Told at the line of the settings file the build loaded (make_site's writes
# each setting from its third line), not at pelicanconf.py's.
def test_the_readme_names_every_setting_of_the_table_and_no_other():
    """The Design section's list of our settings is written by hand: a new
    row in the table must be named there too (SEARCH_INDEX_PATH was not)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("- **Our settings: defaults in one table, one check.**")
    named = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme[start:readme.index("\n- **", start + 1)]))
    assert sorted(set(OUR_SETTINGS) - named) == [] and sorted(named - set(OUR_SETTINGS)) == []


def test_a_setting_is_told_where_the_settings_file_the_build_loaded_sets_it():
    """A production build loads publishconf.py, which sets some values over
    pelicanconf.py's: a wrong one is told in the file that set it."""
    from sitebuild.build import load_settings
    from sitecore.settings_file import setting_place

    settings = load_settings(REPO / "publishconf.py")
    for name, file in (("SITEURL", "publishconf.py"), ("IMPRINT", "pelicanconf.py")):
        path, line = setting_place(settings, name)
        assert path == str(REPO / file), name
        assert (REPO / file).read_text(encoding="utf-8").splitlines()[line - 1].startswith(f"{name} = "), name


BAD_PRESS_ARCHIVE_LATEST = 'PRESS_ARCHIVE_LATEST: is "30" (text), not a whole number — write 30'


def test_a_wrong_value_stops_the_build_and_leaves_the_site_as_it_was(make_site, tmp_path):
    """Before, "30" in quotes ended the build in the press plugin: `Build
    failed: TypeError: slice indices must be integers …`, naming no setting.
    (Told in the settings file that set it, at its line.)"""
    # The last good site (a stand-in: the build stops before it reads or writes anything).
    (tmp_path / "output").mkdir()
    (tmp_path / "output/index.html").write_text("<p>The last good site.</p>\n", encoding="utf-8")
    before = files_of(tmp_path / "output")
    build = make_site(settings={"PRESS_ARCHIVE_LATEST": '"30"', "SAMPLE_CONTENT": '"False"'})
    assert build.returncode == 1
    assert build.stderr.splitlines()[:3] == [
        "2 content problems found:",
        f"settings_for_this_build.py:3: {BAD_PRESS_ARCHIVE_LATEST}",
        'settings_for_this_build.py:4: SAMPLE_CONTENT: is "False" (text), not True or False — write False, without '
        "quotes"]
    assert "Build failed: nothing was changed in" in build.stderr
    assert "Traceback" not in build.stderr and "TypeError" not in build.stderr
    after = files_of(tmp_path / "output")
    assert after == before, explain(before, after)
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []  # no staging left


def test_invoke_check_refuses_a_wrong_value_too(make_site):
    build = make_site(settings={"PRESS_ARCHIVE_LATEST": '"30"'}, options=("--check",))
    assert build.returncode == 1
    assert f"settings_for_this_build.py:3: {BAD_PRESS_ARCHIVE_LATEST}" in build.stderr.splitlines()
    assert "Traceback" not in build.stderr


def test_a_settings_file_without_our_settings_builds_with_their_defaults(make_site):
    """Before, a settings file without CMS_SAVE_AS failed: `Build failed:
    KeyError: 'CMS_SAVE_AS'`; so did one without PRESS_ARCHIVE_LATEST.
    (All but the one with no default, the editor's repository: below.)"""
    names = tuple(name for name, setting in OUR_SETTINGS.items() if setting.default is not REQUIRED)
    summer_post = MINIMAL_SITE["posts/hello.md"].replace("date: 2021-11-24", "date: 2021-07-01 09:30")
    build = make_site({"posts/hello.md": summer_post},
                      settings={"_": f"[globals().pop(name) for name in {names!r}]"})
    assert build.returncode == 0, build.stderr
    admin = build.output / "admin"
    assert (admin / "index.html").is_file()
    assert "publish_mode: editorial_workflow" in (admin / "config.yml").read_text(encoding="utf-8")
    assert (build.output / "press/releases/index.html").is_file()
    times = [time["datetime"] for time in build.html("news/hello/").find_all("time")]
    assert "2021-07-01T09:30:00+01:00" in times  # in the default time zone, Europe/London


def test_a_settings_file_without_the_editors_repository_is_told_to_set_it(make_site):
    """CMS_BACKEND names the party's own repository, so it has no default.
    Left out, it was `Build failed: ValueError: CMS_BACKEND must be a dict
    …`, at no line; now it is a problem like any other setting's."""
    build = make_site(settings={"_": "globals().pop('CMS_BACKEND')"})
    assert build.returncode == 1 and "Traceback" not in build.stderr, build.stderr
    assert build.stderr.splitlines()[:2] == [
        "1 content problem found:",
        "pelicanconf.py:1: CMS_BACKEND: is not set — set it in pelicanconf.py, e.g. CMS_BACKEND = "
        '{"name": "github", "repo": "owner/name", "branch": "main", "auth_methods": ["token"]}']


def preview_status(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/__preview/status") as response:
        return json.load(response)


def test_the_live_preview_shows_a_wrong_value_and_builds_once_it_is_put_right(tmp_path, factory_cache):
    """Started with a wrong value, the preview shows it like any problem and
    keeps watching: the settings file put right, the next build is clean."""
    write_content(tmp_path / "content", MINIMAL_SITE)
    settings_file = derived_settings(tmp_path / "preview_settings.py", {"PRESS_ARCHIVE_LATEST": '"30"'})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitebuild.preview", "--settings", str(settings_file),
         "--content", str(tmp_path / "content"), "--output", str(tmp_path / "preview"),
         "--cache", str(factory_cache), "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_server(port, process, "the preview server")  # it serves once its first build is done
        url = f"http://127.0.0.1:{port}"
        first = preview_status(url)
        assert f"preview_settings.py:3: {BAD_PRESS_ARCHIVE_LATEST}" in first["problems"]
        derived_settings(settings_file, {"PRESS_ARCHIVE_LATEST": "12"})
        deadline = time.monotonic() + 60
        while (status := preview_status(url))["number"] == first["number"] or status["building"]:
            assert time.monotonic() < deadline, "the preview did not build the settings put right"
            time.sleep(0.1)
        assert status["problems"] == []
        assert (tmp_path / "preview/press/releases/index.html").is_file()
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert "Traceback" not in output, output
