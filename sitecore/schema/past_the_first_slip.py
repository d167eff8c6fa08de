"""Every slip of a front matter block in one build, not one a build.

PyYAML stops at the first thing it cannot read, so a block with three
slips (`title= …`, a non-breaking space after `date:`, `category:news`)
took a volunteer three builds to hear of all three, and the mistakes in
the fields that did read (a category that does not exist, a policy
misspelt) came only a build after that. So, once a block has failed at a
line, that line (with the lines indented under it, which belong to it) is
passed over, as if it were a comment, and the block is read again, until
it reads or nothing more can be passed over. The fields that then read are
checked as usual (`SlipsRead.keeps`): a problem of a field whose line was
passed over is left out, since it is the slip already told.

Nothing read this way is published: the file has a problem, so the build
fails; this only lets it say everything at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document, closing_fence, parse_document
from .front_matter_errors import FrontMatterError
from .schema import other_fields_named
from .yaml_slips import WITHOUT_A_COLON, entry_field_names, field_names, field_of, indent_of, own_field_names

MOST_SLIPS = 20  # a file with more is not a few slips: its first 20 are enough to start with
# Each slip passed over reads the whole file again: a stranger's 256 KB front
# matter read 20 times took 5 s. A real block is a few KB, so this bounds
# only such a file: it is told fewer slips at once (at least two).
READ_AGAIN_BYTES = 400_000

# A field's name at the start of a line, however its colon was written
# (`title= …`, `category:news`); one left out is yaml_slips.WITHOUT_A_COLON.
LINE_NUMBER = re.compile(r"\bline \d+")
# A list's entry: its dash, then its first field ("  - name: Sam Okafor").
ENTRY_START = re.compile(r"^[ \t]*-[ \t]+[A-Za-z_][\w-]*[ \t]*:")
FIELD_NAME = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=]")


@dataclass
class SlipsRead:
    """What a front matter block with slips still gives."""

    problems: list[FrontMatterError]
    document: Document | None = None  # the block, its slips passed over, if it then reads
    passed_over_lines: set[int] = field(default_factory=set)  # lines of the file
    passed_over_fields: set[str] = field(default_factory=set)
    # The first lines of entries ("  - name: Priya Nair") some of whose lines
    # were passed over: that their fields are missing is the slip.
    passed_over_entries: set[int] = field(default_factory=set)

    def keeps(self, line: int, field_name: str, message: str = "") -> bool:
        """Whether a problem of the fields read is one to tell, not a
        consequence of a slip already told (a field missing, or changed, as
        its line was passed over, or named by a check across fields: an
        event's "place: is missing, and so is online" when online's line
        was). A word of a message that happens to be a field's name ("shown
        under the title") is no such naming."""
        return (line not in self.passed_over_lines and field_name not in self.passed_over_fields
                and not other_fields_named(message) & self.passed_over_fields
                and not (line in self.passed_over_entries and ": is missing" in message))


