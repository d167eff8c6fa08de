"""Sample content: the launch site's words the party has still to replace.

An item marked `sample:` (the note says what is to be replaced) shows that
note first on its page (theme/templates/partials/sample_note.html). While
SAMPLE_CONTENT is on and any published item is marked, every page and the
minifesto's cover carry a banner: the templates read `sample_content_shown`.
With SAMPLE_CONTENT off, an item still marked is a content problem: turning
the switch off says the site holds no sample content, and the build holds
the party to it.

A production build (REFUSE_PLACEHOLDERS in publishconf.py) also refuses the
imprint and the press contacts while they hold a placeholder
(PLACEHOLDER_PATTERNS): the law wants the real promoter and address on
every page, and journalists need numbers that ring someone.
"""

from __future__ import annotations

import re

from pelican import signals

from sitecore.content_items import content_items
from sitecore.problems import problem_log
from sitecore.schema.document import front_matter_end
from sitecore.settings_check import our_setting
from sitecore.settings_file import file_setting, line_holding

SAMPLE_FIX = ("replace the sample wording, then delete the sample: line "
              "(or set SAMPLE_CONTENT = True in pelicanconf.py while sample content remains)")


def is_published(item) -> bool:
    return getattr(item, "status", "published") != "draft"


def mark_sample_content(generators) -> None:
    settings, context = generators[0].settings, generators[0].context
    marked = [item for item in content_items(generators) if getattr(item, "sample", None)]
    if not settings.get("SAMPLE_CONTENT"):
        for item in marked:
            problem_log.add(item.source_path, getattr(item, "frontmatter_lines", {}).get("sample", 1), "sample",
                            "marks this as sample content, and SAMPLE_CONTENT is off", SAMPLE_FIX)
    context["sample_content_shown"] = bool(settings.get("SAMPLE_CONTENT")) and any(map(is_published, marked))


def placeholders_in(text: str, patterns: list[re.Pattern]) -> list[str]:
    return [found.group(0) for pattern in patterns for found in pattern.finditer(text)]


def refuse_placeholders(generators) -> None:
    """In a production build: the imprint (in the settings file) and the
    press office file hold no placeholder, each reported at its line."""
    settings = generators[0].settings
    if not settings.get("REFUSE_PLACEHOLDERS"):
        return
    patterns = [re.compile(pattern) for pattern in our_setting(settings, "PLACEHOLDER_PATTERNS")]
    settings_file = file_setting(settings, "IMPRINT")
    for value in (settings.get("IMPRINT") or {}).values():
        for found in placeholders_in(str(value), patterns):
            problem_log.add(settings_file, line_holding(settings_file, found), "IMPRINT",
                            f'"{found}" is a placeholder, and a published site must carry the real imprint',
                            "write the promoter's real name and postal address in IMPRINT (Elections Act 2022)")
    press_office = generators[0].context.get("press_office")
    if press_office is not None:
        report_placeholders_in_file(press_office.source_path, patterns)


def report_placeholders_in_file(path: str, patterns: list[re.Pattern]) -> None:
    """Every placeholder in the file's published lines: its front matter's
    values (a '#' comment there is not published) and its text (where a '#'
    line is a heading, which is)."""
    with open(path, encoding="utf-8-sig") as handle:
        lines = handle.readlines()
    closing = front_matter_end(lines)
    for index, line in enumerate(lines):
        in_front_matter = closing is not None and index < closing
        if in_front_matter and line.lstrip().startswith("#"):
            continue
        for found in placeholders_in(line, patterns):
            key = line.split(":", 1)[0].strip(" -") if in_front_matter and ":" in line else "(text)"
            problem_log.add(path, index + 1, key, f'"{found}" is a placeholder, not a real contact',
                            "write the press office's real details before publishing")


def register() -> None:
    signals.all_generators_finalized.connect(mark_sample_content)
    signals.all_generators_finalized.connect(refuse_placeholders)
