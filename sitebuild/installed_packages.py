"""Are the installed packages the ones the lock files pin?

`./setup` installs the Python packages of requirements.lock and the npm
packages of package-lock.json, and keeps a copy of each lock file beside what
it installed (.venv/.installed-lock, node_modules/.installed-lock). After a
`git pull` (or `invoke publish --latest`) that brings a new lock file, a build
with the old packages fails in ways that name a module, not the fix. So the
build compares the two first and, when they differ, says to run ./setup.
Where no copy is kept (packages installed some other way: Netlify's build
command), nothing is compared.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = ".installed-lock"


def outdated_installs(project: Path = ROOT, environment: Path = Path(sys.prefix)) -> list[str]:
    """The lock files (project-relative) whose packages, as installed, are older or other."""
    pairs = (("requirements.lock", environment / MARKER), ("package-lock.json", project / "node_modules" / MARKER))
    return [lock for lock, installed in pairs
            if installed.is_file() and (project / lock).is_file()
            and installed.read_bytes() != (project / lock).read_bytes()]


def outdated_message(locks: list[str]) -> str:
    return (f"The installed packages are not the ones {' and '.join(locks)} pin{'s' if len(locks) == 1 else ''} "
            "(a pull brought new ones): run ./setup --no-build, then build again.")
