"""Register the Policy content type and its numbering checks with Pelican."""

from pelican import signals

from .numbering import check_no_gaps, check_unique_numbers
from .policies import PolicyGenerator


def add_policy_generator(pelican):
    return PolicyGenerator


def check_numbering(generators) -> None:
    policies = next(g for g in generators if isinstance(g, PolicyGenerator))
    # Drafts count for uniqueness: a draft reusing a number would clash the
    # day it is published.
    check_unique_numbers(list(policies.all_items()))
    check_no_gaps(policies.items)


def register() -> None:
    signals.get_generators.connect(add_policy_generator)
    signals.all_generators_finalized.connect(check_numbering)
