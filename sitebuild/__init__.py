"""Build the site safely: Pelican into a fresh folder, errors fatal, then swap.

`python -m sitebuild` is what `invoke build` runs. See build.py.
"""

from .build import BuildFailed, build_site

__all__ = ["BuildFailed", "build_site"]
