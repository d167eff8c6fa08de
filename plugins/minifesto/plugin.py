"""Register the minifesto generator with Pelican."""

from pelican import signals

from .edition import MinifestoGenerator


def add_minifesto_generator(pelican):
    return MinifestoGenerator


def compile_minifesto(generators) -> None:
    """Once every policy is read and checked, before anything is written."""
    minifesto = next(g for g in generators if isinstance(g, MinifestoGenerator))
    minifesto.compile_editions(minifesto.context.get("policies", []))


def register() -> None:
    signals.get_generators.connect(add_minifesto_generator)
    signals.all_generators_finalized.connect(compile_minifesto)
