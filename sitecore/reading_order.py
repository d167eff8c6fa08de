"""Names in the order a reader looks them up in a list: by their letters,
accents and capitals aside ("Ŵyl Dewi" among the W's, before "Y Felinheli";
"de Beauvoir" among the D's). Python's own order is by code point: every
capital before every small letter, and accented letters after "z"."""

from __future__ import annotations

import unicodedata


def reading_order(text: str) -> tuple[str, str]:
    """The sort key of `text`: its letters without accents, case folded;
    then the text itself, so names that differ only in accents or capitals
    keep one order from build to build."""
    letters = "".join(character for character in unicodedata.normalize("NFKD", text)
                      if not unicodedata.combining(character))
    return letters.casefold(), text
