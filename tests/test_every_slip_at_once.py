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
    # A wrapped summary and a slip after it: the summary, read cut short, is told of no more.
    ("title: Buses\nsummary: Members voted for buses\nacross the county.\ncategory:news",
     [(5, "category"), (4, "summary")], {"category", "summary"}),
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


def test_pyyamls_own_complaint_is_told_once_not_passed_over_line_by_line():
    """PyYAML complains where it gave up, often a line after the slip, and
    passing over that line moved the complaint down, one line at a time,
    over the lines that were right."""
    found = slips("title: Homes\nnumber: 1\nsummary: A policy.\ncommitments:\n  - Build council homes.\n"
                  "  - Cap rents.\n   x: End no-fault evictions.")
    assert [problem.message for problem in found.problems] == ["YAML syntax error: mapping values are not allowed here"]
    assert found.document is None


def test_a_commitment_out_of_line_is_told_at_its_line_and_the_other_fields_read():
    """A commitment indented a space too far was PyYAML's complaint a line
    later, told alone; it is now named at its own line, which is passed
    over, so the rest of the block reads and is checked in the same build."""
    found = slips("title: Homes\nnumber: 1\nsummary: A policy.\ncommitments:\n   - Build council homes.\n"
                  "  - Cap rents.\n  - End no-fault evictions.")
    assert [(problem.line, problem.field) for problem in found.problems] == [(6, "commitments")]
    assert found.problems[0].message.startswith("the item is indented 3 spaces, where the list's other items")
    assert found.document.values["title"] == "Homes" and "commitments" in found.passed_over_fields


def test_a_field_whose_colon_was_left_out_is_not_also_missing():
    found = slips("title: Buses\ndate 2021-11-24\ncategory news\nsummary: A post.")
    assert [(problem.line, problem.field) for problem in found.problems] == [(3, "date"), (4, "category")]
    assert not found.keeps(found.document.line_of("date"), "date", "is missing (every post needs it)")
    # An event's "place: is missing, and so is online", when online's line was the slip.
    found = slips("title: A rally\nstart: 2022-04-10 10:00\nend: 2022-04-10 12:00\nonline:https://example.org/x")
    assert not found.keeps(found.document.end_line, "place", "is missing, and so is online")


def test_a_problem_whose_words_happen_to_name_a_passed_over_field_is_still_told():
    """The title's line was passed over; the summary's own problem says
    "shown under the title", which is no check across fields: it is told
    in the same build, not the next."""
    found = slips('title: "Katie said "yes""\nsummary: ' + " ".join(["word"] * 70) + "\ncategory: news")
    assert [problem.line for problem in found.problems] == [2]
    summary = found.document.line_of("summary")
    assert found.keeps(summary, "summary", "has 70 words: it is shown under the title in every list")
    # A check across fields that names the field passed over is its consequence.
    assert not found.keeps(summary, "image_alt", "is missing (title is given)")


@pytest.mark.parametrize("front_matter, told", [
    # A sentence running on: not a missing colon after "end".
    ("title: A march\nsummary: We will march from the town hall to the\nend of the high street.",
     (4, "summary", 'the summary continues on line 4 ("end of the high street."), but a value must be on one line')),
    # A list in brackets closed on the next line is closed: the slip is the summary's.
    ("title: T\ntags: [housing,\n  climate]\nsummary: Vote: now",
     (5, "summary", 'the value holds ": ", which YAML reads as the start of another field')),
    # A field inside an entry, wrapped: named, not called an item with a dash it does not have.
    ("contacts:\n  - name: Sam\n    role: Head of press and\n    media relations\n    email: a@b.org",
     (5, "contacts", 'the role continues on line 5 ("media relations"), but a value must be on one line')),
    # A wrapped sentence whose next line starts with a field's name and runs on ("place for …").
    ("title: Canvass\nsummary: Come and help make our town a better\nplace for everyone.",
     (4, "summary", 'the summary continues on line 4 ("place for everyone."), but a value must be on one line')),
    # A sentence that stops on a word with a preposition below it runs on.
    ("title: Jo\nsummary: Jo has served us as a local\ncouncillor since 2019.",
     (4, "summary", 'the summary continues on line 4 ("councillor since 2019."), but a value must be on one line')),
    # A field misspelt, wrapped: named by the name it has, not as an item.
    ("title: Homes\nsumary: Our plan for\nhomes and jobs",
     (4, "sumary", 'the sumary continues on line 4 ("homes and jobs"), but a value must be on one line')),
    # A list item's words before a colon are no field of the file's.
    ("title: Homes\ncommitments:\n  - Housing: homes for all and\n    rents we can pay",
     (5, "commitments", 'the item on line 4 continues on line 5 ("rents we can pay"), but an item must be on one '
                        "line")),
    # A quoted first key is a field: the slip below it is still named.
    ('"title": "Homes"\ndate: 2021-11-24\ncategory news\nsummary: A post.',
     (4, "category", "there is no colon after the field's name (category)")),
    # A tab in the indent is told as a tab.
    ("contacts:\n  - name: Sam\n\trole: Head of press",
     (4, "(front matter)", "YAML syntax error: a tab character is used for indenting")),
])
def test_what_looks_like_one_slip_but_is_another_is_told_as_it_is(front_matter, told):
    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{front_matter}\n---\nText.\n")
    assert (refused.value.line, refused.value.field, refused.value.message) == told


