"""Saved assessments: stored with a short code, found again after a restart, schema made by Alembic."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect

from bot.store import AssessmentStore, StoreUnavailable, open_engine
from bot.store.assessments import CODE_ALPHABET, CODE_LENGTH, codes_named, is_code


@pytest.fixture
def url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'sub' / 'store.db'}"


def test_schema_is_created_by_the_migration(url):
    engine = open_engine(url)
    tables = inspect(engine).get_table_names()
    assert "assessments" in tables
    assert "alembic_version" in tables
    with engine.connect() as connection:
        assert connection.exec_driver_sql("select version_num from alembic_version").scalar() == "0002"


def test_save_and_find_again_by_code_after_a_restart(url):
    answers = {"country": "Ruritania", "branches": {"old_age": {"replacement_rate": 42}}}
    store = AssessmentStore(open_engine(url))
    code = store.save(answers, status="finished", result={"article2": {"ratifiable": False}}, sender_id="s1")
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)

    restarted = AssessmentStore(create_engine(url, future=True))  # a new engine: as after a server restart
    saved = restarted.get(code.lower())
    assert saved is not None
    assert saved.answers == answers
    assert saved.result == {"article2": {"ratifiable": False}}
    assert (saved.status, saved.country, saved.sender_id) == ("finished", "Ruritania", "s1")


def test_updating_keeps_the_code(url):
    store = AssessmentStore(open_engine(url))
    code = store.save({"branches": {}}, status="in_progress", progress={"asked": ["country"]})
    assert store.save({"branches": {"family": {}}}, status="stopped", code=code) == code
    saved = store.get(code)
    assert saved.status == "stopped" and saved.answers == {"branches": {"family": {}}} and saved.progress is None


def test_unknown_codes_and_statuses(url):
    store = AssessmentStore(open_engine(url))
    assert store.get("ZZZZZZ") is None
    with pytest.raises(KeyError):
        store.save({}, status="finished", code="ZZZZZZ")
    with pytest.raises(ValueError, match="status must be one of"):
        store.save({}, status="done")


def test_codes_are_unique(url):
    store = AssessmentStore(open_engine(url))
    codes = {store.save({}, status="in_progress") for _ in range(50)}
    assert len(codes) == 50


def test_an_unreachable_database_gives_one_clear_line_without_the_password():
    with pytest.raises(StoreUnavailable) as raised:
        open_engine("postgresql://ratify:s3cret@127.0.0.1:9/ratify")
    message = str(raised.value)
    assert message.startswith("cannot reach PostgreSQL at postgresql://ratify:***@127.0.0.1:9/ratify: ")
    assert "s3cret" not in message


@pytest.mark.parametrize(("text", "named"), [
    ("resume 9zb4kd7m1q", ["9ZB4KD7M1Q"]),  # a 1: outside the alphabet, still a code typed (that no check has)
    ("show K7Q2XP4M3N and OI01OI01OI", ["K7Q2XP4M3N", "OI01OI01OI"]),
    ("compare K7Q2XP4M3N with k7q2xp4m3n", ["K7Q2XP4M3N"]),  # once
    ("9ZB4KD7M1 or 9ZB4KD7M1QQ", []),  # nine and eleven characters
    ("assessment PROTECTION 2345678923", []),  # letters only, digits only
    ("9ZB4KD-7M1Q 9ZB4KD7M1É", []),  # a word of ten letters and digits, nothing else
])
def test_a_code_typed_is_a_word_of_ten_letters_and_digits_of_any_kind(text, named):
    assert codes_named(text) == named
    assert all(not is_code(code) for code in named if set(code) - set(CODE_ALPHABET))
