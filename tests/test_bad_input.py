"""Every content mistake: one clear line naming file, line and field; a
non-zero exit; never a traceback; all problems of a build listed together."""

from __future__ import annotations

import subprocess
import textwrap

import pytest
from conftest import policy_markdown

GOOD_POST = """\
---
title: Hello from the party
date: 2021-11-24
category: news
summary: A first post.
---
Text.
"""


def assert_fails_with(build, *expected_lines: str) -> None:
    assert build.returncode == 1, build.stdout + build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    for expected in expected_lines:
        assert expected in build.problem_lines, "\n".join(build.problem_lines)
    assert "Build failed: nothing was changed in" in build.stderr


def test_the_minimal_site_builds(make_site):
    # As a volunteer runs it: `python -m sitebuild` in a process of its own.
    build = make_site(new_process=True)
    assert build.returncode == 0, build.stderr
    assert (build.output / "news/hello/index.html").exists()


def test_missing_front_matter(make_site):
    # In a process of its own: the exit status and messages a volunteer sees.
    build = make_site({"posts/hello.md": "Just some text, no front matter.\n"}, new_process=True)
    assert_fails_with(
        build,
        "content/posts/hello.md:1: (front matter): the file does not start with a front matter "
        "block — make the first line '---', then the fields (title: …), then a line '---'",
    )


def test_front_matter_never_closed(make_site):
    build = make_site({"posts/hello.md": "---\ntitle: Hello\n\nText.\n"})
    assert_fails_with(
        build,
        "content/posts/hello.md:1: (front matter): the front matter block is never closed — "
        "add a line '---' after the last field, before the text",
    )


@pytest.mark.parametrize("text, reported_line, text_line", [
    # A blank line, the text, then a Markdown rule (---) taken for the closing fence.
    (GOOD_POST.replace("---\nText.\n", "\nFirst paragraph.\n\n---\n\nAfter the rule.\n"), 6, 7),
    # The text straight after the last field.
    (GOOD_POST.replace("---\nText.\n", "First paragraph.\n\n---\n\nAfter the rule.\n"), 6, 6),
])
def test_front_matter_not_closed_before_a_rule_in_the_text(make_site, text, reported_line, text_line):
    build = make_site({"posts/hello.md": text})
    assert_fails_with(
        build,
        f"content/posts/hello.md:{reported_line}: (front matter): the front matter block is probably not closed: "
        f"line {text_line} reads as text, not a field, and the '---' on line {text_line + 2} was taken as the "
        "block's end — add a line '---' after the last field, before the text",
    )


def test_a_tab_used_for_indenting_is_named(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("---\nText", "tags:\n\t- launch\n---\nText")})
    assert_fails_with(
        build,
        "content/posts/hello.md:7: (front matter): YAML syntax error: a tab character is used for indenting — "
        "indent with spaces, not tabs",
    )


def test_a_tab_after_the_colon_is_named(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("title: Hello", "title:\tHello")})
    assert_fails_with(
        build,
        "content/posts/hello.md:2: (front matter): YAML syntax error: a tab character is used as a space — "
        "type spaces, not tabs",
    )


def test_yaml_syntax_error_points_at_its_line(make_site):
    broken = GOOD_POST.replace("summary: A first post.", "summary: Note: colons need quotes")
    build = make_site({"posts/hello.md": broken})
    [line] = build.problem_lines
    assert line == ('content/posts/hello.md:5: summary: the value holds ": ", which YAML reads as the start of another '
                    'field — put the whole value in quotes: summary: "Note: colons need quotes"')
    assert build.returncode == 1


def test_missing_required_field(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("summary: A first post.\n", "")})
    assert_fails_with(
        build,
        "content/posts/hello.md:5: summary: is missing (every post needs it) — add a line "
        "'summary: …' before the closing '---' e.g. summary: One or two plain sentences.",
    )


def test_a_summary_longer_than_two_sentences_is_refused_at_its_line(make_site):
    """A paragraph pasted as the summary would fill every list the post is on."""
    long_summary = " ".join(["Councillors"] + ["voted"] * 59 + ["today."])  # 61 words
    build = make_site({"posts/hello.md": GOOD_POST.replace("summary: A first post.", f"summary: {long_summary}")})
    assert_fails_with(
        build,
        "content/posts/hello.md:5: summary: has 61 words: a summary is one or two sentences, shown under the title "
        "in every list, in search results and where the link is shared — cut it to at most 60 words; the detail "
        "belongs in the text below",
    )


def test_a_summary_of_60_words_is_accepted():
    from sitecore.schema.fields import SUMMARY

    sixty = " ".join(["word"] * 60)
    assert SUMMARY(sixty, {}) == sixty


