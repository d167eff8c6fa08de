"""The patterns the editor's form checks a typed value against, made from the schema's own checks."""

from __future__ import annotations

import re

from sitecore.schema import fields as types
from sitecore.schema.schema import PLACEHOLDER
from sitecore.schema.values_not_as_written import CONTROL_CHARACTER

# Patterns the browser checks before saving: [regular expression, message],
# one for each kind of field the build checks, made from the schema's own
# definitions (sitecore/schema/fields.py), so that what the form accepts the
# build accepts. Sveltia tests the value with its spaces at either end
# removed (as our format stores it), with JavaScript's RegExp (no flags).
# "TODO" is what `invoke new` writes for a field still to fill in.
NOT_TODO = rf"(?!\s*{PLACEHOLDER})"
# The build refuses invisible control characters anywhere in a file
# (Word's soft line break, U+000B, broke the Atom feed): no field may hold one.
NO_CONTROL = rf"(?![\s\S]*{CONTROL_CHARACTER.pattern})"
NO_CONTROL_MESSAGE = ", no invisible characters pasted from Word"
ONE_LINE = r"[^\r\n\u2028\u2029]"
# fields.plain_text: one line, none of PLAIN_TEXT_REFUSED (a tag, a Markdown link's "](").
PLAIN = rf"(?:{''.join(f'(?!{refused})' for refused in types.PLAIN_TEXT_REFUSED)}{ONE_LINE})"


def inner(pattern: re.Pattern) -> str:
    """A schema's ^…$ pattern without its anchors, to put inside another."""
    return pattern.pattern.removeprefix("^").removesuffix("$")


def words_pattern(max_words: int) -> str:
    """At most `max_words` words, as str.split() counts them, and at most the
    characters the build lets so many words have (fields.most_characters)."""
    return (rf"(?=\s*\S+(?:\s+\S+){{0,{max_words - 1}}}\s*$)"
            + characters_pattern(types.most_characters(max_words)))


def at_most_words(check) -> str:
    """"60 words (720 characters)": the words_pattern's two limits, in words."""
    return f"{check.max_words} words ({types.most_characters(check.max_words)} characters)"


def characters_pattern(max_characters: int) -> str:
    """At most `max_characters` characters, as Python's len() counts them:
    JavaScript's RegExp without flags counts a character beyond the first
    65,536 (an emoji, 😀) as two, so a pair of its halves counts as one. Each
    character matches one way only: with two (a pair, or its halves one by
    one), a long line of emoji took the browser minutes to refuse."""
    character = r"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\uD800-\uDBFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF]))"
    return rf"(?={character}{{1,{max_characters}}}$)"


