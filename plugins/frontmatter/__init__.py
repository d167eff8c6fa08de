"""YAML front matter for every Markdown file, checked against a schema per content type."""

from .plugin import register

__all__ = ["register"]