def read_past_slips(text: str, first: FrontMatterError) -> SlipsRead:
    """After `first`, the block's other slips, and its fields if it reads
    once they are passed over."""
    written = text.splitlines(keepends=True)
    lines = list(written)
    closing = closing_fence(lines)
    found = SlipsRead([first])
    if not named_at_its_line(first):
        return found  # told where PyYAML gave up, often lines after the slip: nothing sure to pass over
    block_size = len("".join(lines[:closing])) if closing is not None else len(text)  # not the text below it
    most = min(MOST_SLIPS, max(2, READ_AGAIN_BYTES // max(block_size, 1)))
    slip, reads = first, 0
    while len(found.problems) < most and reads < most:  # each read reads the whole block again
        index = slip.line - 1  # of the line in `lines`
        if (closing is None or not 0 < index < closing or not lines[index].strip()
                or index + 1 in found.passed_over_lines):
            return found  # no slip in one line of the block (a block never closed): nothing to pass over
        for passed in lines_belonging_to(lines, index, closing):
            found.passed_over_lines.add(passed + 1)
            entry = entry_of_line(written, passed)
            if entry is not None:
                found.passed_over_entries.add(entry + 1)
            lines[passed] = "#\n"  # a bare "#": read as no note by the slips' checks (comment_continued_slip)
        owner = field_of_line(written, index)
        if owner is not None:
            found.passed_over_fields.add(owner)
        if not indent_of(written[index]) and field_of(written, index) == slip.field:
            # A line at the left that is its field's value ("title:" above "Ben Munro"): the field's too.
            found.passed_over_fields.add(slip.field)
        # And the fields the slip accounts for ("date:" joined to the title's line): that one is missing is the slip.
        found.passed_over_fields.update(slip.also_fields)
        reads += 1
        try:
            found.document = parse_document("".join(lines))
            return found
        except FrontMatterError as error:
            if error.line in found.passed_over_lines or not named_at_its_line(error):
                # What is left reads as no fields at all, or PyYAML's own words
                # at a line that may not be the slip's: the slips told are the start.
                return found
            if not same_slip_further_on(slip, error, found.passed_over_lines, written):
                found.problems.append(error)
            slip = error
    return found


def same_slip_further_on(slip: FrontMatterError, error: FrontMatterError, passed_over: set[int],
                         written: list[str]) -> bool:
    """Is `error` the slip just told, met again on the next lines (a list's
    every item under a field with a value, its field line deleted; a block
    of text's next paragraph)? The same words and fix but for the lines they name,
    with nothing but passed-over or blank lines between: told once. Each
    field's own line is always told ("date:2021…", "category:news")."""
    def words(problem: FrontMatterError) -> tuple[str, str, str]:
        return problem.field, LINE_NUMBER.sub("line", problem.message), LINE_NUMBER.sub("line", problem.fix)

    between = range(slip.line + 1, error.line)
    return (error.line > slip.line and words(error) == words(slip) and not FIELD_NAME.match(written[error.line - 1])
            and all(line in passed_over or not written[line - 1].strip() for line in between))


def entry_of_line(written: list[str], index: int) -> int | None:
    """The index of the first line of the list's entry that line `index`
    of the file is in ("  - name: Priya Nair" for its "    role:", or for a
    "role:" that lost its indent), if it is in one."""
    own = FIELD_NAME.match(written[index])
    if own and own["key"] not in entry_field_names():
        return None  # "out_of_hours=…" at the left edge: a field of the file's own, whatever is above it
    for above in range(index, 0, -1):
        line = written[above]
        if ENTRY_START.match(line):
            return above
        if line.strip() and not line[0].isspace() and above != index:
            return None  # a field of the file's own: no entry is open
    return None


def named_at_its_line(error: FrontMatterError) -> bool:
    """A slip the build names, at its own line (a colon without its space, a
    quote inside quotes …): not PyYAML's own complaint, which it makes where
    it gave up, often lines below the slip. Passing over that line would
    only move the complaint down a line at a time, at lines that are right."""
    if error.message.startswith("YAML syntax error: a tab character"):
        return True  # found on the line itself
    return not error.message.startswith(("YAML syntax error:", "the front matter is not a list"))


def lines_belonging_to(lines: list[str], index: int, closing: int) -> range:
    """Line `index` and those after it indented more (its value's lines, or
    its list's items), up to the closing fence."""
    end = index + 1
    while end < closing and (not lines[end].strip() or indent_of(lines[end]) > indent_of(lines[index])):
        end += 1
    while end - 1 > index and not lines[end - 1].strip():
        end -= 1  # a blank line after the value belongs to no one
    return range(index, end)


def field_of_line(written: list[str], index: int) -> str | None:
    """The top-level field that line `index` of the file (as written) is
    in: its own, or the nearest one above it."""
    for line in reversed(written[1:index + 1]):
        if key := FIELD_NAME.match(line):
            return key["key"]
        tabbed = FIELD_NAME.match(line.lstrip(" \t")) if "\t" in line[:indent_of(line)] else None
        if tabbed and tabbed["key"] in own_field_names():
            return tabbed["key"]  # "\tdate: …", refused for its tab: its own line, not more of the title's
        without_colon = WITHOUT_A_COLON.match(line.rstrip())
        if without_colon and not without_colon["indent"] and without_colon["key"] in field_names():
            return without_colon["key"]
        if line.strip() and not line[0].isspace():
            return None  # a line at the left that is no field
    return None
