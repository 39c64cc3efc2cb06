"""What C102 requires for a branch: one aspect (coverage, rate, qualifying period...), or the branch's main figures.

An aspect's answer is the KB fact for it; the summary of a branch is built from the Part's checks (the same
figures the eligibility engine uses), one templated line per check, each with its article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.answers.base import (
    C102,
    REQUIREMENT_QUESTION,
    Button,
    Reply,
    Topic,
    UserQuestion,
    bullets,
    cite,
    compose,
    labelled,
    told,
    translator_for,
)
from bot.answers.general import general_answer, normlex_link
from bot.answers.standards import articles, part_articles, part_label
from bot.i18n import N_, Translator
from bot.knowledge.c102 import (
    AgeRule,
    CoverageRule,
    DurationRule,
    FamilyValueRule,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    ThroughoutRule,
    WaitingRule,
)
from bot.render.words import period

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import C102 as Convention
    from bot.knowledge.c102 import Aspect, Part, Rule

ASPECT_QUESTION = N_("What is the {aspect} for {branch} under C102?")
CONTENT = "content"  # the aspect of what the care must include (Arts 10, 34-35, 49): part of a branch's summary
CONTINGENCY = "contingency"  # the event a branch covers: what "how does C102 define <branch>?" asks for
# "define", "definition" in English, French and Spanish: with a branch and no aspect, they ask for its contingency
_DEFINES = re.compile(r"\b(?:define[sd]?|definition|définit|définie?s?|définition|definen?|definición)\b",
                      re.IGNORECASE)


# -- one line per check (templates around the Part's figures) ------------------------------------------------------
def _coverage(rule: CoverageRule, c102: Convention, t: Translator) -> str:
    options = t.semicolon.join(c102.coverage_basis(basis).option(letter, t.lang)
                               for basis, letter in rule.bases.items())
    return t.gettext("one of {options}").format(options=options)


def _rate(rule: RateRule, c102: Convention, t: Translator) -> str:
    row = rule.row
    text = t.gettext("{percent} of the reference wage for {beneficiary} ({contingency})")
    return text.format(percent=t.percent(row.percent), beneficiary=row.beneficiary.get(t.lang),
                       contingency=row.contingency.get(t.lang))


def _duration(rule: DurationRule, c102: Convention, t: Translator) -> str:
    line = t.gettext("may be limited, but not below {weeks}").format(weeks=period(t, rule.min_weeks, "weeks"))
    if rule.means_tested_min_weeks is not None:
        line += t.gettext(" ({weeks} for means-tested residents)").format(
            weeks=period(t, rule.means_tested_min_weeks, "weeks"))
    if rule.article3 is not None:
        line += t.gettext("; {weeks} under {article} with an Article 3 declaration").format(
            weeks=period(t, rule.article3.amount, "weeks"), article=articles((rule.article3.article,), t))
    return line


def _throughout(rule: ThroughoutRule, c102: Convention, t: Translator) -> str:
    return t.gettext("paid for as long as the contingency lasts")


def _waiting(rule: WaitingRule, c102: Convention, t: Translator) -> str:
    days = period(t, rule.max_days, "days")
    if rule.only_with_duration_limit:
        return t.gettext("at most {days}, and only where the duration is limited").format(days=days)
    return t.gettext("at most {days}").format(days=days)


def _qualifying(rule: QualifyingRule, c102: Convention, t: Translator) -> str:
    if rule.max == 0:
        return t.gettext("none")
    span = period(t, rule.max, rule.unit)
    if rule.residence_max:
        return t.gettext("at most {span} of contribution or employment, or {residence} of residence").format(
            span=span, residence=period(t, rule.residence_max, rule.unit))
    return t.gettext("at most {span} of contribution or employment").format(span=span)


def _reduced(rule: ReducedBenefitRule, c102: Convention, t: Translator) -> str:
    return t.gettext("after at most {years} of contribution or employment").format(
        years=period(t, rule.max_years, "years"))


def _age(rule: AgeRule, c102: Convention, t: Translator) -> str:
    return t.gettext("{age} at most, unless set higher with regard to the working ability of elderly people").format(
        age=t.number(rule.max_age))


def _family_value(rule: FamilyValueRule, c102: Convention, t: Translator) -> str:
    variant = rule.all_residents
    return t.gettext("at least {percent} of an ordinary adult male labourer's wage per child of the "
                     "persons protected, or {residents} per child of all residents under {article}").format(
        percent=t.percent(rule.min_percent), residents=t.percent(variant.amount),
        article=articles((variant.article,), t))


#: each kind of check: its label and the function writing its figures
_CHECK_LINES: dict[type, tuple[str, Callable[..., str]]] = {
    CoverageRule: (N_("Who must be covered"), _coverage), RateRule: (N_("Minimum rate (Schedule)"), _rate),
    DurationRule: (N_("Duration"), _duration), ThroughoutRule: (N_("Duration"), _throughout),
    WaitingRule: (N_("Waiting period"), _waiting), QualifyingRule: (N_("Qualifying period"), _qualifying),
    ReducedBenefitRule: (N_("Reduced benefit"), _reduced), AgeRule: (N_("Pensionable age"), _age),
    FamilyValueRule: (N_("Total value"), _family_value),
}


def check_line(rule: Rule, c102: Convention, t: Translator) -> str:
    """One check as "label: figure (C102 Art. n)", with the caveat when our sources do not confirm it."""
    label, figures = _CHECK_LINES[type(rule)]
    return _cited(rule, labelled(t.gettext(label), figures(rule, c102, t), t), t)


def _cited(rule: Rule, text: str, t: Translator) -> str:
    return cite(text, f"{C102} Art. {rule.article}", rule.verified, t)


# -- the topic ----------------------------------------------------------------------------------------------------
def requirement(kb: Knowledge, question: UserQuestion) -> Reply:
    c102, t = kb.c102, translator_for(question)
    aspect = _aspect(c102, question.aspect)
    if aspect is not None and aspect.general:
        return general_answer(kb, aspect, t)
    part = _part(c102, question.branch) or _only_part_with(c102, aspect)
    if part is None:
        return _ask_branch(c102, t) if aspect is None else _across_parts(c102, aspect, t)
    if aspect is None and _DEFINES.search(question.text):  # "how does the Convention define invalidity?"
        aspect = c102.aspect(CONTINGENCY)
    context = {"branch": part.branch, "aspect": aspect.id if aspect else None}
    normlex = normlex_link(kb, t)
    if aspect is None:
        # where the benefit is care, not a payment (Part II), what the care must include is one of its main points
        content = part.facts.get(CONTENT) if not any(isinstance(rule, RateRule) for rule in part.checks) else None
        care = labelled(c102.aspect(CONTENT).label.get(t.lang), told(content, t), t) if content else None
        text = compose(t.gettext("{part}, the main figures:").format(part=part_articles(part, t)),
                       bullets(check_line(rule, c102, t) for rule in part.checks), care, normlex)
        return Reply(text, _aspect_buttons(c102, part, t), context)
    fact = part.facts.get(aspect.id)
    label = aspect.label.get(t.lang)
    if fact is None:
        text = compose(t.gettext("{aspect} does not apply to {branch} (Part {numeral}) in C102.").format(
                           aspect=label, branch=part.title.get(t.lang).lower(), numeral=part.numeral),
                       t.gettext("For Part {numeral} I can tell you about: {aspects}.").format(
                           numeral=part.numeral, aspects=_labels(c102, part, t)))
        return Reply(text, _aspect_buttons(c102, part, t), context)
    heading = t.gettext("{part}, {aspect}:").format(part=part_label(part, t), aspect=label.lower())
    return Reply(compose(heading, told(fact, t), normlex), context=context)


def _only_part_with(c102: Convention, aspect: Aspect | None) -> Part | None:
    """The Part an aspect belongs to when only one has it ("What pensionable age does C102 allow?")."""
    having = [part for part in c102.parts if aspect is not None and aspect.id in part.facts]
    return having[0] if len(having) == 1 else None


def _aspect(c102: Convention, ident: str | None) -> Aspect | None:
    try:
        return c102.aspect(ident) if ident else None
    except KeyError:
        return None


def _part(c102: Convention, key: str | None) -> Part | None:
    try:
        return c102.part(key) if key else None
    except KeyError:
        return None


def _question(part: Part, aspect: Aspect | None, t: Translator) -> str:
    branch = part.title.get(t.lang).lower()
    if aspect is None:
        return t.gettext(REQUIREMENT_QUESTION).format(branch=branch)
    return t.gettext(ASPECT_QUESTION).format(aspect=aspect.label.get(t.lang).lower(), branch=branch)


def _applicable(c102: Convention, part: Part) -> list[Aspect]:
    return [aspect for aspect in c102.aspects if aspect.id in part.facts]


def _labels(c102: Convention, part: Part, t: Translator) -> str:
    return ", ".join(aspect.label.get(t.lang).lower() for aspect in _applicable(c102, part))


def _aspect_buttons(c102: Convention, part: Part, t: Translator) -> tuple[Button, ...]:
    return tuple(Button(aspect.label.get(t.lang), _question(part, aspect, t)) for aspect in _applicable(c102, part))


def _ask_branch(c102: Convention, t: Translator) -> Reply:
    text = t.gettext("For which branch would you like the requirements? C102 has {count} branch Parts:").format(
        count=len(c102.parts))
    text = compose(text, bullets(part_label(part, t) for part in c102.parts))
    buttons = tuple(Button(part.title.get(t.lang), _question(part, None, t)) for part in c102.parts)
    return Reply(text, buttons, {"branch": None, "aspect": None})


def _across_parts(c102: Convention, aspect: Aspect, t: Translator) -> Reply:
    """An aspect asked without a branch ("what waiting period is allowed?"): one line per Part it applies to,
    each with its article, then how to ask for the detail (a button per Part)."""
    having = [part for part in c102.parts if aspect.id in part.facts]
    lines = [labelled(part_label(part, t), _in_short(c102, part, aspect, t), t) for part in having]
    invitation = t.gettext("Name a branch for the detail, e.g. \"{question}\"").format(
        question=_question(having[0], aspect, t))
    text = compose(t.gettext("{aspect} in each branch of C102:").format(aspect=aspect.label.get(t.lang)),
                   bullets(lines), invitation)
    buttons = tuple(Button(part.title.get(t.lang), _question(part, aspect, t)) for part in having)
    return Reply(text, buttons, {"branch": None, "aspect": aspect.id})


def _in_short(c102: Convention, part: Part, aspect: Aspect, t: Translator) -> str:
    """The aspect in one Part: the figures of the Part's checks on it, each with its article; where it has none
    (the aspect is not a figure, e.g. the contingency), the Part's own words on it."""
    rules = [rule for rule in part.checks if rule.check == aspect.id]
    if not rules:
        return told(part.facts[aspect.id], t)
    return t.semicolon.join(_cited(rule, _CHECK_LINES[type(rule)][1](rule, c102, t), t) for rule in rules)


TOPICS = (Topic("requirement", requirement, N_("What C102 requires for a benefit"), about=("branch", "aspect"),
                opened_by=("branch", "aspect"), instrument=C102),)
