"""The minifesto PDF's tag tree, mended where WeasyPrint builds it page by page.

A screen reader reads a tagged PDF by its tag tree, not by its pages.
WeasyPrint (70) builds the tree one page at a time (weasyprint/pdf/tags.py),
so an element that runs over a page break becomes one structure element per
page: a policy over two pages was two sections, a paragraph two paragraphs,
a list two lists ("list of 3 items", then "list of 2"), and a link that
wraps onto a second line two links. Upstream knows (Kozea/WeasyPrint#2903,
open: "deep architecture problems"). The words of the page margins (the
running head, "Page 3 of 15") are marked as content that no element of the
tree owns, where PDF/UA asks for them to be marked as artifacts, which
readers skip. And the contents' dot leaders were in the tree, a "dot" for
a screen reader to read out forty times an entry.

So, while WeasyPrint writes the PDF:

- `remembering_elements` notes which HTML element each structure element was
  made for (WeasyPrint keeps no such link in the PDF), and which are leaders;
- the finisher `mend_tag_tree` then joins neighbouring structure elements
  made for the same HTML element into one, whose content may lie on several
  pages (the format allows it: a marked-content reference names its page),
  marks the margins' words as pagination artifacts and the leaders as
  layout artifacts, out of the tree, and gives an element made for HTML
  with a `lang` (a passage in Welsh) that language, which WeasyPrint writes
  only for the whole document;
- and puts each nested list inside its item's body, where it is printed
  (WeasyPrint put it after the item, so an item's words after its sub-list
  were read before it).
- and gives each Figure's bounding box (where a magnifier or a reader that
  reflows the page finds the picture) in the page's own units, as the
  format defines it: WeasyPrint wrote the CSS box's, in pixels from the
  page's top left corner, a third too large and measured from the wrong
  edge (the cover's logo was given as lying in the page's lower half).

The PDF's text, pictures and pages are untouched: only the tree and the
marks around the margins' words change.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import NamedTuple


class Origin(NamedTuple):
    """What WeasyPrint made a structure element for."""

    structure: dict  # kept, so that its id() stays its own
    element: object  # the HTML element (an anonymous box's is its parent's)
    is_leader: bool  # a leader(), such as the contents' dots


# Each page's piece of a table stays a table: WeasyPrint repeats the head
# and foot rows on each page and points each cell at its own page's head
# cells, so one table would have a head per page, which the format forbids.
KEPT_APART = {"/Table"}

PAGINATION = "/Pagination"  # artifact types (PDF 1.7, 14.8.2.2)
LAYOUT = "/Layout"

ONE_PDF_AT_A_TIME = threading.Lock()


@contextmanager
def remembering_elements():
    """While WeasyPrint builds the tag tree, note the HTML element each
    structure element was made for. Yields the notes: id(structure) ->
    Origin.

    WeasyPrint's tree builder calls itself for each child box by its module
    name, so wrapping that name sees every structure element it makes; the
    innermost call is the one that made it, so the first note stands. One
    PDF at a time in a process (the lock): the name is the module's."""
    from weasyprint.pdf import tags

    made_for: dict[int, Origin] = {}

    def build_remembering(box, *rest):
        for structure in build(box, *rest):
            made_for.setdefault(id(structure), Origin(structure, box.element, box.is_leader))
            yield structure

    with ONE_PDF_AT_A_TIME:
        build = tags._build_box_tree
        tags._build_box_tree = build_remembering
        try:
            yield made_for
        finally:
            tags._build_box_tree = build


class TagTree:
    """The PDF's structure, as pydyf objects before they are written."""

    def __init__(self, pdf) -> None:
        import pydyf

        self.pydyf = pydyf
        self.pdf = pdf
        self.by_reference = {obj.reference: obj for obj in pdf.objects[1:]}
        root = self.resolve(pdf.catalog["StructTreeRoot"])
        self.document = self.resolve(root["K"][0])
        self.parent_tree = self.resolve(root["ParentTree"])["Nums"]
        self.parents: dict[int, object] | None = None  # see parent_element
        self.page_numbers = {reference: number for number, reference in enumerate(pdf.page_references)}

    def resolve(self, item):
        """The object a reference names; anything else as it is."""
        return self.by_reference.get(item, item) if isinstance(item, bytes) else item

    def is_structure(self, item) -> bool:
        return isinstance(item, dict) and item.get("Type") == "/StructElem"

    def kids(self, structure) -> list:
        return [self.resolve(kid) for kid in structure["K"]]

    def parent_element(self, element, made_for):
        """The HTML element `element` is in (WeasyPrint's elements, from
        ElementTree, know only their children): read off the document's
        root, the element each page's top structure element was made for."""
        if self.parents is None:
            self.parents = {}
            for page in self.kids(self.document):
                origin = made_for.get(id(page))
                if origin is not None and origin.element is not None:
                    self.parents.update((id(child), parent) for parent in origin.element.iter() for child in parent)
        return self.parents.get(id(element))

    def reachable(self) -> set[bytes]:
        """The references of every structure element in the tree."""
        found, waiting = set(), [self.document]
        while waiting:
            structure = waiting.pop()
            found.add(structure.reference)
            waiting.extend(kid for kid in self.kids(structure) if self.is_structure(kid))
        return found


