"""Browser editing: Decap CMS's config matches our schemas, and /admin/ runs
against decap-server (Decap's local backend) in headless Chromium."""

from __future__ import annotations

import os
import subprocess
import textwrap

import pytest
import yaml

from browser import chromium, free_port, serve_folder, wait_for_server
from conftest import MINIMAL_SITE, REPO, run_build, write_content
from frontmatter.schemas import COUNCILLOR, POLICY, POST
from sitebuild.derived_settings import derived_settings_file


def test_config_fields_match_the_schemas(site):
    config = yaml.safe_load((site.output / "admin/config.yml").read_text())
    by_name = {c["name"]: c for c in config["collections"]}
    for schema, name in ((POST, "posts"), (POLICY, "policies"), (COUNCILLOR, "councillors")):
        fields = {f["name"]: f for f in by_name[name]["fields"]}
        assert list(fields) == [*schema.field_names(), "body"], name
        for field in schema.fields:
            assert fields[field.name]["required"] == field.required, (name, field.name)
    post_fields = {f["name"]: f for f in by_name["posts"]["fields"]}
    assert [o["value"] for o in post_fields["category"]["options"]] == ["news", "press-releases", "opinion"]
    assert post_fields["policies"]["widget"] == "relation" and post_fields["policies"]["collection"] == "policies"
    assert by_name["posts"]["folder"] == "content/posts"
    assert config["backend"]["name"] == "github"


def test_decap_is_served_from_the_site(site):
    page = site.html("admin/")
    assert [s["src"] for s in page.find_all("script")] == ["decap-cms.js"]
    assert (site.output / "admin/decap-cms.js").stat().st_size > 1_000_000


@pytest.fixture
def local_cms(tmp_path):
    """decap-server over a scratch repository, and a site whose /admin/ uses it."""
    repository = tmp_path / "repository"
    write_content(repository / "content", MINIMAL_SITE)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repository)], check=True)
    port = free_port()
    server = subprocess.Popen(
        ["node", str(REPO / "node_modules/decap-server/dist/index.js")],
        env={**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(repository)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    wait_for_server(port, server, "decap-server")
    settings = derived_settings_file(tmp_path / "cms_settings.py", {
        "CMS_LOCAL_BACKEND_URL": repr(f"http://localhost:{port}/api/v1"),
        "CMS_REPO_ROOT": repr(str(repository)),
    })
    build = run_build(repository / "content", tmp_path / "output", settings=settings, cache=tmp_path / "cache")
    assert build.returncode == 0, build.stderr
    try:
        yield build.output, repository
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.browser
def test_admin_shows_the_three_collections_and_their_entries(local_cms):
    output, repository = local_cms
    expected = {
        "posts": "Hello from the party",
        "policies": "Homes for everyone",
        "councillors": "Jo Bloggs",
    }
    with serve_folder(output) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{url}/admin/")
        page.get_by_role("button", name="Login").click()
        for label in ("News and press releases", "Policies", "Councillors"):
            page.get_by_role("link", name=label).first.wait_for(timeout=30_000)
        for collection, title in expected.items():
            page.goto(f"{url}/admin/#/collections/{collection}")
            page.get_by_text(title).first.wait_for(timeout=30_000)
