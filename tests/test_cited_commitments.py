"""A post's link to a commitment or a policy by its number, after a newer
edition of the minifesto renumbered it (plugins/contentcheck/
cited_commitments.py): the link would land on another commitment without a
word, so the build refuses it at its line and gives the address that keeps
the words the post cited. What became of each commitment is decided as on
the "What changed" page (sitecore/commitment_matching.py), tested here as a
table; one site is frozen in March, changed in September and built."""

from __future__ import annotations

import pytest
from conftest import build_in, write_content
from test_minifesto_editions import freeze, minifesto, policy

from sitecore.commitment_matching import what_became_of
from sitecore.policy_content import Commitment

HOUSING = ["Build council homes.", "Bring in rent controls linked to local incomes.", "End no-fault evictions."]


def numbered(texts: list[str]) -> list[Commitment]:
    return [Commitment(1, number, text) for number, text in enumerate(texts, start=1)]


@pytest.mark.parametrize("new, became", [
    # Kept as they were: each is itself.
    (HOUSING, ["1.1", "1.2", "1.3"]),
    # The first taken out: the others move up.
    (HOUSING[1:], [None, "1.1", "1.2"]),
    # The second reworded in its place: still 1.2.
    ([HOUSING[0], "Bring in strict rent controls linked to local wages.", HOUSING[2]], ["1.1", "1.2", "1.3"]),
    # The first two swapped, and one added at the top.
    (["Scrap the bedroom tax.", HOUSING[1], HOUSING[0], HOUSING[2]], ["1.3", "1.2", "1.4"]),
    # Every one replaced by words of its own: none of them is there.
    (["Scrap the bedroom tax.", "Ban letting agents' fees."], [None, None, None]),
])
def test_what_became_of_each_commitment(new, became):
    now = what_became_of(numbered(HOUSING), numbered(new))
    assert [commitment and commitment.label for commitment in now] == became


def post(date: str, body: str) -> str:
    return f"---\ntitle: A post of {date}\ndate: {date}\ncategory: news\nsummary: Links to the policies.\n---\n{body}\n"


# A heading in a policy's text: on the minifesto's page its id carries the
# policy's number (#policy-3-text-why-it-matters).
WHY = "\n## Why it matters\n\nBecause it does.\n"
MARCH = {
    "policies/01-housing.md": policy("Homes for everyone", 1, HOUSING),
    "policies/02-nhs.md": policy("Save our NHS", 2, ["Fund the NHS properly."]),
    "policies/03-democracy.md": policy("Real democracy", 3, ["Bring in proportional representation."]) + WHY,
}
# September: housing loses its first commitment and rewords the next, so
# it has two, not three; the NHS policy is dropped, so democracy is 2;
# transport is new, as 3.
SEPTEMBER = {
    "minifesto.md": minifesto("September 2022", "2022-09-10"),
    "policies/01-housing.md": policy("Homes for everyone", 1, [
        "Bring in strict rent controls linked to local wages.", HOUSING[2]]),
    "policies/02-nhs.md": None,
    "policies/03-democracy.md": None,
    "policies/02-democracy.md": policy("Real democracy", 2, ["Bring in proportional representation."]) + WHY,
    "policies/03-transport.md": policy("Free public transport", 3, ["Make buses free for everyone."]) + WHY,
}
# Every link but #commitment-3 (housing has two) lands on a part its page
# has today: only the numbers moved.
CITING_MARCH = post("2022-03-05", """\
- [Council homes](/policies/housing/#commitment-1)
- [Rent controls](/policies/housing/#commitment-2)
- [No-fault evictions](/policies/housing/#commitment-3)
- [The NHS](/policies/#policy-2)
- [Democracy](/policies/#policy-3)
- [Proportional representation](/minifesto/#policy-3-1)
- [Its own page](/policies/democracy/#commitment-1)
- [Housing](/policies/housing/)
- [Why democracy matters](/minifesto/#policy-3-text-why-it-matters)
- [Rent controls, in capitals](/policies/housing/#Commitment-2)""")


@pytest.fixture(scope="module")
def september(tmp_path_factory):
    root = tmp_path_factory.mktemp("cited")
    # In March, with the capitals right: that build refuses #Commitment-2 as a part it lacks.
    first = build_in(root, {**MARCH, "posts/citing-march.md": CITING_MARCH.replace("#Commitment-2", "#commitment-2")},
                     options=("--check",))
    assert first.returncode == 0, first.stderr
    freeze(first.content, root)
    write_content(first.content, {
        **SEPTEMBER,
        "posts/citing-march.md": CITING_MARCH,
        # Written under September's numbers, and before any edition: neither
        # is checked against March (whose 1.2 is another commitment).
        "posts/citing-september.md": post("2022-09-20", "[Evictions](/policies/housing/#commitment-2)"),
        "posts/before-march.md": post("2022-01-10", "[Evictions](/policies/housing/#commitment-2)"),
    })
    return root, build_in(root, content=first.content, options=("--check",))


