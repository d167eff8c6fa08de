"""The editor's form for one content file: each of its schema's fields as a field of the form.

Each field gets the widget its check calls for, a hint saying what the
build accepts, and the rules the build checks on it that the form can
check too, so what a volunteer saves passes the build.
"""

from __future__ import annotations

import os

from sitecore.brand import brand_style
from sitecore.drawable_characters import drawable_ranges
from sitecore.images import IMAGE_MEDIA_TYPES
from sitecore.print_fonts import font_coverage
from sitecore.schema import fields as types
from sitecore.schema.content_types import SAMPLE

from .editor_collections import COLLECTION_BY_SETTING
from .form_patterns import BODY_PATTERN, pattern_config

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
PICTURE_NAMES = " Two pictures may not share a name with different endings (rally.jpg and rally.png)."
# Without the fonts: no character beyond U+FFFF (a surrogate in JavaScript), as no emoji is in them.
ANY_BEYOND_U_FFFF = r"(?![\s\S]*[\uD800-\uDFFF])"


def card_lookahead(settings: dict) -> str:
    """A JavaScript lookahead refusing any character the share cards' title
    fonts cannot draw, from the fonts themselves (the build's own check)."""
    fonts_cache = os.path.join(settings["CACHE_PATH"], "fonts")  # as the cards' check reads them: no fontTools
    try:
        covered = frozenset().union(*(font_coverage(path, fonts_cache) for path in brand_style(settings).bold_fonts))
    except (OSError, ValueError):  # a font that does not load: the cards' check names it, and stops the build
        return ANY_BEYOND_U_FFFF
    drawn = "".join(f"\\u{first:04X}" if first == last else f"\\u{first:04X}-\\u{last:04X}"
                    for first, last in drawable_ranges(covered, fonts_cache))
    return rf"(?![\s\S]*[^{drawn}])"


# Rules the build checks on a field, by field name: the hint's words for
# those the form cannot check, and a refusal for what it can
# ([lookahead put before the field's pattern, or a function of the settings
# making it, words added to its message]).
FIELD_RULES = {
    # plugins/sharecards: the title must fit its share card whole, in the party's fonts.
    "title": (" The share card shows it whole: at most about 180 characters, about 115 beside a photo "
              "(the build measures it); only letters the card's fonts draw: Latin, Greek and Cyrillic, no emoji "
              "(✊ or 😀) and no other scripts.", (card_lookahead, "only letters the share card's fonts draw "
                                                                  "(no emoji, no other scripts)")),
    # plugins/contentcheck/tag_spellings.py.
    "tags": (" Write each tag as the other posts do (climate, not Climate): one tag has one name.", None),
    # policies' check of their numbers: 1, 2, 3 … without gaps.
    "number": (" The policies are numbered 1, 2, 3 … without gaps: give the next number, and renumber the "
               "others (in git) before taking one out.", None),
    # plugins/contentfiles: images_sharing_copies.
    # The whole item's language (sitecore/schema/content_types.py: LANGUAGE); a passage is marked in the text.
    "language": (" Only for a text written wholly in that language; leave it empty for English. Mark a few words "
                 "in another language in the text itself: `<span lang=\"cy\">Diolch</span>`.", None),
    "image": (PICTURE_NAMES, None),
    "photo": (PICTURE_NAMES, None),
}
# The text's label, where "Text" does not say what it is for.
BODY_LABELS = {"press office": "Notes to editors"}
# What an image field lets a volunteer upload: the images the build
# publishes (sitecore/images.py), by type and by name.
IMAGE_ACCEPT = ",".join([*dict.fromkeys(IMAGE_MEDIA_TYPES.values()), *(f".{e}" for e in IMAGE_MEDIA_TYPES)])


def item_check(field):
    """The check each item of a list field gets (list_fields.list_of keeps it)."""
    return getattr(field.check, "item_check", None)


def date_config(field) -> dict:
    # The picker is the browser's own <input type="date">, which shows dates in
    # the browser's language (mm/dd/yyyy in US English): Sveltia CMS has no
    # option to change that, so the hint says what is stored.
    example = f", e.g. {field.example}" if field.example else ""
    # With the time where it matters (an event's times, an embargo: Field.with_time);
    # the others are edited as a day only, YYYY-MM-DD.
    if field.check is types.date_and_time or field.with_time:
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
    if spec.get("max"):
        config["max"] = spec["max"]
    return config


def object_list_config(field, settings: dict) -> dict:
    """A list of entries, each a small form of its own fields
    (list_fields.list_of_objects): the press contacts, the press kit's people."""
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
        if callable(lookahead):  # made with the settings (the title's fonts)
            lookahead = lookahead(settings)
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


def form_fields(schema, settings, in_file_name: tuple = ()) -> list[dict]:
    """The editor's form for one file: the schema's fields, then the text.
    Without SAMPLE_CONTENT the build refuses a file marked as sample, so
    the form does not offer the mark."""
    fields = [field_config(field, settings, in_file_name) for field in schema.fields
              if field is not SAMPLE or settings["SAMPLE_CONTENT"]]
    fields.append({"name": "body", "label": BODY_LABELS.get(schema.name, "Text"), "widget": "markdown",
                   "modes": ["raw"], "hint": BODY_HINTS[schema.name], "pattern": BODY_PATTERN})
    return fields
