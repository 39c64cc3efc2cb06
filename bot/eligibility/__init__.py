"""The C102 eligibility check (docs/assessment-contract.md): pure rules over dataclasses, thresholds from c102.yml.

    country_input = parse_input(data, c102)    # InputError(problems) on bad input
    result = assess(country_input, c102)       # Assessment
    assessment_to_dict(result)                 # the JSON shape
"""

from bot.eligibility.article2 import article2_gaps
from bot.eligibility.assess import assess
from bot.eligibility.inputs import BranchInput, CountryInput, Coverage, Keyword
from bot.eligibility.output import assessment_to_dict
from bot.eligibility.parse import InputError, parse_input
from bot.eligibility.result import (
    Article2Verdict,
    Assessment,
    Bound,
    CheckResult,
    PartResult,
    PartStatus,
    Status,
)

__all__ = [
    "Article2Verdict", "Assessment", "Bound", "BranchInput", "CheckResult", "CountryInput", "Coverage", "InputError",
    "Keyword", "PartResult", "PartStatus", "Status", "article2_gaps", "assess", "assessment_to_dict",
    "parse_input",
]
