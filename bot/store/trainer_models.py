"""Tables of the trainer sessions (Alembic revision 0002). Change them only together with a new revision.

A participant is known only by the sender id of the channel (pseudonymous in the web chat) and the display
name they chose, if any; quiz answers and the topics they asked hang off the participant.
"""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint

from bot.store.models import Base, utc_now


class TrainerSessionRow(Base):
    __tablename__ = "trainer_sessions"

    id = Column(Integer, primary_key=True)
    code = Column(String(12), nullable=False, unique=True, index=True)
    name = Column(String(200), nullable=False)
    status = Column(String(20), nullable=False)
    quiz = Column(JSON, nullable=False)  # the questions as generated when the session was created
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    closed_at = Column(DateTime(timezone=True), nullable=True)


class ParticipantRow(Base):
    __tablename__ = "trainer_participants"
    __table_args__ = (UniqueConstraint("session_id", "sender_id", name="uq_trainer_participants_sender"),)

    id = Column(Integer, primary_key=True)
    session_id = Column(Integer, ForeignKey("trainer_sessions.id", ondelete="CASCADE"), nullable=False, index=True)
    sender_id = Column(String(200), nullable=False, index=True)
    display_name = Column(String(80), nullable=True)
    joined_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


class QuizAnswerRow(Base):
    __tablename__ = "trainer_quiz_answers"
    __table_args__ = (UniqueConstraint("participant_id", "question_index", name="uq_trainer_quiz_answers_question"),)

    id = Column(Integer, primary_key=True)
    participant_id = Column(Integer, ForeignKey("trainer_participants.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    question_index = Column(Integer, nullable=False)
    choice = Column(Text, nullable=False)
    correct = Column(Boolean, nullable=False)
    answered_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)


class TopicRow(Base):
    """One question a participant asked, by its answer topic (`bot.answers.TOPICS`)."""

    __tablename__ = "trainer_topics"

    id = Column(Integer, primary_key=True)
    participant_id = Column(Integer, ForeignKey("trainer_participants.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    topic = Column(String(60), nullable=False)
    asked_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
