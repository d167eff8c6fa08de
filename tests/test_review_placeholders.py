"""Review before publish refuses what main's production build would refuse:
a pull request that brings a placeholder (the sample imprint, one of
Ofcom's drama numbers) into a branch without it is refused at its line,
while the placeholders the branch already has (the sample site, before
launch) are only a notice, so pull requests can still be merged
(sitebuild/production_check.py, run by .github/workflows/review.yml)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import MINIMAL_SITE, REAL_IMPRINT, REPO, derived_settings, with_real_numbers, write_content
from test_kept_addresses import SECOND, git, review_command

from sitebuild.production_check import imprint_written_in

PRESS_OFFICE = "content/press-office.md"


def make_repository(folder, imprint: dict, press_office: str):
    """A git repository laid out as the party's: content/, pelicanconf.py
    (the project's settings, with this IMPRINT written in it) and
    publishconf.py (the project's own), its main branch committed."""
    write_content(folder / "content", {**MINIMAL_SITE, "press-office.md": press_office})
    derived_settings(folder / "pelicanconf.py", {"IMPRINT": repr(imprint)})
    (folder / "publishconf.py").write_text((REPO / "publishconf.py").read_text(encoding="utf-8"), encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "main")
    return folder


@pytest.fixture
def launched(tmp_path):
    """main with the real imprint and press numbers: it can be published."""
    return make_repository(tmp_path, REAL_IMPRINT, with_real_numbers(MINIMAL_SITE["press-office.md"]))


@pytest.fixture
def before_launch(tmp_path, settings):
    """main as the repository is today: the sample imprint (Jo Bloggs) and
    the drama numbers, so it cannot be published yet."""
    return make_repository(tmp_path, settings["IMPRINT"], MINIMAL_SITE["press-office.md"])


def production_check(repository, new_process: bool = False):
    """The review's command in the repository's working tree (the pull
    request) against its main branch: here, or in its own process as CI runs it."""
    return review_command("sitebuild.production_check", repository, ["--since", "main", "--annotations", "github"],
                          new_process)


def edit(path, old: str, new: str) -> int:
    """Replace `old` by `new` in the file; the number of the line that ends `new` now."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text[:text.index(new) + len(new)].count("\n") + 1


def annotations(run: subprocess.CompletedProcess, level: str) -> list[str]:
    return [line for line in run.stdout.splitlines() if line.startswith(f"::{level} ")]


def test_a_placeholder_number_the_branch_does_not_have_is_refused_at_its_line(launched):
    line = edit(launched / PRESS_OFFICE, "out_of_hours: 0300 303 1234", "out_of_hours: 07700 900999")
    refused = production_check(launched, new_process=True)  # as the review runs it; the other cases here
    assert refused.returncode == 1, refused.stderr
    assert (f'{PRESS_OFFICE}:{line}: out_of_hours: "07700 900999" is a placeholder, not a real contact — write the '
            "press office's real details before publishing") in refused.stderr.splitlines()
    assert annotations(refused, "error") == [
        f'::error file={PRESS_OFFICE},line={line},title=out_of_hours::"07700 900999" is a placeholder, not a real '
        "contact — write the press office's real details before publishing"]
    assert "1 problem that main does not have would stop the production build (publishconf.py)" in refused.stderr
    # The local check, which the review ran first, passes the same change: it
    # is only the production build that would stop.
    local = subprocess.run([sys.executable, "-m", "sitebuild", "--check", "--content", "content"], cwd=launched,
                           capture_output=True, text=True, timeout=300,
                           env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert local.returncode == 0, local.stderr


def test_a_placeholder_imprint_the_branch_does_not_have_is_refused_at_its_line(launched):
    line = edit(launched / "pelicanconf.py", REAL_IMPRINT["promoter"], "Jo Bloggs")
    refused = production_check(launched)
    assert refused.returncode == 1, refused.stderr
    assert annotations(refused, "error") == [
        f'::error file=pelicanconf.py,line={line},title=IMPRINT::"Jo Bloggs" is a placeholder, and a published '
        "site must carry the real imprint — write the promoter's real name and postal address in IMPRINT "
        "(Elections Act 2022)"]


def test_a_change_to_a_branch_with_the_sample_imprint_passes_with_notices(before_launch):
    """Before launch main holds the placeholders by design: a pull request
    that leaves them as they are (here moved down a line) is not stopped."""
    write_content(before_launch / "content", {"posts/second.md": SECOND})
    line = edit(before_launch / PRESS_OFFICE, "out_of_hours: 07700 900123",
                "# Until the press team confirms it.\nout_of_hours: 07700 900123")
    passed = production_check(before_launch)
    assert passed.returncode == 0, passed.stderr
    assert not annotations(passed, "error")
    notices = annotations(passed, "notice")
    assert len(notices) == 4  # the imprint's promoter and address, and the two numbers
    assert (f'::notice file={PRESS_OFFICE},line={line},title=out_of_hours::"07700 900123" is a placeholder, '
            "not a real contact (already so at main, which cannot be published until it is fixed; this change "
            "does not add it) — write the press office's real details before publishing") in notices
    assert any(notice.startswith("::notice file=pelicanconf.py,") and '"Jo Bloggs"' in notice for notice in notices)
    assert "this change adds nothing it refuses" in passed.stderr


def test_another_placeholder_in_a_branch_with_the_sample_imprint_is_still_refused(before_launch):
    line = edit(before_launch / PRESS_OFFICE, "out_of_hours: 07700 900123", "out_of_hours: 07700 900999")
    refused = production_check(before_launch)
    assert refused.returncode == 1, refused.stderr
    assert annotations(refused, "error") == [
        f'::error file={PRESS_OFFICE},line={line},title=out_of_hours::"07700 900999" is a placeholder, not a real '
        "contact — write the press office's real details before publishing"]
    assert len(annotations(refused, "notice")) == 3  # the imprint and the phone number, as main has them


def test_a_change_that_removes_a_placeholder_passes(before_launch):
    edit(before_launch / PRESS_OFFICE, "out_of_hours: 07700 900123", "out_of_hours: 0300 303 1234")
    passed = production_check(before_launch)
    assert passed.returncode == 0, passed.stderr
    assert not annotations(passed, "error")
    assert "out_of_hours" not in passed.stdout + passed.stderr


def test_a_branch_that_can_be_published_and_a_change_without_placeholders_pass(launched):
    write_content(launched / "content", {"posts/second.md": SECOND})
    passed = production_check(launched)
    assert passed.returncode == 0, passed.stderr
    assert passed.stdout == ""
    assert "The production build (publishconf.py) refuses nothing in this content." in passed.stderr


def test_the_imprint_at_the_base_is_read_as_written_not_run(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(textwrap.dedent("""\
        import not_a_module_any_more
        IMPRINT = {"promoter": "Jo Bloggs", "address": "PO Box 0000"}
        """), encoding="utf-8")
    assert imprint_written_in(settings) == {"promoter": "Jo Bloggs", "address": "PO Box 0000"}
    settings.write_text('IMPRINT = dict(promoter="Jo Bloggs")\n', encoding="utf-8")
    assert imprint_written_in(settings) is None  # not as written: the run says it could not compare it
    assert imprint_written_in(tmp_path / "missing.py") is None


def test_a_production_settings_file_that_does_not_load_is_named_in_a_plain_message(launched):
    """A mistake in publishconf.py is told in one line that names the file, not in a traceback."""
    publishconf = launched / "publishconf.py"
    publishconf.write_text(publishconf.read_text(encoding="utf-8") + 'SITEURL = _local["NO_SUCH_SETTING"]\n',
                           encoding="utf-8")
    refused = production_check(launched)
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    line = len(publishconf.read_text(encoding="utf-8").splitlines())  # the line added, the file's last
    assert refused.stderr.startswith(f"publishconf.py:{line}: the settings could not be loaded: KeyError: "
                                     "'NO_SUCH_SETTING'")


def test_a_content_folder_that_is_not_there_is_named_in_a_plain_message(launched):
    refused = subprocess.run([sys.executable, "-m", "sitebuild.production_check", "--since", "main", "--content",
                              "no-such-folder"], cwd=launched, capture_output=True, text=True, timeout=300,
                             env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert refused.returncode == 1, refused.stderr
    assert "Traceback" not in refused.stderr
    assert refused.stderr.startswith(f"publishconf.py: the content folder {launched / 'no-such-folder'} is not there "
                                     "(--content) — give the folder the posts are in")
