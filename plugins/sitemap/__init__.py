"""sitemap.xml and robots.txt for every public page, with canonical URLs."""

from .plugin import register

__all__ = ["register"]
