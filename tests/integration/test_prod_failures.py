"""Failures in production mode: a Rasa server killed in the middle of the eligibility check, the action server
down, and a database that cannot be reached when production mode starts."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from conftest import Prod, free_port, say, text_of

from bot.cli.wait_ready import answers, wait_ready
from bot.config import PROJECT_ROOT
from channels.unavailable import APOLOGY

pytestmark = pytest.mark.integration


def user_turns(events: list[tuple]) -> int:
    return sum(1 for event in events if event[1] == "user")


def test_a_rasa_server_killed_mid_check_comes_back_and_the_conversation_goes_on(healthy: Prod, sender: str):
    first, second = healthy.rasa_url(0), healthy.rasa_url(1)
    for message in ("Can my country ratify C102?", "Ghana", "no"):
        say(first, sender, message)
    before = healthy.events(sender)
    assert user_turns(before) == 3

    killed = healthy.kill9(f"rasa-{healthy.rasa_ports[0]}")
    # the other server, and the public address (nginx passes over the dead one), carry on meanwhile
    assert "Part V — Old-age benefit (1/7)" in text_of(say(second, sender, "old age"))
    assert "Part V — Old-age benefit (2/7)" in text_of(say(healthy.public_url, sender, "employees"))

    # run_prod.sh starts the killed server again; the conversation goes on there where it was
    assert wait_ready([f"{first}/"], timeout=600), f"not restarted; see {healthy.dir / 'log'}"
    assert healthy.pid(f"rasa-{healthy.rasa_ports[0]}") != killed
    assert "Part V — Old-age benefit (3/7)" in text_of(say(first, sender, "62%"))

    after = healthy.events(sender)
    assert after[: len(before)] == before  # nothing stored before the kill changed
    assert user_turns(after) == 6  # no turn lost


def test_with_the_action_server_down_the_user_is_told_and_the_conversation_recovers(healthy: Prod, sender: str):
    question = "What is Convention No. 102?"
    healthy.hold("actions")
    try:
        assert not answers(f"{healthy.actions_url}/health")
        for url in (healthy.rasa_url(0), healthy.public_url):
            reply = text_of(say(url, sender, question))
            assert APOLOGY in reply
            assert "Traceback" not in reply
    finally:
        healthy.release("actions")
    assert wait_ready([f"{healthy.actions_url}/health"], timeout=120)
    assert "Convention, 1952 (No. 102)" in text_of(say(healthy.public_url, sender, question))
    assert user_turns(healthy.events(sender)) == 3


def start_without(prod: Prod, tmp_path, **overrides: str) -> subprocess.CompletedProcess:
    """run_prod.sh against the given stores (the others: production mode's own); it should stop at once."""
    work = tmp_path / "prod"
    env = {**os.environ, **prod.services, "RATIFY_PROD_DIR": str(work), "RATIFY_MODEL": "models/unused.tar.gz",
           "RATIFY_PUBLIC_PORT": str(free_port()), "RATIFY_RASA_PORTS": str(free_port()),
           "RATIFY_ACTIONS_PORT": str(free_port()), "RATIFY_WEB_PORT": str(free_port()), **overrides}
    started = time.monotonic()
    done = subprocess.run(["bash", "scripts/run_prod.sh"], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert time.monotonic() - started < 120
    return done


def test_an_unreachable_postgresql_at_start_gives_one_clear_line(prod: Prod, tmp_path):
    port = str(free_port())
    secret = prod.services["RATIFY_PG_PASSWORD"]
    done = start_without(prod, tmp_path, RATIFY_PG_PORT=port,
                         RATIFY_DATABASE_URL=f"postgresql://ratify:{secret}@127.0.0.1:{port}/ratify")
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"cannot reach PostgreSQL at postgresql://ratify:***@127.0.0.1:{port}/ratify: "), last
    assert "Traceback" not in done.stderr + done.stdout
    assert secret not in done.stderr + done.stdout


def test_an_unreachable_redis_at_start_gives_one_clear_line(prod: Prod, tmp_path):
    port = str(free_port())
    done = start_without(prod, tmp_path, RATIFY_REDIS_PORT=port)
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"cannot reach Redis at 127.0.0.1:{port}: "), last
    assert "Traceback" not in done.stderr + done.stdout
