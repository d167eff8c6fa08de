"""The front matter messages a volunteer gets for the slips people make:
each names the line to change and gives the line to write, in plain words
(not PyYAML's "expected <block end>, but found '<scalar>'"), and no advice
that would publish something else than they wrote."""

from __future__ import annotations

import re

import pytest
from conftest import policy_markdown
from test_bad_input import GOOD_POST, assert_fails_with

from sitecore.problems import Problem
from sitecore.schema.content_types import COUNCILLOR, EVENT, MINIFESTO, PAGE, POLICY, POST
from sitecore.schema.document import parse_document
from sitecore.schema.field_errors import FieldError, unknown_field_fix
from sitecore.schema.fields import image_path
from sitecore.schema.front_matter_errors import FrontMatterError

POST_FIELDS = "title: Buses\ndate: 2021-11-24\ncategory: news\n"


def refusal(front_matter: str) -> str:
    """`line: field: message — fix` for a file with this front matter."""
    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{front_matter}\n---\nText.\n")
    error = refused.value
    return f"{error.line}: {error.field}: {error.message} — {error.fix}"


def problem_lines(schema, path: str, text: str, settings: dict) -> list[str]:
    """The lines the build prints for the file at `path` (content/…) with
    this text, from the checks of its fields it runs, here in this process."""
    found = []
    schema.validate_all(path, parse_document(text), settings, lambda *problem: found.append(str(Problem(*problem))))
    return found


@pytest.mark.parametrize("front_matter, expected", [
    # A summary that runs onto the next line: the block is closed, and adding
    # a '---' would publish the summary cut short and its end as a heading.
    (POST_FIELDS + "summary: Members voted for buses\nacross the county.",
     '6: summary: the summary continues on line 6 ("across the county."), but a value must be on one line — '
     "put it all on one line, after 'summary:' on line 5"),
    (POST_FIELDS + "summary: Members voted for buses.\n\nAcross the county.",
     '7: summary: the summary continues on line 7 ("Across the county."), but a value must be on one line — '
     "put it all on one line, after 'summary:' on line 5"),
    # A title wrapped between fields: PyYAML blamed the date's line.
    ("title: Katie Parker joins\nBreakthrough today\ndate: 2021-11-24\ncategory: news",
     '3: title: the title continues on line 3 ("Breakthrough today"), but a value must be on one line — '
     "put it all on one line, after 'title:' on line 2"),
])
def test_a_value_wrapped_onto_the_next_line_is_named_at_that_line(front_matter, expected):
    assert refusal(front_matter) == expected


@pytest.mark.parametrize("front_matter, expected", [
    ("title: “Buses: a win”\ndate: 2021-11-24",
     "2: title: the value starts with a curly quote (“), which does not count as a quote in the front matter — "
     'write the line with straight quotes: title: "Buses: a win"'),
    ("title: ‘Katie’s vote: yes’",
     "2: title: the value starts with a curly quote (‘), which does not count as a quote in the front matter — "
     'write the line with straight quotes: title: "Katie’s vote: yes"'),
    ("title: “Councillors back #NHSPayNow”",
     '2: title: "#NHSPayNow”" is read as a YAML comment (a space then #) and would be left out: the value starts '
     "with a curly quote (“), which does not count as a quote in the front matter — write the line with straight "
     'quotes: title: "Councillors back #NHSPayNow"'),
])
def test_curly_quotes_are_named_and_the_line_given_with_straight_ones(front_matter, expected):
    """TextEdit and Word type curly quotes: the volunteer believes the value is in quotes."""
    assert refusal(front_matter) == expected


@pytest.mark.parametrize("front_matter, values", [
    ("title: “Buses” are back", {"title": "“Buses” are back"}),
    ("summary: Katie said “yes” to buses.", {"summary": "Katie said “yes” to buses."}),
])
def test_curly_quotes_in_a_value_that_reads_as_written_are_accepted(front_matter, values):
    """Headlines quote people."""
    assert parse_document(f"---\n{front_matter}\n---\nText.\n").values == values


@pytest.mark.parametrize("front_matter, expected", [
    ('summary: "Katie said "yes" to buses"',
     '2: summary: the value starts with ", so the " inside it ends the value too early — '
     "write the line as: summary: 'Katie said \"yes\" to buses'"),
    ("title: 'Katie's vote'",
     "2: title: the value starts with ', so the ' inside it ends the value too early — "
     'write the line as: title: "Katie\'s vote"'),
    ("title: 'Katie's \"vote\"'",
     "2: title: the value starts with ', so the ' inside it ends the value too early — "
     "write the line as: title: 'Katie''s \"vote\"'"),
    # The quotes at either end are the title's own: the line suggested keeps every character.
    ('title: "Vote" for "Katie"',
     '2: title: the value starts with ", so the " inside it ends the value too early — '
     "write the line as: title: '\"Vote\" for \"Katie\"'"),
    ('title: "Katie said "yes"',
     '2: title: the value starts with ", so the " inside it ends the value too early — '
     "write the line as: title: '\"Katie said \"yes\"'"),
    # PyYAML reported the closing '---', "found unexpected end of stream".
    ("title: \"Katie's vote\ndate: 2021-11-24\ncategory: news\nsummary: A post.",
     "2: title: the \" that starts the value is never closed — end the value with \" on the same line: "
     "title: \"Katie's vote\""),
])
def test_a_quote_inside_quotes_or_never_closed_is_named_at_its_line(front_matter, expected):
    assert refusal(front_matter) == expected



@pytest.mark.parametrize("line, meant", [
    # A note after the value stays a note, outside the quotes; the quotes at
    # either end are still YAML's.
    ('summary: "Katie said "yes" to buses" # check the quote', 'Katie said "yes" to buses'),
    # A " #" inside quotes is text, not the start of a note.
    ('title: "Homes # 1" for all # first draft', '"Homes # 1" for all'),
    ('title: "Vote" for "Katie # 1"', '"Vote" for "Katie # 1"'),
    # Never closed: closed at the line's end, every character kept.
    ('title: "Homes # for all', "Homes # for all"),
    ("title: 'Katie''s vote", "Katie's vote"),
    ('title: "C:\\', "C:\\"),
    # An escape YAML does not know is no escape: the characters as written.
    ('title: "C:\\Users', "C:\\Users"),
    # An escape it knows stays one.
    ('title: "She said \\"yes\\"', 'She said "yes"'),
    # Any other backslash is the volunteer's: "\n" would have published a new line.
    ('title: "Files in C:\\new folder', "Files in C:\\new folder"),
    # A quote in the note is the note's.
    ('title: "Vote" for Katie # "Vote" is the slogan', '"Vote" for Katie'),
    ("title: 'Vote' for Katie # ask Sam's team", "'Vote' for Katie"),
])
def test_the_line_suggested_for_a_quote_reads_back_as_meant(line, meant):
    """Followed, the fix publishes what the volunteer wrote between the quotes."""
    told = refusal(f"{line}\ndate: 2021-11-24")
    suggested = told.split(" — ")[1].split(": ", 1)[1]
    assert parse_document(f"---\n{suggested}\n---\nText.\n").values == {"title" if "title" in line else "summary": meant}



@pytest.mark.parametrize("line, meant", [
    ("title: Councillors back #NHSPayNow", {"title": "Councillors back #NHSPayNow"}),
    # The note after the hashtag stays a note.
    ("title: Back #NHSPayNow # check the tag", {"title": "Back #NHSPayNow"}),
    ("contacts:\n  - name: Priya #Nair", {"contacts": [{"name": "Priya #Nair"}]}),
    # In brackets, YAML's note took the "]" too: PyYAML's own error, a line late.
    ("tags: [nhs, pay #FairPay]", {"tags": ["nhs", "pay #FairPay"]}),
    ("tags: [nhs, pay #FairPay, x] # a note", {"tags": ["nhs", "pay #FairPay", "x"]}),
    # A value that is the hashtag: no space of the line's in the quotes.
    ("title:   #NHSPayNow rally", {"title": "#NHSPayNow rally"}),
    ("tags:\n  - #NHS", {"tags": ["#NHS"]}),
])
def test_the_line_suggested_for_a_hashtag_reads_back_as_meant(line, meant):
    """A hashtag after a space is YAML's note: the line given keeps it, quoted."""
    told = refusal(line)
    suggested = told.split(" — ")[1].split("quotes: ", 1)[1].split(", indented ")[0]
    lines = line.split("\n")
    lines[-1] = " " * (len(lines[-1]) - len(lines[-1].lstrip())) + suggested
    assert parse_document("---\n" + "\n".join(lines) + "\n---\nText.\n").values == meant



