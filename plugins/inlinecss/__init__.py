"""Inline the theme's stylesheet into every page (one round trip to first paint)."""

from .plugin import register

__all__ = ["register"]