def test_a_photo_credit_of_a_paragraph_is_refused_at_its_line(make_site):
    """A 400-word credit was published under the photo on every page that
    shows it: one line of text (a name, a role, a credit, a place) has at
    most 200 characters, and a few sentences of plain text (a biography, a
    caption, a note) at most 100 words. (A title's share card measures it:
    tests/test_sharing.py.)"""
    from conftest import MINIMAL_SITE

    credit = ("Photo by a member of the Breakthrough Party's north-west branch, " * 7)[:412]
    bio = " ".join(["word"] * 101)
    press_office = (MINIMAL_SITE["press-office.md"].replace("credit: Sample image", f"credit: {credit}", 1)
                    .replace("bio: Sherilyn Wileman is the Deputy Leader.", f"bio: {bio}"))
    build = make_site({"press-office.md": press_office})
    assert_fails_with(
        build,
        "content/press-office.md:13: press_kit_people: item 1, "
        "credit: has 412 characters: a name, role, credit or place is one line, at most 200"
        " — shorten it to 200 characters or fewer; the detail belongs in the text below the front matter",
        "content/press-office.md:20: press_kit_people: item 2, "
        "bio: has 101 words: this is a few sentences of plain text, at most 100 words"
        " — cut it to at most 100 words; the detail belongs in the text below the front matter",
    )


def test_a_press_contact_or_person_given_twice_is_refused_at_the_repeat(make_site):
    """An entry pasted twice showed journalists the same person twice. A
    phone or an email two contacts share (a press desk) is theirs to share."""
    from conftest import MINIMAL_SITE

    repeat = ("  - name: Sam Okafor\n    role: Press officer\n    phone: 020 7946 0123\n"
              "    email: press@example.org\nout_of_hours:")
    press_office = textwrap.dedent(MINIMAL_SITE["press-office.md"]).replace("out_of_hours:", repeat, 1)
    twice = press_office.replace("- name: Sherilyn Wileman", "- name: Alex  Mays", 1)
    assert_fails_with(make_site({"press-office.md": twice}),
                      'content/press-office.md:7: contacts: item 2, name: "Sam Okafor" is listed already, as item 1'
                      " — give each contact once: delete item 2",
                      'content/press-office.md:19: press_kit_people: item 2, name: "Alex  Mays" is listed already, '
                      "as item 1 — give each person once: delete item 2")
    # Told beside the repeat's other mistakes, not after they are mended:
    # the entry is to be deleted. A curly quote is the straight one.
    quoted = (press_office.replace("name: Sam Okafor", "name: Sam O'Neill", 1)
              .replace("name: Sam Okafor", "name: Sam O’Neill")
              .replace("Press officer\n    phone: 020 7946 0123", "Press officer\n    phone: call Sam"))
    build = make_site({"press-office.md": quoted})
    assert 'content/press-office.md:7: contacts: item 2, name: "Sam O’Neill" is listed already, as item 1 — give ' \
           "each contact once: delete item 2" in build.problem_lines
    assert any("contacts: item 2, phone:" in line for line in build.problem_lines), build.problem_lines
    shared_desk = press_office.replace("name: Sam Okafor\n    role: Press officer",
                                       "name: Priya Nair\n    role: Press officer")
    assert make_site({"press-office.md": shared_desk}).returncode == 0


@pytest.mark.parametrize("check_name, longest, one_more", [
    ("text", "x" * 200, "x" * 201),
    ("title_line", "x" * 400, None),  # measured on its share card instead
    ("text", "\U00020000" * 200, "\U00020000" * 201),  # a character as Python counts one
    ("place", "Corn Exchange " * 14 + "Hall", "Corn Exchange " * 14 + "Halls"),
    ("plain_text", " ".join(["word"] * 100), " ".join(["word"] * 101)),
    # Words parted by U+FEFF (an invisible space pasted from Word), as the editor's form counts them.
    ("plain_text", " ".join(["word"] * 98 + ["Sam\ufeffOkafor"]), " ".join(["word"] * 99 + ["Sam\ufeffOkafor"])),
    ("alt_text", " ".join(["Members"] * 100), " ".join(["Members"] * 101)),
])
def test_a_line_of_text_and_a_few_plain_sentences_have_their_limits(check_name, longest, one_more):
    from sitecore.schema import fields
    from sitecore.schema.field_errors import FieldError

    check = getattr(fields, check_name)
    assert check(longest, {}) == longest
    if one_more is not None:
        with pytest.raises(FieldError, match="has (201 characters|101 words)"):
            check(one_more, {})


def test_wrong_type(make_site):
    build = make_site({"policies/01-housing.md": policy_markdown("Homes for everyone", "three")})
    assert_fails_with(
        build,
        'content/policies/01-housing.md:3: number: "three" is not a whole number — '
        "write a number from 1 to 99 in digits alone, without commas, spaces or quotes",
    )


@pytest.mark.parametrize("number", ["①", "٣", "3.0"])
def test_a_number_in_other_digits_is_refused_in_words_not_with_a_traceback(number):
    """str.isdigit() says yes to "①", which int() refuses: the reader ended
    with 'could not be read (ValueError …)'. Digits in quotes still read."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import integer_between

    with pytest.raises(FieldError) as refused:
        integer_between(1, 99)(number, {})
    assert refused.value.message.endswith("is not a whole number")
    assert integer_between(1, 99)(" 08 ", {}) == 8


@pytest.mark.parametrize("written, told", [
    ("mailto:press@example.org", ('"mailto:press@example.org" starts with mailto:, which the site adds itself',
                                  "write the address alone: press@example.org")),
    ("MAILTO: press@example.org", ('"MAILTO: press@example.org" starts with mailto:, which the site adds itself',
                                   "write the address alone: press@example.org")),
    ('press"onmouseover=x(1)@example.org', ('"press"onmouseover=x(1)@example.org" is not an email address',
                                            "write the whole address, e.g. press@example.org")),
])
def test_an_email_field_takes_the_address_alone(written, told):
    """The site makes the address a link: a "mailto:" written before it was
    published as mailto:mailto:…, and a quote or bracket made no address."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import email

    with pytest.raises(FieldError) as refused:
        email(written, {})
    assert (refused.value.message, refused.value.fix) == told
    assert email("o'neil+press@example.org.uk", {}) == "o'neil+press@example.org.uk"
    # Letters with accents, as the old rule took them (a review): the browser converts the domain.
    assert email("josé@bücher.de", {}) == "josé@bücher.de"


