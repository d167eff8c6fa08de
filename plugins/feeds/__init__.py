"""Atom feeds that stand on their own: absolute addresses, one id per feed."""

from .plugin import register

__all__ = ["register"]
