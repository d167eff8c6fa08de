"""Site search with Pagefind: the index is built at the end of every build."""

from .plugin import register

__all__ = ["register"]