def test_a_picture_path_written_with_backslashes_is_given_back_with_slashes():
    """Windows's file manager shows a path with \\: the message said only
    that it was no image in content/images/ (a fuzzing audit)."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import image_path

    with pytest.raises(FieldError) as refused:
        image_path("images\\press\\alex-mays.jpg", {})
    assert (refused.value.message, refused.value.fix) == (
        '"images\\press\\alex-mays.jpg" has \\ between its folders, where the site needs /',
        "write it with /: images/press/alex-mays.jpg")


FORMS = "write it as YYYY-MM-DD (e.g. 2021-11-24) or YYYY-MM-DD HH:MM (e.g. 2021-11-24 09:30)"


@pytest.mark.parametrize("bad_date, told", [
    ("2021-13-45", "is not a date: there is no month 13 — write the month as 01 to 12: 2021-MM-45"),
    ("2022-04-31", "is not a date: April 2022 has 30 days — check the day: 2022-04-01 to 2022-04-30"),
    ("2021-11-4", "is not a date: the month and day need two digits each — write it as 2021-11-04"),
    ("2021-11-24 9:30", "is not a date: the time is written otherwise than HH:MM — write it on the 24-hour "
                        "clock, hours and minutes with a colon: 2021-11-24 09:30"),
    # One space, and the month and day short: not "more than one space".
    ("2021-1-5 09:30", "is not a date: the month and day need two digits each — write it as 2021-01-05 09:30"),
    ("2021-11-24  09:30", "is not a date: the date and the time have more than one space between them — write it "
                          "as 2021-11-24 09:30"),
    # Written as people write dates: read the UK way, with the date to write.
    ("24/11/2021", "is not a date: it is written day first — write it as 2021-11-24 (YYYY-MM-DD)"),
    ("3/4/2022", "is not a date: it is written day first — write it as 2022-04-03 (YYYY-MM-DD), read the UK way: "
                 "3 April; for 4 March, write 2022-03-04"),
    ("11/24/2021", "is not a date: it is written month first — write it as 2021-11-24 (YYYY-MM-DD)"),
    ("2021/11/24", 'is not a date: its parts are separated by "/", not hyphens — write it as 2021-11-24 (YYYY-MM-DD)'),
    ("24 November 2021", "is not a date: its month is written in words — write it as 2021-11-24 (YYYY-MM-DD)"),
    ("Nov 24th, 2021 7pm", "is not a date: its month is written in words — write it as 2021-11-24 19:00 "
                           "(YYYY-MM-DD HH:MM)"),
    ("31/02/2022", f"is not a date — {FORMS}"),  # no such day: no date to write
    ("next Tuesday", f"is not a date — {FORMS}"),
])
def test_bad_date(make_site, bad_date, told):
    build = make_site({"posts/hello.md": GOOD_POST.replace("2021-11-24", bad_date)})
    assert_fails_with(build, f'content/posts/hello.md:3: date: "{bad_date}" {told}')


def test_unknown_category(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("category: news", "category: gossip")})
    assert_fails_with(
        build,
        'content/posts/hello.md:4: category: "gossip" is not one of the allowed values — use one of: '
        "news, press-releases, opinion (the list is POST_CATEGORIES in pelicanconf.py)",
    )


def test_unknown_region(make_site):
    build = make_site({"councillors/jo-bloggs.md": """\
        ---
        title: Jo Bloggs
        role: Town councillor
        joined: 2021-08-18
        summary: Jo represents the Example ward.
        region: Middle Earth
        ---
        Jo's story.
        """})
    [line] = build.problem_lines
    assert line.startswith('content/councillors/jo-bloggs.md:6: region: "Middle Earth" is not one of the allowed values — use one of: North East,')


def test_misspelt_field_gets_a_suggestion(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("title:", "titel:")})
    assert_fails_with(
        build,
        "content/posts/hello.md:2: titel: is not a field of a post — did you mean 'title'?",
        "content/posts/hello.md:6: title: is missing (every post needs it) — add a line 'title: …' "
        "before the closing '---' e.g. title: Katie Parker joins Breakthrough",
    )


def test_duplicate_slug(make_site):
    """Outside a git repository nothing tells the new file from the old: both are named."""
    build = make_site({"posts/2021/hello.md": GOOD_POST})
    assert_fails_with(
        build,
        "content/posts/2021/hello.md:1: (file name): its address /news/hello/ is also used by "
        "content/posts/hello.md — rename the one you added so its slug (the file name) is unique "
        "(a published file renamed keeps its links only with its old address in old_addresses)",
        "content/posts/hello.md:1: (file name): its address /news/hello/ is also used by "
        "content/posts/2021/hello.md — rename the one you added so its slug (the file name) is unique "
        "(a published file renamed keeps its links only with its old address in old_addresses)",
    )


def commit_content(make_site, tmp_path) -> None:
    """Make the throwaway site's content (MINIMAL_SITE, where make_site
    builds it) a git repository with every file committed, as the published
    content is."""
    from conftest import MINIMAL_SITE, write_content

    write_content(tmp_path / "content", MINIMAL_SITE)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=Volunteer", "-c", "user.email=volunteer@example.org",
           "-c", "commit.gpgsign=false"]
    for command in (["init", "-q"], ["add", "content"], ["commit", "-q", "-m", "Published content"]):
        subprocess.run([*git, *command], check=True, capture_output=True)


def test_duplicate_slug_names_the_file_git_does_not_track_yet(make_site, tmp_path):
    commit_content(make_site, tmp_path)
    # The new file sorts first: the published posts/hello.md must still not be blamed.
    build = make_site({"posts/2021/hello.md": GOOD_POST})
    assert_fails_with(
        build,
        "content/posts/2021/hello.md:1: (file name): its address /news/hello/ is already used by "
        "content/posts/hello.md — rename this file so its slug (the file name) is unique",
    )
    assert len(build.problem_lines) == 1, build.problem_lines


def test_duplicate_policy_number(make_site):
    build = make_site({"policies/02-nhs.md": policy_markdown("Save our NHS", 1)})
    assert_fails_with(
        build,
        "content/policies/02-nhs.md:3: number: is 1 but the file name starts with 02 — "
        "make the number and the file name's prefix agree",
    )


def test_two_policies_with_one_number(make_site):
    """Outside a git repository nothing tells the new file from the old: both are named."""
    build = make_site({"policies/01-nhs.md": policy_markdown("Save our NHS", 1)})
    assert_fails_with(
        build,
        "content/policies/01-housing.md:3: number: 1 is also used by content/policies/01-nhs.md — give each "
        "policy its own number: change the one you added (the first free number is 2) and make its file name "
        "start with it",
        "content/policies/01-nhs.md:3: number: 1 is also used by content/policies/01-housing.md — give each "
        "policy its own number: change the one you added (the first free number is 2) and make its file name "
        "start with it",
    )


def test_a_duplicate_policy_number_names_the_file_git_does_not_track_yet(make_site, tmp_path):
    commit_content(make_site, tmp_path)
    # The new file sorts first: the published 01-housing.md must still not be blamed.
    build = make_site({"policies/01-cheaper-bills.md": policy_markdown("Cheaper bills", 1)})
    assert_fails_with(
        build,
        "content/policies/01-cheaper-bills.md:3: number: 1 is already used by content/policies/01-housing.md — "
        "give this policy its own number (the first free number is 2) and make the file name start with it",
    )
    assert len(build.problem_lines) == 1, build.problem_lines


def test_unknown_policy_named_by_a_post(make_site):
    post = GOOD_POST.replace("---\nText", "policies: [housing, houses]\n---\nText")
    build = make_site({"posts/hello.md": post})
    assert_fails_with(
        build,
        'content/posts/hello.md:6: policies: no policy is called "houses" — did you mean housing? Otherwise use '
        "the file name without '.md' of one of: housing. (If a file was renamed from \"houses\", add its old "
        "address to that file's old_addresses: this name then names it.)",
    )


def test_unknown_councillor_named_by_a_post(make_site):
    post = GOOD_POST.replace("---\nText", "councillors: [katie-parker]\n---\nText")
    build = make_site({"posts/hello.md": post})
    assert_fails_with(
        build,
        'content/posts/hello.md:6: councillors: no councillor is called "katie-parker" — '
        "use the file name without '.md' of one of: jo-bloggs",
    )


def test_a_post_cannot_cite_a_draft_policy(make_site):
    build = make_site({"policies/01-housing.md": policy_markdown("Homes for everyone", 1, "status: draft\n")})
    assert_fails_with(
        build,
        'content/posts/hello.md:7: policies: "housing" is still a draft — '
        "publish it first, or remove it from this list",
    )


def test_image_needs_alt_text(make_site):
    post = GOOD_POST.replace("---\nText", "image: images/march.jpg\n---\nText")
    build = make_site({"posts/hello.md": post})
    assert_fails_with(
        build,
        "content/posts/hello.md:6: image_alt: is missing (image is given) — add 'image_alt: …' "
        "describing the image for people who cannot see it",
    )


def test_file_name_must_be_a_slug(make_site):
    build = make_site({"posts/Hello World.md": GOOD_POST})
    assert_fails_with(
        build,
        'content/posts/Hello World.md:1: (file name): "Hello World.md" is not a slug — rename the '
        "file hello-world.md: lower-case letters and digits, a single hyphen between words, none at either end",
    )



@pytest.mark.parametrize("name, refused", [
    ("con.md", True), ("CON.md", True), ("aux.jpg", True), ("nul", True), ("com1.png", True),
    ("lpt¹.md", True), ("com².jpg", True), ("conin$", True), ("rally.", True), ("rally ", True),
    ("console.md", False), ("aux_1.md", False), ("04-con.md", False), ("com10.md", False), (".gitkeep", False),
    # Marks Windows keeps out of names; a \ a browser reads as / besides.
    ("what?.md", True), ("a:b.md", True), ("\\", True), ("q\"uote.md", True), ("tab\t.md", True),
    ("pipe|.jpg", True), ("star*.png", True), ("less<.md", True), ("it's-here.md", False), ("café.md", False),
])
def test_the_names_windows_cannot_hold(name, refused):
    """Windows keeps these for devices, whatever follows the dot (and reads ¹²³ as digits)."""
    from sitecore.names import windows_cannot_hold

    assert windows_cannot_hold(name) is refused

@pytest.mark.parametrize("path, stem, suggested", [
    ("content/posts/-h.md", "-h", "h.md"),
    ("content/posts/My_Post.md", "My_Post", "my-post.md"),  # the README's example
    ("content/posts/snake_case_title.md", "snake_case_title", "snake-case-title.md"),
    ("content/posts/Vote--now-.markdown", "Vote--now-", "vote-now.markdown"),
    # A policy keeps its number: only the part after it is the slug.
    ("content/policies/02-My_Housing.md", "My_Housing", "02-my-housing.md"),
    ("content/posts/🎉.md", "🎉", "my-post.md"),
    # Made a slug, a name Windows keeps for a device: one more word.
    ("content/posts/CON.md", "CON", "con-1.md"),
    ("content/posts/Lpt¹.md", "Lpt¹", "lpt1-1.md"),
])
def test_the_name_suggested_for_a_file_is_a_slug(path, stem, suggested):
    from plugins.frontmatter.reader import renamed
    from sitecore.names import windows_cannot_hold
    from sitecore.schema.fields import SLUG_PATTERN

    assert renamed(path, stem) == suggested
    assert SLUG_PATTERN.match(suggested.split(".")[0]) and not windows_cannot_hold(suggested)


def test_all_problems_of_a_build_are_listed_together(make_site):
    build = make_site({
        "posts/hello.md": GOOD_POST.replace("category: news", "category: gossip"),
        "posts/second.md": GOOD_POST.replace("2021-11-24", "soon"),
        "pages/about.md": "No front matter here.\n",
    })
    assert build.returncode == 1
    assert [line.split(": ")[0] for line in build.problem_lines] == [
        "content/pages/about.md:1", "content/posts/hello.md:4", "content/posts/second.md:3",
    ]
    assert "3 content problems found:" in build.stderr


def test_a_file_with_a_wrong_field_has_its_body_checked_in_the_same_build(make_site):
    """A volunteer sees every problem of the file at once: the body's raw
    HTML is reported beside the wrong field, not only once the field is mended."""
    build = make_site({"posts/hello.md": GOOD_POST.replace("category: news", "category: gossip")
                       + "\n<script>alert(1)</script>\n"})
    assert build.returncode == 1
    assert [line.split(": ")[:2] for line in build.problem_lines] == [
        ["content/posts/hello.md:4", "category"], ["content/posts/hello.md:9", "body"]], build.problem_lines


def test_an_error_logged_by_pelican_fails_the_build(tmp_path, factory_cache):
    """Plain Pelican exits 0 after logging an ERROR; our build must not."""
    from conftest import MINIMAL_SITE, REPO, derived_settings, run_build, write_content

    settings = derived_settings(tmp_path / "settings_with_error.py", {
        "PLUGIN_PATHS": f"[{str(REPO / 'tests/data/plugins')!r}]",
        "PLUGINS": "PLUGINS + ['logs_an_error']",
    })
    write_content(tmp_path / "content", MINIMAL_SITE)
    build = run_build(tmp_path / "content", tmp_path / "output", settings=settings, cache=factory_cache)
    assert build.returncode == 1
    assert "The build logged 1 error(s):" in build.stderr
    assert "a plugin reported an error" in build.stderr
    assert not (tmp_path / "output").exists()


def test_a_page_cannot_take_a_generated_address(make_site):
    build = make_site({"pages/search.md": "---\ntitle: Search\nsummary: A page.\n---\nText.\n"})
    assert_fails_with(
        build,
        "content/pages/search.md:1: (file name): its address /search/ is already used by the site's own search "
        "page — rename this file so its slug (the file name) is unique",
    )


@pytest.mark.parametrize("name", ["pagefind", "theme", "feeds", "share"])
def test_a_page_cannot_take_a_folder_of_the_sites_own_files(make_site, name):
    """pages/pagefind.md built, was in the sitemap, and was nowhere: the
    search index, written last, took its folder."""
    build = make_site({f"pages/{name}.md": "---\ntitle: A page\nsummary: A page.\n---\nText.\n"})
    assert_fails_with(
        build,
        f"content/pages/{name}.md:1: (file name): its address /{name}/ is where the site keeps files of its own "
        "(the search index, the styles, the editor, the sitemap's parts, the feeds, the share cards), which would "
        "take its place — rename this file so its slug (the file name) is another word",
    )


def test_the_closing_call_is_checked_like_a_body(make_site):
    from conftest import MINIMAL_SITE

    minifesto = MINIMAL_SITE["minifesto.md"].replace("closing_call: Become a member today.",
                                                     "closing_call: 'Join us <script>steal()</script>'")
    build = make_site({"minifesto.md": minifesto})
    assert build.returncode == 1
    assert any(line.startswith("content/minifesto.md:9: closing_call: raw <script> in content")
               for line in build.problem_lines), build.problem_lines


def test_a_front_matter_mistake_does_not_hide_the_files_other_problems(make_site):
    """One build lists everything wrong with a file: its fields, the names it
    refers to and the links in its text, not one round at a time."""
    mixed = ("---\ntitle: Mixed\ndate: 2021-13-45\ncategory: news\nsummary: A post.\n"
             "policies: [housing, nope]\n---\nSee [this](/policies/nowhere/).\n")
    build = make_site({"posts/mixed.md": mixed})
    assert build.returncode == 1
    assert [line.split(" — ")[0] for line in build.problem_lines] == [
        'content/posts/mixed.md:3: date: "2021-13-45" is not a date: there is no month 13',
        'content/posts/mixed.md:6: policies: no policy is called "nope"',
        "content/posts/mixed.md:8: body: the link /policies/nowhere/ goes to a page the site does not have",
    ]


@pytest.mark.parametrize("settings, expected", [
    ({"MINIFESTO_TEXT_FONT_FILES": "{}"},
     "MINIFESTO_TEXT_FONT_FILES: is not set, but MINIFESTO_TEXT_FONT_FAMILY is — set both MINIFESTO_TEXT_FONT_FAMILY "
     "and MINIFESTO_TEXT_FONT_FILES in pelicanconf.py, or neither"),
    ({"MINIFESTO_TEXT_FONT_FAMILY": "None"},
     "MINIFESTO_TEXT_FONT_FAMILY: is not set, but MINIFESTO_TEXT_FONT_FILES is — set both MINIFESTO_TEXT_FONT_FAMILY "
     "and MINIFESTO_TEXT_FONT_FILES in pelicanconf.py, or neither"),
])
def test_a_font_named_without_its_files_or_files_without_a_name_is_a_settings_problem(make_site, settings, expected):
    build = make_site(settings=settings)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert f"settings_for_this_build.py:3: {expected}" in build.stderr


@pytest.mark.parametrize("front_matter, expected", [
    ("title: Councillors back #NHSPayNow",
     '2: title: "#NHSPayNow" is read as a YAML comment (a space then #) and would be left out — '
     'put the whole value in quotes: title: "Councillors back #NHSPayNow"'),
    ("title: #NHSPayNow", '2: title: "#NHSPayNow" is read as a YAML comment'),
    ("tags:\n  - nhs\n  - pay #FairPay", '4: tags: item 2: "#FairPay" is read as a YAML comment'),
    ("title: Our plan, in full\n  and wrapped #2022", '3: title: "#2022" is read as a YAML comment'),
    ("title: &more fun for all", "2: (front matter): YAML anchors (&more) are not allowed — "),
    ('summary: "Katie Parker\\vhas left Labour."', "2: summary: contains an invisible control character (U+000B) — "),
    ('contacts:\n  - name: "A\\x00"', "3: contacts: item 1, name: contains an invisible control character (U+0000)"),
    ('summary: "Vote \\u202eevil\\u202c today"', "2: summary: contains an invisible control character (U+202E)"),
])
def test_a_value_that_would_not_be_published_as_written_is_refused_at_its_line(front_matter, expected):
    """YAML drops " #…" after a value as a comment, an anchor's first word,
    and turns a quoted \\v into Word's invisible soft line break (which
    broke the Atom feed): each would publish something else than the
    volunteer wrote, silently."""
    from sitecore.schema.document import parse_document
    from sitecore.schema.front_matter_errors import FrontMatterError

    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{front_matter}\n---\nText.\n")
    error = refused.value
    assert f"{error.line}: {error.field}: {error.message} — {error.fix}".startswith(expected)


@pytest.mark.parametrize("front_matter, values", [
    ("title: Back the nurses # a note to myself", {"title": "Back the nurses"}),
    ('title: "Councillors back #NHSPayNow"', {"title": "Councillors back #NHSPayNow"}),
    ("title: C# and F#, for all", {"title": "C# and F#, for all"}),
    ("title: A & B", {"title": "A & B"}),
])
def test_comments_hashes_and_ampersands_that_change_nothing_are_accepted(front_matter, values):
    from sitecore.schema.document import parse_document

    assert parse_document(f"---\n{front_matter}\n---\nText.\n").values == values


def test_a_hashtag_after_a_title_fails_the_build_at_its_line(make_site):
    build = make_site({"posts/hello.md": GOOD_POST.replace("title: Hello from the party",
                                                          "title: Hello from the party #NHSPayNow")})
    assert_fails_with(build, 'content/posts/hello.md:2: title: "#NHSPayNow" is read as a YAML comment (a space then '
                             '#) and would be left out — put the whole value in quotes: title: "Hello from the '
                             'party #NHSPayNow"')


@pytest.mark.parametrize("address, expected", [
    ("https://user.github.io/repo",
     'SITE_CANONICAL_URL: "https://user.github.io/repo" has a path after the domain (/repo): the site works only at '
     "the root of a domain — give the site a domain or subdomain of its own (on GitHub Pages, a custom domain) and "
     "set SITE_CANONICAL_URL to it, e.g. https://user.github.io"),
    ("breakthroughparty.org.uk", 'SITE_CANONICAL_URL: "breakthroughparty.org.uk" is not a web address — '),
])
def test_a_site_address_the_site_cannot_work_at_is_a_settings_problem(make_site, address, expected):
    """Pages, search, the editor and the server snippets address the site
    from its domain's root: under a path (a GitHub project site) search and
    the editor would be published broken, so the build refuses."""
    build = make_site(settings={"SITE_CANONICAL_URL": repr(address)})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert f"settings_for_this_build.py:3: {expected}" in build.stderr


def test_a_settings_problem_is_reported_at_the_settings_line():
    from conftest import REPO

    from sitecore.settings_file import setting_line
    from sitecore.urls import site_address_problems

    assert setting_line(str(REPO / "pelicanconf.py"), "SITE_CANONICAL_URL") == next(
        number for number, line in enumerate((REPO / "pelicanconf.py").read_text().splitlines(), start=1)
        if line.startswith("SITE_CANONICAL_URL = "))
    production = {"SITE_CANONICAL_URL": "https://breakthroughparty.org.uk", "SITEURL": "https://breakthroughparty.org.uk"}
    assert site_address_problems(production) == []
    assert site_address_problems({**production, "SITEURL": ""}) == []
    assert [p[0] for p in site_address_problems({**production, "SITEURL": "https://x.org/sub/"})] == ["SITEURL"]


@pytest.mark.parametrize("body, line", [
    ("First paragraph.\n\nMore text.\n\n# A second title\n", 11),
    ("First paragraph.\n\nA second title\n==============\n", 10),
    ("First paragraph.\n\n<h1>A second title</h1>\n", 9),
])
def test_a_top_level_heading_is_reported_at_its_own_line(make_site, body, line):
    build = make_site({"posts/hello.md": GOOD_POST.replace("Text.\n", body)})
    assert_fails_with(build, f"content/posts/hello.md:{line}: body: a top-level heading (# or <h1>) in the text — use "
                             "## for headings: the title is the page's only top-level heading (a line of === under a "
                             "line of text makes one too)")


def test_a_hashtag_at_the_start_of_a_line_stays_text(make_site):
    """A heading needs a space after its #s (as in CommonMark, GitHub and
    the editor's preview): a paragraph may start with a hashtag."""
    body = "#NHSPayNow is trending today.\n\n##FairPay too.\n\n## A real subheading\n"
    build = make_site({"posts/hello.md": GOOD_POST.replace("Text.\n", body)})
    assert build.returncode == 0, build.stderr
    main = build.html("news/hello/").select_one("main")
    assert [p.get_text() for p in main.select("p") if "#" in p.get_text()] == ["#NHSPayNow is trending today.",
                                                                                 "##FairPay too."]
    headings = [h.get_text() for h in main.select("h1, h2, h3, h4, h5, h6")]
    assert "A real subheading" in headings and not any("Pay" in heading for heading in headings), headings


