"""Saved assessments: every finished or interrupted eligibility check, found again by a short code."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import AssessmentRow

# No 0/O or 1/I: the code is read aloud in workshops and typed from a screen. The code is the only key to a saved
# check (it reads and changes it): 10 characters of 32 are 2^50 codes, beyond guessing at the rate look-ups are
# allowed (`bot.throttle`). Every code mixes letters and digits, so that no word ("assessment", "protection") has
# its shape: the chat recognises a code by this shape alone, deterministically (`components/code_intent.py`), so
# use CODE_PATTERN, not a copy.
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_DIGITS = "23456789"
CODE_ALPHABET = CODE_LETTERS + CODE_DIGITS
CODE_LENGTH = 10


def code_pattern(length: int, letters: str = CODE_LETTERS, digits: str = CODE_DIGITS, *,
                 unlike_numbers: bool = False) -> re.Pattern[str]:
    """A word of `length` of `letters` and `digits` with at least one letter and one digit, in any case. A word
    `unlike_numbers` is also no number after letters ("C999", "R205": a Convention or a Recommendation; "FY24") and
    no number before one or two letters ("25th", "22nd", "365d"), as in "K7Q2", "R4ZM" or "8WXK"."""
    mixed = rf"(?=[{letters}{digits}]*[{digits}])(?=[{letters}{digits}]*[{letters}])"
    if unlike_numbers:
        mixed += rf"(?![{letters}]+[{digits}]+\b)(?![{digits}]+[{letters}]{{1,2}}\b)"
    return re.compile(rf"\b{mixed}[{letters}{digits}]{{{length}}}\b", re.IGNORECASE)


def random_code(pattern: re.Pattern[str], length: int) -> str:
    """A random word of the alphabet of `pattern`'s shape (drawn again when it has not, e.g. when it has no digit):
    a code drawn is always recognised as one."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if pattern.fullmatch(code):
            return code


CODE_PATTERN = code_pattern(CODE_LENGTH)
# What the chat takes for a saved check's code that the user typed: a word of CODE_LENGTH letters and digits, both,
# of any letter or digit. A code mistyped with a letter or digit outside the alphabet ("9ZB4KD7M1Q" with a 1) is
# still named, so that the user hears that no saved check has it, not that the message names no code; the codes
# drawn keep the alphabet (CODE_PATTERN).
TYPED_CODE_PATTERN = code_pattern(CODE_LENGTH, "A-Z", "0-9")


class CheckStatus(str, Enum):
    """Where a saved eligibility check stands (the one list of statuses, for the store, the service and the faces)."""

    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class SavedAssessment:
    code: str
    sender_id: str | None
    country: str | None
    status: CheckStatus
    answers: dict[str, Any]
    progress: dict[str, Any] | None
    result: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime


def new_code() -> str:
    return random_code(CODE_PATTERN, CODE_LENGTH)


def is_code(text: str) -> bool:
    """True when `text` has the shape of a saved check's code (any case)."""
    return CODE_PATTERN.fullmatch(text) is not None


def codes_named(text: str) -> list[str]:
    """Every code `text` names (`TYPED_CODE_PATTERN`), in capitals, in order, once."""
    return list(dict.fromkeys(found.group(0).upper() for found in TYPED_CODE_PATTERN.finditer(text)))


def normalise_code(text: str) -> str:
    return "".join(text.split()).upper()


def _saved(row: AssessmentRow) -> SavedAssessment:
    return SavedAssessment(row.code, row.sender_id, row.country, CheckStatus(row.status), row.answers, row.progress,
                           row.result, row.created_at, row.updated_at)


class AssessmentStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(self, answers: dict[str, Any], *, status: CheckStatus, result: dict[str, Any] | None = None,
             progress: dict[str, Any] | None = None, sender_id: str | None = None,
             code: str | None = None) -> str:
        """Store a new assessment (no `code`) or update the one with `code`; returns its code."""
        if status not in {known.value for known in CheckStatus}:
            raise ValueError(f"status must be one of {', '.join(known.value for known in CheckStatus)}, not {status!r}")
        status = CheckStatus(status)
        fields = {"answers": answers, "status": status.value, "result": result, "progress": progress,
                  "country": answers.get("country")}
        with Session(self.engine, future=True) as session, session.begin():
            if code is not None:
                row = session.execute(select(AssessmentRow).where(AssessmentRow.code == normalise_code(code)))
                existing = row.scalar_one_or_none()
                if existing is None:
                    raise KeyError(code)
                for name, value in fields.items():
                    setattr(existing, name, value)
                return existing.code
        for _ in range(10):
            drawn = new_code()
            try:
                with Session(self.engine, future=True) as session, session.begin():
                    session.add(AssessmentRow(code=drawn, sender_id=sender_id, **fields))
                return drawn
            except IntegrityError:  # the code was taken: draw another
                continue
        raise RuntimeError("could not draw an unused assessment code")

    def get(self, code: str) -> SavedAssessment | None:
        with Session(self.engine, future=True) as session:
            row = session.execute(select(AssessmentRow).where(AssessmentRow.code == normalise_code(code)))
            found = row.scalar_one_or_none()
            return _saved(found) if found else None
