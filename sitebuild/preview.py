"""`invoke livereload`: serve the site, rebuild on save, reload the browser.

A failed build leaves the last good site in output/ and prints the problems
in the terminal; fixing the file rebuilds and the browser reloads.
"""

from __future__ import annotations

import logging
from pathlib import Path

from livereload import Server

from .build import BuildFailed, build_site

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def rebuild(root: Path) -> None:
    try:
        result = build_site(root / "pelicanconf.py", root / "output")
        print(f"Rebuilt {result.pages} pages.")
    except BuildFailed as failure:
        print("\n".join(failure.lines))
        print("The preview still shows the last good build. Fix the file and save again.")
    except Exception as error:  # keep the preview running through a broken template
        logging.getLogger(__name__).error("Build failed: %s: %s", type(error).__name__, error)


def serve_with_livereload(root: Path, host: str, port: int) -> None:
    rebuild(root)
    server = Server()
    for path in WATCHED:
        server.watch(str(root / path), lambda: rebuild(root), delay=0.3)
    print(f"Preview at http://{host}:{port}/ : edit and save, the page reloads.")
    server.serve(root=str(root / "output"), host=host, port=port, open_url_delay=None)
