"""Template filters that fit a content item's sanitised HTML to the page
showing it: `headings_under` (its headings below the title it sits under),
`ids_within` (its ids unique where several texts share a page),
`table_boxes` (each table's scrolling box, named), `address_links` (a link
broken by <wbr> named by its address whole), and `lang_attribute`,
`other_language` and `in_own_language` (the language of an item's words,
where it is not the site's: sitecore/languages.py)."""

from .plugin import register

__all__ = ["register"]
