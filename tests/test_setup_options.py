"""./setup's options choose what it installs: `--for-build` (the hourly
deploy's) only what a build needs, not the tests' browser, Java and nginx.

Run on this checkout, where everything is installed already, with Debian's
package tools in front of it on PATH reporting nothing installed and writing
down what they are asked for: the Python and npm steps find their lock files
installed and do nothing."""

from __future__ import annotations

import os
import re
import stat
import subprocess

import pytest
from conftest import REPO

BUILD_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core", "git"]
TEST_TOOLS = {"chromium-headless-shell", "default-jre-headless", "nginx-light", "poppler-utils"}


def packages_asked_for(option: str, folder) -> list[str]:
    shims, asked = folder / "bin", folder / "apt-get.log"
    shims.mkdir(exist_ok=True)
    scripts = {"dpkg-query": "exit 1",  # nothing is installed
               "apt-get": f'echo "$@" >> "{asked}"',
               "sudo": 'exec "$@"'}  # when the tests do not run as root
    for name, body in scripts.items():
        (shims / name).write_text(f"#!/bin/sh\n{body}\n")
        (shims / name).chmod(stat.S_IRWXU)
    asked.write_text("")
    done = subprocess.run([str(REPO / "setup"), option], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": f"{shims}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stdout + done.stderr
    [install] = [line for line in asked.read_text().splitlines() if line.startswith("install")]
    return [word for word in install.split() if not word.startswith("-") and word != "install"]


@pytest.mark.parametrize("option", ["--for-build", "--no-build"])
def test_setup_installs_what_its_option_says(option, tmp_path):
    asked = packages_asked_for(option, tmp_path)
    assert asked[:len(BUILD_PACKAGES)] == BUILD_PACKAGES
    if option == "--for-build":
        assert asked == BUILD_PACKAGES
    else:
        assert TEST_TOOLS <= set(asked)


def test_an_unknown_option_is_refused_before_anything_is_installed(tmp_path):
    done = subprocess.run([str(REPO / "setup"), "--nobuild"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "Unknown option --nobuild: ./setup, ./setup --no-build or ./setup --for-build\n"


# What a build loads that Debian provides: WeasyPrint's libraries (it finds
# them at run time, so nothing fails until a PDF is drawn) and Pillow's.
LOAD_THE_BUILDS_LIBRARIES = """
import re
import PIL.Image, PIL.ImageFont
import weasyprint.text.ffi
maps = open("/proc/self/maps").read()
print("\\n".join(sorted({path for path in re.findall(r"(/\\S+\\.so[.\\d]*)$", maps, re.MULTILINE)
                        if path.startswith(("/usr/lib", "/lib"))})))
"""


def installed_dependencies() -> tuple[dict[str, set[str]], set[str]]:
    """({package: the packages it depends on, alternatives and what provides
    a virtual one included}, the essential packages every Debian has)."""
    listed = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\\t${Essential}\\t${Provides}\\t${Depends}, "
                             "${Pre-Depends}\\n"], capture_output=True, text=True, check=True).stdout
    depends, essential, providers = {}, set(), {}
    for line in listed.splitlines():
        package, is_essential, provides, wanted = line.split("\t")
        if is_essential == "yes":
            essential.add(package)
        for name in re.findall(r"([a-z0-9][a-z0-9+.-]+)", re.sub(r"\([^)]*\)", "", provides)):
            providers.setdefault(name, set()).add(package)
        depends[package] = set(re.findall(r"([a-z0-9][a-z0-9+.-]+)(?::\w+)?", re.sub(r"\([^)]*\)", "", wanted)))
    for package, names in depends.items():
        depends[package] = names | {provider for name in names for provider in providers.get(name, ())}
    return depends, essential


def closure(start: set[str], depends: dict[str, set[str]]) -> set[str]:
    found, todo = set(), list(start)
    while todo:
        package = todo.pop()
        if package not in found:
            found.add(package)
            todo += depends.get(package, ())
    return found


def test_what_setup_for_build_installs_provides_every_library_a_build_loads(tmp_path):
    """WeasyPrint loads HarfBuzz's subsetter when it draws a PDF, and a
    build without it fails there; in the test job Chromium's packages
    brought it in, so only the hourly deploy would have failed."""
    import yaml

    build_job = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text())["jobs"]["build"]
    [first_tools] = [step["run"] for step in build_job["steps"] if "apt-get install" in step.get("run", "")]
    before_setup = {word for word in first_tools.split("--no-install-recommends", 1)[1].split() if word}
    depends, essential = installed_dependencies()
    available = closure(set(packages_asked_for("--for-build", tmp_path)) | before_setup | essential, depends)
    loaded = subprocess.run([str(REPO / ".venv/bin/python"), "-c", LOAD_THE_BUILDS_LIBRARIES], capture_output=True,
                            text=True, check=True).stdout.split()
    assert any("harfbuzz-subset" in path for path in loaded)
    owners = {}
    for path in loaded:
        owner = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True)
        if owner.returncode == 0:  # a library of no package (a wheel's own) is none of setup's business
            owners[path] = owner.stdout.split(":")[0]
    assert owners and {path: package for path, package in owners.items() if package not in available} == {}
