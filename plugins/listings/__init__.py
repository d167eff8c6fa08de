"""Make Pelican's tag, category and author pages linear in the number of posts."""

from .plugin import register

__all__ = ["register"]
