"""The language an item's own words are in: its `language`, or the site's.

Every page is `<html lang="{DEFAULT_LANG}">`, a Welsh post's too: the site's
own words on it (the menus, "Skip to main content", "Updated", "Policies in
this story", the footer and imprint) are English, and stay so. The item's
own words (its title, summary, text, corrections and image description)
carry `lang="cy"` on the elements that hold them, on its page and wherever
they are listed. Marking the page Welsh instead would have made every
English label on it a passage to mark back, and a label added to a template
later would be read in Welsh until someone did: this way what the theme
writes is right by default, and only an item's words, which the item says
the language of, are marked. (WCAG 3.1.1 is met by the page's language,
the site's; 3.1.2 by each part in another language.)

The field is `language`, not Pelican's `lang`, which marks a translation and
moves the item to another address (sitecore/schema/content_types.py). Values
are the tags of LANGUAGES, which the settings check holds to the HTML
allowlist's rule for `lang` (sitecore/language_tags.py: each subtag one the
IANA registry lists, and not as replaced).
"""

from __future__ import annotations

from markupsafe import Markup, escape


def language_of(item, settings: dict) -> str:
    """The language tag of `item`'s own words: its `language`, else the
    site's (also for `item` None, a page with no item of its own)."""
    return getattr(item, "language", None) or settings["DEFAULT_LANG"]


def other_language(item, settings: dict) -> str | None:
    """`item`'s language tag where it is not the site's; None where it is
    (BCP 47 tags are the same in any case: en-GB is en-gb)."""
    language = language_of(item, settings)
    return None if language.lower() == settings["DEFAULT_LANG"].lower() else language


def in_language(words: str, language: str, settings: dict) -> Markup:
    """`words` (text, escaped here) in a <span> marked with `language`
    where it is not the site's; as they are where it is."""
    if language.lower() == settings["DEFAULT_LANG"].lower():
        return escape(words)
    return Markup(f'<span lang="{escape(language)}">{escape(words)}</span>')


def in_own_language(words: str, item, settings: dict) -> Markup:
    """`words` in `item`'s language (in_language)."""
    return in_language(words, language_of(item, settings), settings)


def correction_language(correction: dict, item, settings: dict) -> str:
    """A correction's note's language: its own `language` (an English note
    under a Welsh post was marked Welsh), else its post's."""
    return correction.get("language") or language_of(item, settings)


def correction_note(correction: dict, item, settings: dict) -> Markup:
    return in_language(correction["note"], correction_language(correction, item, settings), settings)


def lang_attribute(item, settings: dict) -> Markup:
    """` lang="cy"` for an element holding `item`'s own words, or nothing."""
    language = other_language(item, settings)
    return Markup(f' lang="{escape(language)}"') if language else Markup("")
