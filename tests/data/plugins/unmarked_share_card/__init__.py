"""A real Pelican plugin that has one share card drawn without the imprint,
to prove the build refuses such an image."""

import dataclasses

from pelican import signals


def drop_imprint_from_one_card(generators):
    for generator in generators:
        cards = getattr(generator, "cards", None)
        if cards:
            url = sorted(cards)[0]
            cards[url] = dataclasses.replace(cards[url], imprint="")


def register():
    signals.all_generators_finalized.connect(drop_imprint_from_one_card)
