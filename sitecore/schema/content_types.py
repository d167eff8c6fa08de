"""One schema per content type. The README's volunteer guide mirrors these."""

from __future__ import annotations

import functools

from sitecore.schema.schema import InOrder, Schema

from .fields import (
    SUMMARY,
    Field,
    alt_text,
    choice,
    contact,
    date,
    date_and_time,
    email,
    https_link,
    image_path,
    integer_between,
    markdown_text,
    one_of_setting,
    phone,
    place,
    plain_text,
    short_sentence,
    site_address,
    slug,
    text,
    title_line,
)
from .list_fields import list_of, list_of_objects

STATUS = Field("status", choice("published", "draft"), example="draft")
# Marks the item as sample content, saying what is to be replaced: the page
# shows the note first, every page a banner while SAMPLE_CONTENT is on, and
# with SAMPLE_CONTENT off the build refuses the item (plugins/samplecontent).
SAMPLE = Field("sample", plain_text, example="a volunteer will replace this wording", typographic=True)

# The language an item's own words are in, when it is not the site's
# (DEFAULT_LANG): a post or a page written in Welsh. A value of LANGUAGES.
# Not `lang`: Pelican reads that as the mark of a translation and moves the
# item from its address to ARTICLE_LANG_SAVE_AS ({slug}-cy.html).
LANGUAGE = Field("language", one_of_setting("LANGUAGES"), example="cy")


MAX_TAGS = 12


def old_addresses(example: str) -> Field:
    """The addresses the item had before its file was renamed: each keeps
    working, taking readers (and search engines) to where it is now
    (plugins/redirects). A journalist's link never breaks."""
    return Field("old_addresses", list_of(site_address, max_items=MAX_OLD_ADDRESSES,
                                          too_many=f"an item keeps at most {MAX_OLD_ADDRESSES} old addresses, each "
                                                   "a page the site writes"),
                 example=f"[{example}]", in_new_files=False)


# Each old address is a page written at every build: thousands in one file
# made a build write gigabytes (an audit). A file renamed fifty times is none.
MAX_OLD_ADDRESSES = 50


def embargo(example: str) -> Field:
    """Not on the site before this moment (UK time): edited with its time,
    and given as the next morning in `invoke new`'s files, so that an
    example uncommented as it is holds the item back instead of lifting at once."""
    return Field("embargo", date, example=example, example_ahead=True, with_time=True)

# A correction of a published post: when, and what was wrong. Shown at the
# top of the post, in its feed entry and its structured data; the post's
# "Updated" date is the latest of `modified` and its corrections' dates.
CORRECTION = (
    Field("date", date, required=True, example="2021-11-26"),
    Field("note", plain_text, required=True, example="An earlier version gave the wrong day for the vote.",
          typographic=True),
    # The note's language where it is not the post's (an English note under a Welsh post).
    Field("language", one_of_setting("LANGUAGES"), example="en-GB"),
)

POST = Schema(
    name="post",
    fields=(
        Field("title", title_line, required=True, example="Katie Parker joins Breakthrough", typographic=True),
        Field("date", date, required=True, example="2021-11-24"),
        Field("category", one_of_setting("POST_CATEGORIES"), required=True, example="news"),
        Field("summary", SUMMARY, required=True, example="One or two plain sentences.", typographic=True),
        Field("author", text, example="Alex Mays, Party Leader"),
        LANGUAGE,
        # Each tag is a page of its own, listed on the post's page and in
        # its feed entry: 45,000 tags made 45,000 pages (894 MB) from one file.
        Field("tags", list_of(text, max_items=MAX_TAGS, too_many=f"a post has at most {MAX_TAGS} tags, each a page "
                                                               "of the site listing the posts that share it"),
              example="[councillors, nhs]"),
        Field("policies", list_of(slug, once="policy"), example="[housing, nhs]", refers_to="POLICY_PATHS"),
        Field("councillors", list_of(slug, once="councillor"), example="[katie-parker]", refers_to="COUNCILLOR_PATHS"),
        Field("events", list_of(slug, once="event"), example="[party-conference-2022]", refers_to="EVENT_PATHS"),
        Field("modified", date, example="2021-11-25"),
        Field("corrections", list_of_objects("correction", CORRECTION), in_new_files=False),
        Field("image", image_path, example="images/news/march.jpg"),
        Field("image_alt", alt_text, example="Members marching with a banner", typographic=True),
        embargo("2022-03-01 09:00"),
        old_addresses("/news/old-title/"),
        STATUS,
        SAMPLE,
    ),
    requires=(("image", "image_alt"),),
    body_required=True,
)

