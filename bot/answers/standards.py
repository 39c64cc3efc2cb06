"""The standards themselves: an instrument, how it goes beyond C102, the list of instruments, the nine branches,
C102's flexibility and Article 3, the social protection floor (R202), Conventions vs Recommendations, and the
governance and financing principles."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from bot.answers.base import (
    C102,
    ENGLISH,
    HOW_TO_RATIFY_QUESTION,
    REQUIREMENT_QUESTION,
    Button,
    Reply,
    Topic,
    UserQuestion,
    bullets,
    cite,
    compose,
    eligibility_button,
    labelled,
    link,
    titled,
    told,
    toolkit_link,
    translator_for,
)
from bot.answers.general import GOVERNANCE, general_answer, general_aspect
from bot.i18n import N_, Translator
from bot.knowledge.c102 import join_words
from bot.render.instrument import article2_answer

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import Part
    from bot.knowledge.conventions import Instrument

R202 = "R202"
INSTRUMENT_TOPIC = "instrument"  # what a social security Convention or Recommendation says
BEYOND_TOPIC = "instrument_beyond"  # how a later Convention goes beyond C102
CONTRAST_TOPIC = "convention_vs_recommendation"  # how a Convention differs from a Recommendation
FLEXIBILITY_TOPIC = "flexibility"  # how many Parts a country must accept (and whether the Parts named are enough)
MAX_KEY_FIGURES = 3  # an overview, not the whole table: the branch answers give the rest
#: The general C102 facts that make up its flexibility, in the order they are told.
FLEXIBILITY_FACTS = ("art2_minimum_parts", "art3_declaration", "art4_further_parts")
BEYOND_QUESTION = N_("How does {convention} go beyond C102?")
#: "…: a Convention adopted on 28 June 1952, in force since …", by kind (the gender differs in French and Spanish)
_ADOPTED = {"convention": N_("{title}: a Convention adopted on {adopted}{in_force}."),
            "recommendation": N_("{title}: a Recommendation adopted on {adopted}{in_force}.")}
_OF_YEAR = {"convention": N_("{title}: a Convention of {year}."),
            "recommendation": N_("{title}: a Recommendation of {year}.")}


def part_label(part: Part, t: Translator = ENGLISH) -> str:
    """ "Part V — Old-age benefit"."""
    return t.gettext("Part {numeral} — {title}").format(numeral=part.numeral, title=part.title.get(t.lang))


def parts_phrase(numerals: tuple[str, ...], t: Translator = ENGLISH) -> str:
    """("VI",) -> "Part VI"; ("IX", "V", "X") -> "Parts IX, V and X"."""
    return t.ngettext("Part {numerals}", "Parts {numerals}", len(numerals)).format(
        numerals=join_words(numerals, "and", t.lang))


def articles(numbers: tuple[str, ...], t: Translator) -> str:
    """("21(c)",) -> "Art. 21(c)"; ("9(d)", "12(2)") -> "Arts 9(d), 12(2)"."""
    return t.ngettext("Art. {numbers}", "Arts {numbers}", len(numbers)).format(numbers=", ".join(numbers))


def part_articles(part: Part, t: Translator) -> str:
    """ "Part V — Old-age benefit (Arts 25-30)"."""
    return t.gettext("{label} (Arts {articles})").format(label=part_label(part, t), articles=part.articles)


#: the branch Parts listed in a message ("Parts II, V and VI", "partes IV a VI"), and "is that enough?"
_NUMERAL = re.compile(r"\b[IVX]+\b")
_BRANCH_NUMERALS = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_RANGE = re.compile(r"(?i:\bto\b|\bà\b|\ba\b|-|–)")
_PARTS_LISTED = re.compile(r"(?i:\b(?:parts?|parties?|partes?)\b)"
                           r"((?:[\s,;&]*(?:(?i:and|et|y|e|to|à|a|-|–)\s*)?[IVX]+\b)+)")
_ENOUGH = re.compile(r"\b(?:enough|sufficient|suffice|suffices|assez|suffit|suffisant|suffisantes?|suficientes?|basta|"
                     r"bastan|alcanza|alcanzan)\b", re.IGNORECASE)
#: an instrument's number as people write it: "C999", "R 210"; the NLU recognises the instruments of the knowledge
#: base only, so an unknown one is read here, to say that it is unknown rather than describe C102
_INSTRUMENT_NUMBER = re.compile(r"\b([CR])\s?(\d{2,3})\b", re.IGNORECASE)


def find_instrument(kb: Knowledge, question: UserQuestion) -> Instrument | Reply:
    """The instrument asked about (C102 when none is named), or an answer saying it is not in the records."""
    named = {f"{letter.upper()}{digits}" for letter, digits in _INSTRUMENT_NUMBER.findall(question.text)}
    known = {instrument.id for instrument in kb.conventions.instruments}
    ident = min(named - known, default=None) or question.convention or C102
    try:
        return kb.conventions.get(ident)
    except KeyError:
        text = translator_for(question).gettext("I have no record of {ident}. The instruments I know: {known}.")
        listed = ", ".join(instrument.id for instrument in kb.conventions.instruments)
        return Reply(text.format(ident=ident, known=listed), context={"convention": None})


def higher_conventions(kb: Knowledge) -> tuple[Instrument, ...]:
    """The Conventions that can take the place of C102 Parts (C102 Art. 75): those with an `effect_on_c102`."""
    return tuple(instrument for instrument in kb.conventions.instruments if instrument.effect_on_c102)


def _dated_title(instrument: Instrument, t: Translator) -> str:
    dates, title = instrument.dates, instrument.full_title_in(t.lang)
    if dates is None or dates.adopted is None:
        return t.gettext(_OF_YEAR[instrument.kind]).format(title=title, year=instrument.year)
    in_force = t.gettext(", in force since {day}").format(day=t.format_day(dates.in_force)) if dates.in_force else ""
    adopted = t.format_day(dates.adopted)
    text = t.gettext(_ADOPTED[instrument.kind]).format(title=title, adopted=adopted, in_force=in_force)
    return cite(text, None, dates.verified, t)


def instrument(kb: Knowledge, question: UserQuestion) -> Reply:
    found = find_instrument(kb, question)
    if isinstance(found, Reply):
        return found
    t = translator_for(question)
    figures = [told(fact, t) for fact in found.key_figures[:MAX_KEY_FIGURES]]
    text = compose(_dated_title(found, t), told(found.covers, t), bullets(figures),
                   told(found.status_note, t) if found.status_note else None, link("NORMLEX", found.link, t))
    buttons: tuple[Button, ...] = ()
    if found.id == C102:
        old_age = kb.c102.part("old_age").title.get(t.lang).lower()
        buttons = (Button(t.gettext("Requirements per branch"), t.gettext(REQUIREMENT_QUESTION).format(branch=old_age)),
                   Button(t.gettext("How to ratify"), t.gettext(HOW_TO_RATIFY_QUESTION)),
                   eligibility_button(t))
    return Reply(text, buttons, {"convention": found.id})


def instrument_beyond(kb: Knowledge, question: UserQuestion) -> Reply:
    found = find_instrument(kb, question)
    if isinstance(found, Reply):
        return found
    t, context = translator_for(question), {"convention": found.id}
    title = found.full_title_in(t.lang)
    if found.id == C102:
        higher = higher_conventions(kb)
        lines = [f"{other.id} {other.title.get(t.lang)} ({other.year}): C102 {parts_phrase(other.c102_parts, t)}"
                 for other in higher]
        text = compose(t.gettext("{title} is the baseline: the minimum standards that the higher-standard "
                                 "Conventions build on, branch by branch:").format(title=title),
                       bullets(lines), link("NORMLEX", found.link, t))
        buttons = tuple(Button(other.id, t.gettext(BEYOND_QUESTION).format(convention=other.id)) for other in higher)
        return Reply(text, buttons, context)
    if not found.beyond_c102:
        text = t.gettext("My sources do not compare {title} with C102.").format(title=title)
        return Reply(compose(text, link("NORMLEX", found.link, t)), context=context)
    effect = found.effect_on_c102
    text = compose(t.gettext("How {title} goes beyond C102:").format(title=title),
                   bullets(told(fact, t) for fact in found.beyond_c102),
                   titled(effect, t, t.gettext("Effect on C102")) if effect else None, link("NORMLEX", found.link, t))
    return Reply(text, context=context)


def instruments_list(kb: Knowledge, question: UserQuestion) -> Reply:
    t, core = translator_for(question), kb.conventions.core()
    others = [instrument for instrument in kb.conventions.instruments if instrument not in core]
    also = ", ".join(other.full_title_in(t.lang) for other in others)
    text = compose(t.gettext("The ILO social security standards in my records:"),
                   bullets(labelled(instrument.id, instrument.full_title_in(t.lang), t) for instrument in core),
                   t.gettext("Also, for history and seafarers: {titles}.").format(titles=also) if others else None,
                   toolkit_link(t, kb.campaign.links["toolkit"]))
    return Reply(text)


def requirement_button(part: Part, t: Translator) -> Button:
    title = part.title.get(t.lang)
    return Button(title, t.gettext(REQUIREMENT_QUESTION).format(branch=title.lower()))


def branches(kb: Knowledge, question: UserQuestion) -> Reply:
    t, parts = translator_for(question), kb.c102.parts
    lines = [part_articles(part, t) for part in parts]
    heading = t.ngettext("C102 sets minimum standards for {count} branch of social security, in its own Part:",
                         "C102 sets minimum standards for {count} branches of social security, each in its own Part:",
                         len(parts)).format(count=len(parts))
    text = compose(heading, bullets(lines), told(kb.c102.general_fact("art2_minimum_parts"), t))
    return Reply(text, tuple(requirement_button(part, t) for part in parts))


def flexibility(kb: Knowledge, question: UserQuestion) -> Reply:
    """How many Parts a country must accept; for Parts named ("we'd accept Parts II, V and VI"), whether they are
    enough."""
    t, facts = translator_for(question), [kb.c102.general_fact(ident) for ident in FLEXIBILITY_FACTS]
    named = parts_named(question.text)
    verdict = article2_answer(kb.c102, named, t) if named else None
    text = compose(verdict, t.gettext("C102 lets a country start where its system stands and build up:"),
                   bullets(titled(fact, t) for fact in facts), toolkit_link(t, kb.campaign.links["toolkit"]))
    return Reply(text)


def parts_named(text: str) -> tuple[str, ...]:
    """The numerals of the branch Parts a message lists after "Part(s)" ("Parts II, V and VI", "partes III y V",
    "Parts II to V"), in the Convention's order."""
    named: set[str] = set()
    for listed in _PARTS_LISTED.findall(text):
        numerals = _NUMERAL.findall(listed)
        for first, last in itertools.pairwise(numerals):  # "II to V": III and IV too
            if _RANGE.search(listed.split(first, 1)[1].split(last, 1)[0]):
                named |= set(_BRANCH_NUMERALS[_index(first):_index(last) + 1])
        named |= set(numerals)
    return tuple(numeral for numeral in _BRANCH_NUMERALS if numeral in named)


