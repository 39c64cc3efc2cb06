"""The engine's output: a status per check, per Part, and the Article 2 verdict (shapes only, no rules)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from bot.knowledge.c102 import format_number, join_words


class Status(str, Enum):
    """A check's outcome; `review` means the Convention leaves room for judgement (e.g. an age above 65)."""

    MEETS = "meets"
    FAILS = "fails"
    UNKNOWN = "unknown"
    REVIEW = "review"


class PartStatus(str, Enum):
    MEETS = "meets"
    FAILS = "fails"
    INCOMPLETE = "incomplete"
    REVIEW = "review"


def N_(message: str) -> str:  # the gettext name of a text marked for extraction (`bot.render` translates it)
    return message


class Phrase(str):
    """A text of the engine: as a `str`, the English text (what the JSON output carries); `template` and `values`
    let a renderer write it in another language (`bot.render.words.in_words`). Values are numbers (written for the
    language), `Text`, other phrases, ids the catalog names ("contribution"), or `Choices` (joined with "or")."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Phrase:
        english = {name: format_number(value) if _is_number(value) else value for name, value in values.items()}
        phrase = super().__new__(cls, template.format(**english))
        phrase.template = template
        phrase.values = values
        return phrase

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle keep the template
        return _phrase, (self.template, self.values)


def joined(items: Iterable[str]) -> Phrase:
    """Several texts (phrases) as one, a semicolon between them: "one more Part; employees' own contributions...";
    the semicolon is a value, so that a renderer writes it as the language spaces it (French: " ; ")."""
    values = {f"item{index}": item for index, item in enumerate(items)}
    return Phrase("{separator}".join(f"{{{name}}}" for name in values), separator=N_("; "), **values)


def _phrase(template: str, values: dict[str, object]) -> Phrase:
    return Phrase(template, **values)


class Choices(tuple[str, ...]):
    """Alternatives named in a phrase: "IV, V, VI, IX or X"; with `joiner`, "contribution or employment" in
    English as it always was written (" or " between each)."""

    joiner: str = ""

    def __new__(cls, items: Iterable[str], joiner: str = "") -> Choices:
        choices = super().__new__(cls, items)
        choices.joiner = joiner
        return choices

    def __str__(self) -> str:
        items = [str(item) for item in self]  # names, or bounds ("<= 30 years of contribution or employment")
        return self.joiner.join(items) if self.joiner else join_words(items)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_UNITS = {"weeks": ("{amount} week", "{amount} weeks"), "days": ("{amount} day", "{amount} days"),
          "years": ("{amount} year", "{amount} years"), "months": ("{amount} month", "{amount} months")}


class Counted(Phrase):
    """A figure and its unit ("0 days", "15 years"): a renderer writes the unit's word as the reader's language
    agrees it with the figure (French says "0 jour": `bot.render.words.period`), not as English does."""

    amount: float
    unit: str

    def __new__(cls, amount: float, unit: str) -> Counted:
        counted = super().__new__(cls, _UNITS[unit][0 if amount == 1 else 1], amount=amount)
        counted.amount, counted.unit = amount, unit
        return counted

    def __reduce__(self) -> tuple[object, ...]:  # copy and pickle keep the figure and its unit
        return Counted, (self.amount, self.unit)


def quantity(amount: float, unit: str) -> str:
    """45 % -> "45%", 1 weeks -> "1 week", 26 weeks -> "26 weeks", 65 "" -> "65"."""
    if unit == "%":
        return Phrase(N_("{amount}%"), amount=amount)
    if not unit:
        return Phrase("{amount}", amount=amount)
    if unit in _UNITS:
        return Counted(amount, unit)
    return f"{format_number(amount)} {unit[:-1] if amount == 1 and unit.endswith('s') else unit}"


@dataclass(frozen=True)
class Bound:
    """A numeric requirement: `op` `amount` `unit`, e.g. at least 50% of all employees."""

    op: Literal[">=", "<="]
    amount: float
    unit: str = ""
    of: str = ""  # what the amount is of: "of all employees"
    alternative: str = ""  # another way to comply: "or unlimited"
    subject: str = ""  # what is bounded, when not obvious: "reduced benefit after"

    def __str__(self) -> str:
        words = [self.subject, self.op, quantity(self.amount, self.unit), self.of, self.alternative]
        return " ".join(word for word in words if word)


Requirement = Bound | str  # a text when the requirement is not a number ("an Article 3 declaration")


@dataclass(frozen=True)
class CheckResult:
    check: str  # the check id of c102.yml: coverage, benefit_rate, duration, ...
    status: Status
    article: str  # as cited in the output: "27(a)", "28 + Schedule"
    required: Requirement
    given: str | None  # what we were told, in words; None when the answer is missing
    verified: bool  # False when the threshold was not seen in a copy of the Convention


@dataclass(frozen=True)
class PartResult:
    part: str
    branch: str
    title: str
    status: PartStatus
    checks: tuple[CheckResult, ...]


@dataclass(frozen=True)
class Article2Verdict:
    ratifiable: bool
    acceptable_parts: tuple[str, ...]
    missing: str  # what is lacking, in words; "" when ratifiable
    article: str


@dataclass(frozen=True)
class Assessment:
    country: str | None
    article3_declaration: bool
    parts: tuple[PartResult, ...]
    general: tuple[CheckResult, ...]  # checks not tied to a Part: Art. 71(2)
    article2: Article2Verdict
    not_modelled: str
    full_review: str
    country_status: str | None = None  # the country's C102 status, when the caller knows it


def part_status(checks: Iterable[CheckResult]) -> PartStatus:
    """fails if any check fails; else incomplete if any is unknown; else review if any is review; else meets."""
    statuses = {check.status for check in checks}
    if Status.FAILS in statuses:
        return PartStatus.FAILS
    if Status.UNKNOWN in statuses:
        return PartStatus.INCOMPLETE
    if Status.REVIEW in statuses:
        return PartStatus.REVIEW
    return PartStatus.MEETS