@pytest.mark.parametrize("front_matter, expected", [
    # PyYAML: "expected '<document start>', but found '<block mapping start>'", a line late.
    ('   title: "Ben Munro"\njoined: 2021-12-15',
     "2: title: the line is indented 3 spaces, but a field of its own starts at the left — start the line at the "
     "left edge, with no spaces, as 'joined' below it does"),
    # A note holding ": " is no value holding one.
    ('title: {"Ben Munro"\njoined: 2021-12-15  # sample date: replace it',
     '2: title: a value starting with "{" must be in quotes — write the line as: title: \'{"Ben Munro"\''),
])
def test_a_slip_on_the_first_line_is_told_there_not_on_the_next(front_matter, expected):
    assert refusal(front_matter) == expected


@pytest.mark.parametrize("front_matter, fix", [
    ('contacts:\n  - name: Priya\n    role: "Head of press\n  - name: Sam',
     'end the value with " on the same line: role: "Head of press", indented 4 spaces as it is now'),
    ("contacts:\n  - name: @Priya",
     'write the line as: - name: "@Priya", indented 2 spaces as it is now'),
    ("contacts:\n  - name: Priya\n    role: Press: office",
     'put the whole value in quotes: role: "Press: office", indented 4 spaces as it is now'),
    ("contacts:\n  - name: Priya\n    role: “Press: office”",
     'write the line with straight quotes: role: "Press: office", indented 4 spaces as it is now'),
])
def test_a_fix_for_an_indented_line_says_its_indent(front_matter, fix):
    """Copied to the left, a contact's field or a list's item leaves its entry or list."""
    assert refusal(front_matter).split(" — ", 1)[1] == fix


CONTACTS = "contacts:\n  - name: Sam Okafor\n    role: Head of press\n  - name: Priya Nair\n    role: Press officer"


@pytest.mark.parametrize("written, expected", [
    # PyYAML read the entry's first line as text and told its next field:
    # "mapping values are not allowed here", a line late.
    ("  - name Priya Nair", "there is no colon after the field's name (name)"),
    ("  - name:\xa0Priya Nair", "the space after the colon is a non-breaking space (Option+Space on a Mac)"),
    ("  - name:Priya Nair", "there is no space after the colon"),
    ("  - name = Priya Nair", "written with '=' instead of ': '"),
])
def test_an_entrys_first_field_without_its_colon_is_told_at_its_line(written, expected):
    assert refusal(CONTACTS.replace("  - name: Priya Nair", written)) == (
        f"5: contacts: {expected} — write the line as '- name: Priya Nair' (the name, a colon, then an ordinary "
        "space), indented 2 spaces as it is now")


def test_a_list_whose_suggested_line_would_not_read_is_told_not_a_traceback():
    """The list a fix would give ('[a, {b]') is read first: YAML's error reading it was raised."""
    assert refusal("title: Buses\ntags: [[housing, {nhs]\nsummary: A post.").startswith(
        "3: (front matter): YAML syntax error")


def test_a_slip_yaml_finds_at_the_end_of_the_block_is_told_not_a_traceback():
    """PyYAML gives up after the last line: the checks of the line it names look past the block."""
    assert refusal('title: Buses\ntags: [buses, transport]"x').startswith("4: (front matter): YAML syntax error")


def test_a_field_without_its_colon_is_told_though_another_entry_has_that_field():
    """Another contact's role is no reason to read this one's as words of its name."""
    assert refusal(CONTACTS.replace("    role: Press officer", "    role Press officer")) == (
        "6: contacts: there is no colon after the field's name (role) — write the line as 'role: Press officer' "
        "(the name, a colon, then a space), indented 4 spaces as the fields above it")

def test_a_list_item_without_its_space_is_named_at_its_line():
    # PyYAML reported the line after it.
    commitments = "".join(f"  - Commitment {number}.\n" for number in range(1, 10))
    front_matter = f"title: Homes\nnumber: 2\nsummary: Homes.\ncommitments:\n{commitments}  -Cap rents.\n  - More."
    # Written at the left, as the fix once said, the line left the list.
    assert refusal(front_matter) == ('15: commitments: a list item needs a space after the "-" — '
                                     "write the line as: - Cap rents., indented 2 spaces as the item above")
    parse_document(f"---\n{front_matter.replace('  -Cap', '  - Cap')}\n---\nText.\n")


@pytest.mark.parametrize("value", ["@Katie joins", "*Breaking* news", "% rise in rents",
                                   "`vote` today", "| pipes", "> more", "& more",
                                   "!Important! Read this"])
def test_a_value_starting_with_a_yaml_character_must_be_in_quotes(value):
    assert refusal(f"title: {value}") == (f'2: title: a value starting with "{value[0]}" must be in quotes — '
                                          f'write the line as: title: "{value}"')


@pytest.mark.parametrize("front_matter, expected", [
    ("title: [Update] Buses",
     '2: title: a value starting with "[" must be in quotes — write the line as: title: "[Update] Buses"'),
    # YAML reads these as a tag and an anchor: refused as such, with the line to write.
    ("title: !Breaking news",
     '2: (front matter): YAML tags (!Breaking) are not allowed — a value starting with "!" must be in quotes: '
     'write the line as: title: "!Breaking news"'),
    ("title: &more fun for all",
     '2: (front matter): YAML anchors (&more) are not allowed — a value starting with "&" must be in quotes: '
     'write the line as: title: "&more fun for all"'),
    ("image: {static}/images/rally.jpg\nimage_alt: A rally",
     "2: image: {static} is for links in the text, not the front matter — "
     "write the path from content/: image: images/rally.jpg"),
    ("summary: Note: colons need quotes",
     '2: summary: the value holds ": ", which YAML reads as the start of another field — '
     'put the whole value in quotes: summary: "Note: colons need quotes"'),
    # A key and a list's item to YAML: PyYAML's "mapping keys are not allowed here".
    ("title: ? Buses back",
     '2: title: a value starting with "?" must be in quotes — write the line as: title: "? Buses back"'),
    ("title: - Buses back",
     '2: title: a value starting with "-" must be in quotes — write the line as: title: "- Buses back"'),
    ("contacts:\n  - name: ? Sam Okafor",
     '3: contacts: a value starting with "?" must be in quotes — write the line as: - name: "? Sam Okafor", '
     "indented 2 spaces as it is now"),
    # A press contact's later field without its space: told as words of the name above it.
    ("contacts:\n  - name: Sam Okafor\n    email:press@example.org\n    role: Head of press",
     "4: contacts: there is no space after the colon — write the line as 'email: press@example.org' (the colon, "
     "then an ordinary space), indented 4 spaces as it is now"),
    ("contacts:\n  - name: Sam Okafor\n    email:\xa0press@example.org\n    role: Head of press",
     "4: contacts: the space after the colon is a non-breaking space (Option+Space on a Mac) — write the line as "
     "'email: press@example.org' (the colon, then an ordinary space), indented 4 spaces as it is now"),
    ("contacts:\n  - name: Sam Okafor\n    email = press@example.org\n    role: Head of press",
     "4: contacts: written with '=' instead of ': ' — write the line as 'email: press@example.org' (the colon, "
     "then an ordinary space), indented 4 spaces as it is now"),
    # A quote glued to the colon of a field whose list is below it.
    ('title: Homes\ncommitments:"\n  - Cap rents.',
     "3: commitments: there is a stray \" after the colon — delete it: write the line as 'commitments:'"),
    # A character slipped in before a block of lines' ">-": quoting the line would end the text there.
    ("press_kit_people:\n  - name: Alex Mays\n    bio: {>-\n      Alex founded the party.",
     '4: press_kit_people: the "{" before >- makes YAML read the line as something else than the start of the '
     "text below it — write the line as: bio: >-, indented 4 spaces as it is now"),
    # The next entry's dash without its space, after a block of lines.
    ("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n      Alex founded the party.\n  -name: Sam Okafor",
     '6: press_kit_people: a list item needs a space after the "-" — write the line as: - name: Sam Okafor, '
     "indented 2 spaces as it is now"),
])
def test_other_slips_get_the_line_to_write(front_matter, expected):
    assert refusal(front_matter) == expected