def _index(numeral: str) -> int:
    return _BRANCH_NUMERALS.index(numeral) if numeral in _BRANCH_NUMERALS else 0


def asks_if_enough(text: str) -> bool:
    """Whether a message asks if something is enough ("is that enough to ratify?", "¿basta con eso?")."""
    return bool(_ENOUGH.search(text))


def article3(kb: Knowledge, question: UserQuestion) -> Reply:
    t, declaration = translator_for(question), kb.c102.general_fact("art3_declaration")
    lines = [labelled(part_label(part, t), articles(part.article3_exceptions, t), t)
             for part in kb.c102.parts if part.article3_exceptions]
    text = compose(titled(declaration, t), t.gettext("The exceptions, Part by Part:"), bullets(lines),
                   toolkit_link(t, kb.campaign.links["toolkit"]))
    return Reply(text)


def floor(kb: Knowledge, question: UserQuestion) -> Reply:
    t, conventions = translator_for(question), kb.conventions
    r202 = conventions.get(R202)
    guarantees = conventions.floor_guarantees
    heading = t.ngettext("{title} asks each country for a social protection floor of {count} basic guarantee:",
                         "{title} asks each country for a social protection floor of {count} basic guarantees:",
                         len(guarantees)).format(title=r202.full_title_in(t.lang), count=len(guarantees))
    compared = t.gettext("Compared with C102")
    text = compose(heading, bullets(titled(item, t) for item in guarantees), told(conventions.floor_level, t),
                   *(titled(fact, t, compared) for fact in r202.beyond_c102), link("NORMLEX", r202.link, t))
    return Reply(text, context={"convention": R202})


