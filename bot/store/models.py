"""Tables of the project's own database. Change them only together with a new Alembic revision."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AssessmentRow(Base):
    __tablename__ = "assessments"

    id = Column(Integer, primary_key=True)
    code = Column(String(12), nullable=False, unique=True, index=True)
    sender_id = Column(String(200), nullable=True, index=True)
    country = Column(String(200), nullable=True)
    status = Column(String(20), nullable=False)
    answers = Column(JSON, nullable=False)
    progress = Column(JSON, nullable=True)
    result = Column(JSON, nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utc_now)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utc_now, onupdate=utc_now)
