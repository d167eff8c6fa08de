"""Register the Event content type and its checks with Pelican."""

from pelican import signals
from pelican.generators import ArticlesGenerator

from sitecore.renamed_items import by_every_name, report_unpublished_name, slugs_of
from sitecore.renewed import items_renewed
from sitecore.urls import subscription_url

from .events import EventGenerator


def add_event_generator(pelican):
    return EventGenerator


def check_events(generators, items=()) -> None:
    """An event's report is a published post. (That it ends after it starts
    is the schema's check, with the file's other fields: EVENT's in_order.)"""
    events = next((g for g in generators if isinstance(g, EventGenerator)), None)
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if events is None or articles is None:
        return
    posts = by_every_name(articles.articles)
    unpublished = {post.slug: post for post in articles.drafts}
    for event in events.all_items():
        report = getattr(event, "report", None)
        event.report_post = posts.get(report) if report else None
        if report and event.report_post is None:
            report_unpublished_name(event, "report", "post", report, slugs_of(posts.values()), unpublished,
                                    "name a published post by its file name without '.md'",
                                    remove="remove the report line")


def add_filters(generator) -> None:
    """`{{ EVENTS_CALENDAR_SAVE_AS | subscription_url }}`: the calendar's webcal: address."""
    settings = generator.settings
    generator.env.filters["subscription_url"] = lambda url: subscription_url(settings, url)


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(add_event_generator)
    signals.all_generators_finalized.connect(check_events)
    # The live preview's quick step: an event saved again is a new item.
    items_renewed.connect(check_events)
