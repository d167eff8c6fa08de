"""Links between content: posts name the policies, councillors and events they concern;
every URL belongs to exactly one file."""

from .plugin import register

__all__ = ["register"]
