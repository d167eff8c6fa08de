"""Our own settings: each one's kind and default in one table, and one check.

Pelican keeps its defaults in one dictionary and checks its settings in one
function (pelican/settings.py); ours are kept the same way. As soon as the
build has read the settings file (sitebuild/build.py), `check_our_settings`
gives each of these settings the file leaves out its default, and stops the
build at the line of a value of the wrong kind, before anything is read or
written, saying what to write instead:

    pelicanconf.py:151: PRESS_ARCHIVE_LATEST: is "30" (text), not a whole number — write 30

Without it, "30" in quotes ended the build deep inside a plugin with a Python
error that named no setting ("slice indices must be integers"), and "False"
in quotes quietly counted as True.

The table holds the settings that take a plain value a maintainer edits
(numbers, True or False, text, lists) and whose kind the code relies on.
Code reads them as `settings["NAME"]` once a build has checked them, or
with `our_setting` where it may be given settings no build checked (a
test's, `invoke new`'s): no default is written anywhere else.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sitecore.language_tags import answers_kept_in, registered_form
from sitecore.problems import ProblemLog
from sitecore.settings_file import setting_place, settings_file_of

NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"


class Refusal(NamedTuple):
    message: str  # what is wrong: 'is "30" (text), not a whole number'
    fix: str      # what to write instead: "write 30"


# (the value, the setting's default, or an example) -> why it is refused, or None.
Check = Callable[[Any, Any], "Refusal | None"]

# What a value is, in the words of the messages (bool before int: True is an int).
KINDS_OF_VALUE = ((bool, "True or False"), (int, "a whole number"), (float, "a decimal number"), (str, "text"),
                  ((list, tuple), "a list"), (dict, "a dictionary"), (dt.date, "a date"))


def literal(value: Any) -> str:
    """A value as it is written in pelicanconf.py, text in double quotes."""
    return f'"{value}"' if isinstance(value, str) else repr(value)


def quoted(value: Any) -> str:
    """A wrong value as a message quotes it back, with what it is: "30" (text)."""
    if value is None:
        return "None (no value)"
    kind = next((name for types, name in KINDS_OF_VALUE if isinstance(value, types)), type(value).__name__)
    shown = literal(value)
    return f"{shown if len(shown) <= 60 else shown[:57] + '…'} ({kind})"


def number_meant(value: Any) -> int | None:
    """The whole number a wrong value spells ("30", " 30", 30.0), if any."""
    if isinstance(value, str) and re.fullmatch(r"\d+", value.strip(), re.ASCII):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def whole_number(value: Any, example: Any) -> Refusal | None:
    """A whole number, 1 or more (a count, a size, a width)."""
    if isinstance(value, bool) or not isinstance(value, int):
        meant = number_meant(value)
        return Refusal(f"is {quoted(value)}, not a whole number",
                       f"write {meant}" if meant is not None and meant >= 1 else
                       "write a whole number without quotes" + (f", e.g. {example}" if example else ""))
    if value < 1:
        return Refusal(f"is {value}, less than 1", "write a whole number of 1 or more"
                                                   + (f", e.g. {example}" if example else ""))
    return None


def whole_number_or_none(value: Any, example: Any) -> Refusal | None:
    return None if value is None else whole_number(value, example)


# How True and False are often written by mistake, in quotes or as numbers.
FLAGS_MEANT = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}


def true_or_false(value: Any, example: Any) -> Refusal | None:
    if isinstance(value, bool):
        return None
    meant = FLAGS_MEANT.get(str(value).strip().lower())
    return Refusal(f"is {quoted(value)}, not True or False",
                   f"write {meant if meant is not None else 'True or False'}, without quotes")


def text(value: Any, example: Any) -> Refusal | None:
    if isinstance(value, str):
        return None
    return Refusal(f"is {quoted(value)}, not text", "write it in quotes"
                   + (f": {literal(str(value))}" if isinstance(value, (int, float)) else ""))


FOLDER_NAME = r"[A-Za-z0-9_][A-Za-z0-9._-]*"
SITE_FOLDER = re.compile(rf"(?:{FOLDER_NAME}/)+")
SITE_DIR = re.compile(rf"{FOLDER_NAME}(?:/{FOLDER_NAME})*")


def site_folder(value: Any, example: Any) -> Refusal | None:
    """A folder of the site as its SAVE_AS is written: "admin/", no "/"
    before it (it is under output/), one after (file names are added)."""
    return folder_written_as(SITE_FOLDER, lambda name: name + "/", value, example)


def site_dir(value: Any, example: Any) -> Refusal | None:
    """A folder of the site as Pelican's THEME_STATIC_DIR is written:
    "pagefind", no "/" before it or after (templates put one on each side,
    {{ SITEURL }}/pagefind/pagefind.js: "/pagefind" would make the address
    of a file on another site, //pagefind/pagefind.js)."""
    return folder_written_as(SITE_DIR, lambda name: name, value, example)


def folder_written_as(shape: re.Pattern, written: Callable[[str], str], value: Any, example: Any) -> Refusal | None:
    if isinstance(value, str) and shape.fullmatch(value):
        return None
    meant = written(value.strip().strip("/")) if isinstance(value, str) else ""
    return Refusal(f"is {quoted(value)}, not a folder of the site such as {literal(example)}",
                   f"write {literal(meant if shape.fullmatch(meant) else example)}")


def one_of(*choices: str) -> Check:
    listed = " or ".join(map(literal, choices))

    def check(value: Any, example: Any) -> Refusal | None:
        if isinstance(value, str) and value in choices:
            return None
        return Refusal(f"is {quoted(value)}, not one of {listed}", f"write {listed}")

    return check


def time_zone(value: Any, example: Any) -> Refusal | None:
    """A name from the time zone database ("Europe/London")."""
    if isinstance(value, str):
        try:
            ZoneInfo(value)
            return None
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe" is a folder of zones
            pass
    return Refusal(f"is {quoted(value)}, not a time zone this computer knows",
                   f"write a time zone's name in quotes, e.g. {literal(example)}")


CALLING_CODE = re.compile(r"[1-9][0-9]{0,2}")  # ITU-T E.164: one to three digits, never starting 0


def calling_code(value: Any, example: Any) -> Refusal | None:
    """A country's calling code, its digits in quotes ("44"), or None."""
    if value is None or (isinstance(value, str) and CALLING_CODE.fullmatch(value)):
        return None
    digits = re.sub(r"\D", "", str(value))
    meant = (f'"{digits}"' if CALLING_CODE.fullmatch(digits)
             else f"the country's code in quotes, e.g. {literal(example)}")
    return Refusal(f"is {quoted(value)}, not a country's calling code", f"write {meant} (without + or 00), or None")


def day(value: Any, example: Any) -> Refusal | None:
    """A day written YYYY-MM-DD, in quotes."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            dt.date.fromisoformat(value)
            return None
        except ValueError:
            pass
    if isinstance(value, dt.date):  # a datetime is a date too
        meant = (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        return Refusal(f"is {quoted(value)}, not a day written YYYY-MM-DD", f'write "{meant}"')
    return Refusal(f"is {quoted(value)}, not a day written YYYY-MM-DD",
                   'write the day in quotes as YYYY-MM-DD, e.g. "2021-11-24"')


def pattern(value: Any, example: Any) -> Refusal | None:
    """A regular expression (Python's re module)."""
    if not isinstance(value, str):
        return text(value, example)
    try:
        re.compile(value)
    except (re.error, OverflowError, RecursionError) as error:  # a{99999999999}: too large a count
        return Refusal(f"is {quoted(value)}, not a pattern Python can read ({error})",
                       "put the pattern right (Python's re module), or remove it")
    return None


def top_level_parts(text: str) -> list[str]:
    """`text` split at its commas outside {…}, […] and (…), in one pass."""
    parts, depth, start = [], 0, 0
    for index, character in enumerate(text):
        if character in "{[(":
            depth += 1
        elif character in "}])":
            depth = max(0, depth - 1)
        elif character == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [part.strip() for part in [*parts, text[start:]]]


def list_of(item: Check, described: str, length: int | None = None, at_least: int = 0) -> Check:
    """A list (or a tuple) of `length` items, or of any number (`at_least`
    of them), each of which `item` accepts; `described` names it for the
    message ("a list of text")."""

    def check(value: Any, example: Any) -> Refusal | None:
        if not isinstance(value, (list, tuple)) or length not in (None, len(value)) or len(value) < at_least:
            # Text of several items, "Sam Example, Jo Example", is split at
            # its commas, but not at one inside {…}, […] or (…) ("TODO|X{2,}").
            items = top_level_parts(value) if isinstance(value, str) and length is None else [value]
            fits = (length in (None, 1) and not isinstance(value, (list, tuple))
                    and all(part and item(part, None) is None for part in items))
            return Refusal(f"is {quoted(value)}, not {described}",
                           f"write it in square brackets: [{', '.join(map(literal, items))}]" if fits
                           else f"write {described} in brackets" + (f", e.g. {literal(example)}" if example else ""))
        examples = list(example or ())  # each item's example: the default's item in its place, or its last
        for position, each in enumerate(value, start=1):
            refused = item(each, examples[min(position, len(examples)) - 1] if examples else None)
            if refused:
                return Refusal(f"its item {position} {refused.message}", refused.fix)
        return None

    return check


LANGUAGES_EXAMPLE = '{"en-GB": "English", "cy": "Welsh (Cymraeg)"}'


def language_names(value: Any, example: Any) -> Refusal | None:
    """Language tags (held to the HTML allowlist's rule for `lang`:
    sitecore/language_tags.py) and the names the browser editor shows for
    them: {"cy": "Welsh (Cymraeg)"}."""
    if not isinstance(value, dict) or not value:
        return Refusal(f"is {quoted(value)}, not a dictionary of language tags and their names",
                       f"write each language's tag and name in braces, e.g. {LANGUAGES_EXAMPLE}")
    for tag, name in value.items():
        registered = registered_form(tag) if isinstance(tag, str) else None
        if registered is not None and registered.lower() != tag.lower():
            return Refusal(f"its key {quoted(tag)} is not written as a language tag", f"write {quoted(registered)}")
        if registered is None:
            return Refusal(f"its key {quoted(tag)} is not a language tag",
                           'write the tag before the colon, two or three lower-case letters (and a region after a '
                           f'hyphen, if any), and the name after it: {LANGUAGES_EXAMPLE}')
        if not isinstance(name, str) or not name.strip():
            return Refusal(f"the name of {literal(tag)} is {quoted(name)}, not a name",
                           f"write the name the editor shows in quotes, e.g. {LANGUAGES_EXAMPLE}")
    return None


# The browser editor's git host (Sveltia CMS's backend): the hosts it can
# sign in to, and a repository as they name one ("owner/name"; GitLab's
# groups may nest).
CMS_BACKEND_EXAMPLE = '{"name": "github", "repo": "owner/name", "branch": "main", "auth_methods": ["token"]}'
GIT_HOSTS = ("github", "gitlab", "gitea")
REPOSITORY = re.compile(rf"{FOLDER_NAME}(?:/{FOLDER_NAME})+")


def git_backend(value: Any, example: Any) -> Refusal | None:
    """{"name": a host, "repo": "owner/name", "branch": text, …}: the
    editor would load, then fail at the first sign-in or save."""
    if not isinstance(value, dict):
        return Refusal(f"is {quoted(value)}, not a dictionary naming the editor's git host and repository",
                       f"write it in braces, e.g. {CMS_BACKEND_EXAMPLE}")
    host, repository, branch = value.get("name"), value.get("repo"), value.get("branch", "main")
    if host not in GIT_HOSTS:
        hosts = " or ".join(map(literal, GIT_HOSTS))
        return Refusal(f'its "name" is {quoted(host)}, not a git host the editor can sign in to',
                       f'write "name": {hosts}')
    if not isinstance(repository, str) or not REPOSITORY.fullmatch(repository):
        return Refusal(f'its "repo" is {quoted(repository)}, not a repository',
                       'write the repository as its host names it, owner and name: "repo": "breakthrough-party/website"')
    if not isinstance(branch, str) or not branch.strip():
        return Refusal(f'its "branch" is {quoted(branch)}, not a branch', 'write the branch saves go to: "branch": "main"')
    return None


# A setting only the party can give (its repository): no default, so
# leaving it out is a problem, as a wrong value is.
REQUIRED = object()


@dataclass(frozen=True)
class Setting:
    check: Check
    default: Any
    example: str = ""  # for a REQUIRED one left out: what to write


OUR_SETTINGS: dict[str, Setting] = {
    # The site's clock: embargoes, event times, the dates of posts (sitecore/clock.py).
    "TIMEZONE": Setting(time_zone, "Europe/London"),
    # The country code of phone numbers written without one (020 7946 0123), for a country whose
    # numbers drop their first 0 after the code (the UK's, not Italy's): their tap-to-call links
    # dial +44 20 7946 0123 from any country (sitecore/phone_links.py). None: left as written.
    "PHONE_COUNTRY_CODE": Setting(calling_code, "44"),
    # The most a host publishes, warned of as the site nears it (sitebuild/host_limits.py): GitHub
    # Pages' 1 GB, Cloudflare Pages' free plan's 20,000 files. Set your host's, or a larger plan's.
    "PUBLISHED_MB_LIMIT": Setting(whole_number, 1024),
    "PUBLISHED_FILES_LIMIT": Setting(whole_number, 20_000),
    # A sitemap's most addresses (sitemaps.org's limit), and the folder of the parts of a longer one,
    # which sitemap.xml then indexes (plugins/sitemap).
    "SITEMAP_MAX_URLS": Setting(whole_number, 50_000),
    "SITEMAP_PARTS_PATH": Setting(site_dir, "sitemaps"),
    # How many days an event stays in the calendar people subscribe to once it has ended (plugins/events).
    "EVENTS_CALENDAR_KEEPS_DAYS": Setting(whole_number, 180),
    # How many of the newest past events /events/ lists before its links to each year's (plugins/events).
    "PAST_EVENTS_SHOWN": Setting(whole_number, 10),
    # How many of the newest releases the press archive's first page lists (plugins/press).
    "PRESS_ARCHIVE_LATEST": Setting(whole_number, 30),
    # How many posts a policy's, councillor's or event's page lists before "All … posts" (plugins/listings).
    "RELATED_NEWS_SHOWN": Setting(whole_number, 5),
    # The largest content file read: a long policy paper is 10,000 words (about 60 KB); 256 KB is far
    # above anything a person writes, and far below what makes Markdown slow (plugins/frontmatter).
    "CONTENT_FILE_MAX_KB": Setting(whole_number, 256),
    # The search index's folder of the site: Pagefind's files are written there (plugins/search), and
    # the search page loads them from there (theme search.html).
    "SEARCH_INDEX_PATH": Setting(site_dir, "pagefind"),
    # The widths of an image's WebP copies, and of its plain copy (None: no plain copy) (plugins/images).
    "RESPONSIVE_IMAGE_WIDTHS": Setting(list_of(whole_number, "a list of one or more whole numbers", at_least=1),
                                       [480, 720, 960, 1440]),
    "IMAGE_FALLBACK_WIDTH": Setting(whole_number_or_none, 960),
    # A share card's width and height in pixels (sitecore/brand.py).
    "SHARE_CARD_SIZE": Setting(list_of(whole_number, "two whole numbers (the width and the height)", length=2),
                               (1200, 630)),
    # Feed entries of posts dated before this day keep Pelican's ids (plugins/feeds); by default none do.
    "FEED_ADDRESS_IDS_FROM": Setting(day, dt.date.min.isoformat()),
    # Switches: "False" in quotes would count as on.
    "SAMPLE_CONTENT": Setting(true_or_false, False),
    "MINIFESTO_PDF_ATTACHMENTS": Setting(true_or_false, False),
    "PREVIEW_DRAFTS": Setting(true_or_false, False),
    "CONTENT_CHECK_ONLY": Setting(true_or_false, False),
    # The languages a post or page may be written in (its `language`), by tag, with the editor's names for them.
    "LANGUAGES": Setting(language_names, {"en-GB": "English"}),
    # Lists: a single text, unbracketed, would be read letter by letter.
    "PARTY_PROFILES": Setting(list_of(text, "a list of text"), []),
    "PLACEHOLDER_PATTERNS": Setting(list_of(pattern, "a list of patterns"), []),
    # The browser editor (plugins/cms): its folder of the site, how saves are published, the packages
    # it is copied from, the repository the paths in its configuration are relative to, and the git
    # host and repository it signs in to and saves to (no default: only the party knows its own).
    "CMS_SAVE_AS": Setting(site_folder, "admin/"),
    "CMS_PUBLISH_MODE": Setting(one_of("editorial_workflow", "simple"), "editorial_workflow"),
    "CMS_SVELTIA_PACKAGE": Setting(text, str(NODE_MODULES / "@sveltia/cms")),
    "CMS_YAML_BROWSER_DIST": Setting(text, str(NODE_MODULES / "yaml/browser/dist")),
    "CMS_REPO_ROOT": Setting(text, str(NODE_MODULES.parent)),
    "CMS_BACKEND": Setting(git_backend, REQUIRED, example=CMS_BACKEND_EXAMPLE),
}


def check_our_settings(settings: dict) -> None:
    """Give each of our settings that `settings` leave out its default;
    raise ContentProblems naming every one whose value is of the wrong
    kind, at its line of pelicanconf.py, and what to write instead."""
    log = ProblemLog()  # its own: the build's log is cleared when Pelican starts
    log.start_build(settings)
    settings_file = settings_file_of(settings)
    with answers_kept_in(settings.get("CACHE_PATH")):
        check_each_setting(settings, settings_file, log)
    log.raise_if_any()


def check_each_setting(settings: dict, settings_file: str, log: ProblemLog) -> None:
    for name, setting in OUR_SETTINGS.items():
        if name not in settings and setting.default is REQUIRED:
            log.add(settings_file, 1, name, "is not set",
                    f"set it in {os.path.basename(settings_file)}, e.g. {name} = {setting.example}")
            continue
        if name not in settings:
            settings[name] = copy.deepcopy(setting.default)
            continue
        refused = setting.check(settings[name], setting.default)
        if refused:
            log.add(*setting_place(settings, name), name, refused.message, refused.fix)


def our_setting(settings: dict, name: str) -> Any:
    """The setting `name`, or its default if `settings` leave it out: for
    settings no build has checked (a build's have every one filled in)."""
    return settings[name] if name in settings else OUR_SETTINGS[name].default
