"""`invoke new post|policy|councillor|event|branch|candidate "Title"`: a new file, ready to fill in.

The file gets today's date (Europe/London), a slug made from the title, the
next free policy number, and every other required field filled with a TODO
placeholder that the build refuses until it is replaced. The optional fields
follow as YAML comments with an example each (from the schema, like the
browser editor's hints): the volunteer deletes the '# ' to use one. An
example of a moment that must be to come (an embargo) is the next morning,
so that one uncommented as it is never publishes the item at once (the
build then asks for the date to be that moment too, with the line to write).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from pathlib import Path

import yaml

from sitecore.brand import brand_style
from sitecore.clock import build_time, next_morning
from sitecore.names import numbered_file_name, numbered_name, slug_for, windows_cannot_hold
from sitecore.print_fonts import describe_all, files_coverage, missing_characters
from sitecore.problems import UNPRINTABLE
from sitecore.schema.content_types import SCHEMAS_BY_PATH_SETTING
from sitecore.schema.document import parse_document
from sitecore.schema.field_errors import FieldError
from sitecore.schema.fields import site_address, title_line
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.schema.list_fields import list_of
from sitecore.schema.schema import PLACEHOLDER

TEMPLATES = {
    "post": """\
---
title: {title}
date: {today}
category: TODO choose one of {categories}
summary: TODO one or two plain sentences that sum the post up
{optional}---
TODO: write the post here, in Markdown. Use ## for subheadings.
""",
    "policy": """\
---
title: {title}
number: {number}
summary: TODO one sentence that sums the policy up
commitments:
  - TODO a concrete commitment, in one sentence
{optional}---
TODO: explain the policy here, in a few short paragraphs.
""",
    "councillor": """\
---
title: {title}
role: TODO e.g. Town councillor
joined: {today}
summary: TODO one sentence about the councillor
council: TODO e.g. Bury St Edmunds Town Council
ward: TODO e.g. St Olaves
region: TODO choose one of {regions}
previous_party: TODO e.g. Labour, or delete this line
{optional}---
TODO: write a short biography here.
""",
    "event": """\
---
title: {title}
start: TODO the day and time it starts, e.g. {today} 10:00
end: TODO the day and time it ends, e.g. {today} 16:00
summary: TODO one or two plain sentences about the event
category: TODO choose one of {event_categories}
place: TODO where it is, e.g. Friends Meeting House, Manchester, or delete this line for an event held online only
{optional}---
TODO: say what happens at the event and who it is for.
""",
    "branch": """\
---
title: {title}
summary: TODO one sentence about the branch and where its members are
region: TODO choose one of {regions}, or delete this line for a branch across the country
contact: TODO an email address or an https:// link
{optional}---
TODO: say what the branch does and how to get involved.
""",
    "candidate": """\
