"""Trainer sessions: sessions with their quiz, participants, quiz answers, topics asked.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainer_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("quiz", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_trainer_sessions_code", "trainer_sessions", ["code"], unique=True)
    op.create_table(
        "trainer_participants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), sa.ForeignKey("trainer_sessions.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("sender_id", sa.String(200), nullable=False),
        sa.Column("display_name", sa.String(80), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("session_id", "sender_id", name="uq_trainer_participants_sender"),
    )
    op.create_index("ix_trainer_participants_session_id", "trainer_participants", ["session_id"])
    op.create_index("ix_trainer_participants_sender_id", "trainer_participants", ["sender_id"])
    for table, columns in (
        ("trainer_quiz_answers", [
            sa.Column("question_index", sa.Integer(), nullable=False),
            sa.Column("choice", sa.Text(), nullable=False),
            sa.Column("correct", sa.Boolean(), nullable=False),
            sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
            sa.UniqueConstraint("participant_id", "question_index", name="uq_trainer_quiz_answers_question"),
        ]),
        ("trainer_topics", [
            sa.Column("topic", sa.String(60), nullable=False),
            sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        ]),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("participant_id", sa.Integer(),
                      sa.ForeignKey("trainer_participants.id", ondelete="CASCADE"), nullable=False),
            *columns,
        )
        op.create_index(f"ix_{table}_participant_id", table, ["participant_id"])


def downgrade() -> None:
    for table in ("trainer_topics", "trainer_quiz_answers", "trainer_participants", "trainer_sessions"):
        op.drop_table(table)
