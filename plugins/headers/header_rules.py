"""Turn SECURITY_HEADERS (one setting) into header lines for any host."""

from __future__ import annotations

import datetime as dt
import re

from sitecore.content_security import csp_text

# What an extension or a type in CONTENT_TYPES_BY_EXTENSION may hold: each is
# written unescaped into an nginx regex and a quoted nginx string.
EXTENSION = re.compile(r"[a-z0-9]+")
CONTENT_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+(; charset=[a-z0-9-]+)?")


def header_lines(headers: dict, settings: dict) -> list[tuple[str, str]]:
    lines = []
    for name, value in headers.items():
        if isinstance(value, dict):
            value = csp_text(value, settings)
        lines.append((name, value))
    return lines


def rule_sets(settings: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """(path prefix, headers) pairs: the site's, then each override's (e.g.
    the browser editor at /admin/, which runs Sveltia CMS)."""
    base = settings["SECURITY_HEADERS"]
    rules = [("/", header_lines(base, settings))]
    for prefix, overrides in settings.get("SECURITY_HEADERS_OVERRIDES", {}).items():
        rules.append((prefix, header_lines({**base, **overrides}, settings)))
    return rules


def extension_types(settings: dict) -> list[tuple[str, str]]:
    """CONTENT_TYPES_BY_EXTENSION as (extension, Content-Type) pairs, checked."""
    pairs = list(settings.get("CONTENT_TYPES_BY_EXTENSION", {}).items())
    for extension, content_type in pairs:
        if not EXTENSION.fullmatch(extension) or not CONTENT_TYPE.fullmatch(content_type):
            raise ValueError(f"CONTENT_TYPES_BY_EXTENSION: {extension!r}: {content_type!r} — give a lower-case "
                             'extension without its dot and a type, e.g. "txt": "text/plain; charset=utf-8"')
    return pairs


def netlify_headers(settings: dict) -> str:
    """_headers for Netlify and Cloudflare Pages. An override first detaches
    the site's header ("! Name", Cloudflare Pages) so only its own applies."""
    blocks = []
    base = dict(rule_sets(settings)[0][1])
    for prefix, lines in rule_sets(settings):
        block = [f"{prefix}*"]
        if prefix != "/":
            block += [f"  ! {name}" for name, value in lines if base.get(name) not in (None, value)]
            lines = [(name, value) for name, value in lines if base.get(name) != value]
        block += [f"  {name}: {value}" for name, value in lines]
        blocks.append("\n".join(block))
    for path, content_type in settings.get("CONTENT_TYPES", {}).items():
        blocks.append(f"{path}\n  Content-Type: {content_type}")
    for extension, content_type in extension_types(settings):
        blocks.append(f"/*.{extension}\n  Content-Type: {content_type}")
    # The folders' lifetimes, as nginx sends them: without them these hosts
    # have a browser ask again for every file (max-age=0, must-revalidate),
    # and a second search checked each of Pagefind's files named after their
    # contents again (27 requests, not 6). The site's own lifetime stays the
    # hosts' (asked for again at every visit, as "epoch" asks nginx):
    # Cloudflare Pages joins the values of every rule a path matches, and the
    # site's would be joined to each folder's. A folder inside another
    # (/admin/fonts/ in /admin/) comes after it and detaches its value first,
    # as nginx takes the longer prefix: Cloudflare removes what the rules
    # before added; Netlify skips that line and keeps the later rule's value.
    written: list[str] = []
    for prefix, lifetime in sorted(cache_lifetimes(settings).items(), key=lambda item: len(item[0])):
        value = cache_control(str(lifetime))
        if prefix != "/" and value:
            inside = any(prefix.startswith(outer) for outer in written)
            pattern = prefix if files_of_an_ending(prefix) else f"{prefix}*"
            blocks.append(f"{pattern}\n" + ("  ! Cache-Control\n" if inside else "") + f"  Cache-Control: {value}")
            written.append(prefix)
    return "# Made by the build from SECURITY_HEADERS in pelicanconf.py: do not edit.\n" + "\n".join(blocks) + "\n"


def nginx_snippet(settings: dict) -> str:
    """For `include` inside a server { } block. nginx does not inherit
    add_header into a location that has its own, so each location repeats all."""
    rules = rule_sets(settings)
    out = ["# Made by the build from SECURITY_HEADERS in pelicanconf.py: do not edit.",
           "# Use: server { …; include /path/to/security-headers.conf; }",
           # Without it nginx answers a missing address with its own bare
           # page; GitHub Pages, Netlify and Cloudflare Pages find 404.html
           # by themselves. (Inherited by the locations below.)
           "error_page 404 /404.html;"]
    out += [f'add_header {name} "{value}" always;' for name, value in rules[0][1]]
    lifetimes, types = cache_lifetimes(settings), extension_types(settings)
    longest_first = sorted(rules[1:], key=lambda rule: -len(rule[0]))
    out += compression(settings, types)
    if "/" in lifetimes:
        out.append(f"expires {lifetimes['/']};")
    out += nginx_type_locations(types, indent="")
    overridden = {prefix for prefix, _ in rules[1:]}
    for prefix, lifetime in lifetimes.items():
        if files_of_an_ending(prefix):
            out += nginx_ending_location(prefix, lifetime)
        elif prefix != "/" and prefix not in overridden:
            # Without add_header of its own it keeps the site's headers; a
            # folder inside one with headers of its own (/admin/fonts/)
            # repeats those, as nginx picks the longer prefix. It ends the
            # search for a location (^~), so it repeats the types too.
            within = next((lines for over, lines in longest_first if prefix.startswith(over)), [])
            out += [f"location ^~ {prefix} {{", f"    expires {lifetime};",
                    *(f'    add_header {name} "{value}" always;' for name, value in within),
                    *nginx_type_locations(types, indent="    "), "}"]
    for prefix, lines in rules[1:]:
        out.append(f"location {prefix} {{")
        out += [f'    add_header {name} "{value}" always;' for name, value in lines]
        if prefix in lifetimes:  # one location per prefix: nginx refuses a second
            out.append(f"    expires {lifetimes[prefix]};")
        # nginx tries the regex locations inside a prefix location before
        # those outside: without these, the site's would serve this
        # prefix's files with the site's headers instead of its own.
        out += nginx_type_locations(types, indent="    ")
        out.append("}")
    for path, content_type in settings.get("CONTENT_TYPES", {}).items():
        # nginx's mime.types has no .yml; an exact location sets the type
        # and, having its own add_header, repeats the headers of its path.
        lines = next(lines for prefix, lines in reversed(rules) if path.startswith(prefix))
        out.append(f"location = {path} {{")
        out.append(f'    types {{ }} default_type "{content_type}";')
        out += [f'    add_header {name} "{value}" always;' for name, value in lines]
        out.append("}")
    return "\n".join(out) + "\n"


# What nginx's `expires` takes: a time (30s, 1h, 7d …), epoch (ask again
# at every visit), max, or off.
NGINX_LIFETIME = re.compile(r"epoch|max|off|[0-9]+(?:s|m|h|d|w|M|y)?")  # whole seconds: nginx refuses "500ms"


# A key of NGINX_CACHE_LIFETIMES: a folder, or the files of one ending
# directly in a folder ("/pagefind/*.pf_meta").
LIFETIME_KEY = re.compile(r"/(?:[A-Za-z0-9_.-]+/)*(?:\*\.[a-z0-9_]+)?")


def cache_lifetimes(settings: dict) -> dict[str, str]:
    """NGINX_CACHE_LIFETIMES, checked: how long a browser may keep each
    file before asking again. Without a word, browsers kept a month-old
    page for days, and a corrected release went unseen."""
    lifetimes = dict(settings.get("NGINX_CACHE_LIFETIMES") or {})
    for prefix, lifetime in lifetimes.items():
        if not NGINX_LIFETIME.fullmatch(str(lifetime)) or not LIFETIME_KEY.fullmatch(prefix):
            raise ValueError(f"NGINX_CACHE_LIFETIMES: {prefix!r}: {lifetime!r} — give a folder as /name/ (or the "
                             'files of one ending in it, as /name/*.ext) and a time nginx reads, e.g. "/images/": '
                             '"1h", or "epoch" to have it asked for at every visit')
        if files_of_an_ending(prefix) and (reason := ending_key_conflict(prefix, lifetimes, settings)):
            raise ValueError(f"NGINX_CACHE_LIFETIMES: {prefix!r}: {reason}, so nginx would serve these files "
                             "otherwise than _headers says — give the lifetime to the whole folder instead")
    return lifetimes


def ending_key_conflict(key: str, lifetimes: dict, settings: dict) -> str | None:
    """Why nginx could not give the files of one ending their own lifetime
    as _headers does, or None. Its regex location is tried only after the
    longest prefix (never after a folder's own `^~` location), after the
    type locations written before it, and holds none of a folder's own
    headers (the browser editor's policy under /admin/)."""
    folder, _, ending = key.partition("*.")
    if any(folder.startswith(prefix) for prefix in settings.get("SECURITY_HEADERS_OVERRIDES") or {}):
        return "its folder has headers of its own (SECURITY_HEADERS_OVERRIDES)"
    if any(folder.startswith(other) for other in lifetimes if other != "/" and not files_of_an_ending(other)):
        return "its folder is inside a folder with a lifetime of its own"
    if ending in (settings.get("CONTENT_TYPES_BY_EXTENSION") or {}):
        return f"its ending has a type of its own (CONTENT_TYPES_BY_EXTENSION: {ending!r})"
    return None


def files_of_an_ending(key: str) -> bool:
    """The key names the files of one ending in a folder ("/pagefind/*.pf_meta"), not a folder."""
    return not key.endswith("/")


def nginx_ending_location(key: str, lifetime: str) -> list[str]:
    """A regex location for the files of one ending directly in a folder:
    nginx tries it after the longest prefix, which for these is the site's
    (with no headers of its own, it keeps the site's)."""
    folder, _, ending = key.partition("*")
    return [f'location ~ "^{re.escape(folder)}[^/]*{re.escape(ending)}$" {{ expires {lifetime}; }}']


# nginx's time units in seconds (a bare number is seconds; M is 30 days).
NGINX_TIME_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "M": 2592000, "y": 31536000}


