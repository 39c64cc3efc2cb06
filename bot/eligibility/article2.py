"""Article 2: could the country ratify with the Parts that meet the minimum, and if not, what is missing."""

from __future__ import annotations

from collections.abc import Sequence

from bot.eligibility.result import (
    N_,
    Article2Verdict,
    Bound,
    CheckResult,
    Choices,
    PartResult,
    PartStatus,
    Phrase,
    Status,
    joined,
    quantity,
)
from bot.knowledge.c102 import Article2Rule

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def article2_gaps(accepted: Sequence[str], rule: Article2Rule) -> list[str]:
    """What a ratification accepting the `accepted` Parts (numerals) still lacks under Article 2, in words."""
    gaps: list[str] = []
    needed = rule.min_parts - len(accepted)
    one_of = Phrase(N_("Parts {numerals}"), numerals=Choices(rule.one_of))
    key_missing = not any(numeral in rule.one_of for numeral in accepted)
    if needed > 0:
        count = Phrase(_COUNTS[bool(accepted)][needed > 1], count=_NUMBER_WORDS[needed])
        gaps.append(Phrase(N_("{count}, one of them from {parts}"), count=count, parts=one_of) if key_missing
                    else count)
    elif key_missing:
        gaps.append(Phrase(N_("one of {parts}"), parts=one_of))
    return gaps


def parts_verdict(accepted: Sequence[str], rule: Article2Rule) -> Article2Verdict:
    """Whether a ratification accepting the `accepted` Parts (numerals) satisfies Article 2, with no eligibility check
    behind it (the Parts someone names for a draft instrument); `missing` says what it lacks."""
    gaps = article2_gaps(accepted, rule)
    return Article2Verdict(ratifiable=not gaps, acceptable_parts=tuple(accepted), missing=joined(gaps),
                           article=rule.article)


_COUNTS = {False: (N_("{count} Part"), N_("{count} Parts")), True: (N_("{count} more Part"), N_("{count} more Parts"))}
#: the counts in words, for the catalog ("two more Parts")
COUNT_WORDS = (N_("one"), N_("two"), N_("three"), N_("four"), N_("five"), N_("six"), N_("seven"), N_("eight"),
               N_("nine"))


def article2_verdict(parts: Sequence[PartResult], rule: Article2Rule, employee_share: CheckResult) -> Article2Verdict:
    """Ratifiable when enough Parts meet, one of them a listed Part, and Art. 71(2) is not broken."""
    acceptable = tuple(part.part for part in parts if part.status is PartStatus.MEETS)
    gaps = article2_gaps(acceptable, rule)
    if employee_share.status is Status.FAILS:
        cap = employee_share.required
        limit = quantity(cap.amount, cap.unit) if isinstance(cap, Bound) else cap
        gaps.append(Phrase(N_("employees' own contributions of at most {limit} of the financing (Art. {article}), "
                              "not {given}"), limit=limit, article=employee_share.article, given=employee_share.given))
    return Article2Verdict(ratifiable=not gaps, acceptable_parts=acceptable, missing=joined(gaps),
                           article=rule.article)
