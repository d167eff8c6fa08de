"""Sveltia CMS's config.yml, made from the front matter schemas.

The editor's fields are generated from the same schemas the build checks
against, so what the form lets a volunteer save passes the build, and a field
added to a schema appears in the editor without anyone editing config.yml.
Alongside it, formats.json tells our own file format (static/) which fields
are integers and which must be given together.
"""

from __future__ import annotations

import json
import os
import re

import yaml

from sitecore.images import IMAGE_MEDIA_TYPES
from sitecore.schema import fields as types
from sitecore.schema.content_types import BRANCH, CANDIDATE, COUNCILLOR, EVENT, POLICY, POST, PRESS_OFFICE
from sitecore.schema.document import CONTROL_CHARACTER

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
# What every text's hint adds: the rules the build checks that the form cannot.
BODY_RULES = (" Use ## for subheadings (# is the page's title). Links are checked when the site is built: "
              "a page that does not exist, or a #part it lacks (/policies/housing/#commitment-9), is refused "
              "at the review, with the line to fix.")
BODY_HINTS = {name: hint + BODY_RULES for name, hint in {
    "post": "The post, in Markdown.",
    "policy": "A few short paragraphs explaining the policy, in Markdown.",
    "councillor": "A short biography, in Markdown.",
    "event": "What happens at the event and who it is for, in Markdown.",
    "branch": "What the branch does and how to get involved, in Markdown.",
    "candidate": "The candidate's own words: who they are and what they will do, in Markdown.",
    "press office": "A paragraph about the party that journalists paste under a story, in Markdown."}.items()}
# Emoji (outside the Basic Multilingual Plane: a surrogate pair in
# JavaScript's strings): the share cards' fonts have none.
NO_EMOJI = r"(?![\s\S]*[\uD83C-\uD83E])"
PICTURE_NAMES = " Two pictures may not share a name with different endings (rally.jpg and rally.png)."
# Rules the build checks on a field, by field name: the hint's words for
# those the form cannot check, and a refusal for what it can
# ([lookahead put before the field's pattern, words added to its message]).
FIELD_RULES = {
    # plugins/sharecards: the title must fit its share card whole, in the party's fonts.
    "title": (" The share card shows it whole: at most about 180 characters, about 115 beside a photo "
              "(the build measures it); no emoji, which the card's fonts cannot draw.", (NO_EMOJI, "no emoji")),
    # plugins/contentcheck/tag_spellings.py.
    "tags": (" Write each tag as the other posts do (climate, not Climate): one tag has one name.", None),
    # policies' check of their numbers: 1, 2, 3 … without gaps.
    "number": (" The policies are numbered 1, 2, 3 … without gaps: give the next number, and renumber the "
               "others (in git) before taking one out.", None),
    # plugins/contentfiles: images_sharing_copies.
    "image": (PICTURE_NAMES, None),
    "photo": (PICTURE_NAMES, None),
}
# The text's label, where "Text" does not say what it is for.
BODY_LABELS = {"press office": "Notes to editors"}
# Date fields whose time of day matters (an embargo lifts at a minute); the
# others are edited as a day only, YYYY-MM-DD.
DATE_AND_TIME_FIELDS = {"embargo", "start", "end"}
# Rules the build checks beyond one field, which our format checks as an entry
# is saved (see validate in static/frontmatter-format.js), by schema name.
# contentcheck's check_not_in_the_future: a post dated after now needs an embargo.
NOT_IN_THE_FUTURE = {"post": {"field": "date", "unless": "embargo"}}
# contentcheck's check_issued_when_embargo_lifts: an embargoed post is dated
# the embargo's day (the editor's date field holds a day, which the reader
# takes as the embargo's moment); check_modified_*: "Updated" and each
# correction's date are on or after the date and not in the future.
POST_DATES = {"post": {"date": "date", "embargo": "embargo", "modified": "modified", "corrections": "corrections"}}
# policies' check_unique_numbers: no two policies share a number.
UNIQUE_FIELDS = {"policy": ["number"]}
# tag_spellings: a tag spelt as most posts spell it (the editor reads every post).
SAME_SPELLING_FIELDS = {"post": ["tags"]}
FILE_NAME_FIELD = re.compile(r"\{\{fields\.(\w+)\}\}")
# Every file is read and written by our format (static/frontmatter-format.js),
# which keeps the file's own text and rewrites only changed lines. Sveltia
# accepts .md files only for formats whose names end in -frontmatter.
FORMAT_SUFFIX = "-frontmatter"

