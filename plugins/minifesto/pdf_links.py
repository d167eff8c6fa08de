"""Links in the minifesto PDF: one annotation for each link a reader sees
(a link that wraps has one on each of its lines, as WeasyPrint draws it),
described by its words.

WeasyPrint makes a link annotation for every box inside a link, not only
for the link's own: a <wbr> (an empty box), an <em> in a link's words, an
::after holding the contents' dot leader and page number each added one,
unseen or on top of the link's own. Each is a stop for the Tab key and a
link a screen reader announces again. So:

- the print template puts the contents' page numbers after the links, not
  in them (`page_numbers_after_links`; print.css draws them);
- of the boxes WeasyPrint found in a link, only the link element's own keep
  their annotation (`keep_one_annotation_per_link`), as the attachments'
  are taken out (attachments.py): in the rendered Document, before the PDF
  is written;
- a link within the PDF is described by its words ("2. Homes for
  everyone"), not by the bare id it points to ("policy-2"), which is what
  WeasyPrint writes (`describe_links`, a finisher); an email
  link by what it does ("Email press@…", not "mailto colon press@…").
"""

from __future__ import annotations

import re

from markupsafe import Markup

# A link of the contents list (partials/minifesto_contents.html): its HTML
# is the theme's own, with every title escaped.
CONTENTS_LINK = re.compile(r'(<a href="(#[^"<>]+)">.*?</a>)', re.DOTALL)


def page_numbers_after_links(contents_html: str) -> Markup:
    """The contents list with an empty <span class="contents-page"> after
    each link, naming its target, for print.css to fill with a dot leader
    and the page number outside the link."""
    return Markup(CONTENTS_LINK.sub(r'\1<span class="contents-page" data-target="\2"></span>', str(contents_html)))


def own_box_of_link(box) -> bool:
    """The box is the link element's own (an <a> or its piece on one line),
    not a box inside it: a pseudo-element, an <em>, a <wbr>."""
    element = box.element
    return element is not None and "::" not in (box.element_tag or "") and bool(element.get("href"))


def keep_one_annotation_per_link(document) -> None:
    """Drop, from the rendered `document`, the links WeasyPrint made for the
    boxes inside a link; the link's own box covers them."""
    for rendered_page in document.pages:
        rendered_page.links[:] = [link for link in rendered_page.links if own_box_of_link(link[3])]


def words_of_link(element) -> str:
    """What a reader sees of a link: its words, or its pictures' alt text."""
    words = " ".join("".join(element.itertext()).split())
    return words or " ".join(image.get("alt", "") for image in element.iter("img")).strip()


# What a link out of the PDF does, by its address's scheme: its description
# says so before its words, as a screen reader would say "link".
ACTIONS = {"mailto:": "Email", "tel:": "Call"}


def description_of_link(link_type: str, target: str, element) -> str:
    """The link's /Contents: the template's description (its aria-label:
    "Commitment 2.3 on the web", where the words are only "2.3"; an address
    whole, where its words hold <wbr>) or a link within the PDF's words; an
    email or phone link's action before them. Other links out of the PDF
    keep their address, which WeasyPrint gives ("")."""
    label = element.get("aria-label")
    if link_type == "internal":
        return label or words_of_link(element)
    action = next((verb for scheme, verb in ACTIONS.items() if target.lower().startswith(scheme)), None)
    words = label or words_of_link(element)
    if not action or not words:
        return label or ""
    # "Email us" says it already: not "Email Email us"; but email@x.org,
    # email-team@x.org do not (the word's run goes on to an "@").
    return words if re.match(rf"{action}\b(?!\S*@)", words, re.IGNORECASE) else f"{action} {words}"


def describe_links(document, pdf) -> None:
    """A WeasyPrint finisher: each link is described (its /Contents, read by
    screen readers and shown on hovering) as `description_of_link` says."""
    import pydyf

    for rendered_page in document.pages:
        for link_type, target, _rectangle, box in rendered_page.links:
            if box.link_annotation is None:
                continue
            words = description_of_link(link_type, target, box.element)
            if words:
                box.link_annotation["Contents"] = pydyf.String(words)