@pytest.mark.parametrize("front_matter, expected", [
    # The press office file's entries: a field a space short of, or past,
    # the one above it (PyYAML: "expected <block end>, but found
    # '<block mapping start>'", and "mapping values are not allowed here").
    ("contacts:\n  - name: Sam Okafor\n   role: Head of press",
     "4: contacts: the line is indented 3 spaces, where the field above it (name) starts after 4 spaces — "
     "start the line with 4 spaces, so that the fields of one entry line up under each other"),
    ("contacts:\n  - name: Sam Okafor\n     role: Head of press",
     "4: contacts: the line is indented 5 spaces, where the field above it (name) starts after 4 spaces — "
     "start the line with 4 spaces, so that the fields of one entry line up under each other"),
    ("title: Buses\n  date: 2021-11-24",
     "3: date: the line is indented 2 spaces, but a field of its own starts at the left — "
     "start the line at the left edge, with no spaces, as 'title' above it does"),
])
def test_a_field_out_of_line_with_the_one_above_is_named_with_the_spaces_to_write(front_matter, expected):
    assert refusal(front_matter) == expected
    # And the line as the fix says reads.
    spaces = int(expected.split("start the line with ")[1].split()[0]) if "with no spaces" not in expected else 0
    lines = front_matter.splitlines()
    lines[-1] = " " * spaces + lines[-1].lstrip()
    parse_document("---\n" + "\n".join(lines) + "\n---\nText.\n")


def test_front_matter_of_only_text_is_refused_without_a_traceback():
    """It ended the build with "ValueError: not enough values to unpack"."""
    assert refusal("Just a line of text") == ("2: (front matter): the front matter is not a list of 'field: value' "
                                              "lines — write one 'field: value' per line between the two '---' lines")


def test_a_quoted_static_link_in_an_image_field_is_explained():
    with pytest.raises(FieldError) as refused:
        image_path("{static}/images/rally.jpg", {})
    assert (refused.value.message, refused.value.fix) == (
        "{static} is for links in the text, not the front matter", "write the path from content/: images/rally.jpg")


@pytest.mark.parametrize("schema, key, fix", [
    # difflib said "did you mean 'date'?": a volunteer deleted the line and published the draft.
    (POST, "draft", "to keep it off the site write 'status: draft' instead; to publish it, delete this line"),
    (POST, "published", "to keep it off the site write 'status: draft' instead; to publish it, delete this line"),
    (COUNCILLOR, "name", "did you mean 'title'? (what other sites call name is title here)"),  # was 'sample'
    (POST, "description", "did you mean 'summary'? (what other sites call description is summary here)"),
    (POST, "excerpt", "did you mean 'summary'? (what other sites call excerpt is summary here)"),
    (POST, "categories", "did you mean 'category'? (what other sites call categories is category here)"),
    (COUNCILLOR, "image", "did you mean 'photo'? (what other sites call image is photo here)"),
    (POST, "featuredImage", "did you mean 'image'? (what other sites call featuredImage is image here)"),
    (EVENT, "date", "did you mean 'start'? (what other sites call date is start here)"),
    (POST, "slug", "delete this line: the address comes from the file name, so rename the file to change it, and "
                   "list the old address in old_addresses if it was published"),
    (PAGE, "permalink", "delete this line: the address comes from the file name, so rename the file to change it, "
                        "and list the old address in old_addresses if it was published"),
    # Only a field the content type has is suggested.
    (MINIFESTO, "draft", "remove it, or use one of: " + ", ".join(MINIFESTO.field_names())),
    (POLICY, "categories", "remove it, or use one of: " + ", ".join(POLICY.field_names())),
    (POLICY, "tags", "remove it, or use one of: " + ", ".join(POLICY.field_names())),  # was 'status'
    (POST, "titel", "did you mean 'title'?"),
])
def test_a_field_from_another_system_gets_its_name_here(schema, key, fix):
    assert unknown_field_fix(key, schema.field_names()) == fix


@pytest.mark.parametrize("item, expected", [
    ("- Cap rents: no more than 30% of income.",
     'content/policies/01-housing.md:7: commitments: item 2: YAML read this as a field and its value because of '
     'the ": " in it — put the whole text in quotes: "Cap rents: no more than 30% of income."'),
    ("- “Cap rents: 30% of income”",
     'content/policies/01-housing.md:7: commitments: item 2: YAML read this as a field and its value because of '
     'the ": " in it (its curly quote “ does not count as a quote in the front matter) — put the whole text in '
     'quotes: "Cap rents: 30% of income"'),
    # Numbers are text as written now (19:30 was read as 1170, 1.50 as 1.5,
    # 010 as 8): the fix quotes them as they are.
    *((f"- {text}", 'content/policies/01-housing.md:7: commitments: item 2: YAML read this as a field and its value '
                    f'because of the ": " in it — put the whole text in quotes: "{text}"')
      for text in ("Doors open: 19:30", "Fares capped at: 1.50", "Price: 010")),
    # A field's name YAML still makes a number: quoting what it read would drop nothing, but is not as written.
    ("- 2022: a year", 'content/policies/01-housing.md:7: commitments: item 2: YAML read this as a field and its '
                       'value because of the ": " in it — put the whole text in quotes, as you wrote it'),
])
def test_a_colon_inside_a_list_item_is_explained(settings, item, expected):
    """The text IS on the same line: "write the text on the same line" was no help."""
    policy = policy_markdown("Homes", 1).replace("commitments: [Do the first thing.]",
                                                 f"commitments:\n- Build homes.\n{item}")
    assert problem_lines(POLICY, "content/policies/01-housing.md", policy, settings) == [expected]


@pytest.mark.parametrize("text, expected", [
    # Other sites' fields: the message says what to write here instead.
    (GOOD_POST.replace("---\nText", "draft: true\n---\nText"),
     "content/posts/hello.md:6: draft: is not a field of a post — to keep it off the site write 'status: draft' "
     "instead; to publish it, delete this line"),
    (GOOD_POST.replace("---\nText", "slug: hello-again\n---\nText"),
     "content/posts/hello.md:6: slug: is not a field of a post — delete this line: the address comes from the file "
     "name, so rename the file to change it, and list the old address in old_addresses if it was published"),
    (GOOD_POST.replace("---\nText", "title: Hello again\n---\nText"),
     "content/posts/hello.md:6: title: appears twice — keep one line for this field and delete the other"),
    (GOOD_POST.replace("summary: A first post.", "summary: A <b>bold</b> post."),
     "content/posts/hello.md:5: summary: contains HTML or a Markdown link — write plain text here; links belong in "
     "the body"),
    (GOOD_POST.replace("Text.", "TODO: write the text"),
     "content/posts/hello.md:7: body: still holds the placeholder TODO — replace the TODO line with "
     "your text"),
    # A repeat in a list of items was dropped without a word (tags have their own message).
    (GOOD_POST.replace("---\nText", "policies: [housing, nhs, housing]\n---\nText"),
     'content/posts/hello.md:6: policies: item 3: "housing" is named already, as item 1 — name each policy once: '
     "delete item 3"),
    (GOOD_POST.replace("---\nText", "councillors:\n  - katie-parker\n  - katie-parker\n---\nText"),
     'content/posts/hello.md:8: councillors: item 2: "katie-parker" is named already, as item 1 — name each '
     "councillor once: delete item 2"),
])
def test_a_mistake_in_a_post_is_reported_as_the_build_prints_it(settings, text, expected):
    assert problem_lines(POST, "content/posts/hello.md", text, settings) == [expected]


