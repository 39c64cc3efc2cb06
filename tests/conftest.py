"""Shared fixtures. The `servers` fixture starts the action server and the Rasa server on free ports.

Tests touch only their own data: for the whole session the project's own database is a SQLite file in a temporary
folder (RATIFY_DATABASE_URL, inherited by every server a test starts), the servers get their own RATIFY_VAR_DIR
and tracker store, and the session fails if the run wrote to the default databases of var/ (`DEFAULT_DATABASES`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from bot.cli.wait_ready import wait_ready
from bot.config import PROJECT_ROOT
from bot.knowledge.reader import Node, load_document

# The property tests try the same examples on every run and every clone (seeded from each test, no database of past
# failures): a test must not depend on chance, and a red CI must be reproducible.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

VENV_BIN = Path(sys.executable).parent
# the databases a serving checkout keeps its users' data in (bot.config.database_url, endpoints.yml)
DEFAULT_DATABASES = (PROJECT_ROOT / "var" / "ratify.db", PROJECT_ROOT / "var" / "tracker.db")
FileState = tuple[int, int] | None


def file_states(paths: tuple[Path, ...]) -> dict[Path, FileState]:
    """Each file's (modification time in ns, size), or None when it does not exist."""
    return {path: (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None for path in paths}


def changed_files(before: dict[Path, FileState], after: dict[Path, FileState]) -> list[Path]:
    """The files created, written or removed between the two states."""
    return [path for path in before if before[path] != after.get(path)]


@pytest.fixture(scope="session", autouse=True)
def own_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The session's own database for the project's tables; fails the session if the default ones changed."""
    before = file_states(DEFAULT_DATABASES)
    database = tmp_path_factory.mktemp("data") / "ratify.db"
    patch = pytest.MonkeyPatch()
    patch.setenv("RATIFY_DATABASE_URL", f"sqlite:///{database}")
    yield database
    patch.undo()
    written = changed_files(before, file_states(DEFAULT_DATABASES))
    assert not written, f"the tests wrote to the default databases {written}: every test must use its own"


def load_domain() -> dict:
    """domain.yml, as YAML."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


def changed_knowledge_document(tmp_path: Path, file: str, change: Callable[[dict], object]) -> Node:
    """A copy of the real knowledge file `file` in `tmp_path`, edited by `change`, loaded as the loaders see it."""
    data = yaml.safe_load((PROJECT_ROOT / "data" / "knowledge" / file).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_document(tmp_path, file)


def on_own_database(database: Path, monkeypatch: pytest.MonkeyPatch, service: Callable) -> Iterator[None]:
    """For an autouse fixture: the test on its own SQLite file; `service` (built once per process from
    RATIFY_DATABASE_URL, an lru_cache) is rebuilt for it and forgotten after it."""
    monkeypatch.setenv("RATIFY_DATABASE_URL", f"sqlite:///{database}")
    service.cache_clear()
    yield
    service.cache_clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Terminate a server started by a test, killing it when it does not stop within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def trained_model() -> str:
    """The model for the current project state (trains only if it is missing)."""
    done = subprocess.run(["bash", "scripts/train.sh"], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True)
    return str(PROJECT_ROOT / done.stdout.strip().splitlines()[-1])


@dataclass
class Servers:
    rasa_url: str
    actions_url: str
    log_dir: Path
    processes: dict[str, subprocess.Popen]

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"


def server_endpoints(actions_url: str, tracker_db: Path) -> str:
    """endpoints.yml for a test's Rasa server: the action server at `actions_url` and the tracker store of
    endpoints.yml (sessions rolling over, as when serving) in the file `tracker_db`."""
    tracker_store = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))["tracker_store"]
    return yaml.safe_dump({"action_endpoint": {"url": actions_url},
                           "tracker_store": {**tracker_store, "db": str(tracker_db)}})


def start_action_server(port: int, log_dir: Path) -> subprocess.Popen:
    """The action server, with `log_dir` as its RATIFY_VAR_DIR (its state stays there)."""
    log = (log_dir / "actions.log").open("ab")
    return subprocess.Popen([str(VENV_BIN / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"],
                            cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "RATIFY_VAR_DIR": str(log_dir)})


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    work = tmp_path_factory.mktemp("servers")
    actions_port, rasa_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(server_endpoints(f"http://127.0.0.1:{actions_port}/webhook", work / "tracker.db"))
    model = os.environ.get("RATIFY_MODEL") or trained_model()
    actions = start_action_server(actions_port, work)
    rasa_log = (work / "rasa.log").open("ab")
    rasa = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--model", model, "--port", str(rasa_port), "--credentials",
         "credentials.yml", "--endpoints", str(endpoints)],
        cwd=PROJECT_ROOT, stdout=rasa_log, stderr=subprocess.STDOUT,
    )
    found = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", work,
                    {"actions": actions, "rasa": rasa})
    try:
        if not wait_ready([f"{found.actions_url}/health", f"{found.rasa_url}/"], timeout=300):
            pytest.fail(f"servers did not start; logs in {work}")
        yield found
    finally:
        for process in found.processes.values():
            process.terminate()
        for process in found.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