# Patterns the browser checks before saving: [regular expression, message],
# one for each kind of field the build checks, made from the schema's own
# definitions (sitecore/schema/fields.py), so that what the form accepts the
# build accepts. Sveltia tests the value with its spaces at either end
# removed (as our format stores it), with JavaScript's RegExp (no flags).
# "TODO" is what `invoke new` writes for a field still to fill in.
NOT_TODO = r"(?!\s*TODO)"
# The build refuses invisible control characters anywhere in a file
# (Word's soft line break, U+000B, broke the Atom feed): no field may hold one.
NO_CONTROL = rf"(?![\s\S]*{CONTROL_CHARACTER.pattern})"
NO_CONTROL_MESSAGE = ", no invisible characters pasted from Word"
ONE_LINE = r"[^\r\n\u2028\u2029]"
# fields.plain_text: one line, none of PLAIN_TEXT_REFUSED (a tag, a Markdown link's "](").
PLAIN = rf"(?:{''.join(f'(?!{refused})' for refused in types.PLAIN_TEXT_REFUSED)}{ONE_LINE})"


def inner(pattern: re.Pattern) -> str:
    """A schema's ^…$ pattern without its anchors, to put inside another."""
    return pattern.pattern.removeprefix("^").removesuffix("$")


def words_pattern(max_words: int) -> str:
    """At most `max_words` words, as str.split() counts them."""
    return rf"(?=\s*\S+(?:\s+\S+){{0,{max_words - 1}}}\s*$)"


def field_patterns() -> dict:
    """Field kind -> its form rule. A kind is a check (fields.text) or, for
    checks a schema makes with a factory (fields.short_sentence(20)), the
    factory's name, whose arguments the rule reads from the check."""
    link = inner(types.HTTPS_LINK_PATTERN)
    email = inner(types.EMAIL_PATTERN)
    return {
        types.text: lambda check: [rf"^{NOT_TODO}{NO_CONTROL}{ONE_LINE}*\S{ONE_LINE}*$",
                                     "Write this on one line, without invisible characters pasted from Word."],
        types.plain_text: lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{PLAIN}+$",
            f"Plain text on one line: no links, no HTML tags{NO_CONTROL_MESSAGE} (links belong in the text below)."],
        "short_sentence": lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{words_pattern(check.max_words)}{PLAIN}+$",
            f"One short sentence of plain text, at most {check.max_words} words: "
            f"no links, no HTML tags{NO_CONTROL_MESSAGE}."],
        types.slug: lambda check: [types.SLUG_PATTERN.pattern,
                                   "The file's name without .md: lower-case letters, digits and hyphens "
                                   "(e.g. katie-parker)."],
        types.site_address: lambda check: [
            rf"^(?=.{{2,{types.SITE_ADDRESS_MAX_LENGTH}}}$)" + types.SITE_ADDRESS_PATTERN.pattern.removeprefix("^"),
            "The part of the old address after the domain, starting with / and ending with / (or .html), "
            "e.g. /news/old-title/"],
        types.https_link: lambda check: [rf"^{NO_CONTROL}{link}$",
                                         "A web address starting https://, e.g. https://example.org/page"],
        types.contact: lambda check: [rf"^{NO_CONTROL}(?:{email}|{link})$",
                                      "An email address (name@example.org) or a link starting https://"],
        types.email: lambda check: [rf"^{NO_CONTROL}{email}$", "An email address, e.g. press@example.org"],
        # The digits counted by a lookahead, then the characters allowed (fields.phone).
        types.phone: lambda check: [
            "^(?=(?:\\D*\\d){%d,%d}\\D*$)" % types.PHONE_DIGITS + types.PHONE_PATTERN.pattern.removeprefix("^"),
            "A phone number in digits, with spaces if you like, e.g. 020 7946 0123"],
    }


