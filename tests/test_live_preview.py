"""`invoke livereload` in a real browser: an edit shows without a manual
reload; a content error shows on the page and clears when fixed."""

from __future__ import annotations

import http.client
import json
import signal
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest
from browser import chromium, free_port, wait_for_server
from compare_builds import explain, files_of
from conftest import MINIMAL_SITE, REPO, preview_overrides, run_build, write_content

pytestmark = pytest.mark.browser
POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"])


NOW = "2022-06-01 12:00"  # every preview build's "now", so a later build can be compared with it


def start_preview(tmp_path, cache: Path) -> tuple[subprocess.Popen, str]:
    """The preview of tmp_path/content, with the test run's shared cache (a
    first build with an empty one renders the PDF and every share card: 2 s
    more of CPU for each preview started)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitebuild.preview", "--content", str(tmp_path / "content"),
         "--output", str(tmp_path / "preview"), "--cache", str(cache), "--now", NOW,
         "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    wait_for_server(port, process, "the preview server")
    return process, f"http://127.0.0.1:{port}"


def stop_preview(process: subprocess.Popen, how=signal.SIGTERM) -> str:
    process.send_signal(how)
    try:
        output = process.communicate(timeout=20)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        output = process.communicate()[0]
    print(output)  # shown by pytest when a test fails
    return output


class Preview(NamedTuple):
    url: str
    content: Path
    root: Path  # the preview's own folder: content/, preview/ (what it built), …


@pytest.fixture(scope="module")
def running_preview(tmp_path_factory, factory_cache):
    """One preview of MINIMAL_SITE for the module's browser tests (starting
    one costs seconds of CPU): each test's edits are put back after it."""
    root = tmp_path_factory.mktemp("preview")
    write_content(root / "content", MINIMAL_SITE)
    process, url = start_preview(root, factory_cache)
    yield Preview(url, root / "content", root)
    stop_preview(process)


@pytest.fixture
def preview(running_preview):
    yield running_preview
    put_back(running_preview)


def preview_status(url: str) -> dict:
    """GET /__preview/status: the number of the preview's last step, whether
    it is still building, and the problems it shows."""
    with urllib.request.urlopen(f"{url}/__preview/status") as response:
        return json.load(response)


def built_after(url: str, number: int) -> dict:
    """Wait until the preview has finished building after step `number`
    (a quick step shows a saved page first; the full build follows)."""
    deadline = time.monotonic() + 30
    while (status := preview_status(url))["number"] == number or status["building"]:
        assert time.monotonic() < deadline, "the preview did not build the change"
        time.sleep(0.05)
    return status


def put_back(preview: Preview) -> None:
    """The preview's content as MINIMAL_SITE again, and built: files a test
    added go, files it changed are written back, and once they are saved
    (in one go, so one build) the preview has built them without a problem."""
    expected = {relative: text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8")
                for relative, text in MINIMAL_SITE.items()}
    before = preview_status(preview.url)["number"]
    added = [path for path in preview.content.rglob("*")
             if path.is_file() and str(path.relative_to(preview.content)) not in expected]
    changed = {relative: data for relative, data in expected.items()
               if not (preview.content / relative).is_file() or (preview.content / relative).read_bytes() != data}
    for path in added:
        path.unlink()
    for relative, data in changed.items():
        (preview.content / relative).write_bytes(data)
    if added or changed:
        assert built_after(preview.url, before)["problems"] == [], "the content put back did not build"


def connected_page(browser, url):
    page = browser.new_page()
    page.goto(url)
    wait_until_connected(page)
    return page


def wait_until_connected(page):
    """The preview's reload script has its event stream open."""
    page.wait_for_function("window.__previewConnected === true", timeout=20_000)


def answer(url: str, host: str | None = None) -> tuple[int, bytes]:
    """The status and body of a GET of `url`, its Host header `host` if given."""
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_preview_answers_only_requests_addressed_to_this_computer(preview):
    """A web page the volunteer opens can point its own name at 127.0.0.1
    ("DNS rebinding") and read the preview, drafts and all: its requests
    still name that website as their Host, and are refused. A path too long
    for the file system is a missing page, not a traceback in the terminal."""
    port = preview.url.rsplit(":", 1)[1]
    for path in ("/", "/__preview/status", "/news/hello-from-the-party/"):
        status, body = answer(preview.url + path, host=f"rebound.example:{port}")
        assert status == 403 and b"127.0.0.1" in body and b"Hello" not in body, path
    assert answer(preview.url + "/", host=f"localhost:{port}")[0] == 200
    assert answer(preview.url + "/")[0] == 200
    assert answer(preview.url + "/" + "a" * 5000)[0] == 404


