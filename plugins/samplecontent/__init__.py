"""Sample content, marked and shown as such until the party replaces it;
a production build refuses the placeholder imprint and press contacts."""

from .plugin import register

__all__ = ["register"]
