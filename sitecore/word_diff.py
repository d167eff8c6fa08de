"""Two versions of a text, word by word: the new one with the words taken
out in <del> and those put in in <ins>, each said in words a screen reader
reads ("What changed" in each edition of the minifesto)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from markupsafe import Markup, escape

# Words (with their apostrophes), spaces and punctuation, each a token: a
# changed word is marked without the full stop after it.
WORDS = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


def word_diff(old: str, new: str) -> Markup:
    """`new` with the words taken out of `old` in <del> and those put in,
    in <ins>. Each says so in words a screen reader reads, not only in its
    strike-through or underline."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(new_words[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(marked("del", "removed", "".join(old_words[i1:i2])))
        if tag == "replace":
            parts.append(Markup(" "))  # so the old and new words do not run together
        if tag in ("insert", "replace"):
            parts.append(marked("ins", "added", "".join(new_words[j1:j2])))
    return Markup("").join(parts)


def marked(tag: str, said: str, words: str) -> Markup:
    """The words in <del> or <ins>, the spaces around them outside it (an
    underlined space before a word reads as a mistake)."""
    core = words.strip()
    before, after = words[:len(words) - len(words.lstrip())], words[len(words.rstrip()):]
    return Markup('{before}<{tag}><span class="visually-hidden">[{said}: </span>{core}'
                  '<span class="visually-hidden">]</span></{tag}>{after}').format(
        tag=Markup(tag), said=said, core=core, before=before, after=after)
