"""The versions of the libraries this process runs, each read once.

Reading a version from a package's metadata means finding and parsing its
METADATA file, about 2 ms, and a build asked seven times (the minifesto
PDFs' cache keys, their imprint checks, the search index's key). A process
runs the library it imported, so the version read first stays true for the
life of the process, as for sitebuild/unchanged.py's code_and_libraries (a
live preview needs a restart to take up an upgraded library).
"""

from __future__ import annotations

import functools
import importlib.metadata


@functools.cache
def library_version(name: str) -> str:
    return importlib.metadata.version(name)
