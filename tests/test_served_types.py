"""Each file the site offers is served with the type its readers' programs
need, and text with its charset: by Debian's nginx with only the snippet the
build wrote (the README's set-up), and by the rules of `_headers` (Netlify,
Cloudflare Pages), which must give the same Content-Type."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from plugins.headers.header_rules import extension_types, rule_sets

# Path -> the Content-Type its readers need. Without a charset, Chromium reads
# the plain-text minifesto (the edition for screen readers) as windows-1252;
# Debian's mime.types has no .ics or .epub, so calendar apps and e-readers
# would be sent application/octet-stream.
SERVED = {
    "/minifesto.txt": "text/plain; charset=utf-8",
    "/policies.json": "application/json; charset=utf-8",
    "/events/calendar.ics": "text/calendar; charset=utf-8",
    "/events/party-conference-2022/event.ics": "text/calendar; charset=utf-8",
    "/minifesto.epub": "application/epub+zip",
    # Under /admin/, whose own headers the file must keep.
    "/admin/fonts/source-sans-3.LICENSE.txt": "text/plain; charset=utf-8",
    "/admin/config.yml": "text/yaml; charset=utf-8",
}


def headers_of_path(settings: dict, path: str) -> dict:
    """The headers SECURITY_HEADERS (and its overrides) give `path`."""
    return dict(next(lines for prefix, lines in reversed(rule_sets(settings)) if path.startswith(prefix)))


def headers_file_rules(text: str) -> list[tuple[str, dict]]:
    """_headers as (path pattern, {name: value}); "! Name" lines left out."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line, {}))
        elif ": " in line:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def headers_file_values(rules: list[tuple[str, dict]], path: str, name: str = "Content-Type") -> list[str]:
    """The header `name` of every rule matching `path`, a "*" standing for
    any characters: Cloudflare Pages joins all of them (cloudflare_value)."""
    return [headers[name] for pattern, headers in rules
            if name in headers and re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path)]


