"""The engine's output: a status per check, per Part, and the Article 2 verdict (shapes only, no rules)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from bot.knowledge.c102 import format_number


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


def quantity(amount: float, unit: str) -> str:
    """45 % -> "45%", 1 weeks -> "1 week", 26 weeks -> "26 weeks", 65 "" -> "65"."""
    if unit == "%":
        return f"{format_number(amount)}%"
    if not unit:
        return format_number(amount)
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
