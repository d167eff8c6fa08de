"""Tasks for volunteers and developers: `invoke --list` shows them all.

    invoke build        build the site into output/ (safely: see sitebuild/)
    invoke serve        serve output/ at http://127.0.0.1:8000/
    invoke livereload   rebuild on every save and reload the browser
    invoke publish      production build with publishconf.py
    invoke test         run the whole test suite
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYTHON = sys.executable
SETTINGS = {"local": "pelicanconf.py", "production": "publishconf.py"}
OUTPUT = "output"
HOST, PORT = "127.0.0.1", 8000


def _build(c, settings_file: str) -> None:
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m sitebuild --settings {settings_file} --output {OUTPUT}", pty=False)


@task
def build(c):
    """Build the site into output/ with pelicanconf.py."""
    _build(c, SETTINGS["local"])


@task
def publish(c):
    """Build the production site (publishconf.py: real domain, absolute URLs)."""
    _build(c, SETTINGS["production"])


@task
def serve(c, port=PORT):
    """Serve output/ on http://127.0.0.1:PORT/ (no rebuilds; see livereload)."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(ROOT / OUTPUT))
    print(f"Serving {OUTPUT}/ at http://{HOST}:{port}/ (Ctrl+C to stop)")
    with ThreadingHTTPServer((HOST, int(port)), handler) as server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


@task
def livereload(c, port=PORT):
    """Serve the site, rebuild when content/ or theme/ changes, reload the browser."""
    sys.path.insert(0, str(ROOT))
    from sitebuild.preview import serve_with_livereload

    serve_with_livereload(ROOT, host=HOST, port=int(port))


@task
def test(c, k="", x=False):
    """Run the whole test suite (pytest). -k selects tests by name."""
    selection = f" -k {k!r}" if k else ""
    stop = " -x" if x else ""
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m pytest{selection}{stop}", pty=os.isatty(1))
