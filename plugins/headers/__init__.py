"""Security headers for the host (_headers, an nginx snippet) and security.txt."""

from .plugin import register

__all__ = ["register"]
