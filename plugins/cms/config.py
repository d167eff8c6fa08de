"""Sveltia CMS's config.yml, made from the front matter schemas.

The editor's fields are generated from the same schemas the build checks
against, so what the form lets a volunteer save passes the build, and a field
added to a schema appears in the editor without anyone editing config.yml.
Alongside it, formats.json tells our own file format (static/) which fields
are integers and which must be given together.
"""

from __future__ import annotations

import inspect
import json
import os
import re

import yaml

from sitecore.schema import fields as types
from sitecore.schema.content_types import BRANCH, CANDIDATE, COUNCILLOR, EVENT, POLICY, POST, PRESS_OFFICE

# (schema, collection name, label, folder setting, file name template)
COLLECTIONS = (
    (POST, "posts", "News and press releases", "ARTICLE_PATHS", "{{slug}}"),
    # fields.number is edited as two digits ("03"), so files are 03-….md.
    (POLICY, "policies", "Policies", "POLICY_PATHS", "{{fields.number}}-{{slug}}"),
    (COUNCILLOR, "councillors", "Councillors", "COUNCILLOR_PATHS", "{{slug}}"),
    (EVENT, "events", "Events", "EVENT_PATHS", "{{slug}}"),
    (BRANCH, "branches", "Branches", "BRANCH_PATHS", "{{slug}}"),
    (CANDIDATE, "candidates", "Candidates", "CANDIDATE_PATHS", "{{slug}}"),
)
# Content that is one file, edited as one form (a Sveltia file collection):
# (schema, collection name, label, setting naming the file). Its uploads go
# into content/images/<collection name>/.
SINGLE_FILES = (
    (PRESS_OFFICE, "press", "Press office", "PRESS_OFFICE_PATHS"),
)
COLLECTION_BY_SETTING = {setting: name for _, name, _, setting, _ in COLLECTIONS}
BODY_HINTS = {"post": "The post, in Markdown. Use ## for subheadings.",
              "policy": "A few short paragraphs explaining the policy, in Markdown.",
              "councillor": "A short biography, in Markdown.",
              "event": "What happens at the event and who it is for, in Markdown.",
              "branch": "What the branch does and how to get involved, in Markdown.",
              "candidate": "The candidate's own words: who they are and what they will do, in Markdown.",
              "press office": "A paragraph about the party that journalists paste under a story, in Markdown."}
# The text's label, where "Text" does not say what it is for.
BODY_LABELS = {"press office": "Notes to editors"}
# Date fields whose time of day matters (an embargo lifts at a minute); the
# others are edited as a day only, YYYY-MM-DD.
DATE_AND_TIME_FIELDS = {"embargo", "start", "end"}
# Rules the build checks beyond one field, which our format checks as an entry
# is saved (see validate in static/frontmatter-format.js), by schema name.
# contentcheck's check_not_in_the_future: a post dated after now needs an embargo.
NOT_IN_THE_FUTURE = {"post": {"field": "date", "unless": "embargo"}}
# policies' check_unique_numbers: no two policies share a number.
UNIQUE_FIELDS = {"policy": ["number"]}
FILE_NAME_FIELD = re.compile(r"\{\{fields\.(\w+)\}\}")
# Every file is read and written by our format (static/frontmatter-format.js),
# which keeps the file's own text and rewrites only changed lines. Sveltia
# accepts .md files only for formats whose names end in -frontmatter.
FORMAT_SUFFIX = "-frontmatter"

# Patterns the browser checks before saving: [regular expression, message].
# "TODO" is what `invoke new` writes for a field still to fill in.
NOT_TODO = r"(?!\s*TODO)"
PATTERNS = {
    types.text: [rf"^{NOT_TODO}[^\r\n]*\S[^\r\n]*$", "Write this on one line."],
    types.plain_text: [rf"^{NOT_TODO}(?:(?!\]\()[^<\r\n])+$",
                       "Plain text on one line: no links, no < (links belong in the text below)."],
    types.contact: [r"^(?:[^@\s]+@[^@\s]+\.[^@\s]+|https://\S+)$",
                    "An email address (name@example.org) or a link starting https://"],
    types.email: [types.EMAIL_PATTERN.pattern, "An email address, e.g. press@example.org"],
    # The digits counted by a lookahead, then the characters allowed (fields.phone).
    types.phone: ["^(?=(?:\\D*\\d){%d,%d}\\D*$)" % types.PHONE_DIGITS + types.PHONE_PATTERN.pattern.removeprefix("^"),
                  "A phone number in digits, with spaces if you like, e.g. 020 7946 0123"],
}