@pytest.mark.parametrize("front_matter, expected", [
    ("title: Hello\ncategory:news\nsummary: A post.", "3: category: there is no space after the colon — write the "
     "line as 'category: news' (the colon, then an ordinary space)"),
    ("title:Hello\ncategory: news", "2: title: there is no space after the colon"),
    ("title: Hello\nsummary: A post.\nstatus:draft", "4: status: there is no space after the colon — write the "
     "line as 'status: draft'"),
    ("title: Hello\ncategory = news\nsummary: A post.", "3: category: written with '=' instead of ': '"),
    ("title: Hello\ncategory:\u00a0news\nsummary: A post.",
     "3: category: the space after the colon is a non-breaking space (Option+Space on a Mac) — write the line as "
     "'category: news'"),
])
def test_a_field_without_the_space_after_its_colon_is_named_at_its_line(front_matter, expected):
    """PyYAML reports these a line late, or as a front matter never closed
    (whose advice, adding a '---', made things worse)."""
    from sitecore.schema.document import parse_document
    from sitecore.schema.front_matter_errors import FrontMatterError

    with pytest.raises(FrontMatterError) as refused:
        parse_document(f"---\n{front_matter}\n---\nText.\n")
    error = refused.value
    assert f"{error.line}: {error.field}: {error.message} — {error.fix}".startswith(expected)


