"""Register policies and the minifesto with Pelican."""

from pelican import signals

from .edition import MinifestoGenerator
from .numbering import check_no_gaps, check_unique_numbers
from .policies import PolicyGenerator


def add_generators(pelican):
    return [PolicyGenerator, MinifestoGenerator]


def check_and_compile(generators) -> None:
    policies = next(g for g in generators if isinstance(g, PolicyGenerator))
    # Drafts count for uniqueness: a draft reusing a number would clash the
    # day it is published.
    check_unique_numbers(list(policies.all_items()))
    check_no_gaps(policies.items)
    minifesto = next(g for g in generators if isinstance(g, MinifestoGenerator))
    minifesto.compile_editions(policies.items)


def register() -> None:
    signals.get_generators.connect(add_generators)
    signals.all_generators_finalized.connect(check_and_compile)