def item_check(field):
    """The check each item of a list field gets (fields.list_of keeps it)."""
    return inspect.getclosurevars(field.check).nonlocals.get("item_check")


def pattern_config(check) -> dict:
    return {"pattern": PATTERNS[check]} if check in PATTERNS else {}


def date_config(field) -> dict:
    # The picker is the browser's own <input type="date">, which shows dates in
    # the browser's language (mm/dd/yyyy in US English): Sveltia CMS has no
    # option to change that, so the hint says what is stored.
    example = f", e.g. {field.example}" if field.example else ""
    if field.name in DATE_AND_TIME_FIELDS:
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "picker_utc": False,
                "hint": f"Stored as YYYY-MM-DD HH:mm (UK time){example}, whatever order the picker shows."}
    return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD",
            "hint": f"Stored as YYYY-MM-DD (UK time){example}, whatever order the picker shows."}


def relation_config(field) -> dict:
    # {{slug}} is what posts store: "housing" for 02-housing.md.
    return {"widget": "relation", "collection": COLLECTION_BY_SETTING[field.refers_to],
            "search_fields": ["title"], "display_fields": ["title"], "value_field": "{{slug}}",
            "multiple": True}


def list_config(field, spec: dict) -> dict:
    item = item_check(field)
    config = {"widget": "list", "field": {"name": "item", "label": field.name.rstrip("s").capitalize(),
                                          "widget": "string", **pattern_config(item)}}
    if spec.get("min"):
        config["min"] = spec["min"]
    return config


def object_list_config(field, settings: dict) -> dict:
    """A list of entries, each a small form of its own fields
    (fields.list_of_objects): the press contacts, the press kit's people."""
    check = field.check
    first = check.item_fields[0].name
    config = {"widget": "list", "label_singular": check.item_name.capitalize(),
              "summary": "{{fields.%s}}" % first,
              "fields": [field_config(inner, settings) for inner in check.item_fields],
              "hint": f"One {check.item_name} each: add one with the button."}
    if check.widget.get("min"):
        config["min"] = check.widget["min"]
    return config


def integer_config(spec: dict) -> dict:
    # Text of two digits, so the file name template pads the number; our
    # format writes it back as a number (number: 3).
    width = len(str(spec["max"]))
    zero = "" if spec["min"] <= 0 else f"(?!0{{{width}}})"
    return {"widget": "string", "pattern": [rf"^{zero}[0-9]{{{width}}}$",
                                            f"A number from {spec['min']:0{width}} to {spec['max']}, "
                                            f"written with {width} digits (e.g. {3:0{width}})"]}


def field_config(field, settings: dict) -> dict:
    config = {"name": field.name, "label": field.name.replace("_", " ").capitalize(),
              "required": field.required}
    if field.example:
        config["hint"] = f"e.g. {field.example}"
    spec = dict(getattr(field.check, "widget", {"widget": "string"}))
    if field.refers_to:
        return {**config, **relation_config(field)}
    if field.check in (types.date, types.date_and_time):
        return {**config, **date_config(field)}
    if getattr(field.check, "item_fields", None):
        return {**config, **object_list_config(field, settings)}
    if spec["widget"] == "list":
        example = field.example.strip("[]")
        return {**config, **list_config(field, spec), "hint": f"One per line: add each with the button, e.g. {example}"}
    if spec["widget"] == "number":
        return {**config, **integer_config(spec), "hint": f"e.g. {int(field.example):02}"}
    setting = spec.pop("options_setting", None)
    if setting:
        options = settings[setting]
        # {value: label} (POST_CATEGORIES), or {value: {"name": label, …}} (ELECTIONS).
        spec["options"] = ([{"label": label["name"] if isinstance(label, dict) else label, "value": value}
                            for value, label in options.items()]
                           if isinstance(options, dict) else list(options))
    return {**config, **spec, **pattern_config(field.check)}


def repository_path(settings: dict, *parts: str) -> str:
    return os.path.relpath(os.path.join(settings["PATH"], *parts), settings["CMS_REPO_ROOT"])


def form_fields(schema, settings) -> list[dict]:
    """The editor's form for one file: the schema's fields, then the text."""
    fields = [field_config(field, settings) for field in schema.fields]
    fields.append({"name": "body", "label": BODY_LABELS.get(schema.name, "Text"), "widget": "markdown",
                   "modes": ["raw"], "hint": BODY_HINTS[schema.name]})
    return fields


