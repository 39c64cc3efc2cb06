"""The input fields: what each accepts, in which unit, and the one message used when a value is refused.

Shared by `parse.py` (files and the web API) and `questions.py` (the chat form), so a wrong value gets the same
message wherever it was typed. Which fields a branch takes follows from the checks its Part has in c102.yml.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from bot.eligibility.inputs import Keyword
from bot.eligibility.result import N_
from bot.knowledge.c102 import (
    C102,
    AgeRule,
    CoverageRule,
    DurationRule,
    FamilyValueRule,
    Part,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    Rule,
    ThroughoutRule,
    WaitingRule,
    format_number,
    join_words,
)

UNKNOWN = "unknown"
RESIDENCE = "residence"
QUALIFYING_BASES = ("contribution", "employment", RESIDENCE)
MAX_AGE = 120  # a bound on typed ages to catch slips, not a Convention figure

Value = float | bool | str | Keyword | None


class Kind(str, Enum):
    PERCENT = "percent"
    COUNT = "count"
    AGE = "age"
    CHOICE = "choice"
    FLAG = "flag"


class ValueProblem(ValueError):
    """A value a field does not accept; the message names the value, not the field (callers add the path).

    The message is `template` filled with `values`: the chat shows it in the conversation's language by translating
    the template (`bot.assessment.chat.refusal`); `str()` is the English message."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values) if values else template)
        self.template = template
        self.values = values


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: Kind
    unit: str = ""  # counts: weeks, days, years, months
    keywords: Mapping[str, Value] = field(default_factory=dict)  # words accepted besides numbers
    choices: tuple[str, ...] = ()
    unknown_allowed: bool = True

    def expected(self) -> str:
        """What the field takes, in words: "a number of weeks, 'unlimited' or 'unknown'"."""
        base = {
            Kind.PERCENT: "a percentage between 0 and 100",
            Kind.COUNT: f"a number of {self.unit}",
            Kind.AGE: "an age in years",
            Kind.CHOICE: f"one of {', '.join(self.choices)}",
            Kind.FLAG: "true or false",
        }[self.kind]
        words = [f"'{word}'" for word in self.keywords] + ([f"'{UNKNOWN}'"] if self.unknown_allowed else [])
        return join_words([base, *words])

    def read(self, raw: object) -> Value:
        """The value `raw` stands for (None when unknown), or `ValueProblem` with the message to show."""
        if isinstance(raw, str):
            return self._read_word(raw)
        if isinstance(raw, bool):
            if self.kind is Kind.FLAG:
                return raw
        elif isinstance(raw, int | float) and self.kind in (Kind.PERCENT, Kind.COUNT, Kind.AGE):
            return self._read_number(float(raw))
        raise ValueProblem(f"expected {self.expected()}, got {raw!r}")

    def _read_word(self, raw: str) -> Value:
        word = raw.strip().lower()
        if word == UNKNOWN and self.unknown_allowed:
            return None
        if word in self.keywords:
            return self.keywords[word]
        if word in self.choices:
            return word
        if self.kind is Kind.CHOICE:
            raise ValueProblem(f"'{raw}' is not one of: {', '.join(self.choices)}")
        raise ValueProblem(N_("expected {expected}, got '{said}'"), expected=Expected(self), said=raw)

    def _read_number(self, value: float) -> float:
        if not math.isfinite(value):
            raise ValueProblem(f"expected {self.expected()}, got {value}")
        shown = format_number(value)
        if self.kind is Kind.PERCENT and not 0 <= value <= 100:
            raise ValueProblem(N_("{value} is not a percentage between 0 and 100"), value=shown)
        if self.kind is Kind.AGE and not 0 <= value <= MAX_AGE:
            raise ValueProblem(N_("{value} is not an age between 0 and {most}"), value=shown, most=MAX_AGE)
        if value < 0:
            raise ValueProblem(N_("{value} is negative: the number of {unit} must be 0 or more"), value=shown,
                               unit=self.unit)
        return value


@dataclass(frozen=True)
class Expected:
    """What a field takes, as a refusal names it: `str` is the English (`FieldSpec.expected`); the chat words it
    in the conversation's language (`bot.assessment.chat.refusal`)."""

    spec: FieldSpec

    def __str__(self) -> str:
        return self.spec.expected()


def field_specs(c102: C102) -> dict[str, FieldSpec]:
    """Every input field by name; the two coverage answers are `coverage.basis` and `coverage.percent`."""
    specs = [
        FieldSpec("coverage.basis", Kind.CHOICE, choices=tuple(basis.id for basis in c102.coverage_bases)),
        FieldSpec("coverage.percent", Kind.PERCENT),
        FieldSpec("replacement_rate", Kind.PERCENT),
        FieldSpec("max_duration_weeks", Kind.COUNT, "weeks", {"unlimited": Keyword.UNLIMITED}),
        FieldSpec("waiting_days", Kind.COUNT, "days", {"none": 0.0}),
        FieldSpec("qualifying_years", Kind.COUNT, "years", {"none": 0.0}),
        FieldSpec("qualifying_months", Kind.COUNT, "months", {"none": 0.0}),
        FieldSpec("qualifying_basis", Kind.CHOICE, choices=QUALIFYING_BASES),
        FieldSpec("reduced_benefit_years", Kind.COUNT, "years", {"none": Keyword.NONE}),
        FieldSpec("pensionable_age", Kind.AGE),
        FieldSpec("benefit_value_percent", Kind.PERCENT),
        FieldSpec("per_child_of_all_residents", Kind.FLAG),
        FieldSpec("employee_contribution_share", Kind.PERCENT),
        FieldSpec("article3_declaration", Kind.FLAG, unknown_allowed=False),
    ]
    return {spec.name: spec for spec in specs}


_RULE_FIELDS: dict[type, Callable[..., tuple[str, ...]]] = {
    CoverageRule: lambda rule: ("coverage",),
    RateRule: lambda rule: ("replacement_rate",),
    DurationRule: lambda rule: ("max_duration_weeks",),
    ThroughoutRule: lambda rule: ("max_duration_weeks",),
    WaitingRule: lambda rule: ("waiting_days",),
    QualifyingRule: lambda rule: (f"qualifying_{rule.unit}", "qualifying_basis"),
    ReducedBenefitRule: lambda rule: ("reduced_benefit_years",),
    AgeRule: lambda rule: ("pensionable_age",),
    FamilyValueRule: lambda rule: ("benefit_value_percent", "per_child_of_all_residents"),
}


def rule_fields(rule: Rule) -> tuple[str, ...]:
    return _RULE_FIELDS[type(rule)](rule)


def branch_fields(part: Part, *, optional: bool = True) -> tuple[str, ...]:
    """The keys a branch entry may have, in the order of the Part's checks. With `optional=False`, without the
    fields of checks assessed only when answered (a limit in weeks on a benefit paid throughout)."""
    rules = [rule for rule in part.checks if optional or not isinstance(rule, ThroughoutRule)]
    return tuple(dict.fromkeys(name for rule in rules for name in rule_fields(rule)))
