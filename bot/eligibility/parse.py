"""From a YAML/JSON mapping (a file, the web API, the chat form) to `CountryInput`, collecting every problem.

Each problem is one line naming the field, e.g.
``branches.old_age.replacement_rate: 140 is not a percentage between 0 and 100``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bot.eligibility.fields import UNKNOWN, FieldSpec, ValueProblem, branch_fields, field_specs
from bot.eligibility.inputs import BranchInput, CountryInput, Coverage
from bot.knowledge.c102 import C102, Part

TOP_KEYS = ("country", "article3_declaration", "general", "branches")
MAX_COUNTRY_CHARS = 200  # the saved assessments' column
GENERAL_KEYS = ("employee_contribution_share",)
COVERAGE_KEYS = ("basis", "percent")


class InputError(ValueError):
    """The answers cannot be assessed; `problems` holds one message per wrong field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def parse_input(data: object, c102: C102) -> CountryInput:
    """The checked answers, or `InputError` listing every problem found."""
    reader = _Reader(c102)
    answers = reader.answers(data)
    if reader.problems:
        raise InputError(reader.problems)
    return answers


class _Reader:
    def __init__(self, c102: C102) -> None:
        self.c102 = c102
        self.specs: dict[str, FieldSpec] = field_specs(c102)
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}" if path else message)

    def answers(self, data: object) -> CountryInput:
        if not isinstance(data, dict):
            self.problem("", f"the answers must be a mapping with the keys {', '.join(TOP_KEYS)}, got {data!r}")
            return CountryInput(branches={})
        top = self.mapping("", data, TOP_KEYS)
        general = self.mapping("general", top.get("general") or {}, GENERAL_KEYS)
        article3 = self.value("article3_declaration", "article3_declaration", top.get("article3_declaration", False))
        return CountryInput(
            branches=self.branches(top.get("branches") or {}),
            country=self.country(top.get("country")),
            article3_declaration=bool(article3),
            employee_contribution_share=self.value("general.employee_contribution_share",
                                                   "employee_contribution_share",
                                                   general.get("employee_contribution_share")),
        )

    def country(self, raw: object) -> str | None:
        if raw is None:
            return None
        if not isinstance(raw, str) or not raw.strip():
            self.problem("country", f"expected the country's name, got {raw!r}")
            return None
        if len(raw.strip()) > MAX_COUNTRY_CHARS:
            self.problem("country", f"a country's name has at most {MAX_COUNTRY_CHARS} characters, not "
                                    f"{len(raw.strip())}")
            return None
        return raw.strip()

    def branches(self, raw: object) -> dict[str, BranchInput]:
        if not isinstance(raw, dict):
            self.problem("branches", f"expected a mapping of branch names to answers, got {raw!r}")
            return {}
        branches = {}
        for name, entry in raw.items():
            if name not in self.c102.branch_ids:
                self.problem(f"branches.{name}", f"unknown branch (allowed: {', '.join(self.c102.branch_ids)})")
                continue
            branches[name] = self.branch(self.c102.part(name), f"branches.{name}", entry)
        return branches

    def branch(self, part: Part, path: str, raw: object) -> BranchInput:
        entry = self.mapping(path, {} if raw is None else raw, branch_fields(part))
        values: dict[str, Any] = {key: self.value(f"{path}.{key}", key, value)
                                  for key, value in entry.items() if key != "coverage"}
        if "coverage" in entry:
            values["coverage"] = self.coverage(f"{path}.coverage", entry["coverage"])
        return BranchInput(branch=part.branch, **values)

    def coverage(self, path: str, raw: object) -> Coverage:
        if raw is None or (isinstance(raw, str) and raw.strip().lower() == UNKNOWN):
            return Coverage()
        entry = self.mapping(path, raw, COVERAGE_KEYS)
        basis = self.value(f"{path}.basis", "coverage.basis", entry.get("basis"))
        percent = self.value(f"{path}.percent", "coverage.percent", entry.get("percent"))
        if isinstance(basis, str) and percent is not None and self.c102.coverage_basis(basis).minimum_percent is None:
            self.problem(f"{path}.percent", f"not used with the basis '{basis}' (it covers all residents within "
                                            "the means limits)")
        return Coverage(basis if isinstance(basis, str) else None, percent if isinstance(percent, float) else None)

    def value(self, path: str, field: str, raw: object) -> Any:
        if raw is None:
            return None
        try:
            return self.specs[field].read(raw)
        except ValueProblem as problem:
            self.problem(path, str(problem))
            return None

    def mapping(self, path: str, raw: object, allowed: Iterable[str]) -> dict[str, Any]:
        """`raw` as a mapping restricted to `allowed` keys; anything else is reported."""
        allowed = tuple(allowed)
        if not isinstance(raw, dict):
            self.problem(path, f"expected a mapping with the keys {', '.join(allowed)}, got {raw!r}")
            return {}
        for key in raw:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                self.problem(where, f"unknown key (allowed: {', '.join(allowed)})")
        return {key: value for key, value in raw.items() if key in allowed}
