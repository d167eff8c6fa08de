"""Front matter fields: the Field class, and the field types of one value each.

Each field type checks one value (text, a number, a date, a choice, a slug,
an address, a contact) and converts it to what the templates use. A bad
value raises FieldError (field_errors.py); the types whose value is a list
are in list_fields.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

from pelican.utils import SafeDatetime

from sitecore.clock import as_written, site_zone
from sitecore.typography import typographic

from .field_errors import FieldError, describe
from .yaml_slips import in_quotes, site_link_in_front_matter, starts_with_curly_quote, without_curly_quotes

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A slug is a file name and part of every address made from it; file
# systems refuse names over 255 bytes, and people cannot read one that long.
SLUG_MAX_LENGTH = 80
# Dates outside these years are typing mistakes (and year 1 with a time
# zone cannot even be converted to UK time).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# An email address as the HTML standard's <input type=email> takes one (its
# "valid email address"), with a dot in the domain: no quote, bracket, colon
# or space (a "mailto:" written before it was published as mailto:mailto:).
# Letters with accents and Greek and Cyrillic letters too, which the
# standard's ASCII rule leaves to the browser to convert (josé@…, …@bücher.de);
# not × or ÷, nor invisible or spacing characters. Written with \u escapes,
# which both Python and the editor's JavaScript (no flags) read.
EMAIL_LETTERS = r"a-zA-Z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u052F"
EMAIL_LABEL = rf"[{EMAIL_LETTERS}](?:[{EMAIL_LETTERS}-]{{0,61}}[{EMAIL_LETTERS}])?"
EMAIL_PATTERN = re.compile(rf"^[{EMAIL_LETTERS}.!#$%&'*+/=?^_`{{|}}~-]+@{EMAIL_LABEL}(?:\.{EMAIL_LABEL})+$")
# Digits with the spaces, brackets and hyphens people write them with; an
# optional + for the country code. (Each is allowed in a tel: link.)
PHONE_PATTERN = re.compile(r"^\+?[0-9(][0-9 ()-]*[0-9]$")
PHONE_DIGITS = (7, 15)  # a UK number has 10 or 11; the longest in the world, 15
# A page of another site: https://, a dot in the name, no space, quote or bracket.
HTTPS_LINK_PATTERN = re.compile(r"^https://[^\s<>\"']+\.[^\s<>\"']+$")
# What plain text may not hold, as regular expressions the browser editor
# uses too: an HTML tag or comment ("<b", "</", "<!"), or a Markdown link.
# A "<" before a space or a digit is text: "class sizes < 30".
PLAIN_TEXT_REFUSED = (r"<[A-Za-z/!?]", r"\]\(")
# An address a page of this site had, as the browser's address bar shows it
# after the domain: /news/old-title/, /2021/old-page.html. Each part starts
# with a letter, a digit or "_", so none is "." or ".." (nothing outside the
# site) and none is hidden (.well-known); each is at most 100 characters (a
# file system refuses a name over 255 bytes), and no folder's name ends in
# .html (the build reads every *.html as a page); a page's only, ending "/"
# or .html; never the home page.
SITE_ADDRESS_PATTERN = re.compile(r"^(?!.*\.html?/)(?!/index\.html?$)/(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,99}/)*"
                                  r"(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\.html?)?$")
# Cloudflare Pages ignores a line of _redirects over 1,000 characters.
SITE_ADDRESS_MAX_LENGTH = 300


def widget(**spec):
    """Say which editor widget edits values of this type (plugins/cms maps it for Sveltia CMS)."""

    def attach(check):
        check.widget = spec
        return check

    return attach


@dataclass(frozen=True)
class Field:
    """One front matter field: its name, its type check, whether it is needed."""

    name: str
    check: Callable[[Any, dict], Any]
    required: bool = False
    example: str = ""
    # For fields that name other content: the folder setting of what they name.
    refers_to: str | None = None
    # Text shown to readers as written (titles, summaries, commitments): its
    # quotes and apostrophes are made typographic, as Markdown makes the
    # body's (sitecore/typography.py). Never a field Markdown reads, or one
    # that makes an address (an author's or a tag's page).
    typographic: bool = False
    # Listed, commented out, in the files `invoke new` makes: not a renamed
    # item's old addresses, which a new file never has.
    in_new_files: bool = True
    # A moment that must be to come when it is used (an embargo): in the
    # files `invoke new` makes, its example is the next morning, not
    # `example` (sitecore.clock.next_morning). A past moment, uncommented as
    # it is, would lift the embargo at once.
    example_ahead: bool = False
    # A `date` whose time of day matters, edited with it in the browser
    # editor (an embargo lifts at a minute; an event's `modified` numbers its
    # calendar entry's revisions in minutes); other dates are edited as days.
    with_time: bool = False

    def convert(self, value: Any, settings: dict) -> Any:
        converted = self.check(value, settings)
        if not self.typographic:
            return converted
        if isinstance(converted, list):
            return [typographic(item) if isinstance(item, str) else item for item in converted]
        return typographic(converted) if isinstance(converted, str) else converted


# --- Field type checks: (value, settings) -> converted value ------------------


def any_text(value: Any, settings: dict) -> str:
    """Text of one line or several, not empty, with its spaces at either end removed."""
    if isinstance(value, dict) and len(value) == 1:
        raise text_with_a_colon(*next(iter(value.items())))
    if value is None:  # "image_alt:" with nothing after it, as "summary: " is
        raise FieldError("is empty", "write the text after the colon")
    if isinstance(value, (dict, list)):
        what = "a list" if isinstance(value, list) else "fields of its own"
        raise FieldError(f"is {what}, where its text belongs",
                         "write the text on the same line after the colon (no [ ] around it, no '- ' before it)")
    if isinstance(value, bool):
        # YAML reads a bare yes/no/on/off/true/false as true or false.
        raise FieldError("YAML read this as true or false, not as text",
                         'put the word in quotes, as written: "Yes", "No", "On" or "Off"')
    value = str(value).strip()
    if not value:
        raise FieldError("is empty", "write the text after the colon")
    return value


def text_with_a_colon(name: Any, value: Any) -> FieldError:
    """`- Cap rents: no more than 30% of income.`: YAML reads a field named
    "Cap rents" (as it would `- name: Sam` in a list of contacts)."""
    problem = 'YAML read this as a field and its value because of the ": " in it'
    if not isinstance(name, str) or not isinstance(value, (str, type(None))):
        # YAML made the words something else (yes true, 2022 a number: the
        # loader keeps only numbers as a person writes one, 19:30 and 010
        # stay text): quoting what it read would not be what was written.
        return FieldError(problem, "put the whole text in quotes, as you wrote it")
    written = f"{name}: {'' if value is None else value}".strip()
    if starts_with_curly_quote(written):
        problem += f" (its curly quote {written[0]} does not count as a quote in the front matter)"
    return FieldError(problem, f"put the whole text in quotes: {in_quotes(without_curly_quotes(written))}")


def one_line(value: Any, settings: dict) -> str:
    """Text on one line: what every field of one line (a title, a link, an
    address, a summary) is made of."""
    value = any_text(value, settings)
    if "\n" in value or "\r" in value:
        # `title: |` (or `>` with a blank line) keeps line breaks, which a
        # title, a summary or a name cannot show: <title>, og: tags, the
        # calendar file and minifesto.txt broke them, or broke on them.
        raise FieldError("is on more than one line",
                         "write it on one line after the colon (a | or > after the colon starts several lines)")
    return value


# A name, a role, a credit or a place is a line, not a paragraph: a photo
# credit of 400 words was published under its photo on every page that shows
# it. Far above any real one (the launch content's longest is 61).
TEXT_MAX_CHARACTERS = 200


@widget(widget="string")
def text(value: Any, settings: dict) -> str:
    """One line of text: a name, a role, a credit."""
    value = one_line(value, settings)
    if len(value) > TEXT_MAX_CHARACTERS:
        raise FieldError(f"has {len(value)} characters: a name, role, credit or place is one line, "
                         f"at most {TEXT_MAX_CHARACTERS}",
                         f"shorten it to {TEXT_MAX_CHARACTERS} characters or fewer; the detail belongs in the "
                         "text below the front matter")
    return value


text.max_characters = TEXT_MAX_CHARACTERS  # the editor's form rule reads it (plugins/cms)


@widget(widget="string")
def title_line(value: Any, settings: dict) -> str:
    """A title: one line. How long it may be is measured on the item's share
    card (plugins/sharecards: whole, in the party's fonts, about 180
    characters, fewer beside a photo), which says how much to cut; a count
    of characters here would refuse first and say less."""
    return one_line(value, settings)


@widget(widget="markdown")
def markdown_text(value: Any, settings: dict) -> str:
    """A few lines of Markdown (the minifesto's closing call), checked like a
    body by the content checks."""
    return any_text(value, settings)


def plain_line(value: Any, settings: dict) -> str:
    """Text on one line with no Markdown and no HTML: what summaries, alt
    texts, Easy Read lines and notes are made of."""
    value = one_line(value, settings)
    if any(re.search(refused, value) for refused in PLAIN_TEXT_REFUSED):
        raise FieldError(
            "contains HTML or a Markdown link",
            "write plain text here; links belong in the body",
        )
    return value


# A note, a caption, a short biography, an event's address or access
# details: a few sentences, shown whole wherever the item is. Summaries and
# Easy Read lines have limits of their own (below).
PLAIN_TEXT_MAX_WORDS = 100


# What separates words, as the editor's form counts them (JavaScript's \s):
# Python's str.split() also, but for U+FEFF, an invisible space Word and
# some web pages paste, which \s matches and str.split() does not.
WORD_SEPARATORS = re.compile(r"[\s\ufeff]+")


def word_count(text: str) -> int:
    return sum(1 for word in WORD_SEPARATORS.split(text) if word)


# The most characters a text of `max_words` words may have: a text without
# spaces (a pasted address, Chinese) was one "word" of any length, and a
# summary of 5,000 letters was published whole on every list (a fuzz audit).
# English words average under 6 letters; 12 leaves room for long words.
CHARACTERS_A_WORD = 12


def most_characters(max_words: int) -> int:
    return max_words * CHARACTERS_A_WORD


def words_at_most(value: str, max_words: int, problem: str, fix: str) -> str:
    words = word_count(value)
    if words > max_words:
        raise FieldError(f"has {words} words: {problem}", fix)
    if len(value) > most_characters(max_words):
        raise FieldError(f"has {len(value):,} characters: more than a text of at most {max_words} words may have "
                         f"({most_characters(max_words):,})",
                         "cut it: a text without spaces (a pasted address, Chinese) is counted by its characters")
    return value


@widget(widget="text")
def plain_text(value: Any, settings: dict) -> str:
    """A few sentences of plain text shown in pages and listings: no
    Markdown, no HTML."""
    return words_at_most(plain_line(value, settings), PLAIN_TEXT_MAX_WORDS,
                         f"this is a few sentences of plain text, at most {PLAIN_TEXT_MAX_WORDS} words",
                         f"cut it to at most {PLAIN_TEXT_MAX_WORDS} words; the detail belongs in the text below "
                         "the front matter")


plain_text.max_words = PLAIN_TEXT_MAX_WORDS  # the editor's form rule reads it (plugins/cms)


def any_case(word: str) -> str:
    """`word` in any capitals, as a pattern without flags ([Zz][Oo][Oo][Mm]):
    the editor's form tests a field's pattern with none (plugins/cms)."""
    return "".join(f"[{letter.upper()}{letter.lower()}]" if letter.isalpha() else re.escape(letter)
                   for letter in word)


# What people write as an event's place when it has none: the words of a
# meeting held online ("Online", "Zoom", "Microsoft Teams", "Online only",
# "Virtual event", "Online (Zoom)."), and nothing else but punctuation. The
# page would say the event is held at a place called "Online". The same
# pattern in Python and in the editor's form: letters in any capitals as
# classes, words bounded by [A-Za-z] (\b is Unicode's in Python, ASCII's
# in JavaScript).
ONLINE_WORDS = ("online", "virtual", "zoom", "teams", "meet", "webinar", "video")
WORDS_WITH_THEM = ("only", "microsoft", "google", "event", "meeting", "call", "via", "on")
PUNCTUATION = r"[\s.,:;!?()/&+…-]"
ONLINE_ONLY = re.compile(
    rf"^(?=[\s\S]*?(?<![A-Za-z])(?:{'|'.join(map(any_case, ONLINE_WORDS))})(?![A-Za-z])){PUNCTUATION}*"
    rf"(?:{'|'.join(map(any_case, ONLINE_WORDS + WORDS_WITH_THEM))})(?![A-Za-z])"
    rf"(?:{PUNCTUATION}+(?:{'|'.join(map(any_case, ONLINE_WORDS + WORDS_WITH_THEM))})(?![A-Za-z]))*{PUNCTUATION}*$")


@widget(widget="string")
def place(value: Any, settings: dict) -> str:
    """Where an event is held: a place, not the words of one held online."""
    value = text(value, settings)
    if ONLINE_ONLY.match(value):
        raise FieldError(f"{describe(value)} is not a place: an event held online gives its link as "
                         "'online: https://…' (and no place)",
                         "delete the place line; if the file has no online line, add one with the link people "
                         "join by")
    return value


# Alt text that says nothing of the picture: its file's name (IMG_2034.JPG,
# rally.jpg, what some phones and editors fill in) or a word for a picture.
# A screen reader reads it aloud in place of the picture (WCAG 1.1.1).
NO_DESCRIPTION_WORDS = ("image", "photo", "photograph", "picture", "pic", "img", "graphic", "screenshot", "alt",
                        "alt text")
PICTURE_FILE_SUFFIXES = ("jpg", "jpeg", "png", "gif", "webp", "avif", "heic", "tif", "tiff")
# One pattern for the build and the editor's form (plugins/cms/form_patterns.py),
# its letters in any capitals: the form's has no flags.
NO_DESCRIPTION_PATTERN = (rf"(?:(?:{any_case('an ')}|{any_case('a ')})?"
                          rf"(?:{'|'.join(map(any_case, NO_DESCRIPTION_WORDS))})|{any_case('img')}_?[0-9]+"
                          rf"|[A-Za-z0-9_.-]+\.(?:{'|'.join(map(any_case, PICTURE_FILE_SUFFIXES))}))\.?")
NO_DESCRIPTION = re.compile(rf"^{NO_DESCRIPTION_PATTERN}$")


def describes_nothing(words: str) -> bool:
    return bool(NO_DESCRIPTION.match(words.strip()))


NO_DESCRIPTION_FIX = ("describe what the picture shows for someone who cannot see it, "
                      "e.g. Members marching with a banner")


@widget(widget="text")  # a textarea, as for plain_text: a description can be long
def alt_text(value: Any, settings: dict) -> str:
    """A picture's text for people who cannot see it: plain text that
    describes it, not its file's name."""
    value = plain_text(value, settings)
    if describes_nothing(value):
        raise FieldError(f"{describe(value)} says nothing of what the picture shows", NO_DESCRIPTION_FIX)
    return value


alt_text.max_words = PLAIN_TEXT_MAX_WORDS  # as plain_text's: the editor's form rule reads it


def summary_of_at_most(max_words: int) -> Callable[[Any, dict], str]:
    """Plain text of at most `max_words` words: a summary. It shows under the
    title on every list the item is on, in search engines' results and where
    a link is shared, so a paragraph pasted in makes every list it is on a
    wall of text, which search engines and platforms then cut mid-word."""

    @widget(widget="text")
    def check(value: Any, settings: dict) -> str:
        return words_at_most(plain_line(value, settings), max_words,
                             "a summary is one or two sentences, shown under the title in every list, in search "
                             "results and where the link is shared",
                             f"cut it to at most {max_words} words; the detail belongs in the text below")

    check.max_words = max_words  # the editor's form rule reads it (plugins/cms)
    return check


# Two long sentences. The launch content's longest summary has 30 words.
SUMMARY = summary_of_at_most(60)


def short_sentence(max_words: int) -> Callable[[Any, dict], str]:
    """Plain text of at most `max_words` words: an Easy Read line."""

    @widget(widget="string")
    def check(value: Any, settings: dict) -> str:
        return words_at_most(plain_line(value, settings), max_words,
                             f"an Easy Read line says one thing in at most {max_words}",
                             "split it into two lines, each one short sentence")

    check.max_words = max_words  # the editor's form rule reads it (plugins/cms)
    return check


def integer_between(low: int, high: int) -> Callable[[Any, dict], int]:
    @widget(widget="number", value_type="int", min=low, max=high)
    def check(value: Any, settings: dict) -> int:
        if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
            value = int(value)  # "08", as in the file name 08-….md (not "①", a digit to isdigit())
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(
                f"{describe(value)} is not a whole number",
                f"write a number from {low} to {high} in digits alone, without commas, spaces or quotes",
            )
        if not low <= value <= high:
            raise FieldError(f"{value} is out of range", f"use a number from {low} to {high}")
        return value

    return check


@widget(widget="datetime", format="YYYY-MM-DD HH:mm", date_format="YYYY-MM-DD", time_format="HH:mm")
def date(value: Any, settings: dict) -> SafeDatetime:
    """A date or a date and time, in the site's time zone (Europe/London)."""
    return moment_in_zone(value, settings)


def moment_in_zone(value: Any, settings: dict, needs_time: bool = False) -> SafeDatetime:
    """`date`'s reading of `value`; with `needs_time`, for a field that
    takes only a date and time (its "is not a date and time" says so)."""
    parsed = value
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            parsed = None
    if isinstance(parsed, dt.datetime):
        moment = parsed
    elif isinstance(parsed, dt.date):
        moment = dt.datetime(parsed.year, parsed.month, parsed.day)
    else:
        raise not_a_date(value, needs_time)
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise FieldError(f"{describe(value)} is not a date the site can use",
                         f"use a year from {EARLIEST_YEAR} to {LATEST_YEAR}, e.g. 2021-11-24")
    zone = site_zone(settings)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
        on_the_clock = moment.astimezone(dt.timezone.utc).astimezone(zone)
        if (on_the_clock.hour, on_the_clock.minute) != (moment.hour, moment.minute):
            # 01:30 on the night the clocks go forward: no clock shows it.
            raise FieldError(f"{describe(value)} is a time the clocks skip: they go forward an hour that night",
                             f"write the time as the clocks will show it: {as_written(on_the_clock)}")
    else:
        moment = moment.astimezone(zone)
    # fold says which of the two 01:30s of the night the clocks go back is
    # meant: keep it, or an embargo given in UTC lifts an hour early.
    return SafeDatetime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute,
        moment.second, tzinfo=moment.tzinfo, fold=moment.fold,
    )


