"""The assessment: every Part the answers cover, the Art. 71(2) check and the Article 2 verdict."""

from __future__ import annotations

from collections.abc import Callable

from bot.eligibility.article2 import article2_verdict
from bot.eligibility.inputs import BranchInput, CountryInput
from bot.eligibility.result import Assessment, PartResult, part_status
from bot.eligibility.rules import Context, check_employee_share, run_check
from bot.knowledge.c102 import C102, Part

CountryStatus = Callable[[str], str | None]


def assess(answers: CountryInput, c102: C102, country_status: CountryStatus | None = None) -> Assessment:
    """Assess `answers` against C102. The engine knows nothing of ratifications: a caller that does passes
    `country_status` (country name -> its C102 status, or None when unknown) to have it reported."""
    context = Context(c102, answers.article3_declaration)
    parts = tuple(assess_part(part, answers.branches[part.branch], context)
                  for part in c102.parts if part.branch in answers.branches)
    share = check_employee_share(c102.employee_share, answers.employee_contribution_share)
    status = country_status(answers.country) if country_status and answers.country else None
    return Assessment(country=answers.country, article3_declaration=answers.article3_declaration, parts=parts,
                      general=(share,), article2=article2_verdict(parts, c102.article2, share),
                      not_modelled=c102.not_modelled, full_review=c102.full_review, country_status=status)


def assess_part(part: Part, answers: BranchInput, context: Context) -> PartResult:
    checks = tuple(result for rule in part.checks if (result := run_check(rule, answers, context)) is not None)
    return PartResult(part.numeral, part.branch, part.title, part_status(checks), checks)
