"""Every slip of a front matter block in one build (sitecore/schema/
past_the_first_slip.py): PyYAML stops at the first thing it cannot read,
so three slips took three builds to hear of, and the mistakes of the
fields that did read a build more."""

from __future__ import annotations

import pytest
from test_bad_input import assert_fails_with

from sitecore.schema.document import parse_document
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.schema.past_the_first_slip import read_past_slips


def slips(front_matter: str):
    text = f"---\n{front_matter}\n---\nText.\n"
    with pytest.raises(FrontMatterError) as first:
        parse_document(text)
    return read_past_slips(text, first.value)


@pytest.mark.parametrize("front_matter, told, passed_over", [
    # Three slips of the colon, one a line: each at its line, then the rest reads.
    ("title= Tabs\ndate:\xa02021-11-24\ncategory:news\nsummary: A post.",
     [(2, "title"), (3, "date"), (4, "category")], {"title", "date", "category"}),
    # A wrapped summary and a slip after it.
    ("title: Buses\nsummary: Members voted for buses\nacross the county.\ncategory:news",
     [(5, "category"), (4, "summary")], {"category"}),
    # A field's list passed over with its line: its items raise nothing more.
    ("title: T\ntags:\n\t- buses\n\t- trains\ncategory:news",
     [(4, "(front matter)"), (6, "category"), (5, "(front matter)")], {"category", "tags"}),
])
def test_each_slip_is_told_at_its_line_and_the_rest_of_the_block_reads(front_matter, told, passed_over):
    found = slips(front_matter)
    assert [(problem.line, problem.field) for problem in found.problems] == told
    assert found.document is not None and found.passed_over_fields == passed_over
    # A slip's field, missing or as far as it read, is told of no more.
    assert not any(found.keeps(found.document.line_of(name), name) for name in passed_over)


def test_passing_over_stops_where_there_is_no_more_to_tell():
    # What is left once the slips are passed over reads as no fields at all:
    # no third message about that.
    found = slips("title: &a Buses\nsummary: *a\ncategory:news")
    assert [problem.line for problem in found.problems] == [2, 3] and found.document is None
    # A block never closed: no one line to pass over.
    text = "---\ntitle= T\ncategory:news\nThe post's text.\n"
    with pytest.raises(FrontMatterError) as first:
        parse_document(text)
    assert read_past_slips(text, first.value).problems == [first.value]


def test_a_missing_field_that_was_a_slip_is_not_told_twice():
    found = slips("title= Tabs\ndate: 2021-11-24\ncategory: news\nsummary: A post.")
    assert not found.keeps(2, "title")     # "title: is missing" is the slip already told
    assert not found.keeps(9, "title")     # at the closing fence, where a missing field is reported
    assert found.keeps(4, "category")


SLIPPED_POST = """\
---
title= Buses for Truro
date:\xa02021-11-24
category: gossip
summary: "She said "no" to cuts"
policies: [housng]
image: images/bus.jpg
---
Text with <font>old HTML</font> and ![](/images/missing.jpg).
"""


def test_a_post_with_slips_and_wrong_fields_is_told_everything_in_one_build(make_site):
    """The audit's post: two slips of the colon, a quote inside quotes, a
    category and a policy that do not exist, an image without its
    description, raw HTML and a missing picture, all in the first build."""
    build = make_site({"posts/buses.md": SLIPPED_POST})
    assert_fails_with(
        build,
        "content/posts/buses.md:2: title: written with '=' instead of ': ' — "
        "write the line as 'title: Buses for Truro' (the colon, then an ordinary space)",
        "content/posts/buses.md:3: date: the space after the colon is a non-breaking space (Option+Space on a Mac) — "
        "write the line as 'date: 2021-11-24' (the colon, then an ordinary space)",
    )
    told = {(line.split(":")[1], line.split(":")[2].strip()) for line in build.problem_lines}
    assert told == {("2", "title"), ("3", "date"), ("4", "category"), ("5", "summary"), ("6", "policies"),
                    ("7", "image_alt"), ("9", "body")}, build.problem_lines
    assert sum(":9: body:" in line for line in build.problem_lines) == 3  # <font>, no alt text, no such picture


def test_a_value_over_several_lines_is_not_taken_for_a_slip():
    """A `bio: >-` of three lines, before an unquoted "Photo: …" in the
    next person's credit: the bio's later lines, as far in as its first,
    were told as "the item on line 3 continues on line 6", twice, about a
    bio that was right (the press office file)."""
    found = slips("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n      Alex founded the party\n"
                  "      and leads it\n      to this day.\n  - name: Sam Okafor\n    credit: Photo: Jane Smith")
    assert [(problem.line, problem.message) for problem in found.problems] == [
        (9, 'the value holds ": ", which YAML reads as the start of another field')]