def field_patterns() -> dict:
    """Field kind -> its form rule. A kind is a check (fields.text) or, for
    checks a schema makes with a factory (fields.short_sentence(20)), the
    factory's name, whose arguments the rule reads from the check."""
    link = inner(types.HTTPS_LINK_PATTERN)
    email = inner(types.EMAIL_PATTERN)
    return {
        # fields.title_line: its share card measures how long it may be (the form's hint says so).
        types.title_line: lambda check: [rf"^{NOT_TODO}{NO_CONTROL}{ONE_LINE}*\S{ONE_LINE}*$",
                                         "Write this on one line, without invisible characters pasted from Word."],
        types.text: lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{characters_pattern(check.max_characters)}{ONE_LINE}*\S{ONE_LINE}*$",
            f"Write this on one line, at most {check.max_characters} characters, without invisible characters "
            "pasted from Word."],
        # fields.place: as text, but not the words of an event held online ("Online", "Zoom").
        types.place: lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{characters_pattern(types.text.max_characters)}(?!{inner(types.ONLINE_ONLY)}$)"
            rf"{ONE_LINE}*\S{ONE_LINE}*$",
            f"Where the event is held, on one line of at most {types.text.max_characters} characters. An event held "
            "online has no place: leave this empty and give its link under Online."],
        types.plain_text: lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{words_pattern(check.max_words)}{PLAIN}+$",
            f"Plain text on one line, at most {at_most_words(check)}: no links, no HTML tags{NO_CONTROL_MESSAGE} "
            "(links belong in the text below)."],
        # fields.alt_text: plain text that is not a picture's file name or a word for a picture.
        types.alt_text: lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{words_pattern(check.max_words)}(?!{types.NO_DESCRIPTION_PATTERN}$){PLAIN}+$",
            f"Say what the picture shows, in plain text on one line of at most {at_most_words(check)} (not its "
            f"file's name, not \"image\"): no links, no HTML tags{NO_CONTROL_MESSAGE}."],
        "summary_of_at_most": lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{words_pattern(check.max_words)}{PLAIN}+$",
            f"One or two sentences of plain text on one line, at most {at_most_words(check)}: "
            f"no links, no HTML tags{NO_CONTROL_MESSAGE} (the detail belongs in the text below)."],
        "short_sentence": lambda check: [
            rf"^{NOT_TODO}{NO_CONTROL}{words_pattern(check.max_words)}{PLAIN}+$",
            f"One short sentence of plain text, at most {at_most_words(check)}: "
            f"no links, no HTML tags{NO_CONTROL_MESSAGE}."],
        types.slug: lambda check: [types.SLUG_PATTERN.pattern,
                                   "The file's name without .md: lower-case letters, digits and hyphens "
                                   "(e.g. katie-parker)."],
        types.site_address: lambda check: [
            rf"^(?=.{{2,{types.SITE_ADDRESS_MAX_LENGTH}}}$)" + types.SITE_ADDRESS_PATTERN.pattern.removeprefix("^"),
            "The part of the old address after the domain, starting with / and ending with / (or .html), "
            "e.g. /news/old-title/"],
        types.https_link: lambda check: [rf"^{NO_CONTROL}{link}$",
                                         "A web address starting https://, e.g. https://example.org/page"],
        types.contact: lambda check: [rf"^{NOT_TODO}{NO_CONTROL}(?:{email}|{link})$",
                                      "An email address (name@example.org) or a link starting https://"],
        types.email: lambda check: [rf"^{NOT_TODO}{NO_CONTROL}{email}$", "An email address, e.g. press@example.org"],
        # The digits counted by a lookahead, not a date (fields.phone), then the characters allowed.
        types.phone: lambda check: [
            "^(?=(?:\\D*\\d){%d,%d}\\D*$)" % types.PHONE_DIGITS
            + "(?!" + types.A_DATE.pattern + ")"
            + types.PHONE_PATTERN.pattern.removeprefix("^"),
            "A phone number in digits, with spaces if you like, e.g. 020 7946 0123"],
    }


PATTERNS = field_patterns()
# The text below the front matter: any number of lines, none starting with
# the placeholder (the build checks every line: sitecore/schema/schema.py),
# no control characters.
NO_TODO_LINE = rf"(?![\s\S]*(?:^|\n)[^\S\n]*{PLACEHOLDER})"
BODY_PATTERN = [rf"^{NO_TODO_LINE}{NO_CONTROL}",
                f"A line starts with {PLACEHOLDER}, the mark for text still to write (replace that line with your "
                "text), or the text holds an invisible control character pasted from Word or a PDF (delete the "
                "spot and retype it)."]


def field_kind(check):
    """The check itself, or the name of the factory that made it."""
    name = getattr(check, "__qualname__", "")
    return name.split(".<locals>")[0] if ".<locals>" in name else check


def pattern_config(check) -> dict:
    """The form rule of a field typed as text: every kind has one, or the
    form would let a volunteer save what the build refuses."""
    rule = PATTERNS.get(field_kind(check))
    if rule is None:
        raise ValueError(f"plugins/cms/form_patterns.py has no form rule (PATTERNS) for {field_kind(check)!r} fields")
    return {"pattern": rule(check)}
