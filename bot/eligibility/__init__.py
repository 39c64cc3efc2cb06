"""The C102 eligibility check (spec/assessment.md): pure rules over dataclasses, thresholds from c102.yml.

    answers = parse_answers(data, c102)          # InputError(problems) on bad input
    result = assess(answers, c102)               # Assessment
    assessment_to_dict(result)                   # the JSON shape
"""

from bot.eligibility.answers import Answers, BranchAnswers, Coverage, Keyword
from bot.eligibility.article2 import article2_gaps
from bot.eligibility.assess import assess
from bot.eligibility.output import assessment_to_dict
from bot.eligibility.parse import InputError, parse_answers
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
    "Answers", "Article2Verdict", "Assessment", "Bound", "BranchAnswers", "CheckResult", "Coverage", "InputError",
    "Keyword", "PartResult", "PartStatus", "Status", "article2_gaps", "assess", "assessment_to_dict",
    "parse_answers",
]