def test_a_folder_without_its_last_slash_is_sent_to_it(preview):
    """/admin was served as /admin/ with the preview's reload script added
    (which the editor never gets: a reload loses unsaved work), and its
    relative addresses pointed a folder too high."""
    connection = http.client.HTTPConnection(preview.url.removeprefix("http://"), timeout=10)
    for path, location in (("/admin", "/admin/"), ("/news?x=1", "/news/?x=1")):
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert (response.status, response.headers["Location"]) == (301, location), path
    connection.close()


def test_an_edit_appears_and_an_error_shows_then_clears(preview, factory_cache):
    url, content = preview.url, preview.content
    post = content / "posts/hello.md"
    with chromium() as browser:
        page = connected_page(browser, f"{url}/news/hello/")
        assert "The first post" in page.inner_text("main")

        before = preview_status(url)["number"]
        post.write_text(POST.replace("The first post's text.", "Freshly edited words."))
        page.wait_for_function("document.querySelector('main')?.innerText.includes('Freshly edited words.')",
                               timeout=20_000)
        built_after(url, before)  # shown by the quick step first; now built in full
        wait_until_connected(page)

        post.write_text(POST.replace("category: news", "category: gossip"))
        panel = page.wait_for_selector(".build-problems[role=alert]", timeout=20_000)
        assert 'content/posts/hello.md:4: category: "gossip" is not one of the allowed values' in panel.inner_text()
        assert "Freshly edited words." in page.inner_text("main")  # the last good build
        wait_until_connected(page)

        before = preview_status(url)["number"]
        post.write_text(POST.replace("The first post's text.", "Fixed and back."))
        page.wait_for_function("document.querySelector('main')?.innerText.includes('Fixed and back.')",
                               timeout=20_000)
        assert page.query_selector(".build-problems") is None
        page.close()
    built_after(url, before)

    # After three rebuilds in one process (what it keeps in memory warm, one
    # build failed), the preview holds exactly what a build with drafts, in
    # another process, writes.
    fresh = run_build(content, preview.root / "fresh", cache=factory_cache, options=("--drafts", "--now", NOW))
    assert fresh.returncode == 0, fresh.stderr
    built, expected = files_of(preview.root / "preview"), files_of(fresh.output)
    assert built == expected, "the preview differs from a fresh build:\n" + explain(expected, built)


def test_a_warning_shows_on_the_pages_until_it_is_seen_to(preview):
    """Volunteers watch the preview in the browser, not its terminal: a good
    build's warnings (a postponed event 90 days on) are listed at the top of
    every page, as a status that takes no focus, and go once mended."""
    from test_events import event_file

    url, content = preview.url, preview.content
    before = preview_status(url)["number"]
    write_content(content, {"events/social.md": event_file(title="Summer social", start="2022-02-05 18:00",
                                                           end="2022-02-05 21:00", event_status="postponed")})
    status = built_after(url, before)
    told = ("content/events/social.md:8: event_status: postponed, and its date (2022-02-05) was 115 days ago: the "
            'events page still lists it under "Postponed: new dates to come" — give it its new start and end and '
            "remove event_status, or write 'event_status: cancelled' if it will not take place (warning)")
    assert status["problems"] == [] and status["warnings"] == [told]
    with chromium() as browser:
        page = connected_page(browser, f"{url}/news/hello/")
        panel = page.locator("#preview-build-warnings[role=status]")
        assert told in panel.inner_text()
        assert page.evaluate("document.activeElement === document.body")
        before = preview_status(url)["number"]
        write_content(content, {"events/social.md": event_file(title="Summer social", start="2022-06-25 18:00",
                                                               end="2022-06-25 21:00")})
        page.wait_for_function("!document.getElementById('preview-build-warnings')", timeout=20_000)
        page.close()
    assert built_after(url, before)["warnings"] == []


