"""formats.json: what our own file format (static/) needs to know of each collection's fields.

Which fields are integers and which must be given together, and the rules
the build checks across fields and across files, which the format checks
as an entry is saved.
"""

from __future__ import annotations

import json

from sitecore.names import WINDOWS_DEVICE_NAMES
from sitecore.schema.content_types import EVENT_PLANS

from .editor_collections import COLLECTIONS, FILE_NAME_FIELD, FORMAT_SUFFIX, SINGLE_FILES

# Rules the build checks beyond one field, which our format checks as an entry
# is saved (see validate in static/frontmatter-format.js), by schema name.
# contentcheck's check_not_in_the_future: a post dated after now needs an
# embargo; check_modified_not_in_the_future: an event's plans did not change
# after now; check_days_gone_by: a councillor did not join after now.
NOT_IN_THE_FUTURE = {"post": {"field": "date", "unless": "embargo"}, "event": {"field": "modified"},
                     "councillor": {"field": "joined"}}
# A field the format sets to now when a saved file's other fields change
# (see withRevision in static/frontmatter-format.js): an event's `modified`
# when its plans change, which numbers its calendar entry's revisions.
REVISED_BY = {"event": {"field": "modified", "when": list(EVENT_PLANS)}}
# contentcheck's check_issued_when_embargo_lifts: an embargoed post is dated
# the embargo's day (the editor's date field holds a day, which the reader
# takes as the embargo's moment); check_modified_*: "Updated" and each
# correction's date are on or after the date and not in the future.
POST_DATES = {"post": {"date": "date", "embargo": "embargo", "modified": "modified", "corrections": "corrections"}}
# policies' check_unique_numbers: no two policies share a number.
UNIQUE_FIELDS = {"policy": ["number"]}
# tag_spellings: a tag spelt as most posts spell it (the editor reads every post).
SAME_SPELLING_FIELDS = {"post": ["tags"]}


def item_requires(check) -> list[list[str]]:
    """The pairs (field, the field it needs) inside each entry of a
    list_fields.list_of_objects list: a picture its alt text."""
    return [list(pair) for pair in check.requires]


def format_spec(schema, path: str) -> dict:
    """What our file format needs to know of one collection's fields."""
    in_file_name = FILE_NAME_FIELD.findall(path)
    # Integers edited as text of a fixed width (form_fields.integer_config): the others
    # are numbers in the form already.
    integers = {f.name: len(str(f.check.widget["max"])) for f in schema.fields
                if f.check.widget.get("widget") == "number" and f.name in in_file_name}
    # Pairs inside each entry of a list of entries (an Easy Read line's
    # picture and its alt text), by the list's name.
    items_together = {f.name: item_requires(f.check) for f in schema.fields
                      if getattr(f.check, "item_fields", None) and item_requires(f.check)}
    spec = {"integers": integers, "together": [list(pair) for pair in schema.requires],
            "in_file_name": in_file_name, "unique": UNIQUE_FIELDS.get(schema.name, [])}
    if items_together:
        spec["items_together"] = items_together
    # The field no two entries of a list share (a press contact's name), by the list's name.
    items_once = {f.name: f.check.once_by for f in schema.fields if getattr(f.check, "once_by", "")}
    if items_once:
        spec["items_once"] = items_once
    # Fields of a published file only (old addresses, corrections): the
    # editor's Duplicate copies them into the new file.
    not_in_new = [f.name for f in schema.fields if not f.in_new_files]
    if not_in_new:
        spec["not_in_new"] = not_in_new
    if "{{slug}}" in path:
        # Sveltia names a new file from its title, keeping "_" and "~", which
        # the build refuses in a file name (SLUG_PATTERN): refused as it saves.
        spec["named_from"] = "title"
        if path == "{{slug}}":
            # Named by the title alone, "Con" would be con.md, which Windows
            # keeps for a device: refused as it saves (the build refuses it).
            spec["device_names"] = sorted(WINDOWS_DEVICE_NAMES)
    if schema.name in SAME_SPELLING_FIELDS:
        spec["same_spelling"] = SAME_SPELLING_FIELDS[schema.name]
    if schema.name in NOT_IN_THE_FUTURE:
        spec["not_future"] = NOT_IN_THE_FUTURE[schema.name]
    if schema.name in POST_DATES:
        spec["post_dates"] = POST_DATES[schema.name]
    if schema.name in REVISED_BY:
        spec["revised_by"] = REVISED_BY[schema.name]
    # The schema's own rules across fields (an event's place or online link;
    # its start before its end), as the build checks them.
    if schema.needs_one_of:
        spec["one_of"] = [list(group) for group in schema.needs_one_of]
    if schema.in_order:
        spec["in_order"] = [[rule.earlier, rule.later] for rule in schema.in_order]
    return spec


def render_formats() -> str:
    specs = {name + FORMAT_SUFFIX: format_spec(schema, path) for schema, name, _, _, path in COLLECTIONS}
    specs.update({name + FORMAT_SUFFIX: format_spec(schema, "") for schema, name, _, _ in SINGLE_FILES})
    return json.dumps(specs, indent=2, sort_keys=True) + "\n"
