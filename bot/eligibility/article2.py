"""Article 2: could the country ratify with the Parts that meet the minimum, and if not, what is missing."""

from __future__ import annotations

from collections.abc import Sequence

from bot.eligibility.result import Article2Verdict, Bound, CheckResult, PartResult, PartStatus, Status, quantity
from bot.knowledge.c102 import Article2Rule, join_words

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def article2_gaps(accepted: Sequence[str], rule: Article2Rule) -> list[str]:
    """What a ratification accepting the `accepted` Parts (numerals) still lacks under Article 2, in words."""
    gaps = []
    needed = rule.min_parts - len(accepted)
    one_of = f"Parts {join_words(rule.one_of)}"
    key_missing = not any(numeral in rule.one_of for numeral in accepted)
    if needed > 0:
        count = f"{_NUMBER_WORDS[needed]} {'more ' if accepted else ''}Part{'s' if needed > 1 else ''}"
        gaps.append(f"{count}, one of them from {one_of}" if key_missing else count)
    elif key_missing:
        gaps.append(f"one of {one_of}")
    return gaps


def article2_verdict(parts: Sequence[PartResult], rule: Article2Rule, employee_share: CheckResult) -> Article2Verdict:
    """Ratifiable when enough Parts meet, one of them a listed Part, and Art. 71(2) is not broken."""
    acceptable = tuple(part.part for part in parts if part.status is PartStatus.MEETS)
    gaps = article2_gaps(acceptable, rule)
    if employee_share.status is Status.FAILS:
        cap = employee_share.required
        limit = quantity(cap.amount, cap.unit) if isinstance(cap, Bound) else cap
        gaps.append(f"employees' own contributions of at most {limit} of the financing (Art. "
                    f"{employee_share.article}), not {employee_share.given}")
    return Article2Verdict(ratifiable=not gaps, acceptable_parts=acceptable, missing="; ".join(gaps),
                           article=rule.article)
