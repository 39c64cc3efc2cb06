"""The trainer quiz: multiple-choice questions generated from the knowledge base, none written by hand.

Every question states one figure or fact of `data/knowledge/` (a Schedule rate, a qualifying period, a
duration, Article 2, the order of the ratification steps, which Convention raises a C102 Part); its wrong
options are other real values of the same kind (other Schedule rates, other qualifying periods in the same
unit...), so they look plausible and the quiz follows the knowledge base when it changes. A question needs at
least `MIN_WRONG` distinct wrong options, else it is left out. The option order is shuffled per participant.

Questions and options are `Text`s, written in the three languages from the same facts: the sentence frames come
from the gettext catalogs, the names and terms (branches, Schedule rows, procedure steps) from the knowledge base's
own translations, the figures are written for each language. The right answer, the options and their order are
the same in every language; as a `str`, a text is its English value (what the database records as the choice).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from bot.answers.standards import part_label
from bot.i18n import N_, Translator, translator
from bot.knowledge import Knowledge
from bot.knowledge.c102 import (
    DurationRule,
    Part,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
)
from bot.knowledge.text import LANGUAGES, Text, figure, in_language
from bot.render.words import period

MAX_WRONG = 3
MIN_WRONG = 2
DEFAULT_SIZE = 10
LETTERS = "ABCD"  # MAX_WRONG + 1 options at most
KINDS = ("rate", "qualifying_period", "duration", "article2", "procedure", "convention")
# The sentence frames of the questions (translated in the catalogs); names and figures go in their placeholders
RATE = N_("What is the lowest benefit the C102 Schedule sets for {contingency} ({beneficiary}), as a share of the "
          "reference wage?")
QUALIFYING_CONTRIBUTION = N_("For {title}, what is the longest qualifying period of contribution or employment C102 "
                             "allows for the full benefit?")
QUALIFYING_RESIDENCE = N_("For {title}, what is the longest qualifying period of residence C102 allows for the full "
                          "benefit?")
REDUCED_BENEFIT = N_("For {title}, after how many years of contribution or employment at most must a reduced benefit "
                     "be open under C102?")
DURATION = N_("C102 lets a country limit how long {title} is given. What is the shortest limit it allows?")
PARTS = (N_("{count} Part"), N_("{count} Parts"))
MIN_PARTS = N_("How many of the branch Parts II to X must a country accept, at the least, when it ratifies C102?")
ONE_OF = N_("Among the Parts a country accepts, Article 2 of C102 requires at least one of a short list ({count} Parts "
            "at the least). Which of these Parts is on that list?")
STEP_AFTER = N_("On the way to ratifying C102, which step comes right after “{step}”?")
HIGHER_CONVENTION = N_("Which Convention sets a higher standard for C102 {part}, so that this Part can stop applying "
                       "to a country that ratifies it?")


@dataclass(frozen=True)
class QuizQuestion:
    id: str  # stable: "rate.old_age", "qualifying_period.old_age.residence", "procedure.decision"...
    kind: str  # one of KINDS
    prompt: Text
    answer: Text
    wrong: tuple[Text, ...]
    article: str  # the English reference; `Translator.article` writes it in another language
    verified: bool

    def options(self, key: str) -> tuple[Text, ...]:
        """The right answer and the wrong ones in an order of their own for `key` (e.g. session + participant), the
        same order in every language."""
        options = [self.answer, *self.wrong]
        random.Random(f"{key}:{self.id}").shuffle(options)
        return tuple(options)

    def option_named(self, choice: str) -> Text:
        """The option whose English text is `choice` (what the database records), in every language."""
        return next((option for option in (self.answer, *self.wrong) if option == choice), Text.same(choice))

    def to_dict(self) -> dict[str, Any]:
        """JSON for the database: each text with its three languages."""
        return {**asdict(self), "prompt": _languages(self.prompt), "answer": _languages(self.answer),
                "wrong": [_languages(option) for option in self.wrong]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizQuestion:
        """A question as `to_dict` stored it; a session's quiz stored in English alone (before the questions were
        translated) reads as the same English text in every language."""
        return cls(**{**data, "prompt": _text(data["prompt"]), "answer": _text(data["answer"]),
                      "wrong": tuple(_text(option) for option in data["wrong"])})


def _languages(text: Text) -> dict[str, str]:
    return {lang: text.get(lang) for lang in LANGUAGES}


def _text(stored: str | dict[str, str]) -> Text:
    return Text(stored) if isinstance(stored, dict) else Text.same(stored)


@dataclass(frozen=True)
class _Draft:
    """A question before its wrong options are drawn: the right value and the values of the same kind."""

    id: str
    kind: str
    prompt: Text
    answer: Text
    pool: tuple[Text, ...]
    article: str
    verified: bool

    @property
    def others(self) -> list[Text]:
        """The wrong values to draw from, in a fixed order (so that a seeded draw is the same on every run)."""
        return sorted({value for value in self.pool if value != self.answer})

    def drawn(self, rng: random.Random) -> QuizQuestion | None:
        others = self.others
        if len(others) < MIN_WRONG:
            return None
        wrong = tuple(rng.sample(others, min(MAX_WRONG, len(others))))
        return QuizQuestion(self.id, self.kind, self.prompt, self.answer, wrong, self.article, self.verified)


def check_size(kb: Knowledge, size: int) -> None:
    """`ValueError` when `size` is below 1 or above the number of questions the knowledge base gives (one per prompt
    with enough wrong options, as `all_questions` draws them)."""
    most = len({draft.prompt for draft in _drafts(kb) if len(draft.others) >= MIN_WRONG})
    if not 1 <= size <= most:
        raise ValueError(f"the quiz can have 1 to {most} questions, not {size}")


def session_quiz(kb: Knowledge, size: int, code: str) -> tuple[QuizQuestion, ...]:
    """The quiz of the session whose join code is `code`, drawn by a generator seeded with the code: a session's
    draw never depends on chance (the same code gives the same quiz, in a test as in a browser run), and sessions,
    whose codes differ, get draws of their own."""
    return generate(kb, size, random.Random(f"quiz:{code}"))


def generate(kb: Knowledge, size: int, rng: random.Random) -> tuple[QuizQuestion, ...]:
    """`size` questions drawn by `rng` from every kind in turn, so a short quiz still covers rates, periods,
    procedure... (`ValueError` for a size `check_size` refuses)."""
    check_size(kb, size)
    candidates = all_questions(kb, rng)
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
    by_prompt: dict[str, list[QuizQuestion]] = {}
    for question in (draft.drawn(rng) for draft in _drafts(kb)):
        if question is not None:
            by_prompt.setdefault(question.prompt, []).append(question)
    # one question per prompt: "which of these Parts is on the Article 2 list?" has a variant per listed Part
    return [rng.choice(variants) for variants in by_prompt.values()]


def _drafts(kb: Knowledge) -> list[_Draft]:
    return [*_rates(kb), *_qualifying_periods(kb), *_durations(kb), *_article2(kb), *_procedure(kb), *_conventions(kb)]


def _rules(kb: Knowledge, kind: type) -> Iterator[tuple[Part, Any]]:
    for part in kb.c102.parts:
        for rule in part.checks:
            if isinstance(rule, kind):
                yield part, rule


def _rates(kb: Knowledge) -> Iterator[_Draft]:
    rate_articles = {rule.row.id: rule.article for _, rule in _rules(kb, RateRule)}
    pool = tuple(figure(row.percent, percent=True) for row in kb.c102.schedule)
    for row in kb.c102.schedule:
        article = rate_articles.get(row.id)
        yield _Draft(
            f"rate.{row.id}", "rate",
            _frame(RATE, contingency=row.contingency, beneficiary=row.beneficiary),
            figure(row.percent, percent=True), pool,
            f"C102 Art. {article} and Schedule to Part XI" if article else "C102 Schedule to Part XI", row.verified)


def _qualifying_periods(kb: Knowledge) -> Iterator[_Draft]:
    """The longest qualifying periods C102 allows (contribution or employment, residence, reduced benefit), with
    wrong options from the other qualifying periods in the same unit (a period of 0 means none is allowed)."""
    facts: list[tuple[str, Text, float, str, str, bool]] = []  # id, prompt, value, unit, article, verified
    for part, rule in _rules(kb, QualifyingRule):
        facts.append((f"{part.branch}.contribution", _about(part, QUALIFYING_CONTRIBUTION), rule.max, rule.unit,
                      rule.article, rule.verified))
        if rule.residence_max is not None:
            facts.append((f"{part.branch}.residence", _about(part, QUALIFYING_RESIDENCE), rule.residence_max,
                          rule.unit, rule.article, rule.verified))
    for part, rule in _rules(kb, ReducedBenefitRule):
        facts.append((f"{part.branch}.reduced", _about(part, REDUCED_BENEFIT), rule.max_years, "years", rule.article,
                      rule.verified))
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
        yield _Draft(f"duration.{part.branch}", "duration", _about(part, DURATION), _amount(rule.min_weeks, "weeks"),
                     pool, f"C102 Art. {rule.article}", rule.verified)


def _article2(kb: Knowledge) -> Iterator[_Draft]:
    rule = kb.c102.article2
    parts = kb.c102.parts
    counts = (len(parts), len(rule.one_of), len(parts) - len(rule.one_of))
    yield _Draft("article2.min_parts", "article2",
                 _frame(MIN_PARTS),
                 _parts(rule.min_parts), tuple(_parts(count) for count in counts), f"C102 Art. {rule.article}",
                 rule.verified)
    others = tuple(_part(part) for part in parts if part.numeral not in rule.one_of)
    for numeral in rule.one_of:
        yield _Draft(f"article2.one_of.{numeral}", "article2",
                     _frame(ONE_OF, count=str(rule.min_parts)),
                     _part(kb.c102.part(numeral)), others, f"C102 Art. {rule.article}", rule.verified)


def _procedure(kb: Knowledge) -> Iterator[_Draft]:
    """"Which step comes right after X?" along the path of a country ratifying C102 today (ILO support, a step
    of its own on that path, is offered throughout and is not asked about)."""
    path = [step for step in kb.procedure.next_steps() if step.phase != "support"]
    titles = tuple(step.title for step in path)
    for step, after in itertools.pairwise(path):
        yield _Draft(f"procedure.{step.id}", "procedure",
                     _frame(STEP_AFTER, step=step.title),
                     after.title, tuple(title for title in titles if title != step.title),
                     after.article or "ILO procedure", after.verified)


def _conventions(kb: Knowledge) -> Iterator[_Draft]:
    """Which higher Convention takes over a C102 Part (C102 Art. 75), the other such Conventions as wrong options."""
    higher = {instrument.id: instrument.effect_on_c102 for instrument in kb.conventions.instruments
              if instrument.effect_on_c102 is not None}
    for ident, effect in higher.items():
        for numeral in effect.c102_parts:
            others = tuple(Text.same(other) for other, its in higher.items() if numeral not in its.c102_parts)
            yield _Draft(f"convention.{numeral}", "convention",
                         _frame(HIGHER_CONVENTION, part=_part(kb.c102.part(numeral))),
                         Text.same(ident), others, effect.article or "C102 Art. 75", effect.verified)


def _written(make: Callable[[Translator], str]) -> Text:
    """The text `make` writes with the translator of each language."""
    return Text.compose(lambda lang: make(translator(lang)))


def _frame(frame: str, **values: str) -> Text:
    """`frame` translated, its placeholders filled with `values` in the same language (a `Text` in each language)."""
    return _written(lambda t: t.gettext(frame).format(**{key: in_language(value, t.lang)
                                                         for key, value in values.items()}))


def _about(part: Part, frame: str) -> Text:
    """A question on one branch, its title lower-cased in the sentence ("For old-age benefit, ...")."""
    return _frame(frame, title=part.title.map(lambda lang, title: title.lower()))


def _part(part: Part) -> Text:
    """ "Part V — Old-age benefit" in each language."""
    return _written(lambda t: part_label(part, t))


def _parts(count: int) -> Text:
    return _frame(PARTS[count != 1], count=str(count))  # the engine's words (bot.eligibility.article2)


def _amount(value: float, unit: str) -> Text:
    """26 "weeks" -> "26 weeks", "26 semaines", "26 semanas"."""
    return _written(lambda t: period(t, value, unit))
