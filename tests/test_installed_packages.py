"""A build after a pull that brought new lock files says to run ./setup,
rather than failing on a module it cannot find (sitebuild/installed_packages.py)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from sitebuild.installed_packages import MARKER, outdated_installs


def test_a_build_with_packages_older_than_the_lock_says_to_run_setup(tmp_path):
    clone = tmp_path / "site"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    (clone / "node_modules").symlink_to(REPO / "node_modules")
    lock = clone / "requirements.lock"
    lock.write_text(lock.read_text() + "some-new-package==1.0\n")
    built = subprocess.run([sys.executable, "-m", "sitebuild", "--output", str(tmp_path / "out"), "--cache",
                            str(tmp_path / "cache")], cwd=clone, capture_output=True, text=True, timeout=300)
    assert built.returncode == 1
    assert built.stderr.startswith("The installed packages are not the ones requirements.lock pins (a pull "
                                   "brought new ones): run ./setup --no-build, then build again.\n")
    assert not (tmp_path / "out").exists()


def test_only_lock_files_whose_installed_copy_differs_are_named(tmp_path):
    project, environment = tmp_path / "project", tmp_path / "venv"
    (project / "node_modules").mkdir(parents=True)
    environment.mkdir()
    (project / "requirements.lock").write_text("pelican==4.12.0\n")
    (project / "package-lock.json").write_text("{}\n")
    assert outdated_installs(project, environment) == []  # installed some other way: nothing to compare
    (environment / MARKER).write_text("pelican==4.11.0\n")
    (project / "node_modules" / MARKER).write_text("{}\n")
    assert outdated_installs(project, environment) == ["requirements.lock"]
    (environment / MARKER).write_text("pelican==4.12.0\n")
    assert outdated_installs(project, environment) == []
