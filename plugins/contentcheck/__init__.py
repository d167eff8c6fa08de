"""Checks on what content says, beyond its front matter: links resolve and
have words, images exist and have alt text, no raw scripts or frames, no
post dated in the future without an embargo."""

from .plugin import register

__all__ = ["register"]
