"""Names in the order a reader looks them up in a list: by their letters,
accents and capitals aside ("Ŵyl Dewi" among the W's, before "Y Felinheli";
"de Beauvoir" among the D's; "Łukasz" among the L's, "Æsc" among the A's).
Python's own order is by code point: every capital before every small
letter, and accented letters after "z"."""

from __future__ import annotations

import unicodedata

from unidecode import unidecode


def reading_order(text: str, *then: str) -> tuple[str, ...]:
    """The sort key of `text`: its letters in Latin letters without accents
    (Unidecode: Ł, Ø and Æ, which no accent can be taken off, too), case
    folded; then the text itself (NFC: a letter and its accent typed apart
    are the same name), then `then` (a file's name: two people of one name
    kept in one order from build to build, which Pelican's reading order,
    a set's, did not)."""
    written = unicodedata.normalize("NFC", text)
    return (unidecode(written).casefold(), written, *then)
