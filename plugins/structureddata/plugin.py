"""Expose the JSON-LD builders to templates as json_ld(kind, item)."""

from pelican import signals

from .jsonld import branch, candidate, councillor, event, news_article, party, script_tag

BUILDERS = {
    "party": lambda item, settings: party(settings, full=True),
    "news_article": news_article,
    "councillor": councillor,
    "event": event,
    "branch": branch,
    "candidate": candidate,
}


def add_json_ld(generator) -> None:
    settings = generator.settings

    def json_ld(kind: str, item=None):
        return script_tag(BUILDERS[kind](item, settings))

    generator.env.globals["json_ld"] = json_ld


def register() -> None:
    signals.generator_init.connect(add_json_ld)