def test_an_invisible_character_in_a_wrong_value_is_shown_by_its_code():
    """A zero-width space pasted after "nhs" made '"nhs" is not a slug' (now "is not a file name"),
    which looks wrong only to a computer."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import slug

    with pytest.raises(FieldError) as refused:
        slug("nhs\u200b", {})
    assert refused.value.message.startswith('"nhs<U+200B>" is not a file name')


@pytest.mark.parametrize("value, refused", [
    ("rally.jpg", True), ("IMG_2034.JPG", True), ("img_20220305", True), ("Image", True), ("an image.", True),
    ("alt text", True), ("People at a rally in Truro", False), ("Photo of Katie outside the library", False),
    ("The party's logo: a rising sun", False),
])
def test_alt_text_refuses_a_file_name_or_a_word_for_a_picture(value, refused):
    """Read aloud in place of the picture: "IMG underscore 2034 dot JPG"
    tells someone who cannot see it nothing (WCAG 1.1.1)."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import alt_text

    if refused:
        with pytest.raises(FieldError) as error:
            alt_text(value, {})
        assert error.value.message == f'"{value}" says nothing of what the picture shows'
        assert error.value.fix == ("describe what the picture shows for someone who cannot see it, "
                                   "e.g. Members marching with a banner")
    else:
        assert alt_text(value, {}) == value


