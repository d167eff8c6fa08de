"""Resolve the policies, councillors and events a post names, both ways round.

A post says `policies: [housing]`; after this runs, the post has
`related_policies` (Policy objects, in number order) and the policy has
`posts` (newest first), and the same for councillors and events (the post's
page shows each kind "in this story": theme/templates/article.html). Only
published items are related: a draft or embargoed one stays off the post's
page until it is public. A name that matches
nothing is a content problem, reported at the line that names it (a
renamed item's old name, its old address kept, names it still); so is a
draft or embargoed item named by one that would be public before it
(sitecore.publication_order). A policy a past edition of the minifesto had
and a later one dropped is still named (sitecore.policy_lines): the post
has it in `dropped_policies`, with its words in the edition current on the
post's date.
"""

from __future__ import annotations

from sitecore.policy_lines import DroppedPolicies
from sitecore.problems import problem_log
from sitecore.renamed_items import by_every_name, by_name, report_unpublished_name, slugs_of

# (front matter field, what one is called, attribute with the slugs,
#  context key of the targets, attribute the resolved targets go in)
REFERENCE_KINDS = (
    ("policies", "policy", "policy_slugs", "policies", "related_policies"),
    ("councillors", "councillor", "councillor_slugs", "councillors", "related_councillors"),
    ("events", "event", "event_slugs", "events", "related_events"),
)


def link_posts(articles, drafts, context, settings) -> None:
    dropped = DroppedPolicies(context, settings)
    for field, singular, slugs_attr, context_key, related_attr in REFERENCE_KINDS:
        published = by_every_name(context.get(context_key, []))
        unpublished = by_name(context.get(f"draft_{context_key}", []))
        slugs = slugs_of(context.get(context_key, []))  # once: a post may name thousands (an audit)
        for item in set(published.values()):
            item.posts = []
        for article in [*articles, *drafts]:
            related, related_dropped = [], []
            for slug in dict.fromkeys(getattr(article, slugs_attr, [])):  # each once
                if slug in published:
                    related.append(published[slug])
                elif field == "policies" and (was := dropped.named(slug, article.date, unpublished)) is not None:
                    related_dropped.append(was)
                elif not (field == "policies" and dropped.incomplete and slug not in unpublished):
                    _report_unpublished_or_unknown(article, field, singular, slug, slugs, unpublished)
            related = list(dict.fromkeys(related))  # named by its old and new name: once, here and on its page
            setattr(article, related_attr, related)
            if field == "policies":
                article.dropped_policies = list(dict.fromkeys(related_dropped))  # two names of one, once
            if article.status == "published":
                for target in related:
                    target.posts.append(article)
        for item in set(published.values()):
            item.posts.sort(key=lambda post: post.date, reverse=True)
        for partly_read in problem_log.partly_read:
            # Not a post on the site (its front matter has a mistake), but a
            # name that matches nothing is reported now rather than after that
            # is fixed. Whether it may name a draft or embargoed item depends
            # on its own embargo and status, known once its front matter reads.
            for slug in dict.fromkeys(getattr(partly_read, slugs_attr, [])):
                if slug in published or slug in unpublished:
                    continue
                if field == "policies" and (slug in dropped or dropped.incomplete):
                    continue
                _report_unpublished_or_unknown(partly_read, field, singular, slug, slugs, unpublished)


def _report_unpublished_or_unknown(article, field, singular, slug, slugs, unpublished) -> None:
    report_unpublished_name(article, field, singular, slug, slugs, unpublished,
                            f"use the file name without '.md' of one of: {', '.join(slugs) or '(none yet)'}")
