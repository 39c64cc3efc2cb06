"""Tests touch only their own data: the session's guard (tests/conftest.py) sees a default database being written,
and during the session the project's own database is not the default one."""

from __future__ import annotations

import os
from pathlib import Path

from bot.config import PROJECT_ROOT, database_url
from tests.conftest import DEFAULT_DATABASES, changed_files, file_states


def test_the_guard_sees_a_database_created_written_or_removed(tmp_path: Path):
    kept, written, created = tmp_path / "kept.db", tmp_path / "written.db", tmp_path / "created.db"
    kept.write_bytes(b"rows")
    written.write_bytes(b"rows")
    before = file_states((kept, written, created))
    os.utime(written, ns=(0, before[written][0] + 1_000_000))
    created.write_bytes(b"")
    assert changed_files(before, file_states((kept, written, created))) == [written, created]
    written.unlink()
    assert changed_files(before, file_states((kept, written, created))) == [written, created]
    assert changed_files(before, before) == []


def test_the_session_runs_on_its_own_database(own_database: Path):
    assert database_url() == f"sqlite:///{own_database}"
    assert not own_database.is_relative_to(PROJECT_ROOT)
    assert all(path.is_relative_to(PROJECT_ROOT / "var") for path in DEFAULT_DATABASES)
