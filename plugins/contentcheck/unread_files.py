"""Pages written where the site never looks: each is said at its first line,
with the folder it belongs in.

Pelican reads only the content folders (ARTICLE_PATHS, POLICY_PATHS …): a
post saved as content/news/buses.md, content/post/buses.md or content/buses.md
would vanish without a word, and the check would say all is fine. A file
that says `status: draft` is told in the drafts preview (the live preview,
`invoke build --drafts`) and once it is published, not in the public build.
"""

from __future__ import annotations

import os
import re

from sitecore.names import MARKDOWN_SUFFIXES
from sitecore.problems import problem_log
from sitecore.schema.content_folders import best_fitting_types, content_type_folders, written_files_not_read
from sitecore.schema.document import front_matter_end
from sitecore.schema.yaml_slips import TOP_LEVEL_FIELD

# The front matter is at the top: no need to read a long file to the end.
READ_AT_MOST = 64 * 1024
DRAFT_STATUS = re.compile(r"status[ \t]*:[ \t]*([\"']?)draft\1(?:[ \t]+#.*)?[ \t]*$")


def report_written_files_not_read(settings: dict) -> None:
    for path in written_files_not_read(settings):
        lines = front_matter_lines(path)  # read once, for its status and its fields
        if says_draft(lines) and not settings.get("PREVIEW_DRAFTS"):
            # Held to the rule when it is published, as a draft is to the
            # other public rules: a volunteer's draft never stops the hourly
            # build. The live preview and `invoke build --drafts` say it now.
            continue
        fix = f"move it to {folder_for(set(lines), settings)}"
        if not path.endswith(MARKDOWN_SUFFIXES):
            fix += f", renamed {os.path.splitext(os.path.basename(path))[0]}.md"
        problem_log.add(path, 1, "(file)", "this folder is not read, so the file is not on the site", fix)


def folder_for(keys: set[str], settings: dict) -> str:
    """Where a file belongs, from its front matter's `keys`: content/posts/
    for what looks like a post; the list of content folders when they say
    nothing clear."""
    folders = content_type_folders(settings)
    fits = best_fitting_types(keys, folders)
    if len(fits) == 1:
        return f"content/{folders[fits[0]]}/"
    return ("the content folder for what it is: " + ", ".join(f"content/{folder}/" for folder in folders.values())
            + ' (the README\'s "Where things go")')


def front_matter_lines(path: str) -> dict[str, str]:
    """{top-level key: its line} of the file's front matter (none if it has
    none). Found line by line, so that even front matter YAML cannot read
    ("title: Buses: bad") says what it is."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            lines = handle.read(READ_AT_MOST).splitlines()
    except OSError:
        return {}
    closing = front_matter_end(lines)
    if closing is None:
        return {}
    return {found["key"]: line for line in lines[1:closing] if (found := TOP_LEVEL_FIELD.match(line))}


def says_draft(lines: dict[str, str]) -> bool:
    """Does the front matter say `status: draft` (quoted or not, with a note
    or not)? Matched, not parsed: YAML nests "[[[…" until Python's stack
    gives out, and one word needs no parser."""
    return bool(DRAFT_STATUS.match(lines.get("status", "")))