def cache_control(lifetime: str) -> str | None:
    """The Cache-Control header nginx's `expires lifetime` sends (None: it
    sends none)."""
    if lifetime == "off":
        return None
    if lifetime == "epoch":
        return "no-cache"
    if lifetime == "max":
        return "max-age=315360000"
    number, unit = re.fullmatch(r"([0-9]+)(s|m|h|d|w|M|y)?", lifetime).groups()
    return f"max-age={int(number) * NGINX_TIME_UNITS[unit or 's']}"


def compression(settings: dict, types: list[tuple[str, str]]) -> list[str]:
    """Compress text as it is sent (nginx's own default is off, or HTML only
    on Debian): a page is about a third of its size."""
    compressed = list(settings.get("NGINX_COMPRESSED_TYPES") or ["text/css"])
    # nginx matches a type the snippet sets (default_type, below) as written,
    # charset and all: each such type is named whole, in quotes.
    compressed += [f'"{content_type}"' for _, content_type in types
                   if content_type.split(";")[0] in compressed and ";" in content_type]
    return ["gzip on;", "gzip_vary on;", "gzip_comp_level 5;", f"gzip_types {' '.join(dict.fromkeys(compressed))};"]


def nginx_type_locations(types: list[tuple[str, str]], indent: str) -> list[str]:
    """A location per extension that sends its whole Content-Type: Debian's
    mime.types has no .ics or .epub (so calendar apps and e-readers would be
    told application/octet-stream) and gives text no charset (Chromium then
    reads UTF-8 as windows-1252). Having no add_header of its own, each
    location keeps the headers of the block it sits in."""
    return [f'{indent}location ~ "\\.{extension}$" {{ types {{ }} default_type "{content_type}"; }}'
            for extension, content_type in types]


def security_txt(settings: dict, build_moment) -> str:
    """RFC 9116: Expires a year after the start of the build's day (the
    nightly build renews it): the file changes once a day, not at every
    build, so a build that changed nothing keeps the site as it is."""
    start_of_day = dt.datetime.combine(build_moment.date(), dt.time(), tzinfo=build_moment.tzinfo)
    expires = start_of_day + dt.timedelta(days=365)
    base = settings["SITE_CANONICAL_URL"].rstrip("/")
    policy = settings.get("SECURITY_POLICY_URL")  # optional: only a page on reporting security problems
    return (f"Contact: mailto:{settings['SECURITY_CONTACT']}\n"
            f"Expires: {expires.isoformat()}\n"
            "Preferred-Languages: en\n"
            f"Canonical: {base}/.well-known/security.txt\n"
            + (f"Policy: {base}/{policy}\n" if policy else ""))