def test_a_wrong_value_of_a_field_given_twice_is_told_at_the_line_of_the_value_kept(settings):
    """YAML keeps the last value of a field given twice: a fuzzing audit
    found its mistake told at the first line, which holds another value."""
    text = GOOD_POST.replace("---\nText", "date: 2021-11-31\n---\nText")
    assert problem_lines(POST, "content/posts/hello.md", text, settings) == [
        "content/posts/hello.md:6: date: appears twice — keep one line for this field and delete the other",
        'content/posts/hello.md:6: date: "2021-11-31" is not a date: November 2021 has 30 days — check the day: '
        "2021-11-01 to 2021-11-30"]


@pytest.mark.parametrize("line, expected", [
    ("embargo: [2022-01-01 09:00, 2022-02-01 09:00]",
     "content/posts/hello.md:6: embargo: a list (2022-01-01 09:00, 2022-02-01 09:00) is not a date"),
    ("embargo: [2022-01-01, 2022-02-01]", "content/posts/hello.md:6: embargo: a list (2022-01-01, 2022-02-01) is not "
                                          "a date"),
    ("embargo: yes", "content/posts/hello.md:6: embargo: a yes-or-no value (YAML reads yes, no, true, false, on and "
                     "off as one) is not a date"),
])
def test_a_value_yaml_read_as_another_kind_is_told_in_words(settings, line, expected):
    """A value YAML read as a list, a yes-or-no or nothing was quoted back
    as Python writes it ("['a', 'b']", "True", "None"), which told a
    volunteer nothing (a fuzzing audit)."""
    [told] = problem_lines(POST, "content/posts/hello.md", GOOD_POST.replace("---\nText", f"{line}\n---\nText"),
                           settings)
    assert told.startswith(expected), told


def test_nothing_where_a_value_belongs_is_told_in_words():
    from sitecore.schema.field_errors import describe

    assert describe(None) == "nothing (YAML reads ~ and null as nothing)"
    assert describe({"name": "Sam", "phone": None}) == "fields (name: Sam, phone: ~)"


def test_a_wrapped_summary_fails_the_build_at_its_line(make_site):
    post = GOOD_POST.replace("summary: A first post.", "summary: Members voted for buses\nacross the county.")
    build = make_site({"posts/hello.md": post}, new_process=True)
    assert_fails_with(build, 'content/posts/hello.md:6: summary: the summary continues on line 6 ("across the '
                             "county.\"), but a value must be on one line — put it all on one line, after 'summary:' "
                             "on line 5")
    assert len(build.problem_lines) == 1, build.problem_lines


@pytest.mark.parametrize("field, one, limit, why", [
    # Each tag is a page: a post of 45,000 tags (219 KB, under the size
    # limit) made 45,116 pages and 894 MB of output.
    ("tags", "tag{}", 12, "a post has at most 12 tags, each a page of the site listing the posts that share it"),
    # Each is a page written at every build: a file of 2,000 wrote 54 MB of
    # notices, and thirty such files filled the disk (an audit).
    ("old_addresses", "/news/old-{}/", 50, "an item keeps at most 50 old addresses, each a page the site writes"),
])
def test_a_list_of_pages_has_a_limit(settings, field, one, limit, why):
    """The editor's form takes no more either (tests/test_cms.py)."""
    listed = ", ".join(one.format(n) for n in range(limit + 1))
    text = f"---\n{POST_FIELDS}summary: A post.\n{field}: [{listed}]\n---\nText.\n"
    assert problem_lines(POST, "content/posts/hello.md", text, settings) == [
        f"content/posts/hello.md:6: {field}: has {limit + 1} items: {why} — keep the {limit} that matter most"]
    assert problem_lines(POST, "content/posts/hello.md", text.replace(", " + one.format(limit), ""), settings) == []


@pytest.mark.parametrize("path", ["images/rally.jpg", "/images/rally.jpg", "images/campaigns/images/flyer.jpg"])
def test_an_image_path_from_content_is_taken_as_written(path):
    assert image_path(path, {}) == path.lstrip("/")


@pytest.mark.parametrize("written, message, fix", [
    # The path as the file manager shows it: the fix drops "content/".
    ("content/images/press/alex-mays.jpg", '"content/images/press/alex-mays.jpg" is written from another folder '
     "than content/", "write it from content/: images/press/alex-mays.jpg"),
    ("/Users/sam/site/content/images/rally.jpg", '"/Users/sam/site/content/images/rally.jpg" is written from '
     "another folder than content/", "write it from content/: images/rally.jpg"),
    ("Images/rally.jpg", '"Images/rally.jpg" is not an image in content/images/',
     "write images/ in lower case: images/rally.jpg"),
    # Nothing a fix could be built on: the rule, with an example.
    ("https://example.org/a.jpg", '"https://example.org/a.jpg" is not an image in content/images/',
     "put the image in content/images/ and write its path, e.g. images/councillors/name.jpg"),
    # A path from content/images/: the fix puts "images/" before it.
    ("press/alex-mays.jpg", '"press/alex-mays.jpg" is not an image in content/images/',
     "put the image in content/images/ and write its path from content/: images/press/alex-mays.jpg"),
    ("images/../../secret.jpg", '"images/../../secret.jpg" is not an image in content/images/',
     "put the image in content/images/ and write its path, e.g. images/councillors/name.jpg"),
])
def test_an_image_path_written_another_way_gets_the_path_to_write(written, message, fix):
    with pytest.raises(FieldError) as refused:
        image_path(written, {})
    assert (refused.value.message, refused.value.fix) == (message, fix)
    if "e.g." not in fix:
        assert image_path(fix.rsplit(": ", 1)[1], {}) == fix.rsplit(": ", 1)[1]  # the fix reads


@pytest.mark.parametrize("front_matter, expected", [
    # The colon left out: told as the date "continuing" on the next line, and
    # doing what that said made two errors more.
    ("title: Buses\ndate: 2021-11-08\ncategory news\nsummary: A post.",
     "4: category: there is no colon after the field's name (category) — write the line as 'category: news' "
     "(the name, a colon, then a space)"),
    ("contacts:\n  - name: Sam Okafor\n    role: Press officer\n    phone 020 7946 0456\n    email: a@example.org",
     "5: contacts: there is no colon after the field's name (phone) — write the line as 'phone: 020 7946 0456' "
     "(the name, a colon, then a space), indented 4 spaces as the fields above it"),
    ('title: Katie Parker\nrole "Councillor"',
     "3: role: there is no colon after the field's name (role) — write the line as 'role: \"Councillor\"' "
     "(the name, a colon, then a space)"),
    # After a headline of several words that ends as headlines do.
    ("title: Homes for all people\ncategory news\nsummary: A post.",
     "3: category: there is no colon after the field's name (category) — write the line as 'category: news' "
     "(the name, a colon, then a space)"),
    # A value starting with a capital, as values do, after a short headline: no sentence runs on.
    ("title: Homes for all\nsummary The council voted for homes.\ndate: 2021-11-24",
     "3: summary: there is no colon after the field's name (summary) — write the line as 'summary: The council "
     "voted for homes.' (the name, a colon, then a space)"),
    # The first line: no field above it, and PyYAML complained of the line below.
    ("title Homes for everyone\nnumber: 1",
     "2: title: there is no colon after the field's name (title) — write the line as 'title: Homes for everyone' "
     "(the name, a colon, then a space)"),
    # A summary of a paragraph: a line to copy would be cut short with "…", so the edit is told instead.
    ("title: Homes for all\nsummary " + "The council voted for homes. " * 9 + "\ndate: 2021-11-24",
     "3: summary: there is no colon after the field's name (summary) — put a colon and a space after the name, so "
     "that the line starts 'summary: The council voted for homes. The' and goes on as written"),
])
def test_a_field_without_its_colon_is_named_with_the_line_to_write(front_matter, expected):
    assert refusal(front_matter) == expected
    if "write the line as '" in expected:
        written = expected.split("write the line as '")[1].split("' (the name")[0]
        lines = [(line[:len(line) - len(line.lstrip())] + written) if written.split(":")[0] in line
                 and ":" not in line else line for line in front_matter.splitlines()]
    else:  # the edit told: a colon and a space after the name
        name = expected.split("(")[1].split(")")[0]
        lines = [line.replace(f"{name} ", f"{name}: ", 1) if line.startswith(f"{name} ") else line
                 for line in front_matter.splitlines()]
        written = next(line for line in lines if line.startswith(f"{name}: "))
    fixed = parse_document("---\n" + "\n".join(lines) + "\n---\nText.\n")  # the line as written reads
    name, value = written.split(": ", 1)
    if name in fixed.values:  # (a contact's phone is inside its entry)
        assert fixed.values[name] == value.strip().strip('"')