def mend_tag_tree(made_for: dict[int, Origin]):
    """A WeasyPrint finisher that mends the tag tree (see the module's
    docstring), given `remembering_elements`'s notes."""

    def finish(document, pdf) -> None:
        tree = TagTree(pdf)
        survivor: dict[bytes, bytes] = {}  # joined structure element -> the one it joined
        join_fragments(tree, tree.document, made_for, survivor)
        point_parent_tree_at_survivors(tree, survivor)
        in_tree = tree.reachable()  # the margins' elements never were
        cut_leaders(tree, tree.document, made_for)
        mark_unowned_content_as_artifacts(tree, pdf, in_tree)
        mark_languages(tree, made_for)
        place_figures_on_their_pages(tree, document)

    return finish


def join_fragments(tree: TagTree, structure, made_for, survivor) -> None:
    """Join each run of neighbouring kids of `structure` made for the same
    HTML element (the pieces of one element, page by page or line by line)
    into the first of the run, then do the same inside each kid, top down:
    the last paragraph of one page and the first of the next become
    neighbours only once their sections are one."""
    if structure["S"] == "/L":
        hand_nested_lists_to_their_items(tree, structure, made_for)
    kept, elements_kept = [], set()
    for item in structure["K"]:
        kid = tree.resolve(item)
        previous = last_piece(tree, kept)
        if empty_piece_of_an_earlier_kid(tree, kid, made_for, elements_kept):
            kid.clear()
            continue
        if same_element(tree, previous, kid, made_for):
            absorb(tree, previous, kid)
            survivor[kid.reference] = previous.reference
            kid.clear()  # nothing refers to it any more; written as an empty dictionary
        else:
            kept.append(item)
            origin = made_for.get(id(kid))
            if origin is not None and origin.element is not None:
                elements_kept.add(id(origin.element))
    structure["K"] = tree.pydyf.Array(kept)
    if structure["S"] == "/LI":
        make_the_item_a_label_and_a_body(tree, structure)
    for item in structure["K"]:
        kid = tree.resolve(item)
        if tree.is_structure(kid):
            kid["P"] = structure.reference
            join_fragments(tree, kid, made_for, survivor)


def hand_nested_lists_to_their_items(tree: TagTree, structure, made_for) -> None:
    """WeasyPrint puts a list nested in an item (<li>…<ul>) after that item,
    in the outer list, so an item's words after its sub-list were read
    before the sub-list. Each such list (each piece of it, on each page)
    goes to the last item before it made for the <li> it is in; once the
    lists are out of the way, that item's pieces are neighbours, and join.
    `make_the_item_a_label_and_a_body` then puts them in their place."""
    kept, items = [], {}  # items: id of an <li> -> its last item so far
    for item in structure["K"]:
        kid = tree.resolve(item)
        origin = made_for.get(id(kid)) if tree.is_structure(kid) else None
        element = origin.element if origin is not None else None
        if kid is not None and tree.is_structure(kid) and kid["S"] == "/LI" and element is not None:
            items[id(element)] = kid
        parent = tree.parent_element(element, made_for) if element is not None and kid["S"] == "/L" else None
        owner = items.get(id(parent)) if parent is not None else None
        if owner is not None:
            owner["K"].append(item)
        else:
            kept.append(item)
    structure["K"] = tree.pydyf.Array(kept)


