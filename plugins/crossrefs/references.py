"""Resolve the policies, councillors and events a post names, both ways round.

A post says `policies: [housing]`; after this runs, the post has
`related_policies` (Policy objects, in number order) and the policy has
`posts` (newest first), and the same for councillors. A name that matches
nothing is a content problem, reported at the line that names it.
"""

from __future__ import annotations

import os

from sitecore.problems import problem_log

# (front matter field, what one is called, attribute with the slugs,
#  context key of the targets, attribute the resolved targets go in)
REFERENCE_KINDS = (
    ("policies", "policy", "policy_slugs", "policies", "related_policies"),
    ("councillors", "councillor", "councillor_slugs", "councillors", "related_councillors"),
    ("events", "event", "event_slugs", "events", "related_events"),
)


def link_posts(articles, drafts, context) -> None:
    for field, singular, slugs_attr, context_key, related_attr in REFERENCE_KINDS:
        published = by_name(context.get(context_key, []))
        unpublished = by_name(context.get(f"draft_{context_key}", []))
        for item in set(published.values()):
            item.posts = []
        for article in [*articles, *drafts]:
            related = []
            for slug in dict.fromkeys(getattr(article, slugs_attr, [])):  # each once
                target = published.get(slug)
                if target is not None:
                    related.append(target)
                    continue
                _report_unknown(article, field, singular, slug, published, unpublished)
            setattr(article, related_attr, related)
            if article.status == "published":
                for target in related:
                    target.posts.append(article)
        for item in set(published.values()):
            item.posts.sort(key=lambda post: post.date, reverse=True)
        for partly_read in problem_log.partly_read:
            # Not a post on the site (its front matter has a mistake), but its
            # references are reported now rather than after that is fixed.
            for slug in dict.fromkeys(getattr(partly_read, slugs_attr, [])):
                if slug not in published:
                    _report_unknown(partly_read, field, singular, slug, published, unpublished)


def by_name(items) -> dict:
    """Items by slug, and by file name too: the browser editor names a policy
    by its file ("02-housing"), people by its slug ("housing")."""
    names = {}
    for item in items:
        names[item.slug] = item
        names.setdefault(os.path.splitext(os.path.basename(item.source_path))[0], item)
    return names


def _report_unknown(article, field, singular, slug, published, unpublished) -> None:
    line = article.frontmatter_lines.get(field, 1)
    if (singular, slug) in problem_log.unreadable:
        return  # that file's own problem is already reported
    if slug in unpublished:
        problem_log.add(article.source_path, line, field,
                        f'"{slug}" is still a draft', "publish it first, or remove it from this list")
        return
    known = ", ".join(sorted({item.slug for item in published.values()})) or "(none yet)"
    problem_log.add(article.source_path, line, field,
                    f'no {singular} is called "{slug}"',
                    f"use the file name without '.md' of one of: {known}")
