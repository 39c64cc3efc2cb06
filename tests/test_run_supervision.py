"""`make run` (scripts/run.sh) survives a crash: each of its servers killed with kill -9 in turn is started again
by supervisord while the others keep serving; the user is told politely while the action server is down, and the
conversation goes on where it was. Started with free ports and its own RATIFY_VAR_DIR (database, tracker store,
logs), then stopped as Ctrl-C stops it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from bot.cli.supervise import program_pid
from bot.cli.wait_ready import answers, wait_ready
from bot.config import PROJECT_ROOT
from channels.unavailable import APOLOGY
from tests.conftest import free_port, trained_model

pytestmark = pytest.mark.e2e

START_TIMEOUT_S = 600
C102 = "Convention, 1952 (No. 102)"


@dataclass
class Run:
    process: subprocess.Popen
    var: Path
    ports: dict[str, int]
    sender: str

    @property
    def health(self) -> dict[str, str]:
        return {"actions": f"http://127.0.0.1:{self.ports['actions']}/health",
                "rasa": f"http://127.0.0.1:{self.ports['rasa']}/",
                "web": f"http://127.0.0.1:{self.ports['web']}/api/health"}

    def pid(self, name: str) -> int:
        return program_pid(self.var / "run" / "supervisord.conf", name)

    def say(self, message: str) -> str:
        reply = requests.post(f"http://127.0.0.1:{self.ports['rasa']}/webhooks/rest/webhook", timeout=120,
                              json={"sender": self.sender, "message": message})
        assert reply.status_code == 200, reply.text
        return "\n".join(part.get("text", "") for part in reply.json())

    def user_turns(self) -> int:
        with sqlite3.connect(self.var / "tracker.db") as connection:
            return connection.execute("SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'",
                                      (self.sender,)).fetchone()[0]

    def output(self) -> str:
        return (self.var / "run.out").read_text(errors="replace")

    def kill9(self, name: str) -> int:
        pid = self.pid(name)
        assert pid, f"{name} is not running"
        os.kill(pid, signal.SIGKILL)
        return pid

    def back(self, name: str, killed: int) -> None:
        assert wait_ready([self.health[name]], timeout=START_TIMEOUT_S), f"{name} not restarted; see {self.var}/log"
        assert self.pid(name) not in (0, killed)
        assert self.process.poll() is None, self.output()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    var = tmp_path_factory.mktemp("run-var")
    ports = {"actions": free_port(), "rasa": free_port(), "web": free_port()}
    env = {**os.environ, "RATIFY_VAR_DIR": str(var), "RATIFY_MODEL": os.environ.get("RATIFY_MODEL") or trained_model(),
           "RATIFY_ACTIONS_PORT": str(ports["actions"]), "RATIFY_RASA_PORT": str(ports["rasa"]),
           "RATIFY_WEB_PORT": str(ports["web"])}
    env.pop("RATIFY_DATABASE_URL", None)  # the default: ratify.db in RATIFY_VAR_DIR
    process = subprocess.Popen(["bash", "scripts/run.sh"], cwd=PROJECT_ROOT, env=env, start_new_session=True,
                               stdout=(var / "run.out").open("ab"), stderr=subprocess.STDOUT)
    found = Run(process, var, ports, f"run-{uuid.uuid4().hex[:12]}")
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "Press Ctrl-C to stop." not in found.output():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"run.sh did not start:\n{found.output()[-3000:]}")
            time.sleep(1)
        yield found
    finally:
        if process.poll() is None:  # the Ctrl-C test did not stop it: TERM run.sh, which stops supervisord
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=120)


def test_make_run_says_where_to_chat(run: Run):
    printed = run.output()
    assert "The ILO Ratify Assistant is ready." in printed
    assert f"http://localhost:{run.ports['web']}/" in printed
    assert f"http://localhost:{run.ports['rasa']}/webhooks/rest/webhook" in printed
    assert "ILO Ratify Assistant" in run.say("hello")
    assert (run.var / "tracker.db").exists() and (run.var / "log" / "rasa.log").exists()  # its own folder


def test_the_action_server_killed_the_user_is_told_then_answered(run: Run):
    killed = run.kill9("actions")
    assert answers(run.health["web"])
    reply = run.say("What is Convention No. 102?")
    assert APOLOGY in reply and "Traceback" not in reply
    run.back("actions", killed)
    assert C102 in run.say("What is Convention No. 102?")


def test_the_rasa_server_killed_comes_back_and_the_conversation_goes_on(run: Run):
    turns = run.user_turns()
    killed = run.kill9("rasa")
    assert answers(run.health["web"]) and answers(run.health["actions"])  # the others keep serving
    run.back("rasa", killed)
    assert C102 in run.say("What is Convention No. 102?")
    assert run.user_turns() == turns + 1  # the same conversation, nothing lost


def test_the_web_app_killed_comes_back_while_the_chat_goes_on(run: Run):
    killed = run.kill9("web")
    assert C102 in run.say("What is Convention No. 102?")
    run.back("web", killed)
    assert run.user_turns() == 5


def test_ctrl_c_stops_every_server(run: Run):
    pids = [run.pid(name) for name in ("actions", "rasa", "web")]
    os.killpg(run.process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's foreground group
    assert run.process.wait(timeout=120) == 0
    assert "run: stopping" in run.output()
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
    assert not any(answers(url) for url in run.health.values())
