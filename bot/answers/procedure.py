"""How to ratify C102: the steps in order, one step in detail, what comes next, and what ratifying a
higher-standard Convention does to C102 (Art. 75)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.base import Button, Reply, Topic, UserQuestion, bullets, compose, link, titled
from bot.answers.standards import higher_conventions, parts_phrase

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.conventions import Instrument
    from bot.knowledge.procedure import Step

HISTORICAL_STEP = "submission"  # done for every Convention soon after its adoption: long past for C102
HIGHER_CONVENTION_STEP = "higher_convention"
NEXT_QUESTION = "What comes next?"


def procedure(kb: Knowledge, question: UserQuestion) -> Reply:
    steps = kb.procedure.next_steps()
    past = kb.procedure.step(HISTORICAL_STEP)
    later = [step.title for step in kb.procedure.steps if not step.next_step and step is not past]
    text = compose(
        "How a country ratifies C102 today, step by step:",
        bullets(_headline(step) for step in steps),
        f"{_headline(past)}: for C102 this step lies in the past (C102 was adopted in "
        f"{kb.c102.convention.adopted.year}).",
        f"Other events after ratification: {', '.join(later)}." if later else None,
        link("ILO toolkit", kb.campaign.links["toolkit"]),
    )
    first = steps[0]
    return Reply(text, (Button(first.title, _about(first)),), {"procedure_step": None})


def procedure_step(kb: Knowledge, question: UserQuestion) -> Reply:
    step = _step(kb, question.procedure_step)
    higher = {instrument.id: instrument for instrument in higher_conventions(kb)}
    convention = higher.get(question.convention or "")
    if convention is not None and (step is None or step.id == HIGHER_CONVENTION_STEP):
        return _higher_convention(kb, convention)
    if step is None:
        return procedure(kb, question)
    return Reply(compose(_details(step), _then(kb, step), link("ILO toolkit", kb.campaign.links["toolkit"])),
                  _next_button(kb, step), {"procedure_step": step.id})


def next_step(kb: Knowledge, question: UserQuestion) -> Reply:
    """The step after the last one discussed (the first step of the path when none was)."""
    current = _step(kb, question.procedure_step)
    if current is None:
        step = kb.procedure.next_steps()[0]
        lead = "The first step for a country considering C102 today:"
    else:
        following = kb.procedure.after(current.id)
        if following is None:
            text = compose(f"{current.title} is the last step on my list.",
                           titled(kb.campaign.technical_assistance),
                           link("Contact", kb.campaign.contact_email))
            return Reply(text, context={"procedure_step": current.id})
        step, lead = following, f"After {current.title.lower()}:"
    return Reply(compose(lead, _details(step), _then(kb, step)), _next_button(kb, step), {"procedure_step": step.id})


# -- parts of the answers -----------------------------------------------------------------------------------------
def _step(kb: Knowledge, ident: str | None) -> Step | None:
    try:
        return kb.procedure.step(ident) if ident else None
    except KeyError:
        return None


def _headline(step: Step) -> str:
    return f"{step.title} ({step.basis})" if step.basis else step.title


def _details(step: Step) -> str:
    deadline = f"Deadline: {step.deadline}" if step.deadline else None
    return compose(f"{step.title}: {step.cite()}", deadline, bullets(point.cite() for point in step.points))


def _then(kb: Knowledge, step: Step) -> str | None:
    following = kb.procedure.after(step.id)
    return f"Then: {following.title}." if following else None


def _about(step: Step) -> str:
    return f"Tell me about {step.names[0]}"


def _next_button(kb: Knowledge, step: Step) -> tuple[Button, ...]:
    return (Button("What comes next?", NEXT_QUESTION),) if kb.procedure.after(step.id) else ()


def _higher_convention(kb: Knowledge, convention: Instrument) -> Reply:
    """What ratifying `convention` does to C102 (C102 Art. 75), worded as far as the KB's verified flags allow."""
    mechanism = kb.procedure.step(HIGHER_CONVENTION_STEP)
    effect = convention.effect_on_c102
    assert effect is not None  # higher_conventions() keeps only those with an effect
    text = compose(f"What ratifying {convention.id} ({convention.full_title}) does to C102 "
                   f"{parts_phrase(effect.c102_parts)}:", effect.cite(),
                   titled(mechanism), link("NORMLEX", convention.link))
    return Reply(text, context={"procedure_step": mechanism.id, "convention": convention.id})


TOPICS = (
    Topic("procedure", procedure, "How a country ratifies C102"),
    Topic("procedure_step", procedure_step, "One step of the ratification procedure",
          about=("procedure_step", "convention"), opened_by=("procedure_step",)),
    Topic("next_step", next_step, "The next step of the ratification procedure"),
)