PATTERNS = field_patterns()
# The text below the front matter: any number of lines, no control characters.
BODY_PATTERN = [rf"^{NO_CONTROL}", "It holds an invisible control character (pasted from Word or a PDF): "
                                   "delete the spot and retype it."]
# What an image field lets a volunteer upload: the images the build
# publishes (sitecore/images.py), by type and by name.
IMAGE_ACCEPT = ",".join([*dict.fromkeys(IMAGE_MEDIA_TYPES.values()), *(f".{e}" for e in IMAGE_MEDIA_TYPES)])


def field_kind(check):
    """The check itself, or the name of the factory that made it."""
    name = getattr(check, "__qualname__", "")
    return name.split(".<locals>")[0] if ".<locals>" in name else check


def item_check(field):
    """The check each item of a list field gets (fields.list_of keeps it)."""
    return getattr(field.check, "item_check", None)


def item_requires(check) -> list[list[str]]:
    """The pairs (field, the field it needs) inside each entry of a
    fields.list_of_objects list: a picture its alt text."""
    return [list(pair) for pair in check.requires]


def pattern_config(check) -> dict:
    """The form rule of a field typed as text: every kind has one, or the
    form would let a volunteer save what the build refuses."""
    rule = PATTERNS.get(field_kind(check))
    if rule is None:
        raise ValueError(f"plugins/cms/config.py has no form rule (PATTERNS) for {field_kind(check)!r} fields")
    return {"pattern": rule(check)}


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


def singular_label(plural: str) -> str:
    """The label of one item of a list field: "old_addresses" → "Old address",
    "policies" → "Policy", "tags" → "Tag"."""
    words = plural.replace("_", " ")
    for ending, single in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if words.endswith(ending):
            words = words[: -len(ending)] + single
            break
    return words.capitalize()