@pytest.mark.parametrize("value, refused", [
    ("Class sizes < 30 in every school", False),
    ("Rents < £100 a week, and <3 for the NHS", False),
    ("Our <b>bold</b> plan", True),
    ("See </a> here", True),
    ("A note <!-- hidden -->", True),
    ("See [our plan](/policies/housing/)", True),
])
def test_plain_text_refuses_tags_and_links_but_not_a_less_than_sign(value, refused):
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import plain_text

    if refused:
        with pytest.raises(FieldError, match="contains HTML or a Markdown link"):
            plain_text(value, {})
    else:
        assert plain_text(value, {}) == value


def test_a_policy_file_named_without_its_number_is_told_the_name_to_give_it(make_site):
    from conftest import policy_markdown

    build = make_site({"policies/transport.md": policy_markdown("Transport for all", 2)})
    assert_fails_with(build, "content/policies/transport.md:1: (file name): a policy file's name starts with its "
                             "number — rename it 02-transport.md, as its number is 2")


def test_a_policy_file_with_its_number_but_no_hyphen_is_told_the_name_to_give_it(make_site):
    from conftest import policy_markdown

    build = make_site({"policies/02housing.md": policy_markdown("Homes", 2)})
    assert any(line.endswith("rename it 02-housing.md, as its number is 2") for line in build.problem_lines), \
        build.problem_lines