@pytest.mark.parametrize("path,content_type", list(SERVED.items()))
def test_nginx_with_the_snippet_serves_each_file_with_its_type_and_its_paths_headers(nginx_site, settings,
                                                                                      path, content_type):
    with urllib.request.urlopen(nginx_site + path, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == content_type
        for name, value in headers_of_path(settings, path).items():
            assert response.headers[name] == value, (path, name)


@pytest.mark.parametrize("path,content_type", list(SERVED.items()))
def test_the_headers_file_gives_each_file_the_same_type(site, path, content_type):
    assert (site.output / path.lstrip("/")).is_file()
    rules = headers_file_rules((site.output / "_headers").read_text(encoding="utf-8"))
    assert headers_file_values(rules, path) == [content_type]


@pytest.mark.browser
def test_chromium_reads_the_plain_text_minifesto_as_utf8(nginx_site, site, browser):
    line = next(line for line in (site.output / "minifesto.txt").read_text(encoding="utf-8").splitlines()
                if "’" in line)
    page = browser.new_page()
    page.goto(f"{nginx_site}/minifesto.txt")
    assert page.evaluate("document.characterSet") == "UTF-8"
    assert line in page.evaluate("document.body.innerText")
    page.close()


@pytest.mark.parametrize("extension,content_type", [(".ics", "text/calendar"), ("ics", 'text/calendar"; x'),
                                                    ("ics|txt", "text/plain")])
def test_a_type_that_would_break_the_servers_files_is_refused(extension, content_type):
    with pytest.raises(ValueError, match=r"CONTENT_TYPES_BY_EXTENSION: .* give a lower-case extension"):
        extension_types({"CONTENT_TYPES_BY_EXTENSION": {extension: content_type}})


def fetched(url: str, **headers) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response.status, response.headers


@pytest.mark.parametrize("path", ["/", "/feeds/all.atom.xml", "/theme/js/search.js", "/policies.json",
                                  "/theme/img/logo.svg", "/minifesto.txt"])
def test_nginx_compresses_text_and_keeps_its_headers(nginx_site, settings, path):
    """A page went out whole: about three times the bytes on a slow phone
    (nginx compresses nothing, or on Debian only HTML, unless told)."""
    status, headers = fetched(nginx_site + path, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in headers["Vary"]
    assert headers["Content-Security-Policy"] == headers_of_path(settings, path)["Content-Security-Policy"]


def lifetimes_expected(site, settings) -> dict[str, str]:
    """A file of each kind -> the Cache-Control it is to be served with."""
    photo = next(path for path in (site.output / "images").rglob("*.jpg"))
    card = next(path for path in (site.output / "share").rglob("*.png"))
    index = site.output / settings["SEARCH_INDEX_PATH"]
    named_by_contents = [next((index / folder).iterdir()) for folder in ("fragment", "index", "filter")]
    named_by_contents += list(index.glob("*.pf_meta"))  # the index's metadata: its hash in its name
    return {"/": "no-cache", "/news/": "no-cache", "/theme/js/search.js": "no-cache",
            "/" + photo.relative_to(site.output).as_posix(): "max-age=3600",
            "/" + card.relative_to(site.output).as_posix(): "max-age=3600",
            f"/{settings['SEARCH_INDEX_PATH']}/pagefind-entry.json": "no-cache",
            **{"/" + path.relative_to(site.output).as_posix(): "max-age=31536000" for path in named_by_contents}}


def test_nginx_has_pages_asked_for_again_and_keeps_photos_an_hour(nginx_site, site, settings):
    """Without a Cache-Control a browser guessed: a month-old page was kept
    for days, so a corrected release went unseen by a reader who had read it.
    The search index's files named after their contents are kept a year (a
    second search asked again for every one), its metadata (.pf_meta) too
    (a round trip more to come back to search); its entry file, which names
    them, is asked for again."""
    for path, cache_control in lifetimes_expected(site, settings).items():
        status, headers = fetched(nginx_site + path)
        assert (status, headers["Cache-Control"]) == (200, cache_control), path
        assert headers["X-Content-Type-Options"] == "nosniff", path  # the site's headers kept
    # Asked for again, an unchanged page costs a 304 with no body.
    _, first = fetched(nginx_site + "/")
    with pytest.raises(urllib.error.HTTPError) as again:
        fetched(nginx_site + "/", **{"If-None-Match": first["ETag"]})
    assert again.value.code == 304


def test_the_headers_file_keeps_each_folder_as_long_as_nginx_does(nginx_site, site, settings):
    """On Netlify and Cloudflare Pages (output/_headers) too, photos and
    cards are kept an hour and the index's files named after their contents
    a year: their own default had a second search check each one again. A
    page has no rule: their default asks again at every visit, as nginx's
    "no-cache" does, and a site-wide rule would be joined to every folder's."""
    rules = headers_file_rules((site.output / "_headers").read_text(encoding="utf-8"))
    for path in lifetimes_expected(site, settings):
        _, served = fetched(nginx_site + path)
        from_file = headers_file_values(rules, path, "Cache-Control")
        assert from_file == ([] if served["Cache-Control"] == "no-cache" else [served["Cache-Control"]]), path


def test_the_inlined_stylesheet_leaves_its_comments_behind(site):
    """The stylesheet's comments are for its developers: inlined into every
    page they were a quarter of its compressed bytes. The policy's hash is
    of the stylesheet as inlined (the browser tests load every page type
    under it)."""
    import base64
    import hashlib
    import re

    from conftest import REPO

    style = site.html("").find("style").string
    assert "/*" not in style and "--primary" in style
    # The comments are cut by pattern: no quoted string of the stylesheet may hold "/*".
    written = (REPO / "theme/static/css/screen.css").read_text(encoding="utf-8")
    assert not [text for text in re.findall(r'"[^"\n]*"|\'[^\'\n]*\'', written) if "/*" in text]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in site.html("").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]


def matches(pattern: str, path: str) -> bool:
    """A _headers path pattern, "*" standing for any characters."""
    return bool(re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path))


def cloudflare_value(text: str, path: str, name: str) -> str | None:
    """What Cloudflare Pages sends: every matching rule, in the file's order,
    adds its value (joined with ", "), and "! Name" removes what the rules
    before added (its documentation, and its docs' own measurement)."""
    values: list[str] = []
    pattern = None
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            pattern = line
        elif pattern and matches(pattern, path) and line.strip() == f"! {name}":
            values = []
        elif pattern and matches(pattern, path) and line.strip().startswith(f"{name}: "):
            values.append(line.strip().split(": ", 1)[1])
    return ", ".join(values) or None


def netlify_value(text: str, path: str, name: str) -> str | None:
    """What Netlify sends: its parser (@netlify/headers-parser) skips a line
    with no ":", and of two matching rules the later one's value is kept
    (`netlify dev`'s headersForPath)."""
    value = None
    for pattern, headers in headers_file_rules(text):
        if matches(pattern, path) and name in headers:
            value = headers[name]
    return value


