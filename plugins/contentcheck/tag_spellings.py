"""One tag, one name: tags that make the same address must be spelled alike.

Pelican counts two tags as one when their slugs are equal ("Climate" and
"climate", "West Yorkshire" and "west-yorkshire"), and shows the whole site's
tag under whichever spelling it read first: one post's capital letter would
rename the tag for every post, and which one wins depends on the order files
are read in. A post that lists one tag twice is listed twice on its page.

So a spelling other than the one most posts use is refused at its line (on
every post that has it), naming the usual one; a tie goes to the spelling of
the earliest post (by date, then file name), so the answer never depends on
reading order. The posts counted are those the site shows and those an
embargo will publish by itself; a plain draft is held to the rule when it
is published, as to the other public rules (a volunteer's draft never stops
the hourly build that lifts embargoes).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitecore.clock import instant
from sitecore.problems import problem_log
from sitecore.publication_order import waits_for_review
from sitecore.schema.document import item_line
from sitecore.schema.field_errors import describe


@dataclass(frozen=True)
class TagUse:
    """A post's tag as written, at its line."""

    post: object
    spelling: str
    line: int


def check_tag_spellings(items) -> None:
    posts = sorted((item for item in items if getattr(item, "tags", None) and not waits_for_review(item)),
                   key=lambda post: (instant(post.date), post.source_path))
    uses_by_slug: dict[str, dict[str, list[TagUse]]] = {}
    for post in posts:  # earliest first: each spelling's first use is its earliest post
        for slug, use in tags_once(post).items():
            uses_by_slug.setdefault(slug, {}).setdefault(use.spelling, []).append(use)
    for spellings in uses_by_slug.values():
        usual = max(spellings, key=lambda spelling: len(spellings[spelling]))  # ties: the first, the earliest post
        for spelling, uses in spellings.items():
            if spelling != usual:
                for use in uses:
                    report_other_spelling(use, spellings[usual])


def tags_once(post) -> dict[str, TagUse]:
    """{slug: the post's first tag with it}; a tag given again is reported."""
    first: dict[str, tuple[int, TagUse]] = {}
    for index, tag in enumerate(post.tags):
        if not tag.slug:  # no page at all: reported by check_tags_make_addresses
            continue
        use = TagUse(post, tag.name, item_line(post, "tags", index))
        if tag.slug not in first:
            first[tag.slug] = (index, use)
            continue
        earlier, given = first[tag.slug]
        problem_log.add(post.source_path, use.line, "tags",
                        f'"{tag.name}" (item {index + 1}) is the same tag as "{given.spelling}" (item {earlier + 1})',
                        "give each tag once: the post would be listed twice on the tag's page")
    return {slug: use for slug, (_, use) in first.items()}


def report_other_spelling(use: TagUse, usual: list[TagUse]) -> None:
    """`use` spells the tag otherwise than the posts in `usual` (earliest first)."""
    example, others = problem_log.display_path(usual[0].post.source_path), len(usual) - 1
    who = f"{example} and {others} other post{'s' if others != 1 else ''} use" if others else f"{example} uses"
    as_they_do = f"the other {len(usual)} posts do" if len(usual) > 1 else "the other post does"
    problem_log.add(use.post.source_path, use.line, "tags",
                    # A zero-width space pasted in is shown by its code (describe): the two look alike.
                    f"{describe(use.spelling)} is another spelling of the tag {describe(usual[0].spelling)}, "
                    f"which {who}",
                    f"write it {describe(usual[0].spelling)} as {as_they_do}: one tag has one name on the site")
