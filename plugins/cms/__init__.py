"""Browser editing with Sveltia CMS: /admin/, its config made from our schemas,
and a file format that saves only what changed."""

from .plugin import register

__all__ = ["register"]
