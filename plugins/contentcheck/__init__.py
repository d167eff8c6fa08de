"""Checks on what content says, beyond its front matter: links resolve and
have words, images exist and have alt text, no raw scripts or frames, no
post dated in the future without an embargo. And the `table_boxes` filter,
which names each table's scrolling box for the theme (table_boxes.py)."""

from .plugin import register

__all__ = ["register"]
