"""The C102 rules that hold for every branch, asked about by their aspect: suspension (Art. 69), appeal (Art. 70),
financing (Art. 71), participation (Art. 72), seafarers (Art. 77)...

Each general aspect of c102.yml lists the general facts that answer it. The requirement and the principles topics
both reach these answers ("can benefits be suspended?" may be read as either); the answer clears the aspect, so
that a later question is not taken for a follow-up on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.base import C102, Reply, UserQuestion, bullets, compose, link, titled

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import Aspect


def general_aspect(kb: Knowledge, question: UserQuestion) -> Aspect | None:
    """The general aspect the question names, or None (no aspect, an unknown one, or one of a branch)."""
    if not question.aspect:
        return None
    aspect = next((item for item in kb.c102.aspects if item.id == question.aspect), None)
    return aspect if aspect is not None and aspect.general else None


def general_answer(kb: Knowledge, aspect: Aspect) -> Reply:
    """The general facts of `aspect`, each with its article, and the text of C102 on NORMLEX."""
    facts = [kb.c102.general_fact(ident) for ident in aspect.facts]
    body = [facts[0].cite()] if len(facts) == 1 else bullets(titled(fact) for fact in facts)
    text = compose(f"{aspect.label} under {C102}:", body,
                   link("Text of C102 on NORMLEX", kb.conventions.get(C102).link))
    return Reply(text, context={"aspect": None})