---
title: {title}
election: TODO choose one of {elections}
council: TODO e.g. Truro City Council
ward: TODO the ward or division
summary: TODO a short statement of why they are standing
{optional}---
TODO: in the candidate's own words, who they are and what they will do.
""",
}

FOLDER_SETTING = {"post": "ARTICLE_PATHS", "policy": "POLICY_PATHS", "councillor": "COUNCILLOR_PATHS",
                  "event": "EVENT_PATHS", "branch": "BRANCH_PATHS", "candidate": "CANDIDATE_PATHS"}
URL_SETTING = {"post": "ARTICLE_URL", "policy": "POLICY_URL", "councillor": "COUNCILLOR_URL",
               "event": "EVENT_URL", "branch": "BRANCH_URL", "candidate": "CANDIDATE_URL"}
OPTIONAL_HEADING = "# Optional: to use a field, delete the '# ' before it and write your own value.\n"


class ScaffoldError(Exception):
    pass


def in_words(kinds: list[str]) -> str:
    """post, policy … or candidate"""
    return f"{', '.join(kinds[:-1])} or {kinds[-1]}"


def new_file_slug(title: str) -> str:
    """The file name (without .md) for a title (sitecore.names.slug_for)."""
    slug = slug_for(title)
    if not slug:
        raise ScaffoldError(f'cannot make a file name from "{title}": use letters or digits in the title')
    return slug


def next_policy_number(folder: Path) -> int:
    numbers = [numbered[0] for path in folder.glob("*.md") if (numbered := numbered_name(path.stem))]
    return max(numbers, default=0) + 1


def title_refusal(title: str, settings: dict) -> str | None:
    """What the build would say of this title, said before the file is made
    (a file made only to be refused: an audit). The schema's own check, the
    placeholder and the share card's fonts; a title too long for the card
    the build tells, as it measures the card."""
    try:
        title_line(title, settings)
    except FieldError as refused:
        return f"the title {refused.message}: {refused.fix}"
    if title.startswith(PLACEHOLDER):
        return f"a title starting {PLACEHOLDER} is read as the placeholder every new file has: reword it"
    missing = missing_characters(title, files_coverage(brand_style(settings).bold_fonts))  # as card_checks reads it
    if missing:
        return (f"{describe_all(missing)} in the title cannot be drawn on its share card in the party's fonts: "
                "write it another way (in Latin letters, or in words), or leave it out")
    return None


def address_taken(folder: Path, kind: str, slug: str) -> Path | None:
    """A file of this kind that already has the address a new one would
    (a policy's 02-housing.md for a new policy "Housing": 11-housing.md)."""
    for path in sorted(folder.rglob("*.md")):
        numbered = numbered_name(path.stem) if kind == "policy" else None
        if (numbered[1] if numbered else path.stem) == slug:
            return path
    return None


def address_kept(folder: Path, address: str, settings: dict) -> Path | None:
    """A file of the folder that keeps `address` ("councillors/katie-parker/")
    in its old_addresses, read as the build reads them (the schema's
    list_of(site_address): a string is a list, /x/index.html is /x/): renamed
    from it, its old links lead there (an audit: `invoke new councillor
    "Katie Parker"` after katie-parker.md became katie-smith.md made a file
    the build then refused)."""
    read_as_the_build_does = list_of(site_address)
    largest = settings.get("CONTENT_FILE_MAX_KB", 256) * 1024
    for path in sorted(folder.rglob("*.md")):
        if path.is_symlink() or not path.is_file() or path.stat().st_size > largest:
            continue  # never read outside the repository, nor a file the build refuses for its size
        try:
            # utf-8-sig: read as the build reads it (a Notepad file starts with a byte-order mark).
            kept = read_as_the_build_does(parse_document(path.read_text(encoding="utf-8-sig")).values.get(
                "old_addresses") or [], settings)
        except (OSError, UnicodeDecodeError, FrontMatterError, FieldError):
            continue  # the build tells what is wrong with it
        if address.lower() in {old.lower() for old in kept}:
            return path
    return None


def new_content(kind: str, title: str, settings: dict, today: dt.date | None = None) -> Path:
    """Create the file; refuse to overwrite. Returns its path."""
    if kind not in TEMPLATES:
        raise ScaffoldError(f'"{kind}" is not something `invoke new` makes: use {in_words(list(TEMPLATES))}')
    title = title.strip()
    if not title:
        raise ScaffoldError("give a title, e.g. invoke new post \"Katie Parker joins Breakthrough\"")
    refused = title_refusal(title, settings)
    if refused:
        raise ScaffoldError(refused)
    today = today or build_time(settings).date()  # the build's clock: BUILD_TIME, if a test sets one
    folder = Path(settings["PATH"], settings[FOLDER_SETTING[kind]][0])
    slug = new_file_slug(title)
    number = next_policy_number(folder) if kind == "policy" else None
    name = numbered_file_name(number, slug) if number else f"{slug}.md"
    if windows_cannot_hold(name):  # 02-con.md is a policy's, and a name Windows holds
        raise ScaffoldError(f'a file named {name} could not be checked out on Windows, which keeps "{slug}" '
                            "for a device: add a word to the title")
    path = folder / name
    taken = address_taken(folder, kind, slug)
    if taken and taken != path:
        raise ScaffoldError(f"{shown(taken)} already has the address a {kind} called that would have: choose "
                            "another title, or edit that file")
    try:
        address = settings[URL_SETTING[kind]].format(slug=slug)
    except (KeyError, IndexError):  # an address of more than the slug ({date} …): the build checks it
        address = None
    kept = address and address_kept(Path(settings["PATH"]), address, settings)
    if kept:
        raise ScaffoldError(f"/{address} is an old address of {shown(kept)}, which was renamed from it, and its "
                            f"old links lead there: choose another title (e.g. add a year or a place)")
    template = TEMPLATES[kind]
    text = template.format(
        title=yaml_text(title), today=today.isoformat(), number=number,
        categories=", ".join(settings["POST_CATEGORIES"]), regions=", ".join(settings["REGIONS"]),
        event_categories=", ".join(settings["EVENT_CATEGORIES"]), elections=", ".join(settings["ELECTIONS"]),
        optional=optional_fields(kind, template, today),
    )
    try:
        write_new_file(path, text)
    except FileExistsError:
        raise ScaffoldError(f"{shown(path)} already exists: choose another title, or edit that file") from None
    except OSError as error:  # a folder that may not be written to, or a file in its place: it was a traceback
        raise ScaffoldError(f"{shown(path)} could not be written ({error.strerror}): check that {shown(folder)} "
                            "is a folder you may change files in") from None
    return path


def write_new_file(path: Path, text: str) -> None:
    """Write a file that must not exist yet (FileExistsError if it does),
    whole or not at all: one cut short (a full disk) is removed, or the
    next try would be told it already exists (a review)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where the folder goes: not "the file exists"
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path.parent)) from None
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        try:
            handle.write(text)
            handle.flush()
        except BaseException:
            path.unlink()
            raise


def shown(path: Path) -> str:
    """A path as a volunteer reads it: from the folder they are in
    (content/posts/x.md), its control characters escaped as the build's
    problems escape them (a name holding ESC or a newline rewrote the
    terminal's line: an audit)."""
    path_shown = os.path.relpath(path) if path.absolute().is_relative_to(Path.cwd()) else str(path)
    return UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], path_shown)


