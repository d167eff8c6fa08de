"""Limits on what a content file may be before it is parsed at all.

Content is untrusted. A file too large to be a post, or text with invisible
control characters (Word's soft line break is U+000B; a NUL byte breaks the
XML feeds), is refused at its line with a fix, before it can slow the build
down for minutes or end it with an error that names no file.

So is a file that git merged with both versions left in: a volunteer who
resolves a conflict (by hand, or in GitHub's editor) and keeps the markers
had them published in the text, the minifesto's PDF and every release's
notes to editors (">>>>>>>" reads as seven quotes deep), or was told of a
YAML slip on the wrong line when they were in the front matter.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from sitecore.schema.document import front_matter_end
from sitecore.schema.values_not_as_written import CONTROL_CHARACTER, what_it_is

# Fenced code as Markdown finds it (the extension `extra` turns on).
FENCED_BLOCK = FencedBlockPreprocessor.FENCED_BLOCK_RE


@dataclass(frozen=True)
class TextProblem:
    line: int
    message: str
    fix: str


def size_problem(path: str, settings: dict) -> TextProblem | None:
    limit_kb = settings["CONTENT_FILE_MAX_KB"]  # filled in and checked by the build (sitecore/settings_check.py)
    size = os.path.getsize(path)
    if size > limit_kb * 1024:
        return TextProblem(1, f"is {size // 1024} KB, more than the {limit_kb} KB a content file may be",
                           "split it into several posts or pages (CONTENT_FILE_MAX_KB in pelicanconf.py)")
    return None


# A numeric character reference: "&#11;", "&#x0B" (the ";" may be left out),
# or "&\#x0B;", whose "\#" Markdown makes a "#".
CHARACTER_REFERENCE = re.compile(r"&\\?#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")


def referenced_character(reference: re.Match) -> str:
    """The character a page's HTML parser makes of a numeric reference, as
    HTML's rules say: 0x80–0x9F as Windows-1252 reads them (where it has a
    character there), 0, a surrogate or past U+10FFFF the replacement
    character, anything else itself, control characters included."""
    number = int(reference[1], 16) if reference[1] else int(reference[2])
    if number == 0 or 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
        return "\ufffd"
    if 0x80 <= number <= 0x9F:
        try:
            return bytes([number]).decode("cp1252")
        except UnicodeDecodeError:
            pass  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: kept as the control character
    return chr(number)


def control_character_problems(text: str) -> list[TextProblem]:
    """One problem per line holding an invisible control character, or a
    character reference to one ("&#x0B;", "&#xFFFF;", "&#x202E;"): the
    page's HTML parser turns it into the character itself, which broke the
    feeds' XML and the e-book, or published a right-to-left override."""
    problems = []
    # split("\n"), not splitlines(): that also splits at U+000B and U+000C.
    for number, line in enumerate(text.split("\n"), start=1):
        found = CONTROL_CHARACTER.search(line)
        if found:
            problems.append(TextProblem(
                number, f"contains {what_it_is(found.group())} at column {found.start() + 1}",
                "delete it and retype that spot (it often comes from pasting from Word or a PDF)"))
            continue
        reference = next((match for match in CHARACTER_REFERENCE.finditer(line)
                          if CONTROL_CHARACTER.fullmatch(referenced_character(match))), None)
        if reference:
            problems.append(TextProblem(
                number, f"contains {reference.group()} at column {reference.start() + 1}, which stands for "
                        f"{what_it_is(referenced_character(reference))}", "delete it"))
    return problems


# The lines git writes around a conflict: "<<<<<<< HEAD", "||||||| base"
# (diff3: the text both started from follows), "=======", ">>>>>>> branch".
# Each alone can be text ("=======" a heading's underline, ">>>>>>> " a quote
# seven deep), so they count only as a conflict does: a start, then an end.
CONFLICT_START = re.compile(r"<{7}(?: .*)?")
CONFLICT_END = re.compile(r">{7}(?: .*)?")
CONFLICT_MARKER = re.compile(r"(<{7}|\|{7}|={7}|>{7})(?: .*)?")