TIME_OF_DAY = re.compile(r"[0-9]{1,2}:[0-9]{2}")
WRITTEN_DATE = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})(?:[ T]+(?P<time>.+))?$")
TIME_WRITTEN = re.compile(r"^(?P<hour>[0-9]{1,2})(?:[.:h]?(?P<minute>[0-9]{2}))?\s*(?P<half>[ap]\.?m\.?)?$",
                          re.IGNORECASE)
DATE_FORMS = "write it as YYYY-MM-DD (e.g. 2021-11-24) or YYYY-MM-DD HH:MM (e.g. 2021-11-24 09:30)"
DATE_AND_TIME_FORM = "write it as YYYY-MM-DD HH:MM, on the 24-hour clock (e.g. 2022-06-01 19:00)"


def on_the_24_hour_clock(written: str) -> str | None:
    """A time of day as people write it (19.00, 7pm, 7:30 p.m., 1930) as
    HH:MM; None if it is no time."""
    time = TIME_WRITTEN.match(written.strip())
    if not time:
        return None
    hour, minute = int(time["hour"]), int(time["minute"] or 0)
    if time["half"]:
        hour = hour % 12 + (12 if time["half"].lower().startswith("p") else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def written_date(value: Any) -> re.Match | None:
    """`value` read as a date, a time perhaps after it, however written. A
    date and time is at most about 25 characters: a longer value is no slip
    of one (and the pattern would backtrack over 60,000 spaces)."""
    return WRITTEN_DATE.match(value.strip()) if isinstance(value, str) and len(value.strip()) <= 40 else None


def not_a_date(value: Any, needs_time: bool = False) -> FieldError:
    what, fix = date_slip(value, needs_time)
    noun = "a date and time" if needs_time else "a date"
    return FieldError(f"{describe(value)} is not {noun}" + (f": {what}" if what else ""), fix)


def date_slip(value: Any, needs_time: bool = False) -> tuple[str, str]:
    """(what is wrong, the fix) for a date that does not read: the day the
    month does not have, or the time written otherwise than HH:MM, with the
    date to write; else the forms a date takes."""
    found = written_date(value)
    if not found:
        return date_written_another_way(value, needs_time) or ("", DATE_AND_TIME_FORM if needs_time else DATE_FORMS)
    year, month, day = int(found["year"]), int(found["month"]), int(found["day"])
    if year == 0:
        return ("", DATE_AND_TIME_FORM if needs_time else DATE_FORMS)
    if not 1 <= month <= 12:
        return (f"there is no month {month}", f"write the month as 01 to 12: {year}-MM-{day:02d}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (f"{calendar.month_name[month]} {year} has {days} days",
                f"check the day: {year}-{month:02d}-01 to {year}-{month:02d}-{days}")
    when = f"{year}-{month:02d}-{day:02d}"
    short = len(found["month"]) < 2 or len(found["day"]) < 2
    clock = on_the_24_hour_clock(found["time"]) if found["time"] else None
    if clock is not None:
        moment = f"{when} {clock}"
        if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", found["time"].strip()):
            return ("the time is written otherwise than HH:MM",
                    f"write it on the 24-hour clock, hours and minutes with a colon: {moment}")
        if short:
            return ("the month and day need two digits each", f"write it as {moment}")
        return ("the date and the time have more than one space between them", f"write it as {moment}")
    if found["time"]:
        return ("its time does not read", DATE_AND_TIME_FORM)
    return ("the month and day need two digits each", f"write it as {when}")


# Dates as people write them: 28/11/2021, 28-11-21, 2021/11/28; 28 November
# 2021, 28th Nov 2021, November 28, 2021; each perhaps with a time after it.
NUMBERS_DATE = re.compile(r"^(?P<first>[0-9]{1,4})(?P<mark>[/.-])(?P<second>[0-9]{1,2})(?P=mark)(?P<third>[0-9]{2,4})"
                          r"(?:[ T,]+(?:at[ \t]+)?(?P<time>\S.*))?$")
WORDS_DATE = re.compile(r"^(?:(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?[ \t]+(?P<month>[A-Za-z]+)\.?"
                        r"|(?P<month_first>[A-Za-z]+)\.?[ \t]+(?P<day_after>[0-9]{1,2})(?:st|nd|rd|th)?),?[ \t]+"
                        r"(?P<year>[0-9]{4})(?:[ T,]+(?:at[ \t]+)?(?P<time>\S.*))?$", re.IGNORECASE)
MONTHS_BY_NAME = {name.lower(): number for number in range(1, 13)
                  for name in (calendar.month_name[number], calendar.month_abbr[number])} | {"sept": 9}


def date_written_another_way(value: Any, needs_time: bool = False) -> tuple[str, str] | None:
    """(what is wrong, the fix with the date to write) for a date written
    as people write them (28/11/2021, 28 November 2021), read the UK way,
    day first; None if it reads as no date. A day and month that could be
    either way round (3/4/2022) are read day first, and the fix says so."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    text, other = value.strip(), None
    numbers, words = NUMBERS_DATE.match(text), WORDS_DATE.match(text)
    if numbers and len(numbers["first"]) == 4:
        year, month, day = int(numbers["first"]), int(numbers["second"]), int(numbers["third"])
        what = f"its parts are separated by \"{numbers['mark']}\", not hyphens"
    elif numbers and len(numbers["first"]) <= 2 and len(numbers["third"]) in (2, 4):
        day, month, year = int(numbers["first"]), int(numbers["second"]), int(numbers["third"])
        year += 2000 if year < 100 else 0
        what = "it is written day first"
        if month > 12 >= day:
            day, month, what = month, day, "it is written month first"
        elif day != month and max(day, month) <= 12:
            other = (year, day, month)  # 3/4/2022: the 3rd of April in the UK, 4 March in the US
    elif words and MONTHS_BY_NAME.get((words["month"] or words["month_first"]).lower()):
        month = MONTHS_BY_NAME[(words["month"] or words["month_first"]).lower()]
        year, day = int(words["year"]), int(words["day"] or words["day_after"])
        what = "its month is written in words"
    else:
        return None
    if not (EARLIEST_YEAR <= year <= LATEST_YEAR and 1 <= month <= 12
            and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    when = f"{year}-{month:02d}-{day:02d}"
    time_written = (numbers or words)["time"]
    if time_written:
        clock = on_the_24_hour_clock(time_written)
        if clock is None:
            return None
        when += f" {clock}"
    elif needs_time:
        return what, f"write it as {when} and the time, on the 24-hour clock, e.g. {when} 19:00"
    fix = f"write it as {when} ({'YYYY-MM-DD HH:MM' if time_written else 'YYYY-MM-DD'})"
    if other is not None:
        fix += (f", read the UK way: {day} {calendar.month_name[month]}; for {other[2]} "
                f"{calendar.month_name[other[1]]}, write {other[0]}-{other[1]:02d}-{other[2]:02d}{when[10:]}")
    return what, fix


@widget(widget="datetime", format="YYYY-MM-DD HH:mm", date_format="YYYY-MM-DD", time_format="HH:mm")
def date_and_time(value: Any, settings: dict) -> SafeDatetime:
    """A date with its time of day (an event's start and end): a date alone
    would be midnight, and a one-day event would end as it began."""
    moment = moment_in_zone(value, settings, needs_time=True)  # "is not a date and time" first
    if not (isinstance(value, dt.datetime) or (isinstance(value, str) and TIME_OF_DAY.search(value))):
        written = written_date(value)
        if written and written["time"]:  # "19.00" or "1900", which Python reads as a time
            raise not_a_date(value, needs_time=True)
        raise FieldError(f"{describe(value)} has no time of day",
                         "write the date and the time, e.g. 2022-06-01 10:00 (UK time)")
    return moment


def one_of_setting(setting: str) -> Callable[[Any, dict], str]:
    """A value from a list (or the keys of a dict) in pelicanconf.py."""

    @widget(widget="select", options_setting=setting)
    def check(value: Any, settings: dict) -> str:
        allowed = list(settings.get(setting) or [])
        if not isinstance(value, str) or value not in allowed:
            raise FieldError(
                f"{describe(value)} is not one of the allowed values",
                "use one of: " + ", ".join(allowed) + f" (the list is {setting} in pelicanconf.py)",
            )
        return value

    return check


def choice(*allowed: str, elsewhere: dict[str, str] | None = None) -> Callable[[Any, dict], str]:
    """One of `allowed`. `elsewhere`: values that belong in another field
    (an event's `status: cancelled`), with the line to write instead."""

    @widget(widget="select", options=list(allowed))
    def check(value: Any, settings: dict) -> str:
        if value not in allowed:
            instead = (elsewhere or {}).get(value) if isinstance(value, str) else None
            raise FieldError(
                f"{describe(value)} is not allowed here",
                "use one of: " + ", ".join(allowed) + (f"; {instead}" if instead else ""),
            )
        return value

    return check


@widget(widget="string")
def slug(value: Any, settings: dict) -> str:
    """An item named by its file name (policies: [housing]): "Katie Parker"
    or "NHS", a name as people write it, gets the file name it would be."""
    if not isinstance(value, str) or not SLUG_PATTERN.match(value):
        # Letters without their accents, as file names are made ("Siân" -> sian).
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode() \
            if isinstance(value, str) else ""
        written = "-".join(re.findall(r"[a-z0-9]+", plain.lower()))
        raise FieldError(
            f"{describe(value)} is not a file name",
            "use the file name without '.md' (lower-case letters, digits and hyphens)"
            + (f", e.g. {written}" if written and SLUG_PATTERN.match(written) else ""),
        )
    return value


@widget(widget="string")
def site_address(value: Any, settings: dict) -> str:
    """An earlier address of a page of this site, kept relative to the
    site's root as an item's own URL is ("news/old-title/")."""
    value = one_line(value, settings)
    if value.lower().startswith(("http://", "https://")):
        raise FieldError(f"{describe(value)} is a whole web address",
                         "write only the part after the domain, starting with /, e.g. /news/old-title/")
    if not SITE_ADDRESS_PATTERN.match(value) or value == "/" or len(value) > SITE_ADDRESS_MAX_LENGTH:
        raise FieldError(f"{describe(value)} is not the address of a page of this site",
                         "write the part after the domain, starting with / and ending with / (or .html), "
                         "e.g. /news/old-title/")
    # /news/x/index.html is the file that answers at /news/x/: one address.
    return re.sub(r"(^|/)index\.html$", r"\1", value.removeprefix("/"))


@widget(widget="string")
def https_link(value: Any, settings: dict) -> str:
    """A web address starting https:// (a page of another site)."""
    value = one_line(value, settings)
    if not HTTPS_LINK_PATTERN.match(value):
        raise FieldError(f"{describe(value)} is not a web address starting https://",
                         "copy the whole address from the browser, e.g. https://example.org/page")
    return value


def not_a_mailto_link(value: str) -> None:
    """The site makes an address a link itself: "mailto:" written before it
    is refused with the address alone as the fix."""
    if value[:7].lower() == "mailto:":
        raise FieldError(f"{describe(value)} starts with mailto:, which the site adds itself",
                         f"write the address alone: {value[7:].strip()}")


@widget(widget="string")
def contact(value: Any, settings: dict) -> str:
    """An email address or an https:// link."""
    value = one_line(value, settings)
    if EMAIL_PATTERN.match(value) or HTTPS_LINK_PATTERN.match(value):  # as the editor's form decides
        return value
    not_a_mailto_link(value)
    raise FieldError(
        f"{describe(value)} is neither an email address nor an https:// link",
        "write an email address (name@example.org) or a link starting https://",
    )


@widget(widget="string")
def email(value: Any, settings: dict) -> str:
    value = one_line(value, settings)
    if not EMAIL_PATTERN.match(value):
        not_a_mailto_link(value)
        raise FieldError(f"{describe(value)} is not an email address",
                         "write the whole address, e.g. press@example.org")
    return value


# A date where a phone number goes, year first or day first (the editor's
# form refuses it too: no named groups, as JavaScript reads it). Only a date
# of this century or the last: 0800-12-34 56 is a number.
DAY, MONTH, YEAR = "(?:0?[1-9]|[12][0-9]|3[01])", "(?:0?[1-9]|1[0-2])", "(?:19|20)[0-9]{2}"
A_DATE = re.compile(rf"(?:{YEAR}-{MONTH}-{DAY}(?:[ T][0-9]{{1,2}}:[0-9]{{2}}.*)?|{DAY}-{MONTH}-{YEAR})$")


@widget(widget="string")
def phone(value: Any, settings: dict) -> str:
    """A phone number as people write it (020 7946 0123), kept as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads 2079460123 as a number (and would drop a leading 0).
        raise FieldError("YAML read this as a number, not as a phone number",
                         'put it in quotes, e.g. "020 7946 0123"')
    value = one_line(value, settings)
    digits = sum(character.isdigit() for character in value)
    low, high = PHONE_DIGITS
    if A_DATE.match(value):  # 2021-11-24 has 8 digits and hyphens, as a number may (a fuzz audit)
        raise FieldError(f"{describe(value)} is a date, not a phone number",
                         "write the number in digits, with spaces if you like, e.g. 020 7946 0123")
    if not PHONE_PATTERN.match(value) or not low <= digits <= high:
        raise FieldError(f"{describe(value)} is not a phone number",
                         "write the number in digits, with spaces if you like, e.g. 020 7946 0123 "
                         "(or +44 20 7946 0123)")
    return value


# A path of plain names (no "\\", ":" or spaces): one a fix may build on.
PLAIN_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)*")


@widget(widget="image")
def image_path(value: Any, settings: dict) -> str:
    # The browser editor writes /images/…; people write images/…: same file.
    value = one_line(value, settings)
    site_link = site_link_in_front_matter(value)
    if site_link:
        problem, path = site_link
        raise FieldError(problem, f"write the path from content/: {path}")
    forward = value.replace("\\", "/")
    if forward != value and PLAIN_PATH.fullmatch(forward.lstrip("/")):
        # Windows's way of writing a path, as its file manager shows one.
        raise FieldError(f"{describe(value)} has \\ between its folders, where the site needs /",
                         f"write it with /: {forward.lstrip('/')}")
    written, value = value, value.lstrip("/")
    a_file_name = not value.endswith("/") and ".." not in value.split("/")
    # (Not a path already from content/ whose own folders include an images/.)
    within = value.rpartition("/images/")[2] if "/images/" in value and not value.startswith("images/") else None
    if a_file_name and within and PLAIN_PATH.fullmatch(within):
        # As a file manager shows it, from the computer's own folders, content/ or static/.
        raise FieldError(f"{describe(written)} is written from another folder than content/",
                         f"write it from content/: images/{within}")
    if a_file_name and PLAIN_PATH.fullmatch(value) and value.lower().startswith("images/") \
            and not value.startswith("images/"):
        raise FieldError(f"{describe(written)} is not an image in content/images/",
                         f"write images/ in lower case: images/{value[len('images/'):]}")
    if a_file_name and PLAIN_PATH.fullmatch(value) and not value.lower().startswith(("images/", "content/")):
        raise FieldError(f"{describe(written)} is not an image in content/images/",
                         f"put the image in content/images/ and write its path from content/: images/{value}")
    if not value.startswith("images/") or not a_file_name:
        raise FieldError(
            f"{describe(value)} is not an image in content/images/",
            "put the image in content/images/ and write its path, e.g. images/councillors/name.jpg",
        )
    return value