def test_the_preview_shows_drafts_labelled(preview):
    url, content = preview.url, preview.content
    draft = POST.replace("category: news", "category: news\nstatus: draft")
    write_content(content, {"posts/a-draft.md": draft.replace("policies: [housing]\n", "")})
    with chromium() as browser:
        # Until the rebuild this address is the 404 page; the preview reloads
        # it by itself once the draft is built.
        page = browser.new_page()
        page.goto(f"{url}/news/a-draft/")
        label = page.wait_for_selector(".preview-label", timeout=20_000)
        assert label.inner_text().startswith("Draft")
        page.close()


def test_after_a_reload_the_problems_are_in_view_wherever_the_page_was_scrolled(preview):
    url, content = preview.url, preview.content
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 800, "height": 400})
        page.goto(f"{url}/news/hello/")
        wait_until_connected(page)
        page.mouse.wheel(0, 300)
        page.wait_for_function("window.scrollY > 100")

        (content / "posts/hello.md").write_text(POST.replace("category: news", "category: gossip"))
        panel = page.wait_for_selector(".build-problems[role=alert]", timeout=20_000)
        wait_until_connected(page)
        assert page.evaluate("window.scrollY") > 100  # the browser kept the reader's place
        box = panel.evaluate("p => p.getBoundingClientRect().toJSON()")
        assert 0 <= box["top"] and box["bottom"] <= 400, box
        assert panel.is_visible() and "could not be built" in panel.inner_text()
        assert page.evaluate("document.activeElement.matches('.build-problems')")  # screen readers start here
        # Keyboard focus is never hidden behind the sticky box (WCAG 2.4.11), going down and back up.
        # (Without the theme's smooth scrolling, each focus is measured where it stops.)
        page.emulate_media(reduced_motion="reduce")
        assert focus_hidden_behind_something(page, "Tab", 40) == []
        assert focus_hidden_behind_something(page, "Shift+Tab", 40) == []

        # Without JavaScript (no automatic reload, but a manual one) it stays in view too.
        context = browser.new_context(java_script_enabled=False, viewport={"width": 800, "height": 400})
        plain = context.new_page()
        plain.goto(f"{url}/news/hello/")
        plain.mouse.wheel(0, 300)
        plain.wait_for_timeout(300)
        box = plain.query_selector(".build-problems").bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= 400, box
        context.close()
        page.close()


# The focused element's middle, if in the window, shows the element itself
# (or a part of it), not something drawn over it.
FOCUS_COVERED = """() => {
  const focused = document.activeElement, box = focused.getBoundingClientRect();
  const x = box.left + Math.min(box.width, innerWidth) / 2, y = box.top + Math.min(box.height, innerHeight) / 2;
  const shown = document.elementFromPoint(x, y);
  if (!shown || focused.contains(shown) || shown.contains(focused)) return null;
  return `${focused.outerHTML.slice(0, 60)} under ${shown.outerHTML.slice(0, 60)}`;
}"""


def focus_hidden_behind_something(page, key: str, presses: int) -> list[str]:
    """Press `key` `presses` times; each focused element drawn under another."""
    hidden = []
    for _ in range(presses):
        page.keyboard.press(key)
        covered = page.evaluate(FOCUS_COVERED)
        if covered:
            hidden.append(covered)
    return hidden


def rebuilding(tmp_path):
    """Save a change and wait until the preview is part-way through the
    rebuild (its staging folder exists); return a function listing them."""
    def staging_folders():
        return sorted(tmp_path.glob(".preview.staging-*"))

    (tmp_path / "content/posts/hello.md").write_text(POST.replace("The first post's text.", "Changed words."))
    deadline = time.monotonic() + 20
    while not staging_folders():
        assert time.monotonic() < deadline, "the preview did not start a rebuild"
        time.sleep(0.01)
    return staging_folders


def test_ctrl_c_during_a_rebuild_leaves_no_work_folder(tmp_path, factory_cache):
    write_content(tmp_path / "content", MINIMAL_SITE)
    process, _ = start_preview(tmp_path, factory_cache)
    staging_folders = rebuilding(tmp_path)
    stop_preview(process, signal.SIGINT)
    assert process.returncode == 0
    assert staging_folders() == []
    assert (tmp_path / "preview/index.html").is_file()  # the last good build is still there