@pytest.mark.parametrize("line, fixed, value", [
    ("title: Homes: a plan # check wording", 'title: "Homes: a plan" # check wording', "Homes: a plan"),
    ("title: @Katie joins # from the press release", 'title: "@Katie joins" # from the press release',
     "@Katie joins"),
    ("tags: [housing, climate # todo", "tags: [housing, climate] # todo", ["housing", "climate"]),
    # A hashtag is words, not a note: it stays in the value, quoted.
    ("title: Rents: back #NHSPayNow", 'title: "Rents: back #NHSPayNow"', "Rents: back #NHSPayNow"),
    ("tags: [housing, climate #NHSPayNow", 'tags: [housing, "climate #NHSPayNow"]', ["housing", "climate #NHSPayNow"]),
    # A tab before "#" is no note to YAML; "##" is one; an apostrophe opens no quote.
    ("title: Vote: now\t#\tnote", 'title: "Vote: now\t#\tnote"', "Vote: now\t#\tnote"),
    ("title: Vote: now ## note", 'title: "Vote: now" ## note', "Vote: now"),
    ("title: Rents, 'til the end: our plan # note", "title: \"Rents, 'til the end: our plan\" # note",
     "Rents, 'til the end: our plan"),
    # An item already in quotes is left as it is.
    ("tags: ['a #b', c #x", "tags: ['a #b', \"c #x\"]", ["a #b", "c #x"]),
    # A "#" inside an item's own quotes is text.
    ('tags: [One, "Two # three" # todo', 'tags: [One, "Two # three"] # todo', ["One", "Two # three"]),
])
def test_a_fix_keeps_the_volunteers_note_out_of_the_value(line, fixed, value):
    """A note after " #" is left out of the value by YAML: a fix that put it
    inside the quotes (or the list) would publish it."""
    assert refusal(f"{line}\nsummary: A post.").endswith(fixed)
    key = line.split(":")[0]
    assert parse_document(f"---\n{fixed}\nsummary: A post.\n---\nText.\n").values[key] == value


def test_words_of_a_wrapped_value_are_not_taken_for_a_field_already_given():
    assert refusal("title: A new role\nrole model for all\nrole: Councillor").startswith(
        "3: title: the title continues on line 3")


@pytest.mark.parametrize("front_matter, expected", [
    # Told at the end of the block as "expected ',' or ']', but got '<stream end>'".
    ("title: Buses\ntags: [#NHS, housing]\nsummary: A post.",
     '3: tags: an item starting with "#" is read as a note, to the end of the line, so the list is never closed — '
     'put that item in quotes: tags: ["#NHS", housing]'),
    ("title: Buses\npolicies: [housing, nhs\nsummary: A post.",
     "3: policies: the list in brackets is never closed — end it with ]: policies: [housing, nhs]"),
    # Its "]" written, but in YAML's note: PyYAML's own words, at the end of the block.
    ("title: Buses\ntags: [nhs, pay #FairPay]\nsummary: A post.",
     '3: tags: a "#" after a space is read as a note, to the end of the line, so the list is never closed — '
     'put that item in quotes: tags: [nhs, "pay #FairPay"]'),
    # Two lists where one was meant: the fix is one list, not the line again.
    ("title: Buses\ntags: [housing] [nhs\nsummary: A post.",
     '3: tags: the brackets do not pair up (2 "[" and 1 "]") — write the list with one of each: '
     "tags: [housing, nhs]"),
    # The "]" in quotes is an item's: the list is never closed.
    ('title: Buses\ntags: ["[draft]", housing\nsummary: A post.',
     '3: tags: the list in brackets is never closed — end it with ]: tags: ["[draft]", housing]'),
    # A "[" too many: told as the quoted sample below it, whose ": " was blamed.
    # A quote typed once too often after the "]": PyYAML's words at the closing '---', or "in quotes".
    ('title: Buses\ntags: [housing, nhs]"\nsummary: A post.',
     "3: tags: there is a stray \" after the list's closing ] — delete it: tags: [housing, nhs]"),
    ("title: Buses\ntags: [housing, nhs]'\nsummary: A post.",
     "3: tags: there is a stray ' after the list's closing ] — delete it: tags: [housing, nhs]"),
    # An item's quote never closed: PyYAML read on to the end of the block ("found unexpected end of stream").
    ("title: Buses\ntags: [nhs, 'housing]\nsummary: A post.",
     "3: tags: the ' that starts the item 'housing is never closed — end the item with ': tags: [nhs, 'housing']"),
    ('title: Buses\npolicies: [[housing, nhs]\nsummary: "A post: in quotes."',
     '3: policies: the brackets do not pair up (2 "[" and 1 "]") — write the list with one of each: '
     "policies: [housing, nhs]"),
])
def test_a_list_in_brackets_left_open_is_named_at_its_line(front_matter, expected):
    assert refusal(front_matter) == expected
    fixed = expected.rsplit(": ", 2)
    line = f"{fixed[-2].split()[-1]}: {fixed[-1]}"
    key = line.split(":")[0]
    parse_document("---\n" + "\n".join(line if row.startswith(key + ":") else row
                                         for row in front_matter.splitlines()) + "\n---\nText.\n")


@pytest.mark.parametrize("front_matter, expected", [
    ('title: Buses\ntags: [nhs, housing"]',
     '3: tags: item 2: the value ends with a " that starts nowhere (housing"), and would be published with it — '
     'delete the " at its end, or, if the words are in quotes, put a " before them too'),
    ('title: Homes\ncommitments:\n  - Cap rents."\n  - Build homes.',
     '4: commitments: item 1: the value ends with a " that starts nowhere (Cap rents."), and would be published '
     'with it — delete the " at its end, or, if the words are in quotes, put a " before them too'),
    ('title: The "Big" vote"',
     '2: title: the value ends with a " that starts nowhere (The "Big" vote"), and would be published with it — '
     'delete the " at its end, or, if the words are in quotes, put a " before them too'),
])
def test_a_quote_at_the_end_that_starts_nowhere_is_refused(front_matter, expected):
    """YAML reads a value without quotes as it is, a stray quote and all:
    the site published the tag `housing"` and a commitment ending `."`."""
    assert refusal(front_matter) == expected


@pytest.mark.parametrize("value", ['Katie said "yes"', 'A 12" screen for the library', "Members' vote"])
def test_quotes_that_pair_up_or_mark_inches_are_words(value):
    assert parse_document(f"---\ntitle: {value}\n---\nText.\n").values["title"] == value