def test_a_hashtag_in_a_list_with_a_note_after_it_gets_a_fix_that_reads():
    with pytest.raises(FrontMatterError) as refused:
        parse_document("---\ntitle: T\ntags: [housing, #NHS] # the tags\n---\nText.\n")
    fixed = refused.value.fix.split("put that item in quotes: ")[1]
    assert fixed == 'tags: [housing, "#NHS"] # the tags'
    assert parse_document(f"---\ntitle: T\n{fixed}\n---\nText.\n").values["tags"] == ["housing", "#NHS"]


def test_a_huge_block_is_read_again_only_a_few_times():
    """Each slip passed over reads the whole block again: a stranger's
    256 KB of front matter with 20 slips was read 21 times. A block that
    large is told its first slips only (READ_AGAIN_BYTES); one of ordinary
    size is told all 20."""
    from sitecore.schema.past_the_first_slip import MOST_SLIPS, READ_AGAIN_BYTES

    slipped = "".join(f"field{number} x\n" for number in range(MOST_SLIPS))  # 20 fields without their colon
    ordinary = slips(f"title: x\n{slipped}date: 2021-11-24")
    assert len(ordinary.problems) == MOST_SLIPS
    padding = "".join(f"note{number}: a value of a few words\n" for number in range(2000))  # 66 KB
    assert READ_AGAIN_BYTES // len(padding) < MOST_SLIPS
    huge = slips(f"title: x\n{padding}{slipped}date: 2021-11-24")
    assert 2 <= len(huge.problems) < MOST_SLIPS
    first = 3 + 2000  # the file's line of "field0 x": the slips told are the first ones, in order
    assert [problem.line for problem in huge.problems] == list(range(first, first + len(huge.problems)))


def test_a_slip_repeated_down_a_list_is_told_once_and_what_it_left_out_not_at_all():
    """The commitments' field line deleted: each item in turn was told the
    same slip. A press contact's field at the left edge: its entry's fields
    passed over with it were then told as missing, above the slip."""
    found = slips('title: "Homes"\nnumber: 2\nsummary: "A policy."\n  - "Cap rents."\n  - "Build homes."\n'
                  '  - "End evictions."\nsample: "x"')
    assert [(problem.line, problem.field) for problem in found.problems] == [(5, "summary")]
    found = slips("contacts:\n  - name: Sam Okafor\n    role: Head of press\n  - name: Priya Nair\n"
                  "role: Press officer\n    phone: 020 7946 0456\n    email: priya@example.org")
    assert [(problem.line, problem.field) for problem in found.problems] == [(6, "contacts")]
    assert not found.keeps(5, "contacts", "item 2, phone: is missing (every contact needs it)")
    assert found.keeps(2, "contacts", "item 1, phone: is missing (every contact needs it)")  # another entry's


def test_a_field_a_slip_names_is_not_told_as_missing_too():
    """Two lines joined: 'date: 2021-11-24' on the title's line. That the
    date is missing is the slip already told, with the line to write."""
    found = slips('title: "Buses" date: 2021-11-24\ncategory: news\nsummary: A post.')
    assert [problem.message for problem in found.problems] == [
        '"date:" starts another field on the line of title, after its value']
    assert not found.keeps(found.document.end_line, "date", "is missing (every post needs it)")
    assert found.keeps(found.document.end_line, "summary", "is missing (every post needs it)")


def test_a_field_indented_with_a_tab_is_not_told_as_missing_too():
    """"\tdate: …" is refused for its tab; "date: is missing" below it named
    a line the volunteer can see (it was taken for more of the title)."""
    found = slips("title: Buses\n\tdate: 2021-11-24\ncategory: news")
    assert [problem.message for problem in found.problems] == [
        "YAML syntax error: a tab character is used for indenting"]
    assert not found.keeps(found.document.end_line, "date", "is missing (every post needs it)")
    assert found.keeps(found.document.end_line, "summary", "is missing (every post needs it)")


@pytest.mark.parametrize("front_matter, told", [
    # Two items each with its own slip: each told, each fix its own line (not "the same slip down a list").
    ('title: Homes\ncommitments:\n  - *Build homes.\n  - *Cap rents.\nsample: x', [4, 5]),
    # A deleted list field's entries, each several lines: told once.
    ("out_of_hours: 07700 900123\n  - name: Alex Mays\n    role: Leader\n  - name: Sam Okafor\n    role: Press\n"
     "sample: x", [3]),
])
def test_the_same_slip_is_told_once_and_different_slips_each(front_matter, told):
    assert [problem.line for problem in slips(front_matter).problems] == told



def test_a_value_below_its_field_is_told_once():
    """'title:' with its value on the line below: not also "title: is nothing"."""
    found = slips('title:\n"Ben Munro"\nrole: Councillor')
    assert [(problem.line, problem.field) for problem in found.problems] == [(3, "title")]
    assert not found.keeps(2, "title", "is empty")