PAGE = Schema(
    name="page",
    fields=(
        Field("title", title_line, required=True, example="About us", typographic=True),
        Field("summary", SUMMARY, required=True, example="Who we are and what we stand for.", typographic=True),
        LANGUAGE,
        # The membership platform's button the page ends with: "join" links to
        # JOIN_URL, "donate" to DONATE_URL (theme/templates/page.html). The page
        # asks for it itself, so renaming its file never loses the button and
        # no template decides by a page's slug.
        Field("button", choice("join", "donate"), example="join"),
        old_addresses("/old-name/"),
        STATUS,
        SAMPLE,
    ),
    body_required=True,
)

# The policy in Easy Read: one short sentence a line, each with an optional
# picture. When every published policy has it, the minifesto has an Easy
# Read edition (plugins/minifesto).
EASY_READ_LINE = (
    Field("text", short_sentence(20), required=True, example="We will build homes people can afford.", typographic=True),
    Field("picture", image_path, example="images/easy-read/homes.png"),
    Field("picture_alt", alt_text, example="A row of new houses", typographic=True),
)
POLICY = Schema(
    name="policy",
    fields=(
        Field("title", title_line, required=True, example="Homes for everyone", typographic=True),
        Field("number", integer_between(1, 99), required=True, example="2"),
        Field("summary", SUMMARY, required=True, example="One sentence that sums the policy up.", typographic=True),
        Field("commitments", list_of(plain_text, min_items=1), required=True, example="[Build 150,000 council homes a year]", typographic=True),
        Field("easy_read", list_of_objects("line", EASY_READ_LINE, requires=(("picture", "picture_alt"),))),
        old_addresses("/policies/old-name/"),
        STATUS,
        SAMPLE,
    ),
)

COUNCILLOR = Schema(
    name="councillor",
    fields=(
        Field("title", title_line, required=True, example="Katie Parker", typographic=True),
        Field("role", text, required=True, example="Town councillor", typographic=True),
        Field("joined", date, required=True, example="2021-11-24"),
        Field("summary", SUMMARY, required=True, example="One sentence about the councillor.", typographic=True),
        Field("council", text, example="Bury St Edmunds Town Council", typographic=True),
        Field("ward", text, example="St Olaves", typographic=True),
        Field("region", one_of_setting("REGIONS"), example="East of England"),
        Field("previous_party", text, example="Labour", typographic=True),
        Field("photo", image_path, example="images/councillors/katie-parker.jpg"),
        Field("photo_alt", alt_text, example="Katie Parker smiling outside the town hall", typographic=True),
        Field("contact", contact, example="katie.parker@breakthroughparty.org.uk"),
        old_addresses("/councillors/old-name/"),
        STATUS,
        SAMPLE,
    ),
    requires=(("photo", "photo_alt"),),
    body_required=True,
)

# Whether an event goes ahead, as schema.org's eventStatus says it: a
# cancelled or postponed event keeps its page, saying so, and its calendar
# entry, which tells the calendars that have it (plugins/events).
EVENT_STATUSES = ("scheduled", "cancelled", "postponed")
# `status` says whether the item is published; volunteers reach for it to
# cancel an event all the same, so the message names the field that does.
EVENT_PUBLICATION = Field("status", choice("published", "draft", elsewhere={
    going: f"to say the event is {going}, write 'event_status: {going}' instead"
    for going in EVENT_STATUSES if going != "scheduled"}), example="draft")

# An event's plans: what the calendar apps that have it must be told of when
# they change (RFC 5545's significant revisions: its times and its status).
# Its `modified` says when they last changed, and numbers the calendar
# entry's revisions (plugins/events/calendar.py: SEQUENCE); the browser
# editor sets it when one of these changes (plugins/cms/formats.py).
# When and where it is, and whether it goes ahead: a change to any of them
# is a new version for calendars (plugins/events/calendar.py: SEQUENCE and
# DTSTAMP come from `modified`). A new place was not one, so calendars that
# had the event kept the old place.
EVENT_PLANS = ("start", "end", "place", "address", "online", "event_status")

