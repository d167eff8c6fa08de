"""The pinned libraries install on the oldest Python the project runs on.

pyproject.toml's `requires-python` names it: Debian bookworm's python3
(3.11.2), which the GitHub workflows' containers and a fresh Debian 12 machine
have. A pin that needs a newer one (soupsieve 4.1.2 needs 3.11.5) passed every
test here, on a newer Python, while ./setup failed on the machines that
publish the site: no deploy, no hourly embargo build, no pull request check.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib

import yaml
from conftest import REPO
from packaging.specifiers import SpecifierSet
from packaging.version import Version


def oldest_python() -> Version:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    [lowest] = re.findall(r">=\s*([0-9.]+)", declared)
    return Version(lowest)


def pins() -> dict[str, str]:
    lines = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return dict(line.split("==", 1) for line in lines if "==" in line and not line.lstrip().startswith("#"))


def test_every_pinned_library_accepts_the_oldest_python():
    oldest = oldest_python()
    refused = {}
    for name, version in pins().items():
        metadata = importlib.metadata.metadata(name)
        assert metadata["Version"] == version, f"{name}: {metadata['Version']} is installed, {version} is pinned"
        needs = metadata["Requires-Python"]
        if needs and oldest not in SpecifierSet(needs):
            refused[f"{name}=={version}"] = needs
    assert refused == {}, f"these pins do not install on Python {oldest}: {refused}"


def test_the_oldest_python_is_the_workflows_debians():
    """The workflows run on debian:bookworm with its own python3 (3.11.2):
    moving them to another image means checking pyproject.toml's floor."""
    assert oldest_python() == Version("3.11.2")
    for workflow in sorted((REPO / ".github/workflows").glob("*.yml")):
        for name, job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].items():
            if "container" in job:
                assert job["container"] == "debian:bookworm", f"{workflow.name}: {name}"
