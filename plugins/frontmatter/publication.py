"""Is an item public yet? Its status, its embargo, and the drafts preview.

- `status: draft` keeps an item out of the public site.
- `embargo: 2022-03-01 09:00` keeps a post out until that moment (Europe/
  London) and in from then on: a scheduled rebuild publishes it.
- A drafts preview (PREVIEW_DRAFTS, `invoke build --drafts`) shows both,
  labelled, in a site marked noindex.
"""

from __future__ import annotations

from sitecore.clock import build_time, has_passed, in_words


def publication_status(values: dict, settings: dict) -> tuple[str, str | None]:
    """(Pelican status, preview label or None) for an item's front matter."""
    embargo = values.get("embargo")
    if embargo is not None and not has_passed(embargo, build_time(settings)):
        hidden_because = f"Embargoed until {in_words(embargo)}"
    elif values.get("status") == "draft":
        hidden_because = "Draft"
    else:
        return "published", None
    if settings.get("PREVIEW_DRAFTS"):
        return "published", hidden_because
    return "draft", None