# content/events/: the party's conference, campaign days, protests, meetings
# and socials. Times are UK time (Europe/London), as a post's date is.
EVENT = Schema(
    name="event",
    fields=(
        Field("title", title_line, required=True, example="Party Conference 2022", typographic=True),
        Field("start", date_and_time, required=True, example="2022-07-16 10:00"),
        Field("end", date_and_time, required=True, example="2022-07-17 16:00"),
        Field("summary", SUMMARY, required=True, example="One or two plain sentences about the event.",
              typographic=True),
        Field("category", one_of_setting("EVENT_CATEGORIES"), required=True, example="conference"),
        # Where it is, or the link to join online, or both (needs_one_of).
        Field("place", place, example="Friends Meeting House, Manchester", typographic=True),
        Field("address", plain_text, example="6 Mount Street, Manchester M2 5NS", typographic=True),
        Field("online", https_link, example="https://meet.example.org/conference"),
        Field("region", one_of_setting("REGIONS"), example="North West"),
        Field("accessibility", plain_text, example="Step-free access, a hearing loop and a quiet room.",
              typographic=True),
        Field("register", https_link, example="https://join.breakthroughparty.org.uk/conference"),
        # After the event: the post that reports on it.
        Field("report", slug, example="conference-2022-report"),
        Field("event_status", choice(*EVENT_STATUSES), example="cancelled"),
        # When its plans (EVENT_PLANS) last changed, as a post's `modified`
        # says when it was: never in the future (contentcheck).
        Field("modified", date, example="2022-06-01 09:30", with_time=True),
        embargo("2022-03-01 09:00"),
        old_addresses("/events/old-name/"),
        EVENT_PUBLICATION,
        SAMPLE,
    ),
    needs_one_of=(("place", "online"),),
    in_order=(InOrder("start", "end", "give the time the event ends, after it starts (YYYY-MM-DD HH:MM)"),),
    body_required=True,
)

# content/candidates/: the party's candidates, each in one of ELECTIONS.
CANDIDATE = Schema(
    name="candidate",
    fields=(
        Field("title", title_line, required=True, example="Sam Example", typographic=True),
        Field("election", one_of_setting("ELECTIONS"), required=True, example="local-2022"),
        Field("council", text, required=True, example="Truro City Council", typographic=True),
        Field("ward", text, required=True, example="Tregolls", typographic=True),  # or division
        Field("summary", SUMMARY, required=True, example="A short statement: why Sam is standing.",
              typographic=True),
        Field("region", one_of_setting("REGIONS"), example="South West"),
        Field("photo", image_path, example="images/candidates/sam-example.jpg"),
        Field("photo_alt", alt_text, example="Sam Example outside Truro library", typographic=True),
        Field("links", list_of(https_link), example="[https://example.org/sam]"),
        Field("policies", list_of(slug, once="policy"), example="[housing, nhs]", refers_to="POLICY_PATHS"),
        # A councillor standing again: their profile's file name.
        Field("councillor", slug, example="katie-parker"),
        # After the election: the result turns the page into a record.
        Field("result", choice("elected", "not elected"), example="elected"),
        Field("votes", integer_between(0, 10_000_000), example="1234"),
        embargo("2022-03-28 09:00"),
        old_addresses("/candidates/old-name/"),
        STATUS,
        SAMPLE,
    ),
    requires=(("photo", "photo_alt"),),
    body_required=True,
)

# content/branches/: the party's regional branches and its students' branch.
BRANCH = Schema(
    name="branch",
    fields=(
        Field("title", title_line, required=True, example="Breakthrough North West", typographic=True),
        Field("summary", SUMMARY, required=True, example="Members across the North West, from Carlisle to Crewe.",
              typographic=True),
        # A regional branch's region; a branch for the whole country (the
        # students' branch) has none.
        Field("region", one_of_setting("REGIONS"), example="North West"),
        Field("contact", contact, required=True, example="northwest@breakthroughparty.org.uk"),
        Field("meetings", plain_text, example="The second Tuesday of each month, 7pm, online and in Manchester.",
              typographic=True),
        embargo("2022-01-10 09:00"),
        old_addresses("/branches/old-name/"),
        STATUS,
        SAMPLE,
    ),
    body_required=True,
)

