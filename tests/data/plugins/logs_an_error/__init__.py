"""A real Pelican plugin that logs one ERROR, to prove errors fail the build."""

import logging

from pelican import signals

logger = logging.getLogger(__name__)


def log_an_error(pelican):
    logger.error("a plugin reported an error")


def register():
    signals.finalized.connect(log_an_error)
