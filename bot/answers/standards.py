"""The standards themselves: an instrument, how it goes beyond C102, the list of instruments, the nine branches,
C102's flexibility and Article 3, the social protection floor (R202), Conventions vs Recommendations, and the
governance and financing principles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.base import (
    C102,
    ELIGIBILITY_QUESTION,
    HOW_TO_RATIFY_QUESTION,
    REQUIREMENT_QUESTION,
    Button,
    Reply,
    Topic,
    UserQuestion,
    bullets,
    cite,
    compose,
    format_date,
    link,
    titled,
)
from bot.answers.general import general_answer, general_aspect
from bot.knowledge.c102 import join_words

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import Part
    from bot.knowledge.conventions import Instrument

R202 = "R202"
MAX_KEY_FIGURES = 3  # an overview, not the whole table: the branch answers give the rest
#: The general C102 facts that make up its flexibility, in the order they are told.
FLEXIBILITY_FACTS = ("art2_minimum_parts", "art3_declaration", "art4_further_parts")
BEYOND_QUESTION = "How does {convention} go beyond C102?"


def part_label(part: Part) -> str:
    """ "Part V — Old-age benefit"."""
    return f"Part {part.numeral} — {part.title}"


def parts_phrase(numerals: tuple[str, ...]) -> str:
    """("VI",) -> "Part VI"; ("IX", "V", "X") -> "Parts IX, V and X"."""
    return f"Part{'s' if len(numerals) > 1 else ''} {join_words(numerals, 'and')}"


def articles(numbers: tuple[str, ...]) -> str:
    """("21(c)",) -> "Art. 21(c)"; ("9(d)", "12(2)") -> "Arts 9(d), 12(2)"."""
    return f"Art. {numbers[0]}" if len(numbers) == 1 else f"Arts {', '.join(numbers)}"


def find_instrument(kb: Knowledge, question: UserQuestion) -> Instrument | Reply:
    """The instrument asked about (C102 when none is named), or an answer saying it is not in the records."""
    ident = question.convention or C102
    try:
        return kb.conventions.get(ident)
    except KeyError:
        known = ", ".join(instrument.id for instrument in kb.conventions.instruments)
        return Reply(f"I have no record of {ident}. The instruments I know: {known}.", context={"convention": None})


def higher_conventions(kb: Knowledge) -> tuple[Instrument, ...]:
    """The Conventions that can take the place of C102 Parts (C102 Art. 75): those with an `effect_on_c102`."""
    return tuple(instrument for instrument in kb.conventions.instruments if instrument.effect_on_c102)


def _dated_title(instrument: Instrument) -> str:
    kind, dates = instrument.kind.capitalize(), instrument.dates
    if dates is None or dates.adopted is None:
        return f"{instrument.full_title}: a {kind} of {instrument.year}."
    in_force = f", in force since {format_date(dates.in_force)}" if dates.in_force else ""
    return cite(f"{instrument.full_title}: a {kind} adopted on {format_date(dates.adopted)}{in_force}.", None,
                dates.verified)


def instrument(kb: Knowledge, question: UserQuestion) -> Reply:
    found = find_instrument(kb, question)
    if isinstance(found, Reply):
        return found
    figures = [fact.cite() for fact in found.key_figures[:MAX_KEY_FIGURES]]
    text = compose(_dated_title(found), found.covers.cite(), bullets(figures),
                   found.status_note.cite() if found.status_note else None, link("NORMLEX", found.link))
    buttons: tuple[Button, ...] = ()
    if found.id == C102:
        old_age = kb.c102.part("old_age").title.lower()
        buttons = (Button("Requirements per branch", REQUIREMENT_QUESTION.format(branch=old_age)),
                   Button("How to ratify", HOW_TO_RATIFY_QUESTION),
                   Button("Check my country's eligibility", ELIGIBILITY_QUESTION))
    return Reply(text, buttons, {"convention": found.id})


def instrument_beyond(kb: Knowledge, question: UserQuestion) -> Reply:
    found = find_instrument(kb, question)
    if isinstance(found, Reply):
        return found
    context = {"convention": found.id}
    if found.id == C102:
        higher = higher_conventions(kb)
        lines = [f"{other.id} {other.title} ({other.year}): C102 {parts_phrase(other.c102_parts)}" for other in higher]
        text = compose(f"{found.full_title} is the baseline: the minimum standards that the higher-standard "
                       "Conventions build on, branch by branch:", bullets(lines), link("NORMLEX", found.link))
        buttons = tuple(Button(other.id, BEYOND_QUESTION.format(convention=other.id)) for other in higher)
        return Reply(text, buttons, context)
    if not found.beyond_c102:
        return Reply(compose(f"My sources do not compare {found.full_title} with C102.", link("NORMLEX", found.link)),
                      context=context)
    effect = found.effect_on_c102
    text = compose(f"How {found.full_title} goes beyond C102:", bullets(fact.cite() for fact in found.beyond_c102),
                   titled(effect, "Effect on C102") if effect else None, link("NORMLEX", found.link))
    return Reply(text, context=context)


def instruments_list(kb: Knowledge, question: UserQuestion) -> Reply:
    core = kb.conventions.core()
    others = [instrument for instrument in kb.conventions.instruments if instrument not in core]
    text = compose("The ILO social security standards in my records:",
                   bullets(f"{instrument.id}: {instrument.full_title}" for instrument in core),
                   f"Also, for history and seafarers: {', '.join(other.full_title for other in others)}."
                   if others else None,
                   link("ILO toolkit", kb.campaign.links["toolkit"]))
    return Reply(text)


def branches(kb: Knowledge, question: UserQuestion) -> Reply:
    parts = kb.c102.parts
    lines = [f"{part_label(part)} (Arts {part.articles})" for part in parts]
    text = compose(f"C102 sets minimum standards for {len(parts)} branches of social security, each in its own Part:",
                   bullets(lines), kb.c102.general_fact("art2_minimum_parts").cite())
    buttons = tuple(Button(part.title, REQUIREMENT_QUESTION.format(branch=part.title.lower())) for part in parts)
    return Reply(text, buttons)


def flexibility(kb: Knowledge, question: UserQuestion) -> Reply:
    facts = [kb.c102.general_fact(ident) for ident in FLEXIBILITY_FACTS]
    text = compose("C102 lets a country start where its system stands and build up:",
                   bullets(titled(fact) for fact in facts), link("ILO toolkit", kb.campaign.links["toolkit"]))
    return Reply(text)


def article3(kb: Knowledge, question: UserQuestion) -> Reply:
    declaration = kb.c102.general_fact("art3_declaration")
    lines = [f"{part_label(part)}: {articles(part.article3_exceptions)}"
             for part in kb.c102.parts if part.article3_exceptions]
    text = compose(titled(declaration), "The exceptions, Part by Part:", bullets(lines),
                   link("ILO toolkit", kb.campaign.links["toolkit"]))
    return Reply(text)


def floor(kb: Knowledge, question: UserQuestion) -> Reply:
    conventions = kb.conventions
    r202 = conventions.get(R202)
    guarantees = conventions.floor_guarantees
    text = compose(f"{r202.full_title} asks each country for a social protection floor of {len(guarantees)} "
                   "basic guarantees:", bullets(titled(item) for item in guarantees),
                   conventions.floor_level.cite(), *(titled(fact, "Compared with C102") for fact in r202.beyond_c102),
                   link("NORMLEX", r202.link))
    return Reply(text, context={"convention": R202})


def convention_vs_recommendation(kb: Knowledge, question: UserQuestion) -> Reply:
    entries = kb.conventions.convention_vs_recommendation
    return Reply(compose(bullets(titled(entry) for entry in entries)))


def principles(kb: Knowledge, question: UserQuestion) -> Reply:
    aspect = general_aspect(kb, question)  # "is there a right of appeal?": that rule, not the whole list
    if aspect is not None:
        return general_answer(kb, aspect)
    entries = kb.conventions.principles
    text = compose("The governance and financing principles of C102 and ILO guidance:",
                   bullets(titled(entry) for entry in entries),
                   link("ILO toolkit", kb.campaign.links["toolkit"]))
    return Reply(text)


TOPICS = (
    Topic("instrument", instrument, "What a social security Convention or Recommendation says", about=("convention",),
          opened_by=("convention",)),
    Topic("instrument_beyond", instrument_beyond, "How a later Convention goes beyond C102", about=("convention",)),
    Topic("instruments_list", instruments_list, "Which ILO social security standards there are"),
    Topic("branches", branches, "Which branches of social security C102 covers"),
    Topic("flexibility", flexibility, "How many Parts of C102 a country must accept"),
    Topic("article3", article3, "The temporary exceptions of Article 3"),
    Topic("floor", floor, "What a social protection floor is (R202)"),
    Topic("convention_vs_recommendation", convention_vs_recommendation,
          "How a Convention differs from a Recommendation"),
    Topic("principles", principles, "The governance and financing principles of C102"),
)
