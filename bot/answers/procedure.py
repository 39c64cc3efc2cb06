"""How to ratify C102: the steps in order, one step in detail, what comes next, and what ratifying a
higher-standard Convention does to C102 (Art. 75)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answers.base import (
    C102,
    OWN_COUNTRY,
    Button,
    Reply,
    Topic,
    UserQuestion,
    bullets,
    compose,
    link,
    titled,
    told,
    toolkit_link,
    translator_for,
)
from bot.answers.standards import INSTRUMENT_TOPIC, higher_conventions, instrument, parts_phrase
from bot.i18n import N_, Translator
from bot.knowledge.text import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.conventions import Instrument
    from bot.knowledge.procedure import Step

HISTORICAL_STEP = "submission"  # done for every Convention soon after its adoption: long past for C102
HIGHER_CONVENTION_STEP = "higher_convention"
ENTRY_INTO_FORCE_STEP = "registration"  # registration and entry into force
#: words by which a question on entry into force is about a State's ratification ("… for a country?", "… une fois
#: ratifiée ?", "… para un Estado?")
_A_STATE = re.compile(r"ratif|\b(?:countr|states?\b|pays\b|[ée]tats?\b|pa[íi]s|estados?\b)", re.IGNORECASE)
NEXT_QUESTION = N_("What comes next?")


def procedure(kb: Knowledge, question: UserQuestion) -> Reply:
    t, steps = translator_for(question), kb.procedure.next_steps()
    past = kb.procedure.step(HISTORICAL_STEP)
    later = [_in_list(step.title.get(t.lang), t) for step in kb.procedure.steps
             if not step.next_step and step is not past]
    text = compose(
        t.gettext("How a country ratifies C102 today, step by step:"),
        bullets(_headline(step, t) for step in steps),
        t.gettext("{step}: for C102 this step lies in the past (C102 was adopted in {year}).").format(
            step=_headline(past, t), year=kb.c102.convention.adopted.year),
        t.gettext("Other events after ratification: {events}.").format(events=", ".join(later)) if later else None,
        toolkit_link(t, kb.campaign.links["toolkit"]),
    )
    first = steps[0]
    return Reply(text, (Button(first.title.get(t.lang), _about(first, t)),), {"procedure_step": None})


def _in_list(title: str, t: Translator) -> str:
    """A step's title within a sentence's list: French and Spanish lower its capital ("… : réclamations et
    plaintes, dénonciation"); English keeps its titles as they are."""
    return title if t.lang == DEFAULT_LANGUAGE else title[:1].lower() + title[1:]


def procedure_step(kb: Knowledge, question: UserQuestion) -> Reply:
    step = _step(kb, question.procedure_step)
    higher = {instrument.id: instrument for instrument in higher_conventions(kb)}
    convention = higher.get(question.convention or "")
    t = translator_for(question)
    if convention is not None and (step is None or step.id == HIGHER_CONVENTION_STEP):
        return _higher_convention(kb, convention, t)
    if step is None:
        return procedure(kb, question)
    if _in_force_of_the_convention(step, question):
        return replace(instrument(kb, question), topic=INSTRUMENT_TOPIC)
    return Reply(compose(_details(step, t), _c102_in_force(kb, step, t), _then(kb, step, t),
                         toolkit_link(t, kb.campaign.links["toolkit"])),
                 _next_button(kb, step, t), {"procedure_step": step.id})


def _in_force_of_the_convention(step: Step, question: UserQuestion) -> bool:
    """Whether a question on entry into force asks when a named Convention itself came into force ("when did
    convention 102 come into force?", "la c102 est entrée en vigueur quand"), which its summary's dates answer,
    rather than when it applies to a State that ratifies ("from when does C102 apply to us once we ratify?")."""
    return (step.id == ENTRY_INTO_FORCE_STEP and question.convention is not None
            and not OWN_COUNTRY.search(question.text) and not _A_STATE.search(question.text))


def _c102_in_force(kb: Knowledge, step: Step, t: Translator) -> str | None:
    """On entry into force for a State, the date C102 itself came into force: "when did C102 enter into force?"
    asks either."""
    in_force = kb.conventions.get(C102).in_force
    if step.id != ENTRY_INTO_FORCE_STEP or in_force is None:
        return None
    return t.gettext("C102 itself has been in force since {day}.").format(day=t.format_day(in_force))


def next_step(kb: Knowledge, question: UserQuestion) -> Reply:
    """The step after the last one discussed (the first step of the path when none was)."""
    t, current = translator_for(question), _step(kb, question.procedure_step)
    if current is None:
        step = kb.procedure.next_steps()[0]
        lead = t.gettext("The first step for a country considering C102 today:")
    else:
        following = kb.procedure.after(current.id)
        title = current.title.get(t.lang)
        if following is None:
            text = compose(t.gettext("{step} is the last step on my list.").format(step=title),
                           titled(kb.campaign.technical_assistance, t),
                           link(t.gettext("Contact"), kb.campaign.contact_email, t))
            return Reply(text, context={"procedure_step": current.id})
        step, lead = following, t.gettext("After {step}:").format(step=title.lower())
    return Reply(compose(lead, _details(step, t), _then(kb, step, t)), _next_button(kb, step, t),
                 {"procedure_step": step.id})


# -- parts of the answers -----------------------------------------------------------------------------------------
def _step(kb: Knowledge, ident: str | None) -> Step | None:
    try:
        return kb.procedure.step(ident) if ident else None
    except KeyError:
        return None


def _headline(step: Step, t: Translator) -> str:
    title = step.title.get(t.lang)
    return f"{title} ({t.article(step.basis)})" if step.basis else title


def _details(step: Step, t: Translator) -> str:
    deadline = t.gettext("Deadline: {deadline}").format(deadline=step.deadline.get(t.lang)) if step.deadline else None
    points = bullets(told(point, t) for point in step.points)
    return compose(titled(step, t), deadline, points)


def _then(kb: Knowledge, step: Step, t: Translator) -> str | None:
    following = kb.procedure.after(step.id)
    return t.gettext("Then: {step}.").format(step=following.title.get(t.lang)) if following else None


def _about(step: Step, t: Translator) -> str:
    """A question naming the step: by its first name in English (a word users type), by its title otherwise."""
    name = step.names[0] if t.lang == DEFAULT_LANGUAGE else step.title.get(t.lang).lower()
    return t.gettext("Tell me about {step}").format(step=name)


def _next_button(kb: Knowledge, step: Step, t: Translator) -> tuple[Button, ...]:
    return (Button(t.gettext(NEXT_QUESTION), t.gettext(NEXT_QUESTION)),) if kb.procedure.after(step.id) else ()


def _higher_convention(kb: Knowledge, convention: Instrument, t: Translator) -> Reply:
    """What ratifying `convention` does to C102 (C102 Art. 75), worded as far as the KB's verified flags allow."""
    mechanism = kb.procedure.step(HIGHER_CONVENTION_STEP)
    effect = convention.effect_on_c102
    assert effect is not None  # higher_conventions() keeps only those with an effect
    heading = t.gettext("What ratifying {id} ({title}) does to C102 {parts}:").format(
        id=convention.id, title=convention.full_title_in(t.lang), parts=parts_phrase(effect.c102_parts, t))
    text = compose(heading, told(effect, t), titled(mechanism, t), link("NORMLEX", convention.link, t))
    return Reply(text, context={"procedure_step": mechanism.id, "convention": convention.id})


TOPICS = (
    Topic("procedure", procedure, N_("How a country ratifies C102")),
    Topic("procedure_step", procedure_step, N_("One step of the ratification procedure"),
          about=("procedure_step", "convention"), opened_by=("procedure_step",)),
    Topic("next_step", next_step, N_("The next step of the ratification procedure"),
          narrowed_by=(("aspect", "requirement"),)),
)
