"""JSON-LD structured data: NewsArticle, Person, PoliticalParty."""

from .plugin import register

__all__ = ["register"]
