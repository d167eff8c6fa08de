"""The Markdown reader for every content file: front matter, schema, body.

It replaces Pelican's own Markdown reader. Instead of raising on a mistake,
it records every problem in the build's ProblemLog and hands Pelican a
"skip" item, so the build goes on to find the rest of the mistakes and then
stops, before writing, with all of them listed together. A body's HTML is
made, and kept between builds, by safe_html.py.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re

from markupsafe import escape
from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Category, Tag

from sitecore.clock import at_midnight
from sitecore.frozen_editions import frozen_origin
from sitecore.html_refusal_messages import explain
from sitecore.names import (
    MARKDOWN_SUFFIXES,
    SAFE_NAME_PART,
    file_name_for,
    numbered_name,
    slug_of_file,
)
from sitecore.problems import PartlyRead, problem_log
from sitecore.schema.content_folders import type_it_fits_better
from sitecore.schema.content_types import SCHEMAS_BY_PATH_SETTING, field_names_of
from sitecore.schema.document import front_matter_end, parse_document
from sitecore.schema.fields import SLUG_MAX_LENGTH, SLUG_PATTERN
from sitecore.schema.fields_memo import FieldsMemo
from sitecore.schema.front_matter_errors import FrontMatterError
from sitecore.schema.past_the_first_slip import read_past_slips
from sitecore.schema.schema import Schema
from sitecore.schema.values_not_as_written import CONTROL_CHARACTER, what_it_is
from sitecore.schema.yaml_slips import fields_of_this_file
from sitecore.text_memo import TextMemo

from .limits import blank_fenced_code, size_problem
from .positions_in_file import line_in_markdown, position_of_byte
from .publication import publication_status
from .safe_html import render_safe_html, safe_html_memo, worth_keeping
from .table_limits import tables_too_large
from .text_checks import TextChecks

SKIP = {"status": "skip"}


def schema_for(source_path: str, settings: dict) -> Schema | None:
    """The schema of a file, from the folder it is in (ARTICLE_PATHS, …)."""
    relative = os.path.relpath(os.path.abspath(source_path), os.path.abspath(settings["PATH"]))
    frozen = frozen_origin(relative, settings)
    if frozen is not None:
        # A past minifesto edition's copy: checked as the file it was frozen from.
        relative = frozen.original.replace("/", os.sep)
    for setting, schema in SCHEMAS_BY_PATH_SETTING.items():
        for folder in settings.get(setting) or []:
            folder = folder.strip("/")
            if relative == folder or relative.startswith(folder + os.sep):
                return schema
    return None


def renamed(source_path: str, stem: str) -> str:
    """The file's name with `stem` (its slug part: after a policy's number)
    made a slug, e.g. "My_Post.md" -> "my-post.md"."""
    base, suffix = os.path.splitext(os.path.basename(source_path))
    prefix = base[: len(base) - len(stem)]
    return file_name_for(stem, prefix, suffix) or file_name_for("my post", prefix, suffix)


# The most refusals of one text told one by one (see _safe_html).
MOST_REFUSALS_TOLD = 20


class FrontMatterReader(BaseReader):
    enabled = True
    file_extensions = [suffix.lstrip(".") for suffix in MARKDOWN_SUFFIXES]

    @functools.cached_property
    def html_cache(self) -> TextMemo:
        return safe_html_memo(self.settings)

    @functools.cached_property
    def text_checks(self) -> TextChecks:
        return TextChecks(self.settings["CACHE_PATH"])

    @functools.cached_property
    def fields_cache(self) -> FieldsMemo:
        return FieldsMemo(self.settings["CACHE_PATH"])

    def read(self, source_path):
        schema = schema_for(source_path, self.settings)
        try:
            content, metadata = self._read(source_path, schema)
        except Exception as error:  # a content file must never end the build with a traceback
            problem_log.add(source_path, 1, "(file)", f"could not be read ({type(error).__name__}: {error})"[:300],
                            "look for unusual structure or characters in the file; "
                            "a developer can see more with `python -m sitebuild --debug`")
            content, metadata = "", dict(SKIP)
        if metadata.get("status") == "skip" and schema is not None:
            problem_log.unreadable.add((schema.name, slug_of_file(source_path, schema.name)))
        return content, metadata

    def _read(self, source_path, schema):
        if schema is None:
            # Not one of our content folders (e.g. a stray file): Pelican
            # only asks us for files in the folders above, so this is rare.
            return "", dict(SKIP)
        too_large = size_problem(source_path, self.settings)
        if too_large:
            problem_log.add(source_path, too_large.line, "(file)", too_large.message, too_large.fix)
            return "", dict(SKIP)
        try:
            # utf-8-sig: Windows Notepad starts files with a byte-order mark.
            # (Decoded whole, so a wrong byte's position is in the file's.)
            with open(source_path, "rb") as handle:
                text = handle.read().decode("utf-8-sig")
            text = text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode did
        except UnicodeDecodeError as error:
            line, column = position_of_byte(error.object, error.start)
            problem_log.add(source_path, line, "(file)",
                            f"is not UTF-8 text: the character at column {column} is not UTF-8 ({error.reason})",
                            "save the file as UTF-8 in your editor (often 'Save with encoding'), "
                            "or retype that character (£, é and curly quotes are the usual ones)")
            return "", dict(SKIP)
        unreadable = self.text_checks.problems(text)
        for problem in unreadable:
            problem_log.add(source_path, problem.line, "(file)", problem.message, problem.fix)
        if unreadable:
            self._check_fields_only(source_path, schema, text, unreadable)
            return "", dict(SKIP)
        with fields_of_this_file(field_names_of(schema)):  # which names a slip's line may start with
            try:
                doc = parse_document(text, self.fields_cache)
            except FrontMatterError as error:
                return self._read_past_slips(source_path, schema, text, error)

        right, ok = schema.validate_all(source_path, doc, self.settings, problem_log.add)
        if not ok:
            self._another_types_fields(source_path, schema, doc)
        values = right if ok else None
        slug = self._slug_from_file_name(source_path, schema, values, doc)
        if values is None or slug is None:
            return self._check_the_rest(source_path, doc, right)
        return self._safe_html(source_path, "body", doc.body, doc.end_line + 1), self._item_metadata(
            source_path, schema, values, slug, doc, text)

    def _item_metadata(self, source_path, schema: Schema, values: dict, slug: str, doc, text: str) -> dict:
        """What Pelican and our plugins read of a file whose fields are right."""
        metadata = self._pelican_metadata(schema, values, slug)
        metadata["status"], metadata["preview_label"] = publication_status(values, self.settings)
        # `status: draft` as written: an item embargoed too stays a draft
        # after its embargo, which sitecore.publication_order must know.
        metadata["written_as_draft"] = values.get("status") == "draft"
        metadata["frontmatter_lines"] = dict(doc.key_lines)
        # The line of each value inside a field, by its path: ("corrections",
        # 1, "date") is the second correction's date, ("old_addresses", 0)
        # the first old address. Checks after reading report there.
        metadata["frontmatter_value_lines"] = dict(doc.value_lines)
        # Each image the fields name, with its line: checked and published by
        # contentcheck and contentfiles, wherever in the fields it is.
        metadata["frontmatter_images"] = schema.images(values, doc)
        # The Markdown itself: the plain-text minifesto prints it (Markdown
        # reads well as plain text) and the content checks read it by line.
        metadata["body_markdown"] = doc.body
        metadata["body_first_line"] = doc.end_line + 1
        # The text read, for what is kept of it between builds (the content
        # checks' passes): the file may be saved again while the build runs.
        metadata["source_digest"] = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
        if schema.name == "minifesto":
            # Markdown too, on the minifesto's page and in its PDFs: its tables are held to a body's limits.
            line = doc.line_of("closing_call")
            # A value written as a block (closing_call: |) starts on the next line.
            block = re.search(r":\s*[|>][-+0-9]*\s*(?:#.*)?$", text.split("\n")[line - 1])
            first_line = line + 1 if block else line
            too_large = tables_too_large(blank_fenced_code(values["closing_call"]), first_line)
            for problem in too_large:
                problem_log.add(source_path, problem.line, "closing_call", problem.message, problem.fix)
            metadata["closing_call_html"] = "" if too_large else self._safe_html(
                source_path, "closing_call", values["closing_call"], first_line)
        return metadata

    def _check_fields_only(self, source_path, schema, text: str, refused: list) -> None:
        """A file refused for its text as a whole (a control character, a
        conflict's markers, a table too large …): the mistakes of its
        fields are told in the same build too, when every refused line is
        below the front matter (a refused line inside it would only be told
        again, as a slip). Its text is not read: that is what was refused."""
        closing = front_matter_end(text.split("\n"))
        if closing is None or any(problem.line <= closing + 1 for problem in refused):
            return
        with fields_of_this_file(field_names_of(schema)):
            try:
                doc = parse_document(text, self.fields_cache)
            except FrontMatterError as error:
                self._read_past_slips(source_path, schema, text, error, with_text=False)
                return
        right, ok = schema.validate_all(source_path, doc, self.settings, problem_log.add)
        self._slug_from_file_name(source_path, schema, right if ok else None, doc)

    def _another_types_fields(self, source_path, schema, doc) -> None:
        """A file with another content type's fields, in this type's folder
        (a page in content/posts/, a councillor's profile): said first, or
        adding the fields the messages ask for turns it into a post."""
        fits = type_it_fits_better(set(doc.values), schema, self.settings)
        if fits is not None:
            other, folder = fits
            other_one, this_one = (f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
                                   for kind in (other.name, schema.name))
            problem_log.add(source_path, 1, "(file)",
                            f"its fields are {other_one}'s, not those of {this_one}, which this folder holds",
                            f"if it is {other_one}, move it to content/{folder}/; if it is {this_one}, "
                            "mend its fields as told below")

    def _read_past_slips(self, source_path, schema, text: str, first: FrontMatterError, with_text: bool = True):
        """A front matter block that cannot be read: every slip in it is
        told, and the mistakes of the fields that read once the slips are
        passed over, and (`with_text`) of the text (see past_the_first_slip.py)."""
        slips = read_past_slips(text, first)
        for slip in slips.problems:
            problem_log.add(source_path, slip.line, slip.field, slip.message, slip.fix)
        if slips.document is not None:
            def report(path, line, field, message, fix):
                if slips.keeps(line, field, message):
                    problem_log.add(path, line, field, message, fix)

            right, _ = schema.validate_all(source_path, slips.document, self.settings, report)
            if with_text:
                return self._check_the_rest(source_path, slips.document, right)
        return "", dict(SKIP)

    def _check_the_rest(self, source_path, doc, right: dict):
        """A file not published for a mistake in its fields: the body's own
        problems (HTML outside the allowlist) are reported too, and the
        checks after reading see its links and the items it names (as
        `PartlyRead`), so that the volunteer hears of every problem of the
        file in one build, not of the body's only once the fields are mended."""
        self._safe_html(source_path, "body", doc.body, doc.end_line + 1)
        problem_log.partly_read.append(PartlyRead(
            source_path, dict(doc.key_lines), doc.body, doc.end_line + 1,
            right.get("policies", []), right.get("councillors", []), right.get("events", [])))
        return "", dict(SKIP)

    def _safe_html(self, source_path: str, field: str, markdown: str, first_line: int) -> str:
        """Markdown to HTML, then the allowlist: everything outside it is a
        problem at its line; what is returned holds only what the list allows."""
        cached = self.html_cache.get(markdown)
        if cached is not None:
            return cached
        safe, refused = render_safe_html(markdown, self.settings)
        # The folder of the file, from content/: a link's fix is written from it.
        folder = os.path.relpath(os.path.dirname(os.path.abspath(source_path)), os.path.abspath(self.settings["PATH"]))
        folder = folder.replace(os.sep, "/")
        told_at: dict[str, int] = {}  # a search's last line: refusals come in the text's order
        for refusal in refused[:MOST_REFUSALS_TOLD]:
            message, fix = explain(refusal, folder)
            line = told_at[refusal.search] = line_in_markdown(markdown, first_line, refusal.search,
                                                                after=told_at.get(refusal.search, 0))
            problem_log.add(source_path, line, field, message, fix)
        if len(refused) > MOST_REFUSALS_TOLD:
            # Each is found by a search of the text: 20,000 attributes on one
            # tag took two minutes to tell, line by line (a fuzz audit).
            problem_log.add(source_path, line, field, f"has {len(refused) - MOST_REFUSALS_TOLD:,} more things "
                            f"the site does not allow, besides the {MOST_REFUSALS_TOLD} told",
                            f"mend those {MOST_REFUSALS_TOLD}, then check again")
        made = CONTROL_CHARACTER.search(safe)
        if made:
            # What the checks of the file's text cannot see: a reference
            # hidden by an escape of the field's YAML ("&\x23x0B;" in quotes
            # is "&#x0B;"), which the page's HTML makes the character itself.
            problem_log.add(source_path, line_in_markdown(markdown, first_line, r"&\\?#"), field,
                            f"makes {what_it_is(made.group())} in the page (a character reference, &#…;, "
                            "stands for it)", "delete the reference")
            return CONTROL_CHARACTER.sub("", safe)
        if worth_keeping(safe, refused):
            self.html_cache.put(markdown, safe)
        return safe

    def _slug_from_file_name(self, source_path, schema, values, doc) -> str | None:
        """File names are slugs, so URLs never change when a title is reworded."""
        folders = os.path.relpath(os.path.dirname(source_path), self.settings["PATH"]).split(os.sep)
        odd = next((folder for folder in folders if not SAFE_NAME_PART.fullmatch(folder)), None)
        if odd is not None:
            # Folder names end up in the addresses Pelican makes from links
            # to the file: a `&` or a quote there could break out of them.
            problem_log.add(source_path, 1, "(file name)", f'the folder name "{odd}" has characters that do not '
                            "belong in an address", "rename the folder with letters, digits and hyphens only")
            return None
        stem = os.path.splitext(os.path.basename(source_path))[0]
        if schema.name == "policy":
            numbered = numbered_name(stem)
            if not numbered:
                number = (values or {}).get("number")
                problem_log.add(source_path, 1, "(file name)", "a policy file's name starts with its number",
                                f"rename it {number:02d}-{stem.lstrip('0123456789-') or stem}.md, as its number is "
                                f"{number}"
                                if isinstance(number, int) and SLUG_PATTERN.match(stem)
                                else "rename it, e.g. 02-housing.md for policy number 2")
                return None
            number, slug = numbered
            if values is not None and values.get("number") != number:
                problem_log.add(source_path, doc.line_of("number"), "number",
                                f"is {values.get('number')} but the file name starts with {stem.split('-')[0]}",
                                "make the number and the file name's prefix agree")
                return None
            stem = slug
        if len(stem) > SLUG_MAX_LENGTH:
            problem_log.add(source_path, 1, "(file name)",
                            f"the name is {len(stem)} characters long; addresses made from it must be shorter",
                            f"rename the file with at most {SLUG_MAX_LENGTH} characters before '.md'")
            return None
        if not SLUG_PATTERN.match(stem):
            problem_log.add(source_path, 1, "(file name)", f'"{os.path.basename(source_path)}" is not a slug',
                            f"rename the file {renamed(source_path, stem)}: lower-case letters and digits, a "
                            "single hyphen between words, none at either end")
            return None
        return stem

    def _pelican_metadata(self, schema: Schema, values: dict, slug: str) -> dict:
        settings = self.settings
        metadata = dict(values)
        metadata["slug"] = slug
        if "summary" in values:
            # Pelican treats `summary` as HTML; ours is plain text.
            metadata["description"] = values["summary"]
            metadata["summary"] = str(escape(values["summary"]))
        template = self.settings.get("PAGE_TEMPLATES", {}).get(slug) if schema.name == "page" else None
        if template:
            metadata["template"] = template
        if schema.name == "post":
            key = values["category"]
            category = Category(settings["POST_CATEGORIES"][key], settings)
            category.slug = key
            metadata["category"] = category
            metadata["tags"] = [Tag(tag, settings) for tag in values.get("tags", [])]
            metadata["author"] = Author(values.get("author", settings["AUTHOR"]), settings)
            metadata["policy_slugs"] = metadata.pop("policies", [])
            metadata["councillor_slugs"] = metadata.pop("councillors", [])
            metadata["event_slugs"] = metadata.pop("events", [])
            metadata["date"] = issued_at(values)
            # "Updated": the last change, a correction's included, for the
            # page, the feeds, the sitemap and the structured data; the
            # checks read each date as written, at its own line.
            metadata["modified_as_written"] = values.get("modified")
            changed = [moment for moment in (values.get("modified"), *(c["date"] for c in values.get("corrections", [])))
                       if moment is not None]
            if changed:
                metadata["modified"] = not_before(max(changed), metadata["date"])
        if schema.name == "event":
            # Pelican takes an item's `category` for a post's Category.
            metadata["event_category"] = metadata.pop("category")
            # Checked as a post's is (contentcheck: not in the future).
            metadata["modified_as_written"] = values.get("modified")
        return metadata


def not_before(changed, issued):
    """A change's moment, never before the post came out: a day alone (a
    correction on the day of an 18:30 release) is the release's moment, not
    the midnight before it, which the structured data, the feeds and the
    sitemap gave as an update before publication."""
    if at_midnight(changed) and changed.date() == issued.date() and changed < issued:
        return issued
    return changed


def issued_at(values: dict):
    """A post's date as the site gives it: a date alone on its embargo's day
    (all the browser editor's date field can write) is the moment the
    embargo lifts, not the midnight before it, which the page, the feeds and
    the structured data would give as the time the release came out."""
    date, embargo = values["date"], values.get("embargo")
    if embargo is not None and (date.hour, date.minute) == (0, 0) and date.date() == embargo.date():
        return embargo
    return date
