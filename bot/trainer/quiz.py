"""The trainer quiz: multiple-choice questions generated from the knowledge base, none written by hand.

Every question states one figure or fact of `data/knowledge/` (a Schedule rate, a qualifying period, a
duration, Article 2, the order of the ratification steps, which Convention raises a C102 Part); its wrong
options are other real values of the same kind (other Schedule rates, other qualifying periods in the same
unit...), so they look plausible and the quiz follows the knowledge base when it changes. A question needs at
least `MIN_WRONG` distinct wrong options, else it is left out. The option order is shuffled per participant.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from bot.answers.standards import part_label
from bot.knowledge import Knowledge
from bot.knowledge.c102 import (
    DurationRule,
    Part,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    format_number,
    format_percent,
)

MAX_WRONG = 3
MIN_WRONG = 2
DEFAULT_SIZE = 10
LETTERS = "ABCD"  # MAX_WRONG + 1 options at most
KINDS = ("rate", "qualifying_period", "duration", "article2", "procedure", "convention")


@dataclass(frozen=True)
class QuizQuestion:
    id: str  # stable: "rate.old_age", "qualifying_period.old_age.residence", "procedure.decision"...
    kind: str  # one of KINDS
    prompt: str
    answer: str
    wrong: tuple[str, ...]
    article: str
    verified: bool

    def options(self, key: str) -> tuple[str, ...]:
        """The right answer and the wrong ones in an order of their own for `key` (e.g. session + participant)."""
        options = [self.answer, *self.wrong]
        random.Random(f"{key}:{self.id}").shuffle(options)
        return tuple(options)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "wrong": list(self.wrong)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizQuestion:
        return cls(**{**data, "wrong": tuple(data["wrong"])})


@dataclass(frozen=True)
class _Draft:
    """A question before its wrong options are drawn: the right value and the values of the same kind."""

    id: str
    kind: str
    prompt: str
    answer: str
    pool: tuple[str, ...]
    article: str
    verified: bool

    def drawn(self, rng: random.Random) -> QuizQuestion | None:
        others = sorted({value for value in self.pool if value != self.answer})
        if len(others) < MIN_WRONG:
            return None
        wrong = tuple(rng.sample(others, min(MAX_WRONG, len(others))))
        return QuizQuestion(self.id, self.kind, self.prompt, self.answer, wrong, self.article, self.verified)


def generate(kb: Knowledge, size: int = DEFAULT_SIZE, rng: random.Random | None = None) -> tuple[QuizQuestion, ...]:
    """`size` questions drawn from every kind in turn, so a short quiz still covers rates, periods, procedure...

    `ValueError` when `size` is below 1 or above the number of questions the knowledge base gives.
    """
    rng = rng or random.Random()
    candidates = all_questions(kb, rng)
    if not 1 <= size <= len(candidates):
        raise ValueError(f"the quiz can have 1 to {len(candidates)} questions, not {size}")
    by_kind = {kind: [q for q in candidates if q.kind == kind] for kind in KINDS}
    for questions in by_kind.values():
        rng.shuffle(questions)
    order = list(KINDS)
    rng.shuffle(order)
    chosen: list[QuizQuestion] = []
    while len(chosen) < size:
        for kind in order:
            if by_kind[kind] and len(chosen) < size:
                chosen.append(by_kind[kind].pop())
    return tuple(chosen)


def all_questions(kb: Knowledge, rng: random.Random) -> list[QuizQuestion]:
    """Every question the knowledge base gives, with its wrong options drawn by `rng`."""
    drafts = [*_rates(kb), *_qualifying_periods(kb), *_durations(kb), *_article2(kb), *_procedure(kb),
              *_conventions(kb)]
    by_prompt: dict[str, list[QuizQuestion]] = {}
    for question in (draft.drawn(rng) for draft in drafts):
        if question is not None:
            by_prompt.setdefault(question.prompt, []).append(question)
    # one question per prompt: "which of these Parts is on the Article 2 list?" has a variant per listed Part
    return [rng.choice(variants) for variants in by_prompt.values()]


def _rules(kb: Knowledge, kind: type) -> Iterator[tuple[Part, Any]]:
    for part in kb.c102.parts:
        for rule in part.checks:
            if isinstance(rule, kind):
                yield part, rule


def _rates(kb: Knowledge) -> Iterator[_Draft]:
    rate_articles = {rule.row.id: rule.article for _, rule in _rules(kb, RateRule)}
    pool = tuple(format_percent(row.percent) for row in kb.c102.schedule)
    for row in kb.c102.schedule:
        article = rate_articles.get(row.id)
        yield _Draft(
            f"rate.{row.id}", "rate",
            f"What is the lowest benefit the C102 Schedule sets for {row.contingency} ({row.beneficiary}), as a "
            f"share of the reference wage?",
            format_percent(row.percent), pool,
            f"C102 Art. {article} and Schedule to Part XI" if article else "C102 Schedule to Part XI", row.verified)


def _qualifying_periods(kb: Knowledge) -> Iterator[_Draft]:
    """The longest qualifying periods C102 allows (contribution or employment, residence, reduced benefit), with
    wrong options from the other qualifying periods in the same unit (a period of 0 means none is allowed)."""
    facts: list[tuple[str, str, float, str, str, bool]] = []  # id, prompt, value, unit, article, verified
    for part, rule in _rules(kb, QualifyingRule):
        title = part.title.lower()
        facts.append((f"{part.branch}.contribution", f"For {title}, what is the longest qualifying period of "
                      f"contribution or employment C102 allows for the full benefit?", rule.max, rule.unit,
                      rule.article, rule.verified))
        if rule.residence_max is not None:
            facts.append((f"{part.branch}.residence", f"For {title}, what is the longest qualifying period of "
                          f"residence C102 allows for the full benefit?", rule.residence_max, rule.unit,
                          rule.article, rule.verified))
    for part, rule in _rules(kb, ReducedBenefitRule):
        facts.append((f"{part.branch}.reduced", f"For {part.title.lower()}, after how many years of contribution or "
                      f"employment at most must a reduced benefit be open under C102?", rule.max_years, "years",
                      rule.article, rule.verified))
    facts = [fact for fact in facts if fact[2] > 0]
    for ident, prompt, value, unit, article, verified in facts:
        pool = tuple(_amount(other[2], other[3]) for other in facts if other[3] == unit)
        yield _Draft(f"qualifying_period.{ident}", "qualifying_period", prompt, _amount(value, unit), pool,
                     f"C102 Art. {article}", verified)


def _durations(kb: Knowledge) -> Iterator[_Draft]:
    """The shortest limit C102 allows on how long a benefit is paid, with the other limits in weeks as wrong
    options (the Article 3 and means-tested variants are figures of the same kind)."""
    rules = list(_rules(kb, DurationRule))
    pool = tuple(_amount(value, "weeks") for _, rule in rules
                 for value in (rule.min_weeks, rule.means_tested_min_weeks, rule.article3 and rule.article3.amount)
                 if value)
    for part, rule in rules:
        yield _Draft(f"duration.{part.branch}", "duration",
                     f"C102 lets a country limit how long {part.title.lower()} is given. What is the shortest limit "
                     f"it allows?", _amount(rule.min_weeks, "weeks"), pool, f"C102 Art. {rule.article}",
                     rule.verified)


def _article2(kb: Knowledge) -> Iterator[_Draft]:
    rule = kb.c102.article2
    parts = kb.c102.parts
    counts = (len(parts), len(rule.one_of), len(parts) - len(rule.one_of))
    yield _Draft("article2.min_parts", "article2",
                 "How many of the branch Parts II to X must a country accept, at the least, when it ratifies C102?",
                 f"{rule.min_parts} Parts", tuple(f"{count} Parts" for count in counts), f"C102 Art. {rule.article}",
                 rule.verified)
    others = tuple(part_label(part) for part in parts if part.numeral not in rule.one_of)
    for numeral in rule.one_of:
        yield _Draft(f"article2.one_of.{numeral}", "article2",
                     f"Among the Parts a country accepts, Article 2 of C102 requires at least one of a short list "
                     f"({rule.min_parts} Parts at the least). Which of these Parts is on that list?",
                     part_label(kb.c102.part(numeral)), others, f"C102 Art. {rule.article}", rule.verified)


def _procedure(kb: Knowledge) -> Iterator[_Draft]:
    """"Which step comes right after X?" along the path of a country ratifying C102 today (ILO support, a step
    of its own on that path, is offered throughout and is not asked about)."""
    path = [step for step in kb.procedure.next_steps() if step.phase != "support"]
    titles = tuple(step.title for step in path)
    for step, after in itertools.pairwise(path):
        yield _Draft(f"procedure.{step.id}", "procedure",
                     f"On the way to ratifying C102, which step comes right after “{step.title}”?", after.title,
                     tuple(title for title in titles if title != step.title), after.article or "ILO procedure",
                     after.verified)


def _conventions(kb: Knowledge) -> Iterator[_Draft]:
    """Which higher Convention takes over a C102 Part (C102 Art. 75), the other such Conventions as wrong options."""
    higher = {instrument.id: instrument.effect_on_c102 for instrument in kb.conventions.instruments
              if instrument.effect_on_c102 is not None}
    for ident, effect in higher.items():
        for numeral in effect.c102_parts:
            others = tuple(other for other, its in higher.items() if numeral not in its.c102_parts)
            yield _Draft(f"convention.{numeral}", "convention",
                         f"Which Convention sets a higher standard for C102 {part_label(kb.c102.part(numeral))}, so "
                         f"that this Part can stop applying to a country that ratifies it?", ident, others,
                         effect.article or "C102 Art. 75", effect.verified)


def _amount(value: float, unit: str) -> str:
    return f"{format_number(value)} {unit}"
