"""Field names other publishing systems use (Jekyll, Hugo, WordPress and
their editors), and what a volunteer who brings one should write here.

Checked before spelling: difflib took `draft` for `date` (a volunteer who
deleted the line published the draft) and a councillor's `name` for
`sample`. Only a field the content type has is ever suggested: the schema
says which.
"""

from __future__ import annotations

import re

# A name elsewhere, and the fields that do its job here: the first the
# content type has is suggested.
FIELDS_CALLED_ELSEWHERE = {
    "name": ("title",), "headline": ("title",),
    "description": ("summary",), "excerpt": ("summary",), "abstract": ("summary",), "teaser": ("summary",),
    "categories": ("category",), "tag": ("tags",), "keywords": ("tags",), "authors": ("author",),
    "image": ("photo", "picture"), "photo": ("image", "picture"), "picture": ("image", "photo"),
    "featured_image": ("image", "photo"), "cover_image": ("image", "photo"), "cover": ("image", "photo"),
    "thumbnail": ("image", "photo"),
    "alt": ("image_alt", "photo_alt", "picture_alt"), "image_alt": ("photo_alt", "picture_alt"),
    "photo_alt": ("image_alt", "picture_alt"),
    "updated": ("modified",), "lastmod": ("modified",), "last_modified": ("modified",),
    "aliases": ("old_addresses",), "redirect_from": ("old_addresses",),
    "date": ("start", "joined"),
    "lang": ("language",), "locale": ("language",),
    "email": ("contact",), "telephone": ("phone",), "tel": ("phone",), "mobile": ("phone",),
}
# Whether an item is published is its status: `draft: true` (Hugo, Jekyll), `published: false`.
PUBLICATION_FIELDS = ("draft", "published", "publish", "hidden", "unpublished")
# The address is the file's name; other systems set it in the front matter.
ADDRESS_FIELDS = ("slug", "permalink", "url", "save_as", "path")


def as_field_name(key: str) -> str:
    """featuredImage, Featured-Image, featured_image: one name to look up."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", key).lower().replace("-", "_")


def field_called_elsewhere_fix(key: str, names: list[str]) -> str | None:
    """The fix for a field another system has, in this content type's own fields."""
    called = as_field_name(key)
    if called in PUBLICATION_FIELDS and "status" in names:
        return "to keep it off the site write 'status: draft' instead; to publish it, delete this line"
    if called in ADDRESS_FIELDS:
        renamed = ", and list the old address in old_addresses if it was published" if "old_addresses" in names else ""
        return f"delete this line: the address comes from the file name, so rename the file to change it{renamed}"
    ours = next((name for name in FIELDS_CALLED_ELSEWHERE.get(called, ()) if name in names), None)
    return f"did you mean '{ours}'? (what other sites call {key} is {ours} here)" if ours else None
