"""A file git merged with both versions left in is refused at each marker's
line (plugins/frontmatter/limits.py): in the text, the markers were
published on the page, in the minifesto's PDF and in every release's notes
to editors; in the front matter, a volunteer was told of a YAML slip on the
wrong line."""

from __future__ import annotations

import textwrap

from conftest import MINIMAL_SITE

FIX = ("keep the version you want between the markers, delete the other and every <<<<<<<, |||||||, ======= and "
       ">>>>>>> line, then check the file again")


def conflicted(text: str, old: str, ours: str, theirs: str, base: str | None = None) -> str:
    """`text` with the line `old` replaced as git leaves an unresolved
    conflict (with the text both started from too, in diff3's style)."""
    text = textwrap.dedent(text)
    assert old in text
    started_from = f"||||||| merged common ancestors\n{base}\n" if base is not None else ""
    return text.replace(old, f"<<<<<<< HEAD\n{ours}\n{started_from}=======\n{theirs}\n>>>>>>> origin/main")


def markers(text: str) -> list[tuple[int, str]]:
    return [(number, line[:7]) for number, line in enumerate(text.split("\n"), start=1)
            if line[:7] in ("<<<<<<<", "|||||||", "=======", ">>>>>>>")]


def test_conflict_markers_left_in_a_file_are_refused_at_their_lines(make_site):
    minifesto = conflicted(MINIMAL_SITE["minifesto.md"], "closing_call: Become a member today.",
                           "closing_call: Join today.", "closing_call: Become a member now.")
    notes = conflicted(MINIMAL_SITE["press-office.md"], "Notes to editors.", "Notes for editors.",
                       "Notes to editors, 2022.", base="Notes to editors.")
    # A marker alone is text, not a conflict: "=======" in a code block, a quote seven deep.
    post = textwrap.dedent(MINIMAL_SITE["posts/hello.md"]).replace(
        "The first post's text.", "The text.\n\n```\n=======\n```\n\n>>>>>>> As the thread went on.")
    build = make_site({"minifesto.md": minifesto, "press-office.md": notes, "posts/hello.md": post})
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    lines = {path: [line for line in build.problem_lines if line.startswith(f"content/{path}:")]
             for path in ("minifesto.md", "press-office.md", "posts/hello.md")}
    assert lines["minifesto.md"] == [
        f"content/minifesto.md:{number}: (file): is a line git wrote around a merge conflict ({marker}), left in the "
        f"file — {FIX}" for number, marker in markers(minifesto)]
    assert [int(line.split(":")[1]) for line in lines["press-office.md"]] == [number for number, _ in markers(notes)]
    assert lines["posts/hello.md"] == []
    assert not build.output.exists()
