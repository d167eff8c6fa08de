"""When only posts' bodies changed, pages that show none of them are not rendered again.

Editing the words of a post is the most common change to the site, and a
full build renders every page: about 1500 at a thousand posts, most of the
time of a build after such an edit. A post's body (its Markdown after the
front matter) shows on its own page only: listings, the home page, policy
and councillor pages show a post's front matter (title, date, summary,
tags …), never its body.

So a build whose inputs, apart from posts' bodies, are those of the last
build (`InputDigests.layout` in sitebuild/unchanged.py: the settings, the
rest of content/, the theme, the code, the libraries), at a moment when
the last build's decisions about time still hold, takes each page whose
key is unchanged from the last build's site instead of rendering its
template. A page's key is its template and the bodies of the posts it
holds (`article`, and the posts of a listing page, to be safe), so the
page of an edited post is rendered again, and so are the listing pages it
is on. The last build's file is used only if it is as that build left it
(its size and time, as the record holds them), and what its render did
besides its text (the images plugin placing WebP copies) is done again
(sitecore/page_effects.py). Anything else (a title, a
tag, a policy, a template, a setting, an image, the next day) renders
every page, as before. Feeds, which do carry bodies, are always written.

tests/test_page_reuse.py checks each kind of edit, rebuilt into the same
folder, against a cold build, byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.writers import Writer

from sitecore import page_effects

from .unchanged import BuildRecord, decisions_still_hold


class PageReuse:
    """The pages of one build: each one's key, and whether the last build's
    file for it may be used instead of rendering its template."""

    def __init__(self, record: BuildRecord | None, layout: str, now: dt.datetime, output_path: Path) -> None:
        usable = record is not None and record.layout == layout and decisions_still_hold(record, now)
        self.before = record.page_keys if usable else {}
        self.effects_before = record.page_effects if usable else {}
        self.files_before = record.output if usable else {}
        self.output_path = output_path
        self.keys: dict[str, str] = {}
        self.effects: dict[str, list[list[str]]] = {}  # what each page's render did besides its text
        self.reused = 0
        self.bodies: dict[int, bytes] = {}  # id of a post -> digest of its body (a post is on many listings)
        page_effects.forget_handlers()  # the plugins register this build's

    def render(self, template, context: dict) -> str:
        name = context["output_file"]
        key = self.page_key(template.name, context)
        self.keys[name] = key
        if self.before.get(name) == key:
            kept = self.file_as_left(name)
            effects = self.effects_before.get(name, [])
            if kept is not None and page_effects.replay(effects):
                self.effects[name] = effects
                self.reused += 1
                return kept
        with page_effects.recorded() as effects:
            text = template.render(context)
        self.effects[name] = effects
        return text

    def file_as_left(self, name: str) -> str | None:
        """The last build's page, if it is as that build left it."""
        path = self.output_path / name
        try:
            info = os.lstat(path)
            if [info.st_size, info.st_mtime_ns] != self.files_before.get(os.path.normpath(name)):
                return None
            # newline="": the characters as written (Pelican's writer writes the text as it is).
            with open(path, encoding="utf-8", newline="") as file:
                return file.read()
        except (OSError, UnicodeDecodeError):
            return None

    def page_key(self, template_name: str, context: dict) -> str:
        """The template, and the bodies of the posts the page holds."""
        digest = hashlib.sha256(f"{template_name}\0".encode())
        for post in posts_held(context):
            digest.update(self.body_digest(post))
        return digest.hexdigest()

    def body_digest(self, post: Article) -> bytes:
        known = self.bodies.get(id(post))
        if known is None:
            body = getattr(post, "body_markdown", None)
            if body is None:
                body = getattr(post, "_content", "") or ""
            known = hashlib.sha256(f"{post.source_path}\0{body}".encode()).digest()
            self.bodies[id(post)] = known
        return known


def posts_held(context: dict) -> list[Article]:
    """The posts among the context's own values (`article`) and in its
    listing pages (`articles_page` …); not the site-wide lists every page
    is given, whose bodies no template shows."""
    held = []
    for key, value in context.items():
        if isinstance(value, Article):
            held.append(value)
        elif key.endswith("_page") and hasattr(value, "object_list"):
            held.extend(item for item in value.object_list if isinstance(item, Article))
    return held


class ReusableTemplate:
    """A template whose `render` goes through PageReuse."""

    def __init__(self, template, reuse: PageReuse) -> None:
        self.template, self.reuse = template, reuse

    def render(self, context: dict) -> str:
        return self.reuse.render(self.template, context)


def reusing_writer(reuse: PageReuse) -> type[Writer]:
    class ReusingWriter(Writer):
        def write_file(self, name, template, context, *args, **kwargs):
            return super().write_file(name, ReusableTemplate(template, reuse), context, *args, **kwargs)

    return ReusingWriter


@contextmanager
def pages_reused(reuse: PageReuse):
    """Pelican's writer, for the build run inside, goes through `reuse`."""

    def provide_writer(pelican):
        return reusing_writer(reuse)

    signals.get_writer.connect(provide_writer)
    try:
        yield reuse
    finally:
        signals.get_writer.disconnect(provide_writer)
