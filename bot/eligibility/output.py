"""The assessment as plain data (the `--json` output and the web API), in the shape of docs/assessment-contract.md.

Beyond the spec's keys: `verified` per check, `general` (the Art. 71(2) check), `country_status` when known,
`not_modelled` and `full_review`.
"""

from __future__ import annotations

from typing import Any

from bot.eligibility.result import Assessment, CheckResult


def check_to_dict(check: CheckResult) -> dict[str, Any]:
    return {"check": check.check, "status": check.status.value, "article": check.article,
            "required": str(check.required), "given": check.given, "verified": check.verified}


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    data: dict[str, Any] = {"country": assessment.country, "article3_declaration": assessment.article3_declaration}
    if assessment.country_status is not None:
        data["country_status"] = assessment.country_status
    data["parts"] = [{"part": part.part, "branch": part.branch, "title": part.title, "status": part.status.value,
                      "checks": [check_to_dict(check) for check in part.checks]} for part in assessment.parts]
    data["general"] = [check_to_dict(check) for check in assessment.general]
    verdict = assessment.article2
    data["article2"] = {"ratifiable": verdict.ratifiable, "acceptable_parts": list(verdict.acceptable_parts),
                        "missing": verdict.missing, "article": verdict.article}
    data["not_modelled"] = assessment.not_modelled
    data["full_review"] = assessment.full_review
    return data
