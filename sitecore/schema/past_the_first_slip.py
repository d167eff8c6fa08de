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
from .yaml_slips import WITHOUT_A_COLON, field_names, indent_of

MOST_SLIPS = 20  # a file with more is not a few slips: its first 20 are enough to start with
# Each slip passed over reads the whole file again: a stranger's 256 KB front
# matter read 20 times took 5 s. A real block is a few KB, so this bounds
# only such a file: it is told fewer slips at once (at least two).
READ_AGAIN_BYTES = 400_000

# A field's name at the start of a line, however its colon was written
# (`title= …`, `category:news`); one left out is yaml_slips.WITHOUT_A_COLON.
# A field's name and colon in quotes in a slip's message ("date:", 'commitments:').
NAMED_IN_A_SLIP = re.compile(r"[\"']([A-Za-z_][\w-]*):[\"']")
FIELD_NAME = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*[:=]")


@dataclass
class SlipsRead:
    """What a front matter block with slips still gives."""

    problems: list[FrontMatterError]
    document: Document | None = None  # the block, its slips passed over, if it then reads
    passed_over_lines: set[int] = field(default_factory=set)  # lines of the file
    passed_over_fields: set[str] = field(default_factory=set)

    def keeps(self, line: int, field_name: str, message: str = "") -> bool:
        """Whether a problem of the fields read is one to tell, not a
        consequence of a slip already told (a field missing, or changed, as
        its line was passed over, or named by a check across fields: an
        event's "place: is missing, and so is online" when online's line
        was). A word of a message that happens to be a field's name ("shown
        under the title") is no such naming."""
        return (line not in self.passed_over_lines and field_name not in self.passed_over_fields
                and not other_fields_named(message) & self.passed_over_fields)


def read_past_slips(text: str, first: FrontMatterError) -> SlipsRead:
    """After `first`, the block's other slips, and its fields if it reads
    once they are passed over."""
    written = text.splitlines(keepends=True)
    lines = list(written)
    closing = closing_fence(lines)
    found = SlipsRead([first])
    if not named_at_its_line(first):
        return found  # told where PyYAML gave up, often lines after the slip: nothing sure to pass over
    most = min(MOST_SLIPS, max(2, READ_AGAIN_BYTES // max(len(text), 1)))
    slip, reads = first, 0
    while len(found.problems) < most and reads < most:  # each read reads the whole block again
        index = slip.line - 1  # of the line in `lines`
        if (closing is None or not 0 < index < closing or not lines[index].strip()
                or index + 1 in found.passed_over_lines):
            return found  # no slip in one line of the block (a block never closed): nothing to pass over
        for passed in lines_belonging_to(lines, index, closing):
            found.passed_over_lines.add(passed + 1)
            lines[passed] = "#\n"  # a bare "#": read as no note by the slips' checks (comment_continued_slip)
        # The field the slip is told in (a press contact's "contacts"), and the
        # one the line starts: their fields that did not read are the slip's.
        found.passed_over_fields.update(name for name in (field_of_line(written, index), slip.field)
                                        if name is not None and name != "(front matter)")
        # And a field the slip's words name as such ('"date:" starts another field on the line of title'):
        # that it is missing is the slip too.
        found.passed_over_fields.update(NAMED_IN_A_SLIP.findall(slip.message))
        reads += 1
        try:
            found.document = parse_document("".join(lines))
            return found
        except FrontMatterError as error:
            if error.line in found.passed_over_lines or not named_at_its_line(error):
                # What is left reads as no fields at all, or PyYAML's own words
                # at a line that may not be the slip's: the slips told are the start.
                return found
            if ((error.field, error.message) != (slip.field, slip.message) or error.line != slip.line + 1
                    or FIELD_NAME.match(written[error.line - 1])):
                found.problems.append(error)  # the same slip on a list's next item is told once; each field's, each
            slip = error
    return found


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
        without_colon = WITHOUT_A_COLON.match(line.rstrip())
        if without_colon and not without_colon["indent"] and without_colon["key"] in field_names():
            return without_colon["key"]
        if line.strip() and not line[0].isspace():
            return None  # a line at the left that is no field
    return None
