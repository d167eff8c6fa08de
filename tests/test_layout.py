"""The house rules of the code's layout (README, "Design"): plugins import
only Pelican, the shared core and typedcontent; the core imports no plugin
and nothing of the runner (sitebuild), and names every module it has;
nothing edits sys.path; every plugin is named by its import path."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
from conftest import REPO

import sitecore
from sitecore.brand import LOGO_SVG

PLUGINS_FOLDER = REPO / "plugins"
SHARED_PLUGIN = "typedcontent"


def python_files(*folders: str) -> list:
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "*.py"], capture_output=True, text=True,
                             check=True).stdout.split()
    return sorted(REPO / name for name in tracked if not folders or name.split("/")[0] in folders)


def imported_modules(path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                found.append((node.lineno, ".".join([*base, *([node.module] if node.module else [])])))
            else:
                found.append((node.lineno, node.module))
    return found


def plugin_names() -> list[str]:
    return sorted(p.name for p in PLUGINS_FOLDER.iterdir() if (p / "__init__.py").exists())


def test_the_rules_see_every_plugin_and_resolve_relative_imports():
    assert len(plugin_names()) >= 15
    modules = {name for _, name in imported_modules(REPO / "plugins/policies/plugin.py")}
    assert {"pelican", "plugins.policies.numbering", "plugins.policies.policies"} <= modules


@pytest.mark.parametrize("plugin", plugin_names())
def test_a_plugin_imports_no_other_plugin(plugin):
    crossings = []
    for path in sorted((PLUGINS_FOLDER / plugin).rglob("*.py")):
        for line, module in imported_modules(path):
            parts = module.split(".")
            if parts[0] in plugin_names() or (parts[0] == "plugins" and len(parts) > 1
                                              and parts[1] not in (plugin, SHARED_PLUGIN)):
                crossings.append(f"{path.relative_to(REPO)}:{line}: imports {module}")
    assert crossings == []


def test_the_core_imports_no_plugin_and_nothing_of_the_runner():
    """The runner (sitebuild) builds with the core, never the other way:
    a command that needs a settings file or a build is the runner's."""
    crossings = [f"{path.relative_to(REPO)}:{line}: imports {module}"
                 for path in python_files("sitecore") for line, module in imported_modules(path)
                 if module.split(".")[0] in ("plugins", "sitebuild")]
    assert crossings == []


def test_the_core_names_each_of_its_modules_once_and_no_other():
    """sitecore/__init__.py's docstring lists the core's modules, one line
    each: a module added (or removed) without its line fails here."""
    named = re.findall(r"^- (\w+): \S", sitecore.__doc__, re.MULTILINE)
    folder = REPO / "sitecore"
    modules = {path.stem for path in folder.glob("*.py") if path.stem != "__init__"}
    packages = {path.name for path in folder.iterdir() if path.is_dir() and any(path.glob("*.py"))}
    assert sorted(named) == sorted(modules | packages)


def test_the_logo_is_written_by_the_runner_s_command(tmp_path):
    """`python -m sitebuild.logo` (README, the press kit) draws the logo the
    theme holds from the settings; --output writes it elsewhere."""
    written = tmp_path / "logo.svg"
    completed = subprocess.run([sys.executable, "-m", "sitebuild.logo", "--output", str(written)],
                               cwd=tmp_path, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert written.read_bytes() == LOGO_SVG.read_bytes()
    # A settings file that is not there is named, not a traceback.
    missing = subprocess.run([sys.executable, "-m", "sitebuild.logo", "--settings", "nope.py", "--output",
                              str(written)], cwd=tmp_path, capture_output=True, text=True)
    assert missing.returncode == 1
    assert missing.stderr == f"The logo was not written: {tmp_path / 'nope.py'}: No such file or directory\n"


def test_nothing_edits_the_import_path():
    edits = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and getattr(node.value, "id", "") == "sys":
                edits.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert edits == []


def test_the_project_is_installed_where_it_is(tmp_path):
    """./setup installs the package editable: its code imports from any
    folder, as itself (not a copy), with no help from the current directory."""
    completed = subprocess.run(
        [str(REPO / ".venv/bin/python"), "-I", "-c",
         "import plugins, sitebuild, sitecore; print(sitecore.__file__, plugins.__file__, sitebuild.__file__)"],
        cwd=tmp_path, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == [str(REPO / name / "__init__.py") for name in ("sitecore", "plugins", "sitebuild")]


def test_plugins_are_named_by_import_path(settings):
    assert settings["PLUGINS"], "no plugins configured"
    assert all(name.startswith("plugins.") for name in settings["PLUGINS"])
    assert "PLUGIN_PATHS" not in {k for k, v in settings.items() if v}
    configured = {name.split(".")[1] for name in settings["PLUGINS"]}
    # Every plugin folder is in use except typedcontent, which other plugins import.
    assert configured == set(plugin_names()) - {SHARED_PLUGIN}


def test_no_plugin_hard_codes_a_fact_the_settings_hold(settings):
    """pelicanconf.py's promise: the party's name, imprint and colours come
    from the settings, so changing them there changes them everywhere."""
    facts = [settings["SITENAME"], *settings["IMPRINT"].values(), *settings["PARTY_COLOURS"].values()]
    found = [f"{path.relative_to(REPO)}: {fact!r}" for path in python_files("plugins", "sitecore")
             for fact in facts if fact.lower() in path.read_text(encoding="utf-8").lower()]
    assert found == []
