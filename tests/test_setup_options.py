"""./setup's options choose what it installs: `--for-build` (the hourly
deploy's) only what a build needs, not the tests' browser, Java and nginx.

Run on this checkout, where everything is installed already, with Debian's
package tools in front of it on PATH reporting nothing installed and writing
down what they are asked for: the Python and npm steps find their lock files
installed and do nothing."""

from __future__ import annotations

import os
import stat
import subprocess

import pytest
from conftest import REPO

BUILD_PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "fonts-dejavu-core", "git"]
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
