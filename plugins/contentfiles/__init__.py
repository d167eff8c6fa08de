"""Which files under content/ may be published: no symbolic links, nothing
from outside content/, static files only of safe types (checked by their
bytes, not only their names), never over a generated address, never an
image that only a draft or embargoed item uses, and never a document that
names its author; each image published without its location, camera and
author data."""

from .plugin import register

__all__ = ["register"]