def make_the_item_a_label_and_a_body(tree: TagTree, item) -> None:
    """A list item is a label and a body (PDF 1.7, 14.8.4.3.3), where
    WeasyPrint put a loose item's paragraphs straight in the item: they go
    into a body of their own. The item's lists (see
    `hand_nested_lists_to_their_items`) go into its body too, each before
    the first of the body's parts printed after it, by the page's marks
    (WeasyPrint draws in the HTML's order)."""
    def kind(reference) -> str | None:
        kid = tree.resolve(reference)
        return kid["S"] if tree.is_structure(kid) else None

    labels = [reference for reference in item["K"] if kind(reference) == "/Lbl"]
    lists = [reference for reference in item["K"] if kind(reference) == "/L"]
    others = [reference for reference in item["K"] if kind(reference) not in ("/Lbl", "/L")]
    if len(others) == 1 and kind(others[0]) == "/LBody":
        body = tree.resolve(others[0])
    elif not others and not lists:
        return  # a label alone: an empty <li>
    else:
        body = tree.pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": tree.pydyf.Array(others),
                                      "Pg": item["Pg"], "P": item.reference})
        tree.pdf.add_object(body)
        tree.by_reference[body.reference] = body
    for nested in lists:
        starts = first_mark(tree, tree.resolve(nested))
        parts = list(body["K"])
        at = next((index for index, part in enumerate(parts)
                   if starts is not None and (first_mark(tree, tree.resolve(part)) or starts) > starts),
                  len(parts))
        body["K"] = tree.pydyf.Array([*parts[:at], nested, *parts[at:]])
    item["K"] = tree.pydyf.Array([*labels, body.reference])


def first_mark(tree: TagTree, structure) -> tuple[int, int] | None:
    """(page number, marked-content id) of the first mark `structure` owns,
    directly or through its kids: where it starts on paper."""
    if not tree.is_structure(structure):
        return None
    marks = []
    for item in structure["K"]:
        kid = tree.resolve(item)
        if isinstance(kid, int):
            marks.append((tree.page_numbers[structure["Pg"]], kid))
        elif isinstance(kid, dict) and kid.get("Type") == "/MCR":
            marks.append((tree.page_numbers[kid["Pg"]], kid["MCID"]))
        elif (found := first_mark(tree, kid)) is not None:
            marks.append(found)
    return min(marks, default=None)


def last_piece(tree: TagTree, kept: list):
    """The last of `kept` that can be a piece of an element, passing over
    annotation references: each line's piece of a wrapped link brings its
    own, which stood between the pieces of what the link holds (a <span
    lang="cy"> in a link over 20 lines stayed 28 spans). An annotation is
    no words: where it stands among them changes nothing a reader hears."""
    for item in reversed(kept):
        kid = tree.resolve(item)
        if not (isinstance(kid, dict) and kid.get("Type") == "/OBJR"):
            return kid
    return None


def empty_piece_of_an_earlier_kid(tree: TagTree, kid, made_for, elements_kept: set[int]) -> bool:
    """`kid` holds nothing, and is a later piece of an element an earlier
    kid was made for. WeasyPrint puts a nested list after its item, in the
    outer list: when the nested list runs over a page, the item's piece on
    the next page is an empty item between the nested list's two pieces, a
    reader's "list item" with nothing in it, and the two pieces were never
    neighbours to join."""
    origin = made_for.get(id(kid))
    return (tree.is_structure(kid) and len(kid["K"]) == 0 and origin is not None
            and origin.element is not None and id(origin.element) in elements_kept)


def same_element(tree: TagTree, first, second, made_for) -> bool:
    if not (tree.is_structure(first) and tree.is_structure(second)) or first["S"] != second["S"]:
        return False
    if first["S"] in KEPT_APART:
        return False
    first_origin, second_origin = made_for.get(id(first)), made_for.get(id(second))
    return (first_origin is not None and second_origin is not None and first_origin.element is not None
            and first_origin.element is second_origin.element)


def absorb(tree: TagTree, survivor, piece) -> None:
    """`piece`'s content goes after `survivor`'s. A bare marked-content id
    belongs to its element's page, so one from another page is given its
    page (a marked-content reference)."""
    for item in piece["K"]:
        if isinstance(item, int) and piece["Pg"] != survivor["Pg"]:
            item = tree.pydyf.Dictionary({"Type": "/MCR", "Pg": piece["Pg"], "MCID": item})
        survivor["K"].append(item)


def mark_languages(tree: TagTree, made_for) -> None:
    """An element made for HTML with a `lang` (a passage in Welsh: <span
    lang="cy">) carries it as its /Lang, which its words inherit, so a
    screen reader reads them in that language (WCAG 3.1.2). WeasyPrint
    writes only the document's language."""
    waiting = [tree.document]
    while waiting:
        structure = waiting.pop()
        origin = made_for.get(id(structure))
        language = origin.element.get("lang") if origin is not None and origin.element is not None else None
        if language:
            structure["Lang"] = tree.pydyf.String(language)
        waiting.extend(kid for kid in tree.kids(structure) if tree.is_structure(kid))