def test_a_policy_numbered_in_digits_of_another_script_is_told_the_name_to_give_it(make_site):
    """From an audit: \\d took ١١ (Arabic-Indic digits) for 11, so a file a
    reader's eye could not place was published as policy 11."""
    from conftest import policy_markdown

    build = make_site({"policies/١١-fake.md": policy_markdown("Look-alike", 2)})
    assert build.returncode == 1
    assert any(line.startswith("content/policies/١١-fake.md:1: (file name): ") for line in build.problem_lines), \
        build.problem_lines


def test_an_image_without_alt_text_is_told_once_at_its_line(make_site):
    """Pelican's own "Empty alt attribute for image … in /full/path" said it
    again, with the file's full path and "attribute"."""
    post = GOOD_POST.replace("Text.", "Text ![](/images/press/alex-mays.jpg)")
    build = make_site({"posts/hello.md": post})
    assert_fails_with(build, "content/posts/hello.md:7: body: the image /images/press/alex-mays.jpg has no alt text "
                             "— describe it between the brackets: ![what the image shows](…)")
    assert "Empty alt attribute" not in build.stderr + build.stdout


@pytest.mark.parametrize("value, refused", [
    ("Online", True), ("online.", True), ("ONLINE ONLY", True), ("Zoom!", True), ("Teams", True),
    ("Microsoft Teams", True), ("Virtual", True), ("Virtual event", True), ("Online (Zoom).", True),
    ("Google Meet", True),
    ("Friends Meeting House, Manchester", False), ("Online and at the Friends Meeting House", False),
    ("Zoomtown Library", False), ("Teams Hall", False), ("Meeting room 2", False), ("Event space", False),
])
def test_an_event_s_place_is_not_the_words_of_one_held_online(value, refused):
    """The README says an event held online has no place; `place: Online` was
    published as an event in person at a place called "Online"."""
    from sitecore.schema.field_errors import FieldError
    from sitecore.schema.fields import place

    if refused:
        with pytest.raises(FieldError) as error:
            place(value, {})
        assert error.value.message == (f'"{value}" is not a place: an event held online gives its link as '
                                       "'online: https://…' (and no place)")
    else:
        assert place(value, {}) == value


