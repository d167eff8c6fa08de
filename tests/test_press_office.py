"""The press office file (content/press-office.md): the press page shows what
it says, the build checks every entry at its own line, its photos are
published because it names them, and the browser editor's form for it is
made from its schema (tests/test_cms.py edits it in the browser, in the
editor session the other editor tests share)."""

from __future__ import annotations

import json
import re
import textwrap

import yaml
from conftest import MINIMAL_SITE, check_content, sample_jpeg, uk_tel
from content_source import CONTENT, front_matter

from sitecore.schema.content_types import PRESS_OFFICE
from sitecore.schema.document import parse_document

REAL_OFFICE_TEXT = (CONTENT / "press-office.md").read_text(encoding="utf-8")
REAL_OFFICE = parse_document(REAL_OFFICE_TEXT)
# MINIMAL_SITE's press office, line by line: 3 is the first contact, 11 the
# first person's photo, 17 the second person's.
MINIMAL_OFFICE = textwrap.dedent(MINIMAL_SITE["press-office.md"])
PHOTO_FIX = "put the image there, or correct the path"
# MINIMAL_SITE has no press page: this one is shown with the press template.
PRESS_PAGE = "---\ntitle: Press office\nsummary: For journalists.\n---\nCall us.\n"


def plain(text: str) -> str:
    return " ".join(text.split())


def test_the_press_page_shows_the_press_office_file(site):
    office = front_matter(CONTENT / "press-office.md")  # as the site shows it
    press = site.html("press/")
    contacts = press.select("section[aria-labelledby=media-contacts] .contacts li")
    assert [(li.h3.get_text(), li.select_one(".meta").get_text()) for li in contacts] == [
        (contact["name"], contact["role"]) for contact in office["contacts"]]
    assert [[a["href"] for a in li.find_all("a")] for li in contacts] == [
        [uk_tel(contact["phone"]), f"mailto:{contact['email']}"] for contact in office["contacts"]]
    out_of_hours = press.select_one("section[aria-labelledby=media-contacts] > p a")
    assert (out_of_hours.get_text(), out_of_hours["href"]) == (
        office["out_of_hours"], uk_tel(office["out_of_hours"]))

    people = press.select(".press-person")
    expected = office["press_kit_people"]
    assert [plain(person.h3.get_text()) for person in people] == [f"{p['name']}, {p['role']}" for p in expected]
    # Each person's heading comes before their photo: after it, the photo
    # was read, heading by heading, as the person's above.
    assert [[child.name for child in person.find_all(True, recursive=False)][:2] for person in people] == [
        ["h3", "figure"]] * len(people)
    assert [person.img["src"] for person in people] == [f"/{p['photo']}" for p in expected]
    # The photo's alt text is the person's name, not the caption below it, which a screen reader read twice.
    assert [person.img["alt"] for person in people] == [p["name"] for p in expected]
    assert [plain(person.figcaption.get_text(" ")) for person in people] == [
        f"{p['caption']} {p['credit']}" for p in expected]
    assert [plain(person.select_one("figure ~ p").get_text()) for person in people] == [
        plain(p["bio"]) for p in expected]
    kit = {a.get_text(): a["href"] for a in press.select("section[aria-labelledby=press-kit] .file-list a")}
    for person in expected:
        assert kit[f"Photo of {person['name']}"] == f"/{person['photo']}"
        assert (site.output / person["photo"]).is_file()

    assert plain(press.select_one(".boilerplate").get_text()) == plain(REAL_OFFICE.body)
    assert "SAMPLE" in REAL_OFFICE_TEXT  # placeholders until the press team confirms them


def test_mistakes_in_entries_are_reported_at_their_lines(make_site):
    office = """\
        ---
        contacts:
          - role: Head of press
            phone: 020 7946 0123
            email: press@example.org
          - name: Priya Nair
            role: Press officer
            phone: 79460456
            email: priya.nair
        out_of_hours: 79460123
        press_kit_people:
          - name: Alex Mays
            role: [Party Leader]
            photo: images/press/alex-mays.jpg
            caption: Alex Mays, Party Leader.
            credit: Sample image
            bio: Alex Mays founded the party.
            portrait: yes
        ---
        Notes to editors.
        """
    build = make_site({"press-office.md": office})
    assert build.returncode != 0
    assert build.problem_lines == [
        "content/press-office.md:3: contacts: item 1, name: is missing (every contact needs it) — "
        "add a line 'name: …' to this contact, e.g. name: Sam Okafor",
        "content/press-office.md:8: contacts: item 2, phone: YAML read this as a number, not as a phone number — "
        'put it in quotes, e.g. "020 7946 0123"',
        'content/press-office.md:9: contacts: item 2, email: "priya.nair" is not an email address — '
        "write the whole address, e.g. press@example.org",
        "content/press-office.md:10: out_of_hours: YAML read this as a number, not as a phone number — "
        'put it in quotes, e.g. "020 7946 0123"',
        "content/press-office.md:13: press_kit_people: item 1, role: is a list, where its text belongs — "
        "write the text on the same line after the colon (no [ ] around it, no '- ' before it)",
        "content/press-office.md:18: press_kit_people: item 1, portrait: is not a field of a person — "
        "remove it, or use one of: name, role, photo, caption, credit, bio",
    ]
    assert "Traceback" not in build.stderr


