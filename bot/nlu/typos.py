"""Branches and aspects named with a typo ("max pensonable age", "qualifing period"), which the EntityRuler (exact
names only) does not see: the names of the knowledge base that a run of the message's words spells almost exactly.

Used by the Q&A actions when a question on a broad topic names no branch or aspect, so that "max pensonable age in
c 102" is answered with the requirement rather than the Convention's summary. Short names are left out (a typo
there is another word: "rate" and "race"), and so are names a message spells exactly (the EntityRuler has them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from difflib import SequenceMatcher
from functools import cache

from bot import knowledge
from bot.nlu.pipeline import entity_names

LABELS = ("branch", "aspect")
MIN_LENGTH = 10  # characters of a name that may be matched with a typo
MIN_RATIO = 0.9  # SequenceMatcher's similarity: one letter missing or wrong in "pensionable age" is 0.97
MAX_LENGTH_GAP = 2  # characters: a name and a window longer or shorter by more are never that similar
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@cache
def _names_by_shape() -> dict[tuple[int, int], tuple[tuple[str, str, str], ...]]:
    """(name, label, value) of every long enough branch and aspect name, by its number of words and of characters
    (a window of the message is compared only with the names of its number of words and about its length)."""
    found: dict[tuple[int, int], set[tuple[str, str, str]]] = defaultdict(set)
    for name in entity_names(knowledge.load()):
        text = " ".join(_WORD.findall(name.text.lower()))
        if name.label in LABELS and len(text) >= MIN_LENGTH:
            found[len(text.split()), len(text)].add((text, name.label, name.value))
    return {shape: tuple(sorted(names)) for shape, names in found.items()}


def misspelt_entities(text: str) -> dict[str, str]:
    """label -> value of the branches and aspects `text` names with a typo (the first found of each label)."""
    words = _WORD.findall(text.lower())
    shapes = _names_by_shape()
    found: dict[str, str] = {}
    for count in sorted({count for count, _ in shapes}):
        for start in range(len(words) - count + 1):
            window = " ".join(words[start:start + count])
            for length in range(len(window) - MAX_LENGTH_GAP, len(window) + MAX_LENGTH_GAP + 1):
                for name, label, value in shapes.get((count, length), ()):
                    if label not in found and name != window and _almost(window, name):
                        found[label] = value
    return found


def _almost(window: str, name: str) -> bool:
    if window[:2] != name[:2] and window[-2:] != name[-2:]:  # one typo leaves one end as it was: a cheap filter
        return False
    matcher = SequenceMatcher(None, window, name)
    return matcher.real_quick_ratio() >= MIN_RATIO and matcher.quick_ratio() >= MIN_RATIO and \
        matcher.ratio() >= MIN_RATIO
