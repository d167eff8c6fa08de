"""The minifesto's content types: its own words (content/minifesto.md), and
the frozen copies a past edition is rebuilt from (sitecore.frozen_editions)."""

from __future__ import annotations

import posixpath

from pelican.contents import Content

from sitecore.frozen_editions import frozen_origin
from sitecore.policy_content import Policy


class Minifesto(Content):
    mandatory_properties = ("title", "edition", "date")
    default_template = "minifesto"
    collection = "minifesto"

    @property
    def card_kicker(self) -> str:
        return f"Our minifesto, {self.edition} edition"

    @property
    def closing_call_content(self) -> str:
        """The closing call's HTML with {filename} links made into addresses,
        as Pelican does for a body (the links are checked by contentcheck)."""
        return self._update_content(self.closing_call_html, self.get_siteurl())


class FrozenCopy:
    """A file of a past edition, read as the file it was frozen from: its
    links resolve from that file's folder. It has no page of its own: it is
    shown on its edition's page (`edition_url`, set when it is read)."""

    edition_url: str = ""

    @property
    def relative_dir(self) -> str:
        """What Pelican (and contentcheck) resolve {filename} links from: the
        folder of the file this one was copied from."""
        origin = frozen_origin(self.get_relative_source_path(), self.settings)
        return posixpath.dirname(origin.original) if origin else ""

    @property
    def save_as(self) -> str:
        return ""


class FrozenMinifesto(FrozenCopy, Minifesto):
    @property
    def url(self) -> str:
        return self.edition_url


class FrozenPolicy(FrozenCopy, Policy):
    @property
    def url(self) -> str:
        """The policy's own page, as its edition's files named it when the
        edition was current (so they come out the same now)."""
        return self.settings["POLICY_URL"].format(**self.url_format)