def test_links_to_numbers_that_moved_are_refused_with_the_editions_own_address(september):
    """Each once: #commitment-3, which housing no longer has, is not told
    a second time as a missing part, with another fix."""
    _, build = september
    assert build.returncode == 1
    lines = build.problem_lines
    march = "edition, current when this post was published"
    keeps = "link that edition, which keeps the words this post cited: /minifesto/2022-03/"
    assert lines == [
        f'content/posts/citing-march.md:7: body: the link /policies/housing/#commitment-1 cites commitment 1.1 of '
        f'the March 2022 {march} ("Build council homes."), and the current edition no longer has it — '
        f"{keeps}#policy-1-1",
        f"content/posts/citing-march.md:8: body: the link /policies/housing/#commitment-2 cites commitment 1.2 of "
        f'the March 2022 {march} ("Bring in rent controls linked to local incomes."), and the current edition '
        f"numbers it 1.1 — {keeps}#policy-1-2",
        # As the README quotes it.
        'content/posts/citing-march.md:9: body: the link /policies/housing/#commitment-3 cites commitment 1.3 of the '
        'March 2022 edition, current when this post was published ("End no-fault evictions."), and the current '
        f"edition numbers it 1.2 — {keeps}#policy-1-3",
        f'content/posts/citing-march.md:10: body: the link /policies/#policy-2 cites policy 2 of the March 2022 '
        f'{march} ("Save our NHS"), and the current edition no longer has it — link that edition, which keeps '
        f"it: /minifesto/2022-03/#policy-2",
        f'content/posts/citing-march.md:11: body: the link /policies/#policy-3 cites policy 3 of the March 2022 '
        f"{march} (\"Real democracy\"), and the current edition numbers it 2 — link the policy's own page, "
        f"whose address stays: /policies/democracy/",
        f"content/posts/citing-march.md:12: body: the link /minifesto/#policy-3-1 cites commitment 3.1 of the "
        f'March 2022 {march} ("Bring in proportional representation."), and the current edition numbers it 2.1 — '
        f"{keeps}#policy-3-1",
        f"content/posts/citing-march.md:15: body: the link /minifesto/#policy-3-text-why-it-matters cites policy 3 "
        f'of the March 2022 {march} ("Real democracy"), and the current edition numbers it 2 — link that edition, '
        f"which keeps it: /minifesto/2022-03/#policy-3-text-why-it-matters",
        f"content/posts/citing-march.md:16: body: the link /policies/housing/#Commitment-2 cites commitment 1.2 of "
        f'the March 2022 {march} ("Bring in rent controls linked to local incomes."), and the current edition '
        f"numbers it 1.1 — {keeps}#policy-1-2",
    ], build.stderr


def test_the_addresses_given_land_and_are_not_refused_again(september):
    """Each fix is followed: the build passes, and each address is a part
    of the March edition's page that holds the words cited."""
    root, _ = september
    fixed = CITING_MARCH
    for part, address in (("/policies/housing/#commitment-1", "/minifesto/2022-03/#policy-1-1"),
                          ("/policies/housing/#commitment-2", "/minifesto/2022-03/#policy-1-2"),
                          ("/policies/housing/#commitment-3", "/minifesto/2022-03/#policy-1-3"),
                          ("/policies/#policy-2", "/minifesto/2022-03/#policy-2"),
                          ("/policies/#policy-3", "/policies/democracy/"),
                          ("/minifesto/#policy-3-1", "/minifesto/2022-03/#policy-3-1"),
                          ("/minifesto/#policy-3-text-why-it-matters",
                           "/minifesto/2022-03/#policy-3-text-why-it-matters"),
                          ("/policies/housing/#Commitment-2", "/minifesto/2022-03/#policy-1-2")):
        fixed = fixed.replace(f"({part})", f"({address})")
    write_content(root / "content", {"posts/citing-march.md": fixed})
    build = build_in(root, content=root / "content", output=root / "fixed")
    assert build.returncode == 0, build.stderr
    edition = build.html("minifesto/2022-03/")
    for words, part in (("Build council homes.", "policy-1-1"), ("End no-fault evictions.", "policy-1-3"),
                        ("Bring in proportional representation.", "policy-3-1")):
        assert words in edition.find(id=part).get_text(), part
    assert edition.find(id="policy-2").find(string=lambda text: "Save our NHS" in text)