def test_a_killed_preview_is_tidied_by_the_next_one(tmp_path, factory_cache):
    write_content(tmp_path / "content", MINIMAL_SITE)
    process, _ = start_preview(tmp_path, factory_cache)
    staging_folders = rebuilding(tmp_path)
    stop_preview(process, signal.SIGKILL)
    assert staging_folders() != []  # a killed process cannot tidy up
    process, _ = start_preview(tmp_path, factory_cache)
    try:
        assert staging_folders() == []
    finally:
        stop_preview(process)


def test_a_build_leaves_none_of_its_content_in_memory(make_site, tmp_path):
    """The preview builds again and again in one process, so no build may
    keep its content alive after it ends (Pelican's memoized content and
    summary caches kept every item of every build: 21 MB a save at 1000 posts)."""
    import gc

    from pelican.contents import Content

    for _ in range(2):
        build = make_site()
        assert build.returncode == 0, build.stderr
    gc.collect()
    alive = [item for item in gc.get_objects()
             if isinstance(item, Content) and str(tmp_path) in (getattr(item, "source_path", "") or "")]
    assert alive == [], f"{len(alive)} items of finished builds are still in memory"


def test_a_save_of_words_shows_its_page_at_once_and_reloads_only_that_page(preview):
    """The quick step (sitebuild/quick_page.py) shows the saved post's page
    before the full build; then the full build follows. Only the pages a
    save changed reload: a page it left alone keeps its state."""
    url, content = preview.url, preview.content
    with chromium() as browser:
        post, about = connected_page(browser, f"{url}/news/hello/"), connected_page(browser, f"{url}/about/")
        about.evaluate("window.notReloaded = true")
        before = preview_status(url)
        (content / "posts/hello.md").write_text(POST.replace("title: Hello from the party", "title: Words changed"))
        post.wait_for_function("document.querySelector('h1')?.innerText.includes('Words changed')", timeout=20_000)
        status = built_after(url, before["number"])
        assert status["quick"] == before["quick"] + 1, "the page was not shown by a quick step"
        assert status["problems"] == []
        with urllib.request.urlopen(f"{url}/news/") as response:  # the listing, from the full build
            assert b"Words changed" in response.read()
        wait_until_connected(post)
        assert about.evaluate("window.notReloaded") is True, "a page the save did not change reloaded"
        post.close()
        about.close()


def preview_in_this_process(tmp_path, factory_cache):
    """The preview's builder (sitebuild.preview_builds.Preview) on MINIMAL_SITE, run
    here with no server or watcher, after its first build."""
    from sitebuild.preview_builds import Preview as LivePreview

    write_content(tmp_path / "content", MINIMAL_SITE)
    live = LivePreview(REPO / "pelicanconf.py", tmp_path / "preview",
                       preview_overrides(tmp_path / "content", factory_cache))
    live.rebuild()
    return live


def test_a_full_build_stops_when_another_save_comes(tmp_path, factory_cache, capsys):
    """A save during a full build stops it (the next round starts with that
    save): the staging folder goes and the last good preview stays."""
    live = preview_in_this_process(tmp_path, factory_cache)
    assert live.status() == {"number": 1, "building": False, "problems": [], "warnings": [], "quick": 0}
    before = files_of(tmp_path / "preview")
    (tmp_path / "content/posts/hello.md").write_text(POST.replace("The first post's text.", "Saved twice."))
    live.rebuild({tmp_path / "content/posts/hello.md"}, saved_again=lambda: True)
    assert "Saved again: starting over." in capsys.readouterr().out
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "preview"]  # no staging folder
    after = files_of(tmp_path / "preview")
    assert {name for name in after if after[name] != before.get(name)} == {"news/hello/index.html"}  # the quick step
    assert live.status()["number"] == 2  # the quick step's; the stopped build announced nothing


def test_when_the_full_build_fails_the_quick_page_is_put_back(tmp_path, factory_cache):
    """The promise under the problems box is the last good build: a page the
    quick step showed goes back to it when the full build then fails (here
    another file, saved with a mistake, fails it)."""
    live = preview_in_this_process(tmp_path, factory_cache)
    good = files_of(tmp_path / "preview")
    post = tmp_path / "content/posts/hello.md"
    post.write_text(POST.replace("The first post's text.", "Words that were shown at once."))
    about = tmp_path / "content/pages/about.md"
    about.write_text(about.read_text().replace("title: About us", "title:"))
    live.rebuild({post})
    status = live.status()
    assert status["quick"] == 1 and any("about.md" in line for line in status["problems"])
    assert files_of(tmp_path / "preview") == good
