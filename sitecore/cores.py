"""How many cores this process may use, for the steps that spread work over them."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow
    fewer than the machine has); where the system cannot say (macOS), all."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