# content/minifesto.md: the minifesto's own words around the policies.
MINIFESTO = Schema(
    name="minifesto",
    fields=(
        Field("title", title_line, required=True, example="Our minifesto", typographic=True),
        Field("edition", text, required=True, example="March 2022", typographic=True),
        Field("date", date, required=True, example="2022-03-01"),
        Field("summary", SUMMARY, required=True, example="Our ten core policies in one short document.", typographic=True),
        Field("foreword_title", text, required=True, example="Foreword", typographic=True),
        Field("foreword_author", text, required=True, example="Alex Mays, Party Leader", typographic=True),
        Field("closing_title", text, required=True, example="Join us", typographic=True),
        Field("closing_call", markdown_text, required=True, example="Become a member today."),
        Field("keywords", list_of(text), example="[minifesto, policies]"),
        SAMPLE,
    ),
    body_required=True,
)

# content/press-office.md: what the press page (/press/) shows journalists
# besides its own text: who to call, the press kit's people and, as the
# file's text, the notes to editors. Volunteers keep it up to date.
PRESS_CONTACT = (
    Field("name", text, required=True, example="Sam Okafor", typographic=True),
    Field("role", text, required=True, example="Head of press", typographic=True),
    Field("phone", phone, required=True, example="020 7946 0123"),
    Field("email", email, required=True, example="press@breakthroughparty.org.uk"),
)
PRESS_KIT_PERSON = (
    Field("name", text, required=True, example="Alex Mays", typographic=True),
    Field("role", text, required=True, example="Party Leader", typographic=True),
    Field("photo", image_path, required=True, example="images/press/alex-mays.jpg"),
    # Also the photo's alt text: it says who is in it.
    Field("caption", plain_text, required=True, example="Alex Mays, founder and Leader of the party.", typographic=True),
    # Quoted: pasted from a message as written, "Photo: …" unquoted is not YAML (": " in a plain value).
    Field("credit", text, required=True, example='"Photo: Priya Nair"', typographic=True),
    Field("bio", plain_text, required=True, example="Alex Mays founded the party in 2021.", typographic=True),
)
PRESS_OFFICE = Schema(
    name="press office",
    fields=(
        Field("contacts", list_of_objects("contact", PRESS_CONTACT, min_items=1, once_by="name"), required=True),
        Field("out_of_hours", phone, required=True, example="07700 900123"),
        Field("press_kit_people", list_of_objects("person", PRESS_KIT_PERSON, once_by="name")),
        SAMPLE,
    ),
    body_required=True,
)

# Which schema a file is checked against, by the setting naming its folders.
SCHEMAS_BY_PATH_SETTING = {
    "ARTICLE_PATHS": POST,
    "PAGE_PATHS": PAGE,
    "POLICY_PATHS": POLICY,
    "COUNCILLOR_PATHS": COUNCILLOR,
    "EVENT_PATHS": EVENT,
    "BRANCH_PATHS": BRANCH,
    "CANDIDATE_PATHS": CANDIDATE,
    "MINIFESTO_PATHS": MINIFESTO,
    "PRESS_OFFICE_PATHS": PRESS_OFFICE,
}


@functools.lru_cache(maxsize=16)  # asked for each file read: one set per content type
def field_names_of(schema: Schema) -> frozenset[str]:
    """The name of every field of a content type, and of every entry's field
    (a press contact's phone)."""
    names = set()
    for spec in schema.fields:
        names.add(spec.name)
        names.update(inner.name for inner in getattr(spec.check, "item_fields", ()))
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def top_level_field_names() -> frozenset[str]:
    """The names of the fields of a file's own, in any content type (not an entry's)."""
    return frozenset(spec.name for schema in SCHEMAS_BY_PATH_SETTING.values() for spec in schema.fields)


@functools.lru_cache(maxsize=1)
def entry_field_names() -> frozenset[str]:
    """The names of every entry's fields, of every content type (a press
    contact's role, a correction's date): a line with one of these names
    may be an entry's, wherever it is."""
    return frozenset(inner.name for schema in SCHEMAS_BY_PATH_SETTING.values() for spec in schema.fields
                     for inner in getattr(spec.check, "item_fields", ()))


@functools.lru_cache(maxsize=1)
def list_field_names() -> frozenset[str]:
    """The names of the fields whose value is a list (a policy's
    commitments, a post's tags), in any content type."""
    return frozenset(spec.name for schema in SCHEMAS_BY_PATH_SETTING.values() for spec in schema.fields
                     if spec.check.widget.get("widget") == "list")


@functools.lru_cache(maxsize=1)
def every_field_name() -> frozenset[str]:
    """The names of every content type's fields: a file's own type's are
    known when it is read (yaml_slips.fields_of_this_file)."""
    return top_level_field_names() | entry_field_names()