def collection_config(schema, name, label, folder_setting, path, settings) -> dict:
    fields = form_fields(schema, settings)
    for field in fields:
        if field["name"] in FILE_NAME_FIELD.findall(path):
            # Sveltia keeps an existing file's name; our format refuses the change.
            field["hint"] += ". The file's name starts with it, so it cannot be changed here once saved."
    # Uploads go into content/images/<collection>/ (a leading / is the repository root).
    media = repository_path(settings, "images", name)
    config = {"name": name, "label": label, "label_singular": schema.name.capitalize(),
              "folder": repository_path(settings, settings[folder_setting][0]),
              "create": True, "extension": "md", "format": name + FORMAT_SUFFIX,
              "media_folder": f"/{media}", "public_folder": f"/images/{name}", "fields": fields}
    if "{{fields." in path:
        config["path"] = path
    else:
        config["slug"] = path
    if schema.name == "policy":
        config["sortable_fields"] = ["number", "title"]
    return config


def single_file_config(schema, name, label, file_setting, settings) -> dict:
    """A collection of one file (Sveltia's `files`), opened as one form."""
    media = repository_path(settings, "images", name)
    entry = {"name": name, "label": label, "file": repository_path(settings, settings[file_setting][0]),
             "format": name + FORMAT_SUFFIX, "media_folder": f"/{media}", "public_folder": f"/images/{name}",
             "fields": form_fields(schema, settings)}
    return {"name": name, "label": label, "files": [entry]}


def cms_config(settings: dict) -> dict:
    return {
        "backend": dict(settings["CMS_BACKEND"]),
        # Saves open a pull request; a second person merges it.
        "publish_mode": settings["CMS_PUBLISH_MODE"],
        "site_url": settings["SITE_CANONICAL_URL"],
        "media_folder": repository_path(settings, "images"),
        "public_folder": "/images",
        # File names are slugs: ASCII, accents dropped, £ and the like become -.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-",
                 "maxlength": types.SLUG_MAX_LENGTH},
        "collections": [*(collection_config(*spec, settings) for spec in COLLECTIONS),
                        *(single_file_config(*spec, settings) for spec in SINGLE_FILES)],
    }


def format_spec(schema, path: str) -> dict:
    """What our file format needs to know of one collection's fields."""
    integers = {f.name: len(str(f.check.widget["max"])) for f in schema.fields
                if f.check.widget.get("widget") == "number"}
    spec = {"integers": integers, "together": [list(pair) for pair in schema.requires],
            "in_file_name": FILE_NAME_FIELD.findall(path), "unique": UNIQUE_FIELDS.get(schema.name, [])}
    if schema.name in NOT_IN_THE_FUTURE:
        spec["not_future"] = NOT_IN_THE_FUTURE[schema.name]
    return spec


# libyaml's emitter (C) where PyYAML was built with it: the pure-Python one
# took 0.1 s a build, a third of a small site's build.
FastSafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class PlainDumper(FastSafeDumper):
    """Writes repeated values out in full: no &anchors, easier to read."""

    def ignore_aliases(self, data) -> bool:
        return True


def render_config(settings: dict) -> str:
    """config.yml's text. Writing YAML took about 10 ms a build, a twentieth
    of a small site's build, though the configuration changes only with the
    settings and schemas: the text is kept for the life of the process,
    keyed by the whole configuration's repr(). The configuration holds only
    dicts, lists, strings, integers and booleans, for which equal reprs mean
    equal YAML (repr tells "1" from 1 and True from 1, and keeps the keys'
    order, as the YAML does)."""
    config = cms_config(settings)
    key = repr(config)
    if key not in _written_configs:
        if len(_written_configs) >= 4:  # a long live preview: keep the last four configurations made
            _written_configs.pop(next(iter(_written_configs)))
        _written_configs[key] = yaml.dump(config, Dumper=PlainDumper, sort_keys=False, allow_unicode=True)
    return _written_configs[key]


_written_configs: dict[str, str] = {}


def render_formats() -> str:
    specs = {name + FORMAT_SUFFIX: format_spec(schema, path) for schema, name, _, _, path in COLLECTIONS}
    specs.update({name + FORMAT_SUFFIX: format_spec(schema, "") for schema, name, _, _ in SINGLE_FILES})
    return json.dumps(specs, indent=2, sort_keys=True) + "\n"
