"""Every commitment has a number (2.3: the third of policy 2) and an address
of its own, the same in every place the minifesto is published: the policy's
page, the policy index, the web edition, the PDFs, the plain text and
policies.json. The number is the commitment's place in its policy, so the
addresses survive a rewording."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from content_source import CONTENT, front_matter, published
from pdf_tools import pdftotext
from pypdf import PdfReader
from test_site import text_of

POLICY = """\
---
title: Homes for everyone
number: 1
summary: Council homes for all who need them.
commitments:
  - Build council homes.
  - {second}
  - Control rents.
---
Text.
"""


def numbered(policy: dict) -> list[tuple[str, str]]:
    """(label, text) of each commitment, as the content says they are numbered."""
    return [(f"{policy['number']}.{place}", text) for place, text in enumerate(policy["commitments"], start=1)]


def policies() -> list[tuple[str, dict]]:
    return sorted(published("policies"), key=lambda item: item[1]["number"])


def shown(soup, anchor: str) -> tuple[str, str, str]:
    """(label, the label link's target, the text) of the commitment whose
    element has the id `anchor`."""
    item = soup.find(id=anchor)
    assert item is not None and item.name == "li", anchor
    link = item.select_one("a.commitment-number")
    label = link.get_text(strip=True)
    return label, link["href"], text_of(item)[len(label):].strip()


def test_each_policy_page_numbers_its_commitments_with_their_own_anchors(site):
    for slug, policy in policies():
        soup = site.html(f"policies/{slug}/")
        for place, (label, text) in enumerate(numbered(policy), start=1):
            assert shown(soup, f"commitment-{place}") == (label, f"#commitment-{place}", text)


def test_the_index_and_the_web_edition_give_every_commitment_its_policy_anchor(site):
    for path in ("policies/", "minifesto/"):
        soup = site.html(path)
        for _, policy in policies():
            for place, (label, text) in enumerate(numbered(policy), start=1):
                anchor = f"policy-{policy['number']}-{place}"
                assert shown(soup, anchor) == (label, f"#{anchor}", text), path


def test_the_pdfs_number_every_commitment_and_can_be_opened_at_each(site):
    for name in ("minifesto.pdf", "minifesto-large-print.pdf"):
        path = site.output / name
        text = " ".join(pdftotext(path).split())
        destinations = PdfReader(path).named_destinations
        for _, policy in policies():
            for place, (label, words) in enumerate(numbered(policy), start=1):
                assert f"{label} {words}" in text, (name, label)
                assert f"policy-{policy['number']}-{place}" in destinations, (name, label)


def test_the_plain_text_numbers_every_commitment(site):
    text = " ".join((site.output / "minifesto.txt").read_text(encoding="utf-8").split())
    for _, policy in policies():
        for label, words in numbered(policy):
            assert f"{label} {words}" in text


def test_policies_json_gives_each_commitment_its_number_and_addresses(site, settings):
    data = json.loads((site.output / "policies.json").read_text(encoding="utf-8"))
    base = settings["SITE_CANONICAL_URL"]
    edition = data["url"]  # the edition's own page, which keeps its words
    assert edition == f"{base}/minifesto/{str(front_matter(CONTENT / 'minifesto.md')['date'])[:7]}/"
    for entry, (slug, policy) in zip(data["policies"], policies(), strict=True):
        for place, (commitment, (label, text)) in enumerate(zip(entry["commitments"], numbered(policy), strict=True), 1):
            assert commitment == {
                "number": label,
                "text": text,
                "url": f"{base}/policies/{slug}/#commitment-{place}",
                "edition_url": f"{edition}#policy-{policy['number']}-{place}",
            }
            for address in (commitment["url"], commitment["edition_url"]):
                parts = urlsplit(address)
                assert site.html(parts.path.lstrip("/")).find(id=parts.fragment) is not None, address


def test_how_to_cite_names_the_edition_and_addresses_that_exist(site, settings):
    minifesto = front_matter(CONTENT / "minifesto.md")
    base = settings["SITE_CANONICAL_URL"]
    edition = f"{base}/minifesto/{str(minifesto['date'])[:7]}/"
    example = f"{edition}#policy-1-1"
    pdf_text = " ".join(pdftotext(site.output / "minifesto.pdf").split())
    for where, text in [("policies/", text_of(site.html("policies/").select_one(".how-to-cite"))),
                        ("minifesto/", text_of(site.html("minifesto/").select_one(".how-to-cite"))),
                        ("minifesto.pdf", pdf_text[pdf_text.index("How to cite"):])]:
        assert text.startswith("How to cite"), where
        # Compared without spaces: the PDF breaks long addresses across lines.
        for part in (settings["SITENAME"], minifesto["title"], f"{minifesto['edition']} edition",
                     f"{base}/minifesto/", "1.1", example):
            assert "".join(part.split()) in "".join(text.split()), (where, part)
    assert site.html("policies/").find(id="policy-1-1") is not None


def test_a_reworded_commitment_keeps_its_number_and_addresses(make_site, tmp_path):
    def build(second: str, folder: str) -> dict[str, tuple[str, str, str]]:
        built = make_site({"policies/01-housing.md": POLICY.format(second=second)}, output=tmp_path / folder)
        assert built.returncode == 0, built.stderr
        page, index = built.html("policies/housing/"), built.html("policies/")
        return {**{f"page {n}": shown(page, f"commitment-{n}") for n in (1, 2, 3)},
                **{f"index {n}": shown(index, f"policy-1-{n}") for n in (1, 2, 3)}}

    before = build("Cap rents.", "before")
    after = build("Cap rents in every region.", "after")
    for place in ("page 2", "index 2"):
        assert before[place][:2] == after[place][:2] and after[place][2] == "Cap rents in every region."
    assert {key: value for key, value in before.items() if " 2" not in key} == \
        {key: value for key, value in after.items() if " 2" not in key}