def conflict_marker_problems(text: str) -> list[TextProblem]:
    """One problem per line of a git conflict's markers left in the file."""
    lines = text.split("\n")
    starts = [number for number, line in enumerate(lines) if CONFLICT_START.fullmatch(line)]
    if not starts or not any(CONFLICT_END.fullmatch(line) for line in lines[starts[0]:]):
        return []
    return [TextProblem(number, f"is a line git wrote around a merge conflict ({line.split(' ')[0]}), left in "
                                "the file", "keep the version you want between the markers, delete the other "
                                "and every <<<<<<<, |||||||, ======= and >>>>>>> line, then check the file again")
            for number, line in enumerate(lines, start=1) if CONFLICT_MARKER.fullmatch(line)]


# The options of a fenced code block ({.python linenums="…"}) that
# Python-Markdown reads as yes or no: any other value ended its rendering
# in "TypeError: cannot serialize None", told as a file that could not be
# read (a fuzz audit). They only style code a page never colours.
CODE_BLOCK_OPTIONS = ("linenums", "guess_lang", "noclasses", "use_pygments")


def code_block_option_problems(text: str) -> list[TextProblem]:
    """One problem per fenced code block given such an option, its
    attributes read as Python-Markdown reads them (title="linenums=1" is a
    title, which the allowlist refuses)."""
    first_line, start = body_start_line(text)
    return [TextProblem(first_line + text.count("\n", start, start + block.start()),
                        f"gives its code block the option {option}, which the site does not use",
                        "write the fence with the language alone, e.g. ```python")
            for block in FENCED_BLOCK.finditer(text[start:]) if block.group("attrs")
            for option in [next((key for key, _ in get_attrs_and_remainder(block.group("attrs"))[0]
                                 if key in CODE_BLOCK_OPTIONS), None)] if option]


# Python-Markdown's inline patterns can take time that grows with the
# square of a paragraph's markup: it looks for the "]" of each "[" (a link,
# an image, a footnote) and the ")" of each "](" a character at a time to
# the paragraph's end when there is none, and its patterns for raw HTML
# ("<"), emphasis ("*", "_") and code ("`") search on in the same way. A
# 10 KB paragraph of "[" took 42 s to check, 20 KB three minutes, 59 KB of
# "<a " more than two: a stranger's pull request enough to hold up every
# build. Text is never like that, so a paragraph is refused before Markdown
# sees it if its brackets would cost more than BRACKET_STEPS (the distance
# from each opening one to its closing one, or to the paragraph's end), or
# its other markup more than MARKUP_STEPS (each such character, times the
# paragraph's length): each about a second at most. A paragraph of ordinary
# writing costs a few thousand.
BRACKET_STEPS = 1_000_000
MARKUP_STEPS = 10_000_000
# An escaped character (\[ is text), "](" (a link's address begins: only
# there does Markdown look for a ")"), or a bracket.
BRACKET = re.compile(r"\\.|\]\(|[\[\])]")
OTHER_MARKUP = re.compile(r"[<*_`]")
# Where Markdown starts a new run of inline text within a block: a list
# item, a table row, a heading, a quotation's line.
NEW_RUN = re.compile(r"\s{0,3}(?:[-*+]\s|\d{1,9}[.)]\s|\||#|>)")


def markup_problems(text: str) -> list[TextProblem]:
    """One problem per paragraph whose markup Markdown would take minutes over."""
    text = text.replace("\r\n", "\n")  # as Markdown reads it: a fence line ends in "\n"
    if len(BRACKET.findall(text)) * len(text) <= BRACKET_STEPS and \
            len(OTHER_MARKUP.findall(text)) * len(text) <= MARKUP_STEPS:
        return []  # the most it could cost: nearly every file, at once
    problems = []
    total_brackets = total_markup = costliest = costliest_line = 0
    for line, paragraph in paragraphs(text):
        steps, never_closed = bracket_cost(paragraph)
        markup = len(OTHER_MARKUP.findall(paragraph))
        markup_steps = markup * len(paragraph)
        # Many paragraphs each just under a limit add up: the file has twice each.
        total_brackets, total_markup = total_brackets + steps, total_markup + markup_steps
        share = steps / BRACKET_STEPS + markup_steps / MARKUP_STEPS
        if share > costliest:
            costliest, costliest_line = share, line
        if steps > BRACKET_STEPS:
            problems.append(TextProblem(
                line, f'has a paragraph whose brackets ({never_closed} of them never closed, or nested deep) '
                      "Markdown would take minutes over",
                'close each "[" with "]" and each "](" with ")", or write \\[ for a bracket that is only text'))
        elif markup_steps > MARKUP_STEPS:
            problems.append(TextProblem(
                line, f'has a paragraph of {len(paragraph)} characters with {markup} of "<", "*", "_" and "`", '
                      "which Markdown would take minutes over",
                "split it into paragraphs, or write the characters meant as text with a \\ before each"))
    if not problems and (total_brackets > 2 * BRACKET_STEPS or total_markup > 2 * MARKUP_STEPS):
        problems.append(TextProblem(
            costliest_line, 'has paragraphs whose brackets and "<", "*", "_" and "`" Markdown would take minutes '
                            "over, all told (this one the most)",
            'close each "[" with "]" and each "](" with ")", and write the characters meant as text with a \\ '
            "before each"))
    return problems


