"""The configurations measured, each a context manager yielding its REST webhook and the pids to measure."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.cli.supervise import program_pid
from bot.cli.wait_ready import wait_ready
from bot.config import PROJECT_ROOT

VENV_BIN = PROJECT_ROOT / ".venv" / "bin"
START_TIMEOUT_S = 600


@dataclass
class Running:
    webhook: str
    pids: dict[str, int]  # what -> pid, for peak RSS


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spawn(command: list[str], log: Path, cwd: Path = PROJECT_ROOT, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def ready_or_fail(urls: list[str], logs: Path) -> None:
    if not wait_ready(urls, timeout=START_TIMEOUT_S):
        raise RuntimeError(f"servers did not start; logs in {logs}")


def train_reference(work: Path) -> tuple[Path, float]:
    """Rasa 3.6's starter bot (`rasa init`), trained here; its model and the training time."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run([str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(work)], cwd=work, check=True,
                   stdout=(work.parent / "reference-init.log").open("ab"), stderr=subprocess.STDOUT)
    return next((work / "models").glob("*.tar.gz")), time.monotonic() - started


@contextmanager
def reference(work: Path, model: Path) -> Iterator[Running]:
    """The starter bot on the REST channel, in-memory tracker store, no action server."""
    port = free_port()
    rasa = spawn([str(VENV_BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--interface",
                  "127.0.0.1", "--credentials", str(work / "credentials.yml")], work.parent / "reference.log", cwd=work)
    try:
        ready_or_fail([f"http://127.0.0.1:{port}/"], work.parent)
        yield Running(f"http://127.0.0.1:{port}/webhooks/rest/webhook", {"rasa": rasa.pid})
    finally:
        stop([rasa])


def local_endpoints(actions_port: int, tracker_db: Path) -> str:
    """endpoints.yml (what `make run` uses) with the action server on `actions_port` and the tracker store in
    `tracker_db`, as scripts/run.sh writes it."""
    return ((PROJECT_ROOT / "endpoints.yml").read_text().replace("localhost:5055/", f"localhost:{actions_port}/")
            .replace('"var/tracker.db"', f'"{tracker_db}"'))


@contextmanager
def ours(work: Path, model: str, api_token: str | None = None) -> Iterator[Running]:
    """Our bot as `make run` starts it: SQLite tracker store, the action server (with `api_token`, also Rasa's HTTP
    API behind that token, e.g. to read trackers)."""
    rasa_port, actions_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(local_endpoints(actions_port, work / "tracker.db"))
    actions = spawn([str(VENV_BIN / "rasa"), "run", "actions", "--port", str(actions_port), "--actions", "actions"],
                    work / "actions.log")
    rasa = spawn([str(VENV_BIN / "rasa"), "run", "--model", model, "--port", str(rasa_port), "--interface",
                  "127.0.0.1", "--credentials", "credentials.yml", "--endpoints", str(endpoints),
                  *(["--enable-api", "--auth-token", api_token] if api_token else [])], work / "rasa.log")
    try:
        ready_or_fail([f"http://127.0.0.1:{actions_port}/health", f"http://127.0.0.1:{rasa_port}/"], work)
        yield Running(f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", {"rasa": rasa.pid, "actions": actions.pid})
    finally:
        stop([rasa, actions])


@contextmanager
def production(model: str, servers: int) -> Iterator[Running]:
    """scripts/run_prod.sh with `servers` Rasa servers, measured through nginx."""
    work = Path(tempfile.mkdtemp(prefix=f"ratify-bench-prod{servers}-"))
    work.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folder
    public = free_port()
    ports = [free_port() for _ in range(servers)]
    env = {**os.environ, "RATIFY_PROD_DIR": str(work), "RATIFY_MODEL": model, "RATIFY_PUBLIC_PORT": str(public),
           "RATIFY_RASA_PORTS": " ".join(str(port) for port in ports),
           "RATIFY_ACTIONS_PORT": str(free_port()), "RATIFY_WEB_PORT": str(free_port())}
    env.pop("RATIFY_PG_HOST", None)
    process = spawn(["bash", "scripts/run_prod.sh"], work / "run.out", env=env)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (work / "run" / "ready").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"production mode did not start; see {work}")
            time.sleep(1)
        conf = work / "run" / "supervisord.conf"
        pids = {name: program_pid(conf, name) for name in ("actions", "web", *(f"rasa-{port}" for port in ports))}
        yield Running(f"http://127.0.0.1:{public}/webhooks/rest/webhook", pids)
    finally:
        if process.poll() is None:
            process.terminate()  # run_prod.sh stops its servers, nginx, PostgreSQL and Redis
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident memory (VmHWM), with its children's."""
    total = 0
    for one in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process and its children alive now have used (/proc/PID/stat), in seconds."""
    ticks = 0
    for one in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return ticks / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    try:
        direct = [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return [*direct, *(grandchild for child in direct for grandchild in children(child))]
