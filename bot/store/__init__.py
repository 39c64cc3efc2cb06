"""Persistence of the project's own data (saved assessments, trainer sessions) with SQLAlchemy.

The database is SQLite under `var/` by default; `RATIFY_DATABASE_URL` takes any SQLAlchemy URL (PostgreSQL in
production). `open_store()` migrates the schema to the newest Alembic revision before handing out sessions.
"""

from bot.store.assessments import AssessmentStore, SavedAssessment
from bot.store.database import StoreUnavailable, database_url, open_engine
from bot.store.trainer_sessions import TrainerStore

__all__ = ["AssessmentStore", "SavedAssessment", "StoreUnavailable", "TrainerStore", "database_url", "open_engine"]