def test_an_event_held_online_written_as_its_place_is_refused_at_the_line(make_site):
    event = ("---\ntitle: Online hustings\nstart: 2022-07-16 19:00\nend: 2022-07-16 20:30\nsummary: Meet the "
             "candidates.\ncategory: meeting\nplace: Online\n---\nQuestions and answers.\n")
    build = make_site({"events/hustings.md": event})
    assert build.returncode == 1
    assert build.problem_lines == [
        "content/events/hustings.md:7: place: \"Online\" is not a place: an event held online gives its link as "
        "'online: https://…' (and no place) — delete the place line; if the file has no online line, add one with "
        "the link people join by"]
    fixed = make_site({"events/hustings.md": event.replace("place: Online", "online: https://meet.example.org/h")})
    assert fixed.returncode == 0, fixed.stderr


def test_a_councillor_who_joined_in_the_future_is_refused_as_a_post_dated_ahead_is(make_site):
    """`joined: 2027-12-20`, a year typed wrong, was published as "Joined
    the party 20 December 2027". Checked against the build's clock at every
    build, as a post's date is: the same profile passes once that day comes."""
    profile = ("---\ntitle: Jo Bloggs\nrole: Town councillor\njoined: 2027-12-20\nsummary: Jo represents the "
               "Example ward.\n---\nJo's story.\n")
    build = make_site({"councillors/jo-bloggs.md": profile}, options=("--now", "2026-12-20 12:00"))
    assert_fails_with(build, "content/councillors/jo-bloggs.md:4: joined: 2027-12-20 is in the future — give the day "
                             "they joined the party (today's at the latest)")
    on_the_day = make_site({"councillors/jo-bloggs.md": profile}, options=("--now", "2027-12-20 00:00"))
    assert on_the_day.returncode == 0, on_the_day.stderr
