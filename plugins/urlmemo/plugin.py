"""Work out each item's address once while the pages are written.

Pelican formats an item's `url` and `save_as` from the settings' pattern at
every use (Content.get_url_setting copies the item's metadata, works out its
path relative to content/ and formats the pattern): every listing page,
feed, tag page and sitemap entry that shows a post asks again. That was
0.9 s of a build at 1000 posts and 3.6 s at 5000.

From the moment Pelican asks for its writer until the build ends, what an
address is made from is settled: each item's slug, date, category, language
and status were set when it was read and linked. So in that stretch each
item keeps the address it was given for each key and status. Two things
are still asked every time:

- an override (`override_url`, `override_save_as`), which Pelican sets on a
  static file when a page links it with {attach}, while pages are written
  (our allowlist refuses {attach}, but this does not rely on it);
- static files themselves, never remembered.

A build with this plugin writes the same bytes as one without it (tested).
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Content, Static

pelicans_get_url_setting = Content.get_url_setting
writing = False  # between Pelican asking for its writer and the build's end


def get_url_setting(self: Content, key: str) -> str:
    if not writing or isinstance(self, Static) or hasattr(self, "override_" + key):
        return pelicans_get_url_setting(self, key)
    remembered = self.__dict__.setdefault("_addresses_while_writing", {})
    wanted = (key, self.status, self.in_default_lang)
    if wanted not in remembered:
        remembered[wanted] = pelicans_get_url_setting(self, key)
    return remembered[wanted]


def start_writing(pelican) -> None:
    global writing
    writing = True


def stop_writing(*_) -> None:
    """At a build's end, and at the start of every build (one that failed
    part-way through writing never reached its end)."""
    global writing
    writing = False


def register() -> None:
    Content.get_url_setting = get_url_setting
    signals.initialized.connect(stop_writing)
    signals.get_writer.connect(start_writing)
    signals.finalized.connect(stop_writing)