# A block of lines as the minifesto's closing call and a councillor's bio are written.
BLOCK_OF_LINES = ("title: Buses\nclosing_call: |\n  None of this happens because\n  a politician promises it.\n\n"
                  "  Become a member.\nkeywords: [buses]")


def with_line(front_matter: str, number: int, line: str) -> str:
    """The front matter with its line `number` (of the file: the block starts on line 2) replaced."""
    rows = front_matter.splitlines()
    rows[number - 2] = line
    return "\n".join(rows)


@pytest.mark.parametrize("number, slip, expected, fixed", [
    # A line of the text indented a space less: "expected <block end>, but found '<scalar>'".
    (5, " a politician promises it.",
     "5: closing_call: the line is indented 1 space, less than the first line of closing_call's text "
     "(line 4: 2 spaces), so YAML ends the text above it — start the line with 2 spaces, as every line of the text",
     "  a politician promises it."),
    # The first line a tab's width further in: PyYAML blamed the next line, as a field.
    (4, "    None of this happens because",
     "4: closing_call: the first line of closing_call's text is indented 4 spaces, the lines below it 2: "
     "YAML takes the text's indent from its first line, so the text ends at line 5 — start the line with 2 spaces, "
     "as the lines below it",
     "  None of this happens because"),
    # A line pasted at the left edge after the blank line: told as the post's text, the block never closed.
    (7, "Become a member.",
     "7: closing_call: the line starts at the left edge, but it is part of closing_call's text, whose lines "
     "are indented 2 spaces under 'closing_call:' on line 3 — start the line with 2 spaces, as every line of the text",
     "  Become a member."),
    # A quote before the "|": the text below was one quoted value, closed by nothing.
    (3, 'closing_call: "|',
     '3: closing_call: the " before | makes the text below it one value in quotes, never closed — write the line as: '
     "closing_call: |",
     "closing_call: |"),
    (3, "closing_call: '>-",
     "3: closing_call: the ' before >- makes the text below it one value in quotes, never closed — write the line as: "
     "closing_call: >-",
     "closing_call: >-"),
])
def test_a_slip_in_a_block_of_lines_is_told_at_its_line_with_its_indent(number, slip, expected, fixed):
    """Each fix, followed, reads back as the block as written before the slip
    (the '>-' one folds its lines, as the volunteer asked)."""
    assert refusal(with_line(BLOCK_OF_LINES, number, slip)) == expected
    mended = parse_document(f"---\n{with_line(BLOCK_OF_LINES, number, fixed)}\n---\nText.\n").values
    if fixed.startswith("closing_call: >"):
        assert mended["closing_call"] == "None of this happens because a politician promises it.\nBecome a member."
    else:
        assert mended == parse_document(f"---\n{BLOCK_OF_LINES}\n---\nText.\n").values


# A policy's commitments, the press office's people and its notes, as written in content/.
LISTS_AND_ENTRIES = ("title: Homes\ncommitments:\n  - Cap rents.\n  - Build homes.\n  - End evictions.\n"
                     "contacts:\n  - name: Sam Okafor\n    role: Head of press\n    phone: 020 7946 0123\n"
                     "  - name: Priya Nair\n    role: Press officer\n    bio: |-\n      Priya joined in 2021\n"
                     "      - from the Echo.\n  - name: Alex Mays\n    role: Leader\nsample: a sample file")


@pytest.mark.parametrize("number, slip, expected", [
    # An item a space out of line: PyYAML told it, or the item after it, as '<block sequence start>'.
    (4, "   - Cap rents.",
     "4: commitments: the item is indented 3 spaces, where the list's other items start after 2 spaces — start the "
     "line with 2 spaces, so that the items of one list line up under each other"),
    (5, "- Build homes.",
     "5: commitments: the item starts at the left edge, where the list's other items start after 2 spaces — start "
     "the line with 2 spaces, so that the items of one list line up under each other"),
    # A bio's Markdown list is its text, not items of the list of people: the item out of line is the entry's.
    (11, "   - name: Priya Nair",
     "11: contacts: the item is indented 3 spaces, where the list's other items start after 2 spaces — start the "
     "line with 2 spaces, so that the items of one list line up under each other"),
    (11, " - name: Priya Nair",
     "11: contacts: the item is indented 1 space, where the list's other items start after 2 spaces — start the "
     "line with 2 spaces, so that the items of one list line up under each other"),
    # A field of the file's own, indented under a list or an entry: it is no entry's field.
    (7, " contacts:",
     "7: contacts: the line is indented 1 space, but a field of its own starts at the left — start the line at the "
     "left edge, with no spaces, as the file's other fields"),
    (18, "  sample: a sample file",
     "18: sample: the line is indented 2 spaces, but a field of its own starts at the left — start the line at the "
     "left edge, with no spaces, as the file's other fields"),
    # An entry's field at the left edge (another entry has it): PyYAML told the line below, or the next entry.
    (12, "role: Press officer",
     "12: contacts: the line starts at the left edge, but it is a field of the entry above and below it, whose fields "
     "start after 4 spaces — start the line with 4 spaces, as the entry's other fields"),
    (10, "phone: 020 7946 0123",
     "10: contacts: the line starts at the left edge, but it is a field of the entry above and below it, whose fields "
     "start after 4 spaces — start the line with 4 spaces, as the entry's other fields"),
    (13, "bio: |-",
     "13: contacts: the line starts at the left edge, but it is a field of the entry above and below it, whose fields "
     "start after 4 spaces — start the line with 4 spaces, as the entry's other fields"),
])
def test_a_line_out_of_line_in_a_list_or_an_entry_is_told_at_its_line(number, slip, expected):
    """PyYAML's words, a line or four late, tell a volunteer nothing; each
    fix, followed, gives back the fields as written before the slip."""
    assert refusal(with_line(LISTS_AND_ENTRIES, number, slip)) == expected
    spaces = re.search(r"start the line (?:with (\d+) space|at the left edge)", expected)[1]
    mended = with_line(LISTS_AND_ENTRIES, number, " " * int(spaces or 0) + slip.lstrip())
    assert parse_document(f"---\n{mended}\n---\nText.\n").values == \
        parse_document(f"---\n{LISTS_AND_ENTRIES}\n---\nText.\n").values


@pytest.mark.parametrize("number, slip, expected", [
    # Read, not refused, by YAML: the list lost an item and published "Cap rents. - Build homes.".
    (5, "   - Build homes.",
     "5: commitments: the item is indented 3 spaces, further than the item above it (2), so YAML reads it as more "
     "words of that item, not as an item of its own — start the line with 2 spaces, as the item above"),
    (5, "    - Build homes.",
     "5: commitments: the item is indented 4 spaces, further than the item above it (2), so YAML reads it as more "
     "words of that item, not as an item of its own — start the line with 2 spaces, as the item above"),
])
def test_an_item_indented_into_the_one_above_is_refused_not_joined_to_it(number, slip, expected):
    assert refusal(with_line(LISTS_AND_ENTRIES, number, slip)) == expected


def test_a_line_of_only_a_stray_quote_in_a_block_of_lines_is_told_to_delete():
    assert refusal(with_line(BLOCK_OF_LINES, 6, '"')) == (
        '6: closing_call: the line holds only a stray " — delete the line')


# A policy as written in content/policies/, for slips of whole lines: deleted, moved, split, joined.
POLICY_LINES = ['title: "Homes for all"', "number: 2", 'summary: "A home for everyone."', "commitments:",
                '  - "Cap rents."', '  - "Build homes."', 'sample: "members will replace this wording."']