def optional_fields(kind: str, template: str, today: dt.date) -> str:
    """The schema's optional fields that the template leaves out, as YAML
    comments with the schema's example: '# tags: [councillors, nhs]' (a
    moment to come, the morning after `today`: '# embargo: … 09:00')."""
    schema = SCHEMAS_BY_PATH_SETTING[FOLDER_SETTING[kind]]
    companions = dict(schema.requires)
    in_template = set(re.findall(r"^(\w+):", template, re.M))
    lines = []
    for field in schema.fields:
        if field.required or field.name in in_template or not field.in_new_files:
            continue
        companion = f"   # needs {companions[field.name]} too" if field.name in companions else ""
        inner = getattr(field.check, "item_fields", None)
        if inner:
            lines.append(f"# {field.name}:\n" + entry_example(inner))
        else:
            example = next_morning(today) if field.example_ahead else field.example
            lines.append(f"# {field.name}: {example}{companion}\n")
    return OPTIONAL_HEADING + "".join(lines) if lines else ""


def entry_example(fields) -> str:
    """One entry of a list of objects (a policy's Easy Read line), as
    commented YAML with each field's example."""
    return "".join(f"#   {'- ' if place == 0 else '  '}{field.name}: {field.example}\n"
                   for place, field in enumerate(fields))


def yaml_text(value: str) -> str:
    """Quote a title whenever YAML would not read it back as this same text
    ('Vote: yes', 'No', '2022', '[draft]' …)."""
    try:
        plain = yaml.safe_load(value) == value and "#" not in value and not value.startswith(("-", "?"))
    except yaml.YAMLError:
        plain = False
    if plain:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
