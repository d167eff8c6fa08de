"""Register the Policy content type and its checks with Pelican."""

from pelican import signals

from .numbering import check_unique_numbers
from .policies import PolicyGenerator


def add_policy_generator(pelican):
    return PolicyGenerator


def check_policies(generators) -> None:
    for generator in generators:
        if isinstance(generator, PolicyGenerator):
            # Drafts count too: a draft that reuses a number would clash the
            # day it is published.
            check_unique_numbers(list(generator.all_items()))


def register() -> None:
    signals.get_generators.connect(add_policy_generator)
    signals.all_generators_finalized.connect(check_policies)
