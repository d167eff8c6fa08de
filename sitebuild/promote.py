"""`invoke promote <slug>`: an elected candidate becomes a councillor.

It writes content/councillors/<slug>.md from the candidate's file (name,
council, ward, region, photo, their own words) with the role, and adds
`councillor: <slug>` to the candidate's file, so the candidacy and the
profile link both ways. The day they joined the party is not in the
candidate's file: it is left a TODO placeholder, which the build refuses
until the volunteer writes the real date. It refuses a candidate who was
not elected, and a person who already has a profile (a councillor
re-elected, or elected to a second council): one person, one profile. It
never overwrites a profile, and writes nothing when it refuses.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path

import yaml

from sitecore.clock import as_written, build_time, has_passed
from sitecore.output import write_atomically
from sitecore.problems import problems_of_one_file
from sitecore.schema.content_types import CANDIDATE
from sitecore.schema.document import closing_fence, parse_document
from sitecore.schema.fields import SLUG_PATTERN
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.schema.schema import PLACEHOLDER

from .scaffold import write_new_file

# The profile's `joined`: when they joined the party, which only they know.
JOINED_PLACEHOLDER = f"{PLACEHOLDER} the day they joined the party, e.g. 2021-11-24"


class PromoteError(Exception):
    pass


def promote(slug: str, settings: dict) -> Path:
    if not SLUG_PATTERN.fullmatch(slug):  # a name, never a path ("../pages/x")
        raise PromoteError(f'"{slug}" is not a candidate\'s file name: give the name of their file in '
                           'content/candidates/ without ".md", e.g. sam-example')
    content = Path(settings["PATH"])
    source = content / settings["CANDIDATE_PATHS"][0] / f"{slug}.md"
    if not source.is_file():
        folder = settings["CANDIDATE_PATHS"][0]
        names = sorted(path.stem for path in (content / folder).glob("*.md"))
        councillor = content / settings["COUNCILLOR_PATHS"][0] / f"{slug}.md"
        raise PromoteError(f"there is no candidate content/{folder}/{slug}.md"
                           + (f": {slug} is a councillor already" if councillor.is_file() else "")
                           + (f" (the candidates: {', '.join(names)})" if names else ""))
    # As written: a byte-order mark and Windows line ends are kept when the
    # file gets its `councillor:` line (utf-8, not utf-8-sig; no newline translation).
    try:
        written = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise PromoteError(f"{source.name} is not UTF-8 text: run `invoke check` to find the character") from None
    document, values = checked_candidate(source, written, settings)
    if values.get("result") != "elected":
        raise PromoteError(f"{values['title']} is not recorded as elected: add 'result: elected' to {source.name} first")
    refuse_before_the_embargo(source, values, settings)
    refuse_a_second_profile(source, values, settings)
    target = content / settings["COUNCILLOR_PATHS"][0] / f"{slug}.md"
    shown_target = f"content/{settings['COUNCILLOR_PATHS'][0]}/{slug}.md"
    front_matter = yaml.safe_dump(profile_fields(values, settings), sort_keys=False, allow_unicode=True, width=1000)
    try:
        write_new_file(target, f"---\n{front_matter}---\n{document.body.lstrip()}")
    except FileExistsError:
        raise PromoteError(f"{shown_target} already exists") from None
    except OSError as error:  # a folder that may not be written to: said, not a traceback
        raise PromoteError(f"{shown_target} could not be written ({error.strerror}): check that you may change "
                           "files in its folder") from None
    try:
        link_candidacy(source, written, slug)  # whole or not at all (write_atomically)
    except OSError as error:
        target.unlink()  # both files changed or neither: the profile alone would be a second, unlinked councillor
        raise PromoteError(f"content/{source.relative_to(content).as_posix()} could not be changed "
                           f"({error.strerror}): check that you may change it; it is as it was, and no profile "
                           "was made") from None
    return target


def checked_candidate(source: Path, written: str, settings: dict):
    """(document, values) of the candidate's file, or PromoteError with its
    problems: a file the build would refuse is not promoted."""
    text = written.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # as the build reads it
    try:
        document = parse_document(text)
    except FrontMatterError as error:
        problem = (error.line, error.field, error.message, error.fix)
        raise PromoteError(problem_lines([problem], source, settings)) from None
    problems: list[tuple[int, str, str, str]] = []
    values = CANDIDATE.validate(str(source), document, settings,
                                lambda path, line, key, message, fix: problems.append((line, key, message, fix)))
    if values is None:
        raise PromoteError(problem_lines(problems, source, settings))
    return document, values


def problem_lines(problems: list[tuple[int, str, str, str]], source: Path, settings: dict) -> str:
    """The candidate file's problems as the build prints them, a line each,
    each with its fix, after a line saying to mend them first."""
    shown = source.relative_to(Path(settings["PATH"]).parent)  # content/candidates/….md
    return ("mend the candidate's file first (`invoke check` lists every problem of it):\n"
            + problems_of_one_file(str(shown), problems))


def profile_fields(values: dict, settings: dict) -> dict:
    election = settings["ELECTIONS"][values["election"]]
    return {
        "title": values["title"],
        "role": "Councillor",
        # Not the polling day: that is when they were elected, not when they joined.
        "joined": JOINED_PLACEHOLDER,
        # The election's name is a heading's ("Local elections, 5 May 2022"):
        # in brackets, not mid-sentence after "at the".
        "summary": f"{values['title']} was elected for {values['ward']} on {values['council']} ({election['name']}).",
        "council": values["council"],
        "ward": values["ward"],
        **({"region": values["region"]} if values.get("region") else {}),
        **({"photo": values["photo"], "photo_alt": values["photo_alt"]} if values.get("photo") else {}),
        **({"sample": values["sample"]} if values.get("sample") else {}),
        # A draft candidate's profile is a draft too: published with them, not before.
        **({"status": values["status"]} if values.get("status") == "draft" else {}),
    }


def refuse_before_the_embargo(source: Path, values: dict, settings: dict) -> None:
    """A candidate under embargo (a result announced at a set moment):
    a profile has no embargo of its own, so written now it would publish
    their name and words at the next build, before the candidacy itself."""
    embargo = values.get("embargo")
    if embargo is not None and not has_passed(embargo, build_time(settings)):
        raise PromoteError(f"{values['title']} is under embargo until {as_written(embargo)} ({source.name}): a "
                           "councillor profile cannot wait for an embargo, so promote them once it has lifted")


def refuse_a_second_profile(source: Path, values: dict, settings: dict) -> None:
    """A councillor re-elected (the candidate names their profile), or one
    person elected to two councils (a profile has their name): the profile
    they have is brought up to date, never doubled."""
    folder = settings["COUNCILLOR_PATHS"][0]
    named = values.get("councillor")
    seat = (f"update its role, council and ward there (Councillor, {values['council']}, {values['ward']}) "
            "instead of making a second one")
    if named:
        raise PromoteError(f"{values['title']} already has a councillor profile, content/{folder}/{named}.md "
                           f"({source.name} names it): {seat}")
    same_name = profile_named(Path(settings["PATH"]) / folder, values["title"])
    if same_name is not None:
        raise PromoteError(f"{values['title']} already has a councillor profile, content/{folder}/{same_name.name}: "
                           f"{seat}, and add 'councillor: {same_name.stem}' to {source.name}")


def profile_named(folder: Path, name: str) -> Path | None:
    """The councillor profile whose title is `name` (letter case and spacing
    aside), if any."""
    wanted = " ".join(name.casefold().split())
    for path in sorted(folder.glob("*.md")):
        try:
            title = parse_document(path.read_text(encoding="utf-8-sig")).values.get("title")
        except (FrontMatterError, UnicodeDecodeError):
            continue  # a profile the build cannot read is reported by the build
        if isinstance(title, str) and " ".join(title.casefold().split()) == wanted:
            return path
    return None


def link_candidacy(source: Path, written: str, slug: str) -> None:
    """Add `councillor: <slug>` as the candidate file's last field, ending
    like the file's other lines; every other byte stays as it was."""
    lines = io.StringIO(written, newline="").readlines()  # split where the build does: \n, \r\n, \r
    closing = closing_fence(lines)
    line_end = lines[closing - 1][len(lines[closing - 1].rstrip("\r\n")):] or "\n"
    lines.insert(closing, f"councillor: {slug}{line_end}")
    # Through a temporary file: a write cut short (a full disk) emptied the
    # volunteer's file, and its words were lost (a review).
    write_atomically(source, "".join(lines).encode("utf-8"), mode=stat.S_IMODE(source.stat().st_mode))  # its own mode
