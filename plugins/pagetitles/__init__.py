"""Each post's <title> names that post alone: recurring headlines get their dates."""

from .plugin import register

__all__ = ["register"]
