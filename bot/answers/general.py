"""The C102 rules that hold for every branch, asked about by their aspect: suspension (Art. 69), appeal (Art. 70),
financing (Art. 71), participation (Art. 72), seafarers (Art. 77)...

Each general aspect of c102.yml lists the general facts that answer it. The requirement and the principles topics
both reach these answers ("can benefits be suspended?" may be read as either); an answer resting on the articles
the principles of governance and financing cite (financing, participation) is on the principles whichever was
asked. The answer clears the aspect, so that a later question is not taken for a follow-up on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from bot.answers.base import C102, Reply, UserQuestion, bullets, compose, link, titled, told
from bot.i18n import N_, Translator

NORMLEX_TEXT = N_("Text of C102 on NORMLEX")
PRINCIPLES = "principles"  # the topic these answers belong to, whichever topic was asked
GOVERNANCE = "governance"  # the aspect that asks for the principles of governance and financing as a whole

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import Aspect
    from bot.knowledge.facts import Fact


def general_aspect(kb: Knowledge, question: UserQuestion) -> Aspect | None:
    """The general aspect the question names, or None (no aspect, an unknown one, or one of a branch)."""
    if not question.aspect:
        return None
    aspect = next((item for item in kb.c102.aspects if item.id == question.aspect), None)
    return aspect if aspect is not None and aspect.general else None


def general_answer(kb: Knowledge, aspect: Aspect, t: Translator) -> Reply:
    """The general facts of `aspect`, each with its article, and the text of C102 on NORMLEX."""
    facts = [kb.c102.general_fact(ident) for ident in aspect.facts]
    body = [told(facts[0], t)] if len(facts) == 1 else bullets(titled(fact, t) for fact in facts)
    heading = t.gettext("{aspect} under {convention}:").format(aspect=aspect.label.get(t.lang), convention=C102)
    text = compose(heading, body, normlex_link(kb, t))
    return Reply(text, context={"aspect": None}, topic=PRINCIPLES if _among_principles(kb, facts) else None)


def _among_principles(kb: Knowledge, facts: Iterable[Fact]) -> bool:
    """Whether the facts rest on an article the principles of governance and financing cite (Arts 71, 72)."""
    cited = {number for entry in kb.conventions.principles for number in _article_numbers(entry.article)}
    return any(cited & _article_numbers(fact.article) for fact in facts)


def _article_numbers(article: str | None) -> set[str]:
    """ "C102 Art. 71(3), 72(2)" -> {"71", "72"}: the articles, not their paragraphs nor the Convention's number."""
    return set(re.findall(r"(?<![\w(])(\d+)", article or ""))


def normlex_link(kb: Knowledge, t: Translator) -> str:
    return link(t.gettext(NORMLEX_TEXT), kb.conventions.get(C102).link, t)
