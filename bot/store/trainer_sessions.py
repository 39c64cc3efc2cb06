"""Trainer sessions in the database: sessions found by a short join code, their participants, quiz answers and
the topics participants asked; and the assessments the participants ran during the session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.assessments import code_pattern, normalise_code, random_code
from bot.store.models import AssessmentRow, utc_now
from bot.store.trainer_models import ParticipantRow, QuizAnswerRow, TopicRow, TrainerSessionRow

JOIN_CODE_LENGTH = 4  # typed from a projector by a room of people: short, and without 0/O or 1/I
# letters and digits mixed, like a saved check's code: in "the trainer told us to type join R4ZM", "type" is no code;
# and unlike a number: "what is convention C999 about?" names a Convention, "on the 25th" a day, no session
JOIN_CODE_PATTERN = code_pattern(JOIN_CODE_LENGTH, unlike_numbers=True)
OPEN, CLOSED = "open", "closed"


@dataclass(frozen=True)
class SessionRecord:
    id: int
    code: str
    name: str
    status: str
    quiz: list[dict[str, Any]]
    created_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    session_id: int
    sender_id: str
    display_name: str | None
    joined_at: datetime


@dataclass(frozen=True)
class AnswerRecord:
    participant_id: int
    question_index: int
    choice: str
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class SessionAssessment:
    """An assessment a participant started after joining: its code, country, status and saved result."""

    participant_id: int
    code: str
    country: str | None
    status: str
    result: dict[str, Any] | None
    updated_at: datetime


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard shows of one session, read in one go."""

    session: SessionRecord
    participants: list[ParticipantRecord]
    answers: list[AnswerRecord]
    topics: list[tuple[str, int]]  # most asked first
    assessments: list[SessionAssessment]


def is_join_code(text: str) -> bool:
    return JOIN_CODE_PATTERN.fullmatch(text) is not None


def utc(value: datetime | None) -> datetime | None:
    """A stored time with its time zone (SQLite gives it back without; it was written in UTC)."""
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def _session_record(row: TrainerSessionRow) -> SessionRecord:
    return SessionRecord(row.id, row.code, row.name, row.status, row.quiz, utc(row.created_at), utc(row.closed_at))


def _participant_record(row: ParticipantRow) -> ParticipantRecord:
    return ParticipantRecord(row.id, row.session_id, row.sender_id, row.display_name, utc(row.joined_at))


def _answer_record(row: QuizAnswerRow) -> AnswerRecord:
    return AnswerRecord(row.participant_id, row.question_index, row.choice, row.correct, utc(row.answered_at))


def _find(session: Session, code: str) -> TrainerSessionRow | None:
    query = select(TrainerSessionRow).where(TrainerSessionRow.code == normalise_code(code))
    return session.execute(query).scalar_one_or_none()


class TrainerStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with Session(self.engine, future=True) as session, session.begin():
            yield session

    def create(self, name: str, quiz_for: Callable[[str], list[dict[str, Any]]]) -> SessionRecord:
        """A new open session under an unused join code, with the quiz `quiz_for` gives for that code."""
        for _ in range(20):
            code = random_code(JOIN_CODE_PATTERN, JOIN_CODE_LENGTH)
            quiz = quiz_for(code)
            try:
                with self._transaction() as session:
                    row = TrainerSessionRow(code=code, name=name, status=OPEN, quiz=quiz)
                    session.add(row)
                    session.flush()
                    return _session_record(row)
            except IntegrityError:  # the code was taken: draw another
                continue
        raise RuntimeError("could not draw an unused join code")

    def get(self, code: str) -> SessionRecord | None:
        with self._transaction() as session:
            found = _find(session, code)
            return _session_record(found) if found else None

    def sessions(self) -> list[SessionRecord]:
        """Every session, newest first."""
        with self._transaction() as session:
            rows = session.execute(select(TrainerSessionRow).order_by(TrainerSessionRow.id.desc())).scalars()
            return [_session_record(row) for row in rows]

    def close(self, code: str) -> SessionRecord | None:
        """The session closed (kept as it was when already closed); None for an unknown code."""
        with self._transaction() as session:
            found = _find(session, code)
            if found is None:
                return None
            if found.status == OPEN:
                found.status, found.closed_at = CLOSED, utc_now()
                session.flush()
            return _session_record(found)

    def participant(self, session_id: int, sender_id: str) -> ParticipantRecord | None:
        with self._transaction() as session:
            row = session.execute(select(ParticipantRow).where(ParticipantRow.session_id == session_id,
                                                               ParticipantRow.sender_id == sender_id))
            found = row.scalar_one_or_none()
            return _participant_record(found) if found else None

    def add_participant(self, session_id: int, sender_id: str, display_name: str | None) -> ParticipantRecord:
        """The participant for `sender_id` in the session (added if new; a new display name replaces the old)."""
        with self._transaction() as session:
            found = session.execute(select(ParticipantRow).where(ParticipantRow.session_id == session_id,
                                                                 ParticipantRow.sender_id == sender_id))
            row = found.scalar_one_or_none()
            if row is None:
                row = ParticipantRow(session_id=session_id, sender_id=sender_id, display_name=display_name)
                session.add(row)
            elif display_name:
                row.display_name = display_name
            session.flush()
            return _participant_record(row)

    def latest_participation(self, sender_id: str) -> tuple[SessionRecord, ParticipantRecord] | None:
        """The session `sender_id` joined last, and the participant there; None when it never joined one."""
        with self._transaction() as session:
            found = session.execute(
                select(TrainerSessionRow, ParticipantRow).join(ParticipantRow)
                .where(ParticipantRow.sender_id == sender_id).order_by(ParticipantRow.id.desc()).limit(1)).first()
            return (_session_record(found[0]), _participant_record(found[1])) if found else None

    def answers(self, participant_id: int) -> list[AnswerRecord]:
        with self._transaction() as session:
            rows = session.execute(select(QuizAnswerRow).where(QuizAnswerRow.participant_id == participant_id)
                                   .order_by(QuizAnswerRow.question_index)).scalars()
            return [_answer_record(row) for row in rows]

    def add_answer(self, participant_id: int, question_index: int, choice: str, correct: bool) -> bool:
        """Records the answer; False when this question was already answered (the first answer counts)."""
        try:
            with self._transaction() as session:
                session.add(QuizAnswerRow(participant_id=participant_id, question_index=question_index,
                                          choice=choice, correct=correct))
        except IntegrityError:
            return False
        return True

    def add_topic(self, participant_id: int, topic: str) -> None:
        with self._transaction() as session:
            session.add(TopicRow(participant_id=participant_id, topic=topic))

    def snapshot(self, code: str) -> Snapshot | None:
        """The session with its participants, answers, topic counts and assessments; None for an unknown code."""
        with self._transaction() as session:
            found = _find(session, code)
            if found is None:
                return None
            participants = session.execute(select(ParticipantRow).where(ParticipantRow.session_id == found.id)
                                           .order_by(ParticipantRow.id)).scalars().all()
            ids = [participant.id for participant in participants]
            answers = session.execute(select(QuizAnswerRow).where(QuizAnswerRow.participant_id.in_(ids))
                                      .order_by(QuizAnswerRow.participant_id, QuizAnswerRow.question_index)).scalars()
            count = func.count(TopicRow.id)
            topics = session.execute(select(TopicRow.topic, count).where(TopicRow.participant_id.in_(ids))
                                     .group_by(TopicRow.topic).order_by(count.desc(), TopicRow.topic))
            # assessments run by a participant from the moment they joined until the session closed
            run = (select(ParticipantRow.id, AssessmentRow)
                   .join(AssessmentRow, AssessmentRow.sender_id == ParticipantRow.sender_id)
                   .where(ParticipantRow.session_id == found.id, AssessmentRow.created_at >= ParticipantRow.joined_at))
            if found.closed_at is not None:
                run = run.where(AssessmentRow.created_at <= found.closed_at)
            assessments = session.execute(run.order_by(AssessmentRow.id))
            return Snapshot(
                session=_session_record(found),
                participants=[_participant_record(row) for row in participants],
                answers=[_answer_record(row) for row in answers],
                topics=[(topic, total) for topic, total in topics],
                assessments=[SessionAssessment(participant_id, row.code, row.country, row.status, row.result,
                                               utc(row.updated_at)) for participant_id, row in assessments],
            )