@pytest.mark.parametrize("lines, expected", [
    # The list's field line deleted: PyYAML's "expected <block end>, but found '<block sequence start>'".
    ([*POLICY_LINES[:3], *POLICY_LINES[4:]],
     "5: summary: the list's items follow summary, which has a value of its own: no field names the list — write "
     "the list's field (its name and a colon) on a line of its own above its first item"),
    # The list's field line moved up a line.
    ([*POLICY_LINES[:2], POLICY_LINES[3], POLICY_LINES[2], *POLICY_LINES[4:]],
     "6: commitments: the list's items follow summary, which has a value of its own, and 'commitments:' on line 4 "
     "has no items under it — move the line 'commitments:' down, to just above the first item (line 6)"),
    # The last item moved below the next field: the field is told, so one move mends it, however many items follow.
    ([*POLICY_LINES[:5], POLICY_LINES[6], POLICY_LINES[5]],
     "7: sample: the line is between two items of the commitments list, which it ends early — move the line "
     "'sample: \"members will replace this wording.\"' below the list's last item (line 8)"),
    ([*POLICY_LINES[:2], *POLICY_LINES[3:5], POLICY_LINES[2], POLICY_LINES[5], '  - "End evictions."',
      POLICY_LINES[6]],
     "6: summary: the line is between two items of the commitments list, which it ends early — move the line "
     "'summary: \"A home for everyone.\"' below the list's last item (line 8)"),
    # A value put on the line below its field: PyYAML's "could not find expected ':'", two lines late.
    (["title:", '"Homes for all"', *POLICY_LINES[1:]],
     "3: title: the value of title is on the line below it, at the left edge, where YAML reads it as a field of its "
     'own — put it on the line of title, after the colon: title: "Homes for all"'),
    (["contacts:", "  - name: Sam Okafor", "    role:", "Head of press", "    phone: 020 7946 0123"],
     "5: contacts: the value of role is on the line below it, at the left edge, where YAML reads it as a field of "
     "its own — put it on the line of role, after the colon: role: Head of press, indented 4 spaces as it is now"),
    # Too long a value to give as a line to copy whole: the edit only.
    ([*POLICY_LINES[:2], "summary:", " ".join(["A home for everyone."] * 13), *POLICY_LINES[3:]],
     "5: summary: the value of summary is on the line below it, at the left edge, where YAML reads it as a field "
     "of its own — put it on the line of summary, after the colon"),
    ([*POLICY_LINES[:6], "sample:", "members will replace this wording."],
     "9: sample: the value of sample is on the line below it, at the left edge, where YAML reads it as a field of "
     "its own — put it on the line of sample, after the colon: sample: members will replace this wording."),
    # Two lines joined: told as a quote inside quotes, or a value holding ": ".
    ([f"{POLICY_LINES[0]} {POLICY_LINES[1]}", *POLICY_LINES[2:]],
     '2: title: "number:" starts another field on the line of title, after its value — put \'number: 2\' on a line '
     "of its own, below 'title: \"Homes for all\"' (or, if it is words of the title, put the whole value in quotes)"),
    ([POLICY_LINES[0], f"{POLICY_LINES[1]} {POLICY_LINES[2]}", *POLICY_LINES[3:]],
     '3: number: "summary:" starts another field on the line of number, after its value — put \'summary: "A home '
     "for everyone.\"' on a line of its own, below 'number: 2' (or, if it is words of the number, put the whole "
     "value in quotes)"),
])
def test_a_line_deleted_moved_split_or_joined_is_told_as_such(lines, expected):
    assert refusal("\n".join(lines)) == expected


@pytest.mark.parametrize("front_matter, expected", [
    # The press office file opens with notes: one broken in two read as a field, "expected '<document start>'".
    ("# The press office (/press/):\nwho journalists call.\ncontacts:\n  - name: Sam Okafor",
     "3: (front matter): the line follows a note (a line starting with #) but does not start with # itself, so YAML "
     "reads it as a field — start the line with # and a space, as the note's first line: every line of a note needs "
     "its own #"),
    # A note of two lines, the last of the front matter: not "the summary continues", which published the note.
    ("title: Buses\ndate: 2021-11-08\ncategory: news\nsummary: The council voted.\n"
     "# Note for the editor: please check the figures\nwith Katie before this goes out.",
     "7: summary: the line follows a note (a line starting with #) but does not start with # itself, so YAML reads it "
     "as a field — start the line with # and a space, as the note's first line: every line of a note needs its own #"),
    # The minifesto's "closing_call: |" swapped with the line above it: "mapping values are not allowed here".
    ("closing_call: |\nclosing_title: Join the breakthrough\n  None of this happens: we organise.\n  Join us.\n"
     "keywords: [minifesto]",
     "4: closing_call: the indented lines below closing_title are no part of it, and 'closing_call:' on line 2 has "
     "no text under it — move the line 'closing_call: |' down, to just above the text (line 4)"),
    ("title: Homes\nsummary: A policy.\n  None of this happens: we organise.\nkeywords: [minifesto]",
     "4: summary: the indented lines below summary are no part of it: it has its value on its own line — if they are "
     "the text of a block of lines, write its field above them (as 'closing_call: |' or 'bio: >-'); if they are "
     "words of summary, "
     "put them on its line"),
])
def test_a_note_or_a_block_of_text_out_of_place_is_told_as_such(front_matter, expected):
    assert refusal(front_matter) == expected


def test_items_under_a_field_with_a_value_are_refused_not_joined_to_it():
    """Without quotes YAML reads the items as more words of the summary
    ("A home for everyone. - Cap rents."): the list's field line deleted
    published a summary with the commitments in it, and no commitments."""
    lines = ["title: Homes for all", "number: 2", "summary: A home for everyone.", "  - Cap rents.", "sample: x"]
    assert refusal("\n".join(lines)) == (
        '5: summary: the line starts with "- " as a list\'s item does, but YAML reads it as more words of summary '
        "above it: no field names a list here — write the list's field (its name and a colon) on a line of its own "
        "above its first item, or, if these are words of summary, put them on summary's line")


def test_a_quote_never_closed_over_several_lines_is_told_with_the_line_to_close_it_on():
    """A value in quotes may go on over indented lines; one never closed ran
    to the next field's quote and was told there, in PyYAML's words."""
    front_matter = 'title: Buses\nsummary: "Members voted for\n  buses across the county.\nnote: "a sample"'
    assert refusal(front_matter) == (
        '3: summary: the " that starts the value is never closed, so the lines below it are read as part of it — '
        'end the value with " at the end of its last line, line 4')
    mended = front_matter.replace("county.", 'county."')
    assert parse_document(f"---\n{mended}\n---\nText.\n").values["summary"] == \
        "Members voted for buses across the county."


@pytest.mark.parametrize("written, fix", [
    ("Katie Parker", "use the file name without '.md' (lower-case letters, digits and hyphens), e.g. katie-parker"),
    ("NHS", "use the file name without '.md' (lower-case letters, digits and hyphens), e.g. nhs"),
])
def test_an_item_named_as_people_write_it_gets_its_file_name(written, fix):
    """'"Katie Parker" is not a slug' was a word for programmers, with no name to write."""
    from sitecore.schema.fields import slug

    with pytest.raises(FieldError) as refused:
        slug(written, {})
    assert (refused.value.message, refused.value.fix) == (f'"{written}" is not a file name', fix)


@pytest.mark.parametrize("corrections, expected", [
    # One line of its own: was three messages (not a field, date missing, note missing).
    ("corrections:\n  - 2021-11-25: the vote was on Tuesday",
     ["content/posts/hello.md:7: corrections: item 1: is written as '2021-11-25: the vote was on Tuesday', not as "
      "a correction's fields — write it as '- date: …' and its other fields (note) under it, lined up"]),
    # A dash too many: was "add a note to item 1" and "add a date to item 2",
    # which, done, made two corrections of invented words.
    ("corrections:\n  - date: 2021-11-25\n  - note: The vote was on Tuesday.",
     ["content/posts/hello.md:8: corrections: item 2: its '- ' starts a new correction, so the correction above "
      "has no note — remove the '-' before note: so that it lines up under the fields above"]),
    ("corrections:\n  - date: 2021-11-25\n    note: The vote was on Tuesday.", []),
])
def test_a_correction_written_in_the_wrong_shape_is_told_once(settings, corrections, expected):
    text = f"---\n{POST_FIELDS}summary: A post.\n{corrections}\n---\nText.\n"
    assert problem_lines(POST, "content/posts/hello.md", text, settings) == expected


