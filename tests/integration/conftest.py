"""Production mode for the integration tests: `scripts/run_prod.sh` itself, started once per session in a
temporary folder with free ports (its own PostgreSQL, Redis and nginx, two Rasa servers, one action server, the
web app), and the helpers the tests use to talk to it, read its PostgreSQL and stop or kill its servers."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import pytest
import requests

from bot.cli.supervise import program_pid, supervisorctl
from bot.cli.wait_ready import answers, wait_ready
from bot.config import PROJECT_ROOT

START_TIMEOUT_S = 600
REST_TOKEN = "integration-rest-token-" + "x" * 20  # production mode publishes the REST channel only with one
REST_HEADERS = {"Authorization": f"Bearer {REST_TOKEN}"}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_env_file(path: Path) -> dict[str, str]:
    """`export NAME=value` lines (scripts/prod/services.sh writes them)."""
    found = {}
    for line in path.read_text().splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        found[name] = value
    return found


@dataclass
class Prod:
    dir: Path
    public_url: str
    rasa_ports: list[int]
    actions_port: int
    web_port: int
    process: subprocess.Popen | None
    services: dict[str, str] = field(default_factory=dict)

    def rasa_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[index]}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def names(self) -> list[str]:
        return ["actions", "web", *(f"rasa-{port}" for port in self.rasa_ports)]

    def health_urls(self) -> list[str]:
        return [f"{self.actions_url}/health", f"{self.web_url}/api/health", f"{self.public_url}/api/health",
                *(f"{self.rasa_url(i)}/" for i in range(len(self.rasa_ports)))]

    @property
    def supervisor_conf(self) -> Path:
        return self.dir / "run" / "supervisord.conf"

    def pid(self, name: str) -> int:
        return program_pid(self.supervisor_conf, name)

    def kill9(self, name: str) -> int:
        pid = self.pid(name)
        os.kill(pid, signal.SIGKILL)
        return pid

    def hold(self, name: str) -> None:
        """Stop `name` and keep it stopped (supervisord starts again only what stopped by itself)."""
        supervisorctl(self.supervisor_conf, "stop", name)

    def release(self, name: str) -> None:
        supervisorctl(self.supervisor_conf, "start", name)

    def wait_healthy(self, timeout: float = START_TIMEOUT_S) -> None:
        if not wait_ready(self.health_urls(), timeout=timeout):
            down = [url for url in self.health_urls() if not answers(url)]
            pytest.fail(f"production mode not healthy: {down}; logs in {self.dir / 'log'}")

    def db(self, database: str = "ratify_tracker"):
        env = self.services
        return psycopg2.connect(host=env["RATIFY_PG_HOST"], port=int(env["RATIFY_PG_PORT"]), dbname=database,
                                user=env["RATIFY_PG_USER"], password=env["RATIFY_PG_PASSWORD"])

    def events(self, sender: str) -> list[tuple]:
        """Rasa's events of one conversation in the tracker store: (id, type_name, action_name, intent_name, data)."""
        with self.db() as connection, connection.cursor() as cursor:
            cursor.execute("SELECT id, type_name, action_name, intent_name, data FROM events "
                           "WHERE sender_id = %s ORDER BY id", (sender,))
            return cursor.fetchall()

    def logs(self) -> str:
        """Every log production mode wrote (servers, nginx, PostgreSQL, Redis)."""
        texts = []
        for path in sorted(self.dir.rglob("*.log")):
            texts.append(path.read_text(errors="replace"))
        return "\n".join(texts) + (self.dir / "run.out").read_text(errors="replace")


def say(url: str, sender: str, message: str, timeout: float = 60) -> list[dict]:
    """POST one message to the REST webhook under `url`; the reply's messages."""
    reply = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                          headers=REST_HEADERS, timeout=timeout)
    assert reply.status_code == 200, reply.text
    return reply.json()


def text_of(messages: list[dict]) -> str:
    return "\n".join(message.get("text", "") for message in messages)


def attached(work: Path) -> Prod:
    """Production mode already running in `work` (RATIFY_PROD_ATTACH, to develop the tests faster)."""
    ports = read_env_file(work / "run" / "addresses.env")
    found = Prod(work, f"http://127.0.0.1:{ports['RATIFY_PUBLIC_PORT']}",
                 [int(port) for port in ports["RATIFY_RASA_PORTS"].strip('"').split()],
                 int(ports["RATIFY_ACTIONS_PORT"]), int(ports["RATIFY_WEB_PORT"]), process=None)
    found.services = read_env_file(work / "services" / "services.env")
    return found


@pytest.fixture(scope="session")
def prod() -> Iterator[Prod]:
    if os.environ.get("RATIFY_PROD_ATTACH"):
        yield attached(Path(os.environ["RATIFY_PROD_ATTACH"]))
        return
    # PostgreSQL runs as its own user: the folder must be reachable by it (pytest's tmp_path is private to root)
    work = Path(tempfile.mkdtemp(prefix="ratify-prod-test-"))
    work.chmod(0o755)
    rasa_ports = [free_port(), free_port()]
    public_port, actions_port, web_port = free_port(), free_port(), free_port()
    env = {**os.environ, "RATIFY_PROD_DIR": str(work), "RATIFY_PUBLIC_PORT": str(public_port),
           "RATIFY_RASA_PORTS": " ".join(map(str, rasa_ports)), "RATIFY_ACTIONS_PORT": str(actions_port),
           "RATIFY_WEB_PORT": str(web_port), "RATIFY_REST_TOKEN": REST_TOKEN}
    for name in ("RATIFY_PG_HOST", "RATIFY_DATABASE_URL", "RATIFY_RASA_API_TOKEN"):
        env.pop(name, None)
    out = (work / "run.out").open("ab")
    process = subprocess.Popen(["bash", "scripts/run_prod.sh"], cwd=PROJECT_ROOT, env=env, stdout=out,
                               stderr=subprocess.STDOUT, start_new_session=True)
    found = Prod(work, f"http://127.0.0.1:{public_port}", rasa_ports, actions_port, web_port, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (work / "run" / "ready").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"run_prod.sh did not start:\n{(work / 'run.out').read_text()[-3000:]}")
            time.sleep(1)
        found.services = read_env_file(work / "services" / "services.env")
        yield found
    finally:
        stop(process, work)
        if os.environ.get("RATIFY_KEEP_PROD_DIR"):
            print(f"production mode's folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def stop(process: subprocess.Popen, work: Path) -> None:
    """TERM run_prod.sh (it stops its servers, nginx, PostgreSQL and Redis); if it hangs, KILL its group and stop
    the daemons (nginx, Redis and PostgreSQL leave the group) with their own scripts."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=90)
            return
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    for command in (["nginx.sh", "stop", str(work)], ["services.sh", "stop", str(work / "services")]):
        subprocess.run(["bash", f"scripts/prod/{command[0]}", *command[1:]], cwd=PROJECT_ROOT, check=False,
                       capture_output=True)


@pytest.fixture
def healthy(prod: Prod) -> Prod:
    """Production mode with every server up (a test before may have stopped one)."""
    prod.wait_healthy()
    return prod


@pytest.fixture
def sender() -> str:
    return f"it-{uuid.uuid4().hex[:12]}"