def test_a_link_within_the_notes_to_editors_goes_to_one_of_their_headings(make_site):
    """The notes are on /press/ and under every press release, with their
    headings' ids made their own (#notes-background): a #part alone that is
    none of them went nowhere, and was published without a word (a fuzzing
    audit). It is refused at its line, by the check too."""
    notes = "Notes to editors.\n\n## Background\n\nSee [the background](#background) and [the rest](#backgrond).\n"
    office = MINIMAL_OFFICE.replace("Notes to editors.\n", notes)
    line = office.splitlines().index("See [the background](#background) and [the rest](#backgrond).") + 1
    build = make_site({"press-office.md": office})
    told = (f"content/press-office.md:{line}: body: the link #backgrond goes to #backgrond, which this text does not "
            "have: it is shown on several pages, and a #part alone goes to one of its own headings — did you mean "
            "#background?")
    assert build.returncode == 1 and build.problem_lines == [told]
    checked = check_content(build.content)
    assert checked.returncode == 1 and told in checked.stderr
    # Every page that shows the notes has #main and #top (a review found #main refused).
    mended = office.replace("[the rest](#backgrond)", "[our plan](/policies/housing/#commitment-1), [the page](#main) "
                                                      "and [the top](#top)")
    build = make_site({"press-office.md": mended,
                       "pages/press.md": PRESS_PAGE})
    assert build.returncode == 0, build.stderr
    assert build.html("press/").find("a", href="#notes-background") is not None


def test_a_missing_photo_is_reported_at_its_line(make_site):
    office = MINIMAL_OFFICE.replace("photo: images/press/sherilyn-wileman.jpg", "photo: images/press/nobody.jpg")
    build = make_site({"press-office.md": office})
    assert build.returncode != 0
    assert build.problem_lines == [
        "content/press-office.md:17: press_kit_people: item 2, photo: there is no file "
        f"content/images/press/nobody.jpg — {PHOTO_FIX}"]


def test_the_press_office_file_is_needed(make_site):
    build = make_site({"press-office.md": None})
    assert build.returncode != 0
    assert build.problem_lines == [
        "content/press-office.md:1: (file): is missing — create it: the media contacts, the out-of-hours "
        "number, the press kit's people and the notes to editors (see the README's example)"]


def test_a_photo_the_press_office_names_is_published_even_if_a_draft_uses_it(make_site):
    """No setting names the photos any more: the press office is what uses
    them (a photo only a draft used would wait for the draft)."""
    office = MINIMAL_OFFICE.replace("images/press/sherilyn-wileman.jpg", "images/press/new-deputy.jpg")
    draft = """\
        ---
        title: Our new deputy
        date: 2021-11-25
        category: news
        summary: Not out yet.
        status: draft
        ---
        ![Our new deputy]({static}/images/press/new-deputy.jpg)
        """
    build = make_site({"press-office.md": office, "images/press/new-deputy.jpg": sample_jpeg(),
                       "posts/new-deputy.md": draft, "pages/press.md": PRESS_PAGE})
    assert build.returncode == 0, build.stderr
    assert (build.output / "images/press/new-deputy.jpg").is_file()
    press = build.html("press/")
    assert "/images/press/new-deputy.jpg" in [a["href"] for a in press.select(".file-list a")]


def editor_config(build) -> tuple[dict, dict]:
    """The press office's entry in the editor's config.yml, and its formats.json spec."""
    config = yaml.safe_load((build.output / "admin/config.yml").read_text(encoding="utf-8"))
    [collection] = [c for c in config["collections"] if c["name"] == "press"]
    [entry] = collection["files"]
    formats = json.loads((build.output / "admin/formats.json").read_text(encoding="utf-8"))
    return entry, formats[entry["format"]]


def test_the_editor_has_the_press_office_as_one_form_made_from_its_schema(site):
    entry, spec = editor_config(site)
    assert entry["file"] == "content/press-office.md"
    assert (entry["media_folder"], entry["public_folder"]) == ("/content/images/press", "/images/press")
    assert spec == {"integers": {}, "together": [], "in_file_name": [], "unique": [],
                    "items_once": {"contacts": "name", "press_kit_people": "name"}}
    fields = {field["name"]: field for field in entry["fields"]}
    assert list(fields) == [*PRESS_OFFICE.field_names(), "body"]
    assert fields["body"]["label"] == "Notes to editors" and fields["body"]["widget"] == "markdown"
    for field in PRESS_OFFICE.fields:
        assert fields[field.name]["required"] == field.required, field.name
        item_fields = getattr(field.check, "item_fields", None)
        if item_fields:
            form = fields[field.name]
            assert form["widget"] == "list" and form["summary"] == "{{fields.name}}"
            assert [(f["name"], f["required"]) for f in form["fields"]] == [(f.name, f.required) for f in item_fields]
    assert fields["contacts"]["min"] == 1
    contact = {field["name"]: field for field in fields["contacts"]["fields"]}
    person = {field["name"]: field for field in fields["press_kit_people"]["fields"]}
    assert person["photo"]["widget"] == "image" and person["caption"]["widget"] == "text"
    # What the form lets through, the build accepts (fields.phone, fields.email).
    phone, email = re.compile(contact["phone"]["pattern"][0]), re.compile(contact["email"]["pattern"][0])
    assert fields["out_of_hours"]["pattern"] == contact["phone"]["pattern"]
    assert [bool(phone.match(v)) for v in ("020 7946 0123", "+44 20 7946 0123", "call us", "999")] == [
        True, True, False, False]
    assert [bool(email.match(v)) for v in ("press@example.org", "priya.nair")] == [True, False]