def test_a_misspelt_field_alone_in_an_entry_is_still_told_by_its_name(settings):
    text = f"---\n{POST_FIELDS}summary: A post.\ncorrections:\n  - daet: 2021-11-25\n---\nText.\n"
    assert any("daet: is not a field of a correction" in line
               for line in problem_lines(POST, "content/posts/hello.md", text, settings))


@pytest.mark.parametrize("fence, message", [
    ("----", "the front matter block is never closed: line 5 is '----', not '---'"),
    ("--", "the front matter block is never closed: line 5 is '--', not '---'"),
    ("—", "the front matter block is never closed: line 5 is '—', not '---'"),
])
def test_a_closing_fence_mistyped_is_named_at_its_line(fence, message):
    """Told at line 1 that the block is never closed, a volunteer added a
    '---' and the '----' stayed in the text, a line across the page."""
    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{POST_FIELDS}{fence}\nText.\n")
    error = refused.value
    assert (error.line, error.message, error.fix) == (5, message, "write exactly three hyphens on line 5: ---")


def test_a_welsh_name_gets_its_file_name_without_the_accent():
    from sitecore.schema.fields import slug

    with pytest.raises(FieldError) as refused:
        slug("Siân Jones", {})
    assert refused.value.fix.endswith("e.g. sian-jones")


# Cases a review of these messages found: each was a traceback, a fix that did not mend, or the wrong line.
@pytest.mark.parametrize("front_matter, expected", [
    # A blank line holding a tab, left by an editor: a traceback (StopIteration).
    ("title: Buses\n  \t\ndate: 2021-11-08",
     "3: (front matter): YAML syntax error: a tab character is used for indenting — indent with spaces, not tabs"),
    # A list moved up as written, not turned into text by quotes.
    ("title: Buses\ntags:\n[climate, cop26]\ndate: 2021-11-08",
     "4: tags: the value of tags is on the line below it, at the left edge, where YAML reads it as a field of its "
     "own — put it on the line of tags, after the colon: tags: [climate, cop26]"),
    # "image:" inside a quoted credit is words, not a second field: the entry's field at the left is the slip.
    ('press_kit_people:\n  - name: Alex Mays\n    caption: Alex.\ncredit: "Sample image: Breakthrough Party"\n'
     "    bio: >-\n      Alex founded the party.",
     "5: press_kit_people: the line starts at the left edge, but it is a field of the entry above and below it, "
     "whose fields start after 4 spaces — start the line with 4 spaces, as the entry's other fields"),
    # A field's line joined to its first item: the item goes on a line of its own, not in quotes.
    ("title: Homes\ncommitments: - Build council homes.\n  - Cap rents.",
     "3: commitments: the list's first item is on the line of its field — put '- Build council homes.' on a line "
     "of its own below 'commitments:', indented 2 spaces as the items below it"),
    # The only item on its field's line: told as the list's item, not put in quotes (published "- Tax wealth.").
    ("title: Fair taxes\nnumber: 11\ncommitments: - Tax wealth.",
     "4: commitments: the list's first item is on the line of its field — put '- Tax wealth.' on a line of its own "
     "below 'commitments:', indented 2 spaces as a list's items under its field"),
    ("title: Buses\ntags: - buses",
     "3: tags: the list's first item is on the line of its field — put '- buses' on a line of its own below 'tags:', "
     "indented 2 spaces as a list's items under its field"),
    # The first item's dash without its space: YAML read the items as one text.
    ("title: Homes\ncommitments:\n  -Build council homes.\n  - Cap rents.",
     '4: commitments: a list item needs a space after the "-" — write the line as: - Build council homes., '
     "indented 2 spaces as it is now"),
    # A bio's Markdown item at the left edge: a line of the bio, not an entry.
    ("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n      Alex's priorities:\n\n      - housing for all\n"
     "- a fair NHS\n      Alex was elected in 2021.\n  - name: Sam Okafor",
     "8: press_kit_people: the line starts at the left edge, but it is part of bio's text, whose lines are indented "
     "6 spaces under 'bio:' on line 4 — start the line with 6 spaces, as every line of the text"),
    ("title: Buses\nclosing_call: |\n  Join us:\n\n  - Become a member\n- Stand with us\n\n  Bring a friend.\n"
     'sample: "x"',
     "7: closing_call: the line starts at the left edge, but it is part of closing_call's text, whose lines are "
     "indented 2 spaces under 'closing_call:' on line 3 — start the line with 2 spaces, as every line of the text"),
    ("title: Buses\nclosing_call: |\n  Join us:\n\n  - Become a member\n  - Stand with us\n\nBring a friend.\n"
     'sample: "x"',
     "9: closing_call: the line starts at the left edge, but it is part of closing_call's text, whose lines are "
     "indented 2 spaces under 'closing_call:' on line 3 — start the line with 2 spaces, as every line of the text"),
    # The first line of a bio further in, its Markdown list below: the first line, not the next entry.
    ("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n        Priorities:\n      - housing\n      - the NHS\n"
     "  - name: Sam Okafor",
     "5: press_kit_people: the first line of bio's text is indented 8 spaces, the lines below it 6: YAML takes the "
     "text's indent from its first line, so the text ends at line 6 — start the line with 6 spaces, as the lines "
     "below it"),
    ("title: Buses\nclosing_call: |\n   None of this will happen.\n  It happens when people organise:\n\n"
     "    at work, where we live.\n  Bring a friend.\nsample: x",
     "4: closing_call: the first line of closing_call's text is indented 3 spaces, the lines below it 2: YAML takes "
     "the text's indent from its first line, so the text ends at line 5 — start the line with 2 spaces, as the "
     "lines below it"),
    # A bio's field line indented too far, deleted, or mistyped: not its Markdown items.
    ('press_kit_people:\n  - name: Alex Mays\n    credit: "Sample"\n        bio: >-\n      Priorities:\n\n'
     "      - housing\n  - name: Sam Okafor",
     "5: press_kit_people: the line is indented 8 spaces, where the field above it (credit) starts after 4 spaces "
     "— start the line with 4 spaces, so that the fields of one entry line up under each other"),
    ('press_kit_people:\n  - name: Alex Mays\n    credit: "Sample"\n    bio: >\'-\n      Priorities:\n\n'
     "      - housing\n  - name: Sam Okafor",
     "5: press_kit_people: the value should be >- alone, the start of the text below it — write the line as: "
     "bio: >-, indented 4 spaces as it is now"),
    # A value below its field with a note between: the value, not the note, is told.
    ("title:\n# the headline\nKatie Parker joins\ndate: 2021-11-08",
     "4: title: the value of title is on the line below it, at the left edge, where YAML reads it as a field of its "
     "own — put it on the line of title, after the colon: title: Katie Parker joins"),
    # Words of a bio that look like a field ("Website: …") are text: the slip further down is told, not the bio.
    ("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n      Alex founded the party.\n      Website: example.org\n"
     "      She lives in Leeds.\n    credit: Sample\n  - name: Sam Okafor\n    role Press officer",
     "10: press_kit_people: there is no colon after the field's name (role) — write the line as 'role: Press "
     "officer' (the name, a colon, then a space), indented 4 spaces as the fields above it"),
    ("press_kit_people:\n  - name: Alex Mays\n    bio: >-\n      Alex founded the party.\n      Website: example.org\n"
     "      She lives in Leeds.\n  - name: Sam Okafor\n    bio: Sam runs the press office.\n   credit: Sample",
     "10: press_kit_people: the line is indented 3 spaces, where the field above it (bio) starts after 4 spaces — "
     "start the line with 4 spaces, so that the fields of one entry line up under each other"),
])
def test_what_a_review_of_the_messages_found_is_told_right(front_matter, expected):
    assert refusal(front_matter) == expected