# Python-Markdown's time grows with the square of a text's blocks
# (paragraphs, list items, table rows, headings: it moves each through one
# list): 10,000 took 1.5 s, 60,000 (a 180 KB file of "p" lines) over two
# minutes of a check (a fuzz audit). The longest launch text has 28; a
# long policy a few hundred.
MOST_BLOCKS = 2000


def block_count_problems(text: str) -> list[TextProblem]:
    """A problem at the first block past MOST_BLOCKS, if the text has more.
    The lines of a quotation are one block (paragraphs() reads each alone,
    for its markup; Markdown reads 5,000 quoted lines in 0.03 s)."""
    if text.count("\n") < MOST_BLOCKS:
        return []  # a block is a line at least: nearly every file, at once
    count, last_quote_line = 0, None
    for line, run in paragraphs(text):
        quoted = run.lstrip().startswith(">")
        if not (quoted and last_quote_line == line - 1):
            count += 1
        last_quote_line = line + run.count("\n") if quoted else None
        if count > MOST_BLOCKS:
            return [TextProblem(line, f"is past the text's {MOST_BLOCKS:,}th paragraph, list item, table row or "
                                      "heading: more than one page should hold, and more than Markdown reads in "
                                      "good time", "split the text into several files")]
    return []


def paragraphs(text: str):
    """(first line, text) of each run of inline text Markdown reads as one:
    lines without a blank one between them, a list item, table row or
    heading starting a new run, in the body (the front matter is YAML's,
    which has its own limit on nesting), leaving out fenced code exactly
    as Markdown finds it (an unclosed or unmatched fence is text to it)."""
    first_line, body = body_without_code(text)
    start, lines = 0, []
    for number, line in enumerate(body.split("\n"), start=first_line):
        if lines and (not line.strip() or NEW_RUN.match(line)):
            yield start, "\n".join(lines)
            lines = []
        if line.strip():
            if not lines:
                start = number
            lines.append(line)
    if lines:
        yield start, "\n".join(lines)


def body_without_code(text: str) -> tuple[int, str]:
    """(the line the body starts at, the body with its fenced code blocks
    blanked, line for line, as Markdown finds them: code is not read)."""
    first_line, start = body_start_line(text)
    return first_line, blank_fenced_code(text[start:])


def body_start_line(text: str) -> tuple[int, int]:
    """(the line the body starts at, its offset in `text`)."""
    start = body_start(text)
    return text.count("\n", 0, start) + 1, start


def blank_fenced_code(markdown: str) -> str:
    """`markdown` with its fenced code blocks blanked, line for line."""
    return FENCED_BLOCK.sub(lambda block: "\n" * block.group().count("\n"), markdown)


def body_start(text: str) -> int:
    """Where the body begins, as an offset in `text`: after the closing
    "---" of a front matter that opens the file (found as the parser finds
    it), else at the start."""
    lines = text.split("\n")
    closing = front_matter_end(lines)
    return 0 if closing is None else min(sum(len(line) + 1 for line in lines[:closing + 1]), len(text))


def bracket_cost(paragraph: str) -> tuple[int, int]:
    """(steps Markdown takes to match the paragraph's brackets: the
    distance from each "[" and each "](" to its closing one, or to the
    paragraph's end; how many are never closed)."""
    open_at: dict[str, list[int]] = {"[": [], "(": []}
    steps = 0
    for found in BRACKET.finditer(paragraph):
        token = found.group()
        if token == "[":
            open_at["["].append(found.start())
        elif token in ("]", "]("):
            if open_at["["]:
                steps += found.start() - open_at["["].pop()
            if token == "](":
                open_at["("].append(found.start() + 1)
        elif token == ")" and open_at["("]:
            steps += found.start() - open_at["("].pop()
    never_closed = [position for positions in open_at.values() for position in positions]
    return steps + sum(len(paragraph) - position for position in never_closed), len(never_closed)
