"""Candidates: the Candidate content type, candidate pages, a page per
election by council and ward, and the links with councillors standing again."""

from .plugin import register

__all__ = ["register"]