def convention_vs_recommendation(kb: Knowledge, question: UserQuestion) -> Reply:
    t, entries = translator_for(question), kb.conventions.convention_vs_recommendation
    return Reply(compose(bullets(titled(entry, t) for entry in entries)))


def principles(kb: Knowledge, question: UserQuestion) -> Reply:
    aspect = general_aspect(kb, question)  # "is there a right of appeal?": that rule, not the whole list
    t = translator_for(question)
    if aspect is not None and aspect.id != GOVERNANCE:
        return general_answer(kb, aspect, t)
    entries = kb.conventions.principles
    text = compose(t.gettext("The governance and financing principles of C102 and ILO guidance:"),
                   bullets(titled(entry, t) for entry in entries), toolkit_link(t, kb.campaign.links["toolkit"]))
    return Reply(text)


TOPICS = (
    Topic(INSTRUMENT_TOPIC, instrument, N_("What a social security Convention or Recommendation says"),
          about=("convention",), opened_by=("convention",),
          narrowed_by=(("branch", "requirement"), ("aspect", "requirement"), ("country", "ratification_status"),
                       ("procedure_step", "procedure_step"))),
    Topic(BEYOND_TOPIC, instrument_beyond, N_("How a later Convention goes beyond C102"), about=("convention",)),
    Topic("instruments_list", instruments_list, N_("Which ILO social security standards there are")),
    Topic("branches", branches, N_("Which branches of social security C102 covers"), instrument=C102,
          narrowed_by=(("branch", "requirement"), ("aspect", "requirement"), ("country", "parts_accepted"))),
    Topic(FLEXIBILITY_TOPIC, flexibility, N_("How many Parts of C102 a country must accept"), instrument=C102),
    Topic("article3", article3, N_("The temporary exceptions of Article 3"), instrument=C102,
          narrowed_by=(("country", "ratification_status"),)),
    Topic("floor", floor, N_("What a social protection floor is (R202)"), instrument=R202),
    Topic(CONTRAST_TOPIC, convention_vs_recommendation,
          N_("How a Convention differs from a Recommendation")),
    Topic("principles", principles, N_("The governance and financing principles of C102"), instrument=C102,
          narrowed_by=(("branch", "requirement"),)),
)
