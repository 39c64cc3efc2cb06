"""`python -m bot trainer new | list | close`: a session from the command line, with the code and links printed,
and bad input refused with one line and exit status 2."""

from __future__ import annotations

import re

import pytest

from bot.__main__ import main
from bot.trainer.service import default_trainer_service
from tests.conftest import on_own_database


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("RATIFY_WEB_URL", "http://workshop.example:8000")
    yield from on_own_database(tmp_path / "cli.db", monkeypatch, default_trainer_service)


def test_new_prints_the_code_the_join_link_and_the_dashboard(capsys):
    assert main(["trainer", "new", "Workshop Nairobi", "--quiz", "5"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"Join code:  ([A-Z0-9]{4})", out).group(1)
    assert f"participants type: join {code}" in out
    assert f"http://workshop.example:8000/?join={code}" in out
    assert f"http://workshop.example:8000/trainer/{code}" in out
    session = default_trainer_service().session(code)
    assert session.name == "Workshop Nairobi" and len(session.quiz) == 5

    assert main(["trainer", "list"]) == 0
    assert re.search(rf"^{code}  open .* Workshop Nairobi$", capsys.readouterr().out, re.MULTILINE)
    assert main(["trainer", "close", code.lower()]) == 0
    assert "is closed" in capsys.readouterr().out
    assert not default_trainer_service().session(code).is_open


@pytest.mark.parametrize(("argv", "problem"), [
    (["trainer", "new", " "], "give the session a name"),
    (["trainer", "new", "Workshop", "--quiz", "0"], "the quiz can have 1 to"),
    (["trainer", "close", "ZZZZ"], "no training session with the code 'ZZZZ'"),
])
def test_bad_input_is_one_line_and_status_2(capsys, argv, problem):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith(problem) and captured.err.count("\n") == 1


def test_list_without_sessions_says_how_to_make_one(capsys):
    assert main(["trainer", "list"]) == 0
    assert "python -m bot trainer new" in capsys.readouterr().out
