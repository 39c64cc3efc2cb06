"""What C102 requires for a branch: one aspect (coverage, rate, qualifying period...), or the branch's main figures.

An aspect's answer is the KB fact for it; the summary of a branch is built from the Part's checks (the same
figures the eligibility engine uses), one templated line per check, each with its article.
"""

from __future__ import annotations

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
    link,
)
from bot.answers.general import general_answer
from bot.answers.standards import part_label
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
    format_number,
    format_percent,
)

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.c102 import C102 as Convention
    from bot.knowledge.c102 import Aspect, Part, Rule

ASPECT_QUESTION = "What is the {aspect} for {branch} under C102?"
CONTENT = "content"  # the aspect of what the care must include (Arts 10, 34-35, 49): part of a branch's summary


# -- one line per check (templates around the Part's figures) ------------------------------------------------------
def _coverage(rule: CoverageRule, c102: Convention) -> str:
    options = "; ".join(c102.coverage_basis(basis).option(letter) for basis, letter in rule.bases.items())
    return f"Who must be covered, one of: {options}"


def _rate(rule: RateRule, c102: Convention) -> str:
    row = rule.row
    return (f"Minimum rate (Schedule): {format_percent(row.percent)} of the reference wage for {row.beneficiary} "
            f"({row.contingency})")


def _duration(rule: DurationRule, c102: Convention) -> str:
    line = f"Duration: may be limited, but not below {format_number(rule.min_weeks)} weeks"
    if rule.means_tested_min_weeks is not None:
        line += f" ({format_number(rule.means_tested_min_weeks)} weeks for means-tested residents)"
    if rule.article3 is not None:
        line += (f"; {format_number(rule.article3.amount)} weeks under Art. {rule.article3.article} with an Article 3 "
                 "declaration")
    return line


def _throughout(rule: ThroughoutRule, c102: Convention) -> str:
    return "Duration: paid for as long as the contingency lasts"


def _waiting(rule: WaitingRule, c102: Convention) -> str:
    condition = ", and only where the duration is limited" if rule.only_with_duration_limit else ""
    return f"Waiting period: at most {format_number(rule.max_days)} days{condition}"


def _qualifying(rule: QualifyingRule, c102: Convention) -> str:
    if rule.max == 0:
        return "Qualifying period: none"
    residence = f", or {format_number(rule.residence_max)} {rule.unit} of residence" if rule.residence_max else ""
    return f"Qualifying period: at most {format_number(rule.max)} {rule.unit} of contribution or employment{residence}"


def _reduced(rule: ReducedBenefitRule, c102: Convention) -> str:
    return f"Reduced benefit: after at most {format_number(rule.max_years)} years of contribution or employment"


def _age(rule: AgeRule, c102: Convention) -> str:
    return (f"Pensionable age: {format_number(rule.max_age)} at most, unless set higher with regard to the working "
            "ability of elderly people")


def _family_value(rule: FamilyValueRule, c102: Convention) -> str:
    variant = rule.all_residents
    return (f"Total value: at least {format_percent(rule.min_percent)} of an ordinary adult male labourer's wage per "
            f"child of the persons protected, or {format_percent(variant.amount)} per child of all residents under "
            f"Art. {variant.article}")


_CHECK_LINES: dict[type, Callable[..., str]] = {
    CoverageRule: _coverage, RateRule: _rate, DurationRule: _duration, ThroughoutRule: _throughout,
    WaitingRule: _waiting, QualifyingRule: _qualifying, ReducedBenefitRule: _reduced, AgeRule: _age,
    FamilyValueRule: _family_value,
}


def check_line(rule: Rule, c102: Convention) -> str:
    """One check as "label: figure (C102 Art. n)", with the caveat when our sources do not confirm it."""
    return cite(_CHECK_LINES[type(rule)](rule, c102), f"{C102} Art. {rule.article}", rule.verified)


# -- the topic ----------------------------------------------------------------------------------------------------
def requirement(kb: Knowledge, question: UserQuestion) -> Reply:
    c102 = kb.c102
    aspect = _aspect(c102, question.aspect)
    if aspect is not None and aspect.general:
        return general_answer(kb, aspect)
    part = _part(c102, question.branch) or _only_part_with(c102, aspect)
    if part is None:
        return _ask_branch(c102, aspect)
    context = {"branch": part.branch, "aspect": aspect.id if aspect else None}
    normlex = link("Text of C102 on NORMLEX", kb.conventions.get(C102).link)
    if aspect is None:
        # where the benefit is care, not a payment (Part II), what the care must include is one of its main points
        content = part.facts.get(CONTENT) if not any(isinstance(rule, RateRule) for rule in part.checks) else None
        text = compose(f"{part_label(part)} (Arts {part.articles}), the main figures:",
                       bullets(check_line(rule, c102) for rule in part.checks),
                       f"{c102.aspect(CONTENT).label}: {content.cite()}" if content else None, normlex)
        return Reply(text, _aspect_buttons(c102, part), context)
    fact = part.facts.get(aspect.id)
    if fact is None:
        text = compose(f"{aspect.label} does not apply to {part.title.lower()} (Part {part.numeral}) in C102.",
                       f"For Part {part.numeral} I can tell you about: {_labels(c102, part)}.")
        return Reply(text, _aspect_buttons(c102, part), context)
    return Reply(compose(f"{part_label(part)}, {aspect.label.lower()}:", fact.cite(), normlex), context=context)


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


def _question(part: Part, aspect: Aspect | None) -> str:
    branch = part.title.lower()
    if aspect is None:
        return REQUIREMENT_QUESTION.format(branch=branch)
    return ASPECT_QUESTION.format(aspect=aspect.label.lower(), branch=branch)


def _applicable(c102: Convention, part: Part) -> list[Aspect]:
    return [aspect for aspect in c102.aspects if aspect.id in part.facts]


def _labels(c102: Convention, part: Part) -> str:
    return ", ".join(aspect.label.lower() for aspect in _applicable(c102, part))


def _aspect_buttons(c102: Convention, part: Part) -> tuple[Button, ...]:
    return tuple(Button(aspect.label, _question(part, aspect)) for aspect in _applicable(c102, part))


def _ask_branch(c102: Convention, aspect: Aspect | None) -> Reply:
    about = f" the {aspect.label.lower()}" if aspect else ""
    text = f"For which branch would you like{about or ' the requirements'}? C102 has {len(c102.parts)} branch Parts:"
    text = compose(text, bullets(part_label(part) for part in c102.parts))
    buttons = tuple(Button(part.title, _question(part, aspect)) for part in c102.parts)
    return Reply(text, buttons, {"branch": None, "aspect": aspect.id if aspect else None})


TOPICS = (Topic("requirement", requirement, "What C102 requires for a benefit", about=("branch", "aspect"),
                opened_by=("branch", "aspect")),)
