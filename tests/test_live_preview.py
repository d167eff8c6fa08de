"""`invoke livereload` in a real browser: an edit shows without a manual
reload; a content error shows on the page and clears when fixed."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from browser import chromium, free_port, wait_for_server
from conftest import MINIMAL_SITE, REPO, write_content

pytestmark = pytest.mark.browser
POST = textwrap.dedent(MINIMAL_SITE["posts/hello.md"])


@pytest.fixture
def preview(tmp_path):
    write_content(tmp_path / "content", MINIMAL_SITE)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitebuild.preview", "--content", str(tmp_path / "content"),
         "--output", str(tmp_path / "preview"), "--port", str(port)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    wait_for_server(port, process, "the preview server")
    yield f"http://127.0.0.1:{port}", tmp_path / "content"
    process.terminate()
    try:
        output = process.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        output = process.communicate()[0]
    print(output)  # shown by pytest when a test fails


def connected_page(browser, url):
    page = browser.new_page()
    page.goto(url)
    wait_until_connected(page)
    return page


def wait_until_connected(page):
    """The preview's reload script has its event stream open."""
    page.wait_for_function("window.__previewConnected === true", timeout=20_000)


def test_an_edit_appears_and_an_error_shows_then_clears(preview):
    url, content = preview
    post = content / "posts/hello.md"
    with chromium() as browser:
        page = connected_page(browser, f"{url}/news/hello/")
        assert "The first post" in page.inner_text("main")

        post.write_text(POST.replace("The first post's text.", "Freshly edited words."))
        page.wait_for_function("document.querySelector('main').innerText.includes('Freshly edited words.')",
                               timeout=20_000)
        wait_until_connected(page)

        post.write_text(POST.replace("category: news", "category: gossip"))
        panel = page.wait_for_selector(".build-problems[role=alert]", timeout=20_000)
        assert 'content/posts/hello.md:4: category: "gossip" is not one of the allowed values' in panel.inner_text()
        assert "Freshly edited words." in page.inner_text("main")  # the last good build
        wait_until_connected(page)

        post.write_text(POST.replace("The first post's text.", "Fixed and back."))
        page.wait_for_function("document.querySelector('main').innerText.includes('Fixed and back.')",
                               timeout=20_000)
        assert page.query_selector(".build-problems") is None


def test_the_preview_shows_drafts_labelled(preview):
    url, content = preview
    draft = POST.replace("category: news", "category: news\nstatus: draft")
    write_content(content, {"posts/a-draft.md": draft.replace("policies: [housing]\n", "")})
    with chromium() as browser:
        # Until the rebuild this address is the 404 page; the preview reloads
        # it by itself once the draft is built.
        page = browser.new_page()
        page.goto(f"{url}/news/a-draft/")
        label = page.wait_for_selector(".preview-label", timeout=20_000)
        assert label.inner_text().startswith("Draft")