# The PDF's unit, the point, is three quarters of a CSS pixel (render_pdf
# writes at WeasyPrint's zoom of 1).
POINTS_PER_CSS_PIXEL = 0.75


def place_figures_on_their_pages(tree: TagTree, document) -> None:
    """Each Figure's /BBox in points from its page's bottom left corner (PDF
    1.7, 14.8.5.4.3), as WeasyPrint draws the page: it wrote the picture's
    CSS content box, in pixels from the top left."""
    scale = POINTS_PER_CSS_PIXEL
    waiting = [tree.document]
    while waiting:
        structure = waiting.pop()
        attributes = structure.get("A")
        if structure.get("S") == "/Figure" and isinstance(attributes, dict) and "BBox" in attributes:
            page_height = document.pages[tree.page_numbers[structure["Pg"]]].height
            left, top, right, bottom = (float(value) for value in attributes["BBox"])
            attributes["BBox"] = tree.pydyf.Array(
                [left * scale, (page_height - bottom) * scale, right * scale, (page_height - top) * scale])
        waiting.extend(kid for kid in tree.kids(structure) if tree.is_structure(kid))


def point_parent_tree_at_survivors(tree: TagTree, survivor: dict[bytes, bytes]) -> None:
    """The parent tree maps each page's marked content, and each link, to
    its structure element: a joined one's now belong to the one it joined."""
    numbers = tree.parent_tree
    for index in range(1, len(numbers), 2):
        value = numbers[index]
        if isinstance(value, list):
            numbers[index] = tree.pydyf.Array([survivor.get(ref, ref) for ref in value])
        else:
            numbers[index] = survivor.get(value, value)


def cut_leaders(tree: TagTree, structure, made_for) -> None:
    """Take the leaders out of the tree: a row of dots says nothing."""
    kept = []
    for item in structure["K"]:
        kid = tree.resolve(item)
        origin = made_for.get(id(kid))
        if origin is not None and origin.is_leader:
            continue
        kept.append(item)
        if tree.is_structure(kid):
            cut_leaders(tree, kid, made_for)
    structure["K"] = tree.pydyf.Array(kept)


def mark_unowned_content_as_artifacts(tree: TagTree, pdf, in_tree_before_cuts: set[bytes]) -> None:
    """The marked content the tree does not reach is the page margins'
    (WeasyPrint builds their elements but leaves them out of the tree) and
    the leaders': mark it as an artifact in the page's drawing (pagination
    or layout), and take it out of the parent tree."""
    reachable = tree.reachable()
    numbers = tree.parent_tree
    pages = [tree.resolve(page) for page in pdf.page_references]
    drawings = drawings_by_marks(tree)
    for index in range(0, len(numbers), 2):
        value = numbers[index + 1]
        if not isinstance(value, list):
            continue  # a link's entry, not a page's
        orphaned = {mcid for mcid, ref in enumerate(value) if ref not in reachable}
        if not orphaned:
            continue
        kinds = {mcid: LAYOUT if value[mcid] in in_tree_before_cuts else PAGINATION for mcid in orphaned}
        marks = getattr(tree.resolve(pages[numbers[index]]["Contents"]), "_tags", None)
        for stream in drawings.get(id(marks), ()):
            turn_into_artifacts(tree, stream, kinds)
        # The orphans' elements stay in the file, unreferenced: no reader
        # or checker reaches them.
        numbers[index + 1] = tree.pydyf.Array(["null" if mcid in orphaned else ref for mcid, ref in enumerate(value)])


def drawings_by_marks(tree: TagTree) -> dict[int, list]:
    """Each page's drawing and the groups drawn in it, by the table of marks
    WeasyPrint gives them all (id of the table -> its streams): read once
    for every page."""
    drawings: dict[int, list] = {}
    for obj in tree.pdf.objects:
        marks = getattr(obj, "_tags", None)
        if marks is not None:
            drawings.setdefault(id(marks), []).append(obj)
    return drawings


def turn_into_artifacts(tree: TagTree, stream, kinds: dict[int, str]) -> None:
    """`/Span <</MCID n>> BDC` becomes `/Artifact <</Type /Pagination>> BDC`
    (or the kind `kinds` gives n) for each n of `kinds`."""
    operations = stream.stream
    for position, item in enumerate(operations):
        if (isinstance(item, dict) and item.get("MCID") in kinds
                and position + 1 < len(operations) and operations[position + 1] == b"BDC"):
            operations[position - 1] = "/Artifact"
            operations[position] = tree.pydyf.Dictionary({"Type": kinds[item["MCID"]]})
