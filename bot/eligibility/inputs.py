"""What a country told us about its schemes: the engine's input, already checked (see `parse.py`).

`None` always means "not answered" (missing, or the word "unknown"): the check concerned is then `unknown`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class Keyword(str, Enum):
    """The words accepted instead of a number: a duration without limit, or no reduced benefit at all."""

    UNLIMITED = "unlimited"
    NONE = "none"


@dataclass(frozen=True)
class Coverage:
    basis: str | None = None  # a coverage basis id of c102.yml, e.g. "employees"
    percent: float | None = None  # share of the basis' reference group; unused for means-tested residents


@dataclass(frozen=True)
class BranchInput:
    """The answers for one branch; a field the branch does not use stays at its default."""

    branch: str
    coverage: Coverage = field(default_factory=Coverage)
    replacement_rate: float | None = None
    max_duration_weeks: float | Keyword | None = None  # Keyword.UNLIMITED: paid throughout the contingency
    waiting_days: float | None = None
    qualifying_years: float | None = None
    qualifying_months: float | None = None
    qualifying_basis: str | None = "contribution"  # contribution, employment or residence
    reduced_benefit_years: float | Keyword | None = None  # Keyword.NONE: there is no reduced benefit
    pensionable_age: float | None = None
    benefit_value_percent: float | None = None
    per_child_of_all_residents: bool | None = False


@dataclass(frozen=True)
class CountryInput:
    branches: Mapping[str, BranchInput]
    country: str | None = None
    article3_declaration: bool = False
    employee_contribution_share: float | None = None
