"""Register the Councillor content type with Pelican."""

from pelican import signals

from .councillors import CouncillorGenerator


def add_councillor_generator(pelican):
    return CouncillorGenerator


def register() -> None:
    signals.get_generators.connect(add_councillor_generator)
