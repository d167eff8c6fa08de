"""Events: the Event content type, event pages, the listing of upcoming and
past events with its filters, and the events' iCalendar files."""

from .plugin import register

__all__ = ["register"]