def test_a_folder_inside_another_keeps_its_own_lifetime_and_the_editor_its_policy_on_both_hosts(settings):
    """nginx takes the longer prefix; in _headers the folder inside comes
    after the other and detaches its value (Cloudflare), or is the later rule
    (Netlify). /admin/ gets the editor's own policy on both in the same way."""
    from plugins.headers.header_rules import netlify_headers

    lifetimes = {**settings["NGINX_CACHE_LIFETIMES"], "/admin/fonts/": "1d", "/admin/": "10m"}
    text = netlify_headers({**settings, "NGINX_CACHE_LIFETIMES": lifetimes})
    editor_policy = headers_of_path(settings, "/admin/")["Content-Security-Policy"]
    assert editor_policy != headers_of_path(settings, "/")["Content-Security-Policy"]
    for host_value in (cloudflare_value, netlify_value):
        assert host_value(text, "/admin/fonts/a.woff2", "Cache-Control") == "max-age=86400", host_value
        assert host_value(text, "/admin/index.html", "Cache-Control") == "max-age=600", host_value
        assert host_value(text, "/images/a.jpg", "Cache-Control") == "max-age=3600", host_value
        assert host_value(text, "/news/a/", "Cache-Control") is None, host_value
        assert host_value(text, "/admin/", "Content-Security-Policy") == editor_policy, host_value


@pytest.mark.parametrize("key, lifetime", [
    *(("/images/", lifetime) for lifetime in ("1 hour", "1h; add_header X y", "forever", "500ms")),
    # A key is a folder, or the files of one ending in a folder: written into an nginx regex.
    *((key, "1y") for key in ("/images", "/pagefind/*", "/pagefind/a*.pf_meta", "/pagefind/*.pf_meta$",
                              '/pagefind/*.x" { return 200; }', "/a/*/b/")),
])
def test_a_lifetime_nginx_would_refuse_is_refused(key, lifetime):
    from plugins.headers.header_rules import cache_lifetimes

    with pytest.raises(ValueError, match=r"NGINX_CACHE_LIFETIMES: .* give a folder as /name/ \(or the files of one"):
        cache_lifetimes({"NGINX_CACHE_LIFETIMES": {key: lifetime}})


@pytest.mark.parametrize("key, other_settings, reason", [
    # nginx would give the editor's page the site's policy (its regex location holds none of /admin/'s headers).
    ("/admin/*.html", {}, "its folder has headers of its own"),
    # A folder's own ^~ location ends nginx's search: the regex is never tried.
    ("/images/*.svg", {}, "its folder is inside a folder with a lifetime of its own"),
    ("/pagefind/*.pf_meta", {"/pagefind/": "1d"}, "its folder is inside a folder with a lifetime of its own"),
    # The type's location, written first, answers first.
    ("/data/*.json", {}, "its ending has a type of its own"),
])
def test_a_lifetime_for_files_of_one_ending_that_nginx_would_serve_otherwise_is_refused(settings, key, other_settings,
                                                                                       reason):
    """Checked against a real nginx by a review: each of these was served
    with another lifetime, or another policy, than _headers gives."""
    from plugins.headers.header_rules import cache_lifetimes

    lifetimes = {**settings["NGINX_CACHE_LIFETIMES"], **other_settings, key: "1y"}
    with pytest.raises(ValueError, match=f"NGINX_CACHE_LIFETIMES: '{re.escape(key)}': {reason}"):
        cache_lifetimes({**settings, "NGINX_CACHE_LIFETIMES": lifetimes})
    assert cache_lifetimes(settings)["/pagefind/*.pf_meta"] == "1y"  # the site's own passes


def test_a_lifetime_for_a_folder_with_headers_of_its_own_is_set_in_its_location(site, settings, tmp_path):
    """A second location for /admin/ made nginx refuse the whole snippet
    ("duplicate location"): the lifetime goes into the folder's own."""
    import shutil

    from browser import serve_with_nginx

    from plugins.headers.header_rules import nginx_snippet

    served = tmp_path / "site"
    shutil.copytree(site.output, served)
    lifetimes = {**settings["NGINX_CACHE_LIFETIMES"], "/admin/": "10m", "/admin/fonts/": "1d"}
    (served / settings["NGINX_HEADERS_SAVE_AS"]).write_text(nginx_snippet({**settings,
                                                                           "NGINX_CACHE_LIFETIMES": lifetimes}))
    (tmp_path / "nginx").mkdir()
    with serve_with_nginx(served, tmp_path / "nginx") as base:
        _, headers = fetched(base + "/admin/")
        assert headers["Cache-Control"] == "max-age=600"
        assert headers["Content-Security-Policy"] == headers_of_path(settings, "/admin/")["Content-Security-Policy"]
        _, page = fetched(base + "/")
        assert page["Cache-Control"] == "no-cache"
        # A folder inside it keeps its headers: nginx picks the longer prefix.
        font = next((served / "admin/fonts").glob("*.woff2")).name
        _, font_headers = fetched(f"{base}/admin/fonts/{font}")
        assert font_headers["Cache-Control"] == "max-age=86400"
        assert font_headers["Content-Security-Policy"] == headers["Content-Security-Policy"]
