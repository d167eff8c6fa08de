"""`invoke publish` stops when the site's security headers have changed.

On the party's own server, nginx sends the headers from the snippet the
build writes (output/_server/nginx-security-headers.conf), which the server's
configuration includes; rsync does not copy it (it is server configuration,
not a page), and nginx reads it only when it starts or reloads. Its Content
Security Policy allows the inlined stylesheet by its hash, so after any
change to the stylesheet the server's copy refuses the new pages' styles:
every page would be published unstyled. So publish remembers the snippet it
last published to each target (in the build cache) and refuses to publish
another until someone has put the new one on the server and says so.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitecore.output import write_atomically

FOLDER = "published-headers"


def record_path(settings: dict, target: str) -> Path:
    return Path(settings["CACHE_PATH"]) / FOLDER / f"{hashlib.sha256(target.encode()).hexdigest()[:16]}.conf"


def snippet_path(settings: dict, output: Path) -> Path:
    return output / settings["NGINX_HEADERS_SAVE_AS"]


def refusal(settings: dict, output: Path, target: str) -> str | None:
    """Why the site in `output` must not be published to `target` yet, or
    None: its header snippet is the one last published there (or nothing has
    been published there from this machine yet)."""
    try:
        last = record_path(settings, target).read_bytes()
    except FileNotFoundError:
        return None
    snippet = snippet_path(settings, output)
    if snippet.read_bytes() == last:
        return None
    return (f"Not published: the site's security headers have changed since the last publish to {target} "
            "(the stylesheet's hash is in its Content Security Policy), and the server still sends the old ones, "
            "which would show every new page without its styles.\n"
            f"  1. Copy {snippet} to the server, over the file its nginx configuration includes.\n"
            "  2. Reload nginx there (sudo systemctl reload nginx).\n"
            "  3. Run `invoke publish --headers-updated`.")


def published_before(settings: dict, target: str) -> bool:
    return record_path(settings, target).is_file()


def remember(settings: dict, output: Path, target: str) -> None:
    """Note the snippet of the site just published to `target`."""
    write_atomically(record_path(settings, target), snippet_path(settings, output).read_bytes())
