"""Pronouns that point back to the previous answer: "did they make an Article 3 declaration?" right after Chad's
ratification is about Chad; "how does it go beyond C102?" right after C128's summary is about C128. And a follow-up
that points back when there is no previous answer ("and when is the next window for doing it?" after a message the
bot did not understand) has nothing to point to: the bot asks for the whole question rather than guess.

A country is "they" (ils, elles, ellos), a Convention "it" (elle, este convenio). Only the entity the previous
answer was about is carried, and only when the question names none of its own (for a Convention, none but C102,
the frame of most questions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.answers.base import C102

_COUNTRY = re.compile(r"\b(?:they|them|their|ils|elles|leurs?|ellos|ellas)\b", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"^\W*(?:and|et|y|e)\b", re.IGNORECASE)  # "and …?", "et …?", "¿y …?"
_ANY_POINTER = re.compile(r"\b(?:it|its|that|this|they|them|their|ça|cela|ceci|ils|elles|eso|esto|ello|ellos)\b",
                          re.IGNORECASE)
_INSTRUMENT = re.compile(r"\b(?:it|its|elle|celle-ci|cette convention|este convenio|ese convenio|dicho convenio)\b",
                         re.IGNORECASE)


def carried(named: Mapping[str, str], previous: Mapping[str, str | None], text: str) -> dict[str, str]:
    """The entities `named` by a question, with the country or Convention of the previous answer (`previous`:
    entity -> value of the entities that answer was about) that a pronoun of `text` points back to."""
    found = dict(named)
    country, convention = previous.get("country"), previous.get("convention")
    if country and "country" not in found and _COUNTRY.search(text):
        found["country"] = country
    if convention and convention != C102 and found.get("convention") in (None, C102) and _INSTRUMENT.search(text):
        found["convention"] = convention
    return found


def points_back(text: str) -> bool:
    """Whether `text` is a follow-up that points back to something said before ("and when is the next window for
    doing it?", "et ça, c'est quand ?"): a question starting with "and" with a pronoun."""
    return bool(_FOLLOW_UP.search(text) and _ANY_POINTER.search(text))