def list_config(field, spec: dict) -> dict:
    item = item_check(field)
    config = {"widget": "list", "field": {"name": "item", "label": singular_label(field.name),
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


def integer_config(field, spec: dict, in_file_name: bool) -> dict:
    """A whole number from the schema's min to its max."""
    if not in_file_name:
        return {"widget": "number", "value_type": "int", "min": spec["min"], "max": spec["max"],
                "hint": f"A whole number from {spec['min']} to {spec['max']}, e.g. {field.example}"}
    # A number the file's name starts with (a policy's): text of a fixed
    # width, so the file name template pads it (03-….md); our format writes
    # it back as a number (number: 3).
    width = len(str(spec["max"]))
    zero = "" if spec["min"] <= 0 else f"(?!0{{{width}}})"
    return {"widget": "string", "pattern": [rf"^{zero}[0-9]{{{width}}}$",
                                            f"A number from {spec['min']:0{width}} to {spec['max']}, "
                                            f"written with {width} digits (e.g. {3:0{width}})"],
            "hint": f"e.g. {int(field.example):0{width}}"}


def image_config() -> dict:
    """An image uploaded or chosen from the repository's, never a link to
    another site's (the build refuses those), of a type the build publishes."""
    return {"widget": "image", "accept": IMAGE_ACCEPT, "choose_url": False}


def field_config(field, settings: dict, in_file_name: tuple = ()) -> dict:
    """A field of the form, its hint ending with FIELD_RULES' for its name."""
    config = form_field(field, settings, in_file_name)
    if field.name not in FIELD_RULES:
        return config
    hint, refused = FIELD_RULES[field.name]
    config["hint"] = (config.get("hint", "").rstrip(".") + "." + hint).lstrip(".")
    if refused and "pattern" in config:
        (lookahead, words), (expression, message) = refused, config["pattern"]
        config["pattern"] = [expression.replace("^", f"^{lookahead}", 1), f"{message.rstrip('.')}, and {words}."]
    return config


def form_field(field, settings: dict, in_file_name: tuple = ()) -> dict:
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
        return {**config, **integer_config(field, spec, field.name in in_file_name)}
    if spec["widget"] == "image":
        return {**config, **image_config()}
    setting = spec.pop("options_setting", None)
    if setting:
        options = settings[setting]
        # {value: label} (POST_CATEGORIES), or {value: {"name": label, …}} (ELECTIONS).
        spec["options"] = ([{"label": label["name"] if isinstance(label, dict) else label, "value": value}
                            for value, label in options.items()]
                           if isinstance(options, dict) else list(options))
    if spec["widget"] in ("string", "text"):
        spec.update(pattern_config(field.check))
    return {**config, **spec}


def repository_path(settings: dict, *parts: str) -> str:
    return os.path.relpath(os.path.join(settings["PATH"], *parts), settings["CMS_REPO_ROOT"])


def form_fields(schema, settings, in_file_name: tuple = ()) -> list[dict]:
    """The editor's form for one file: the schema's fields, then the text."""
    fields = [field_config(field, settings, in_file_name) for field in schema.fields]
    fields.append({"name": "body", "label": BODY_LABELS.get(schema.name, "Text"), "widget": "markdown",
                   "modes": ["raw"], "hint": BODY_HINTS[schema.name], "pattern": BODY_PATTERN})
    return fields


def collection_config(schema, name, label, folder_setting, path, settings) -> dict:
    in_file_name = tuple(FILE_NAME_FIELD.findall(path))
    fields = form_fields(schema, settings, in_file_name)
    for field in fields:
        if field["name"] in in_file_name:
            # Sveltia keeps an existing file's name; our format refuses the change.
            field["hint"] = field["hint"].rstrip(".") + ". The file's name starts with it, so it cannot be changed " \
                                                        "here once saved."
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
        # Uploads are named by the same rule (My Photo É.JPG is saved as
        # my-photo-e.jpg): the build refuses names that do not belong in an
        # address. Only this site's own storage: the stock photo services
        # (the page's Content-Security-Policy blocks them) are hidden.
        "media_libraries": {"default": {"config": {"slugify_filename": True}}, "stock_assets": False},
        "collections": [*(collection_config(*spec, settings) for spec in COLLECTIONS),
                        *(single_file_config(*spec, settings) for spec in SINGLE_FILES)],
    }


def format_spec(schema, path: str) -> dict:
    """What our file format needs to know of one collection's fields."""
    in_file_name = FILE_NAME_FIELD.findall(path)
    # Integers edited as text of a fixed width (integer_config): the others
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
    # Fields of a published file only (old addresses, corrections): the
    # editor's Duplicate copies them into the new file.
    not_in_new = [f.name for f in schema.fields if not f.in_new_files]
    if not_in_new:
        spec["not_in_new"] = not_in_new
    if schema.name in SAME_SPELLING_FIELDS:
        spec["same_spelling"] = SAME_SPELLING_FIELDS[schema.name]
    if schema.name in NOT_IN_THE_FUTURE:
        spec["not_future"] = NOT_IN_THE_FUTURE[schema.name]
    if schema.name in POST_DATES:
        spec["post_dates"] = POST_DATES[schema.name]
    # The schema's own rules across fields (an event's place or online link;
    # its start before its end), as the build checks them.
    if schema.needs_one_of:
        spec["one_of"] = [list(group) for group in schema.needs_one_of]
    if schema.in_order:
        spec["in_order"] = [[rule.earlier, rule.later] for rule in schema.in_order]
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
