"""The servers of `make run` and `make run-prod` under supervisord (the `supervisor` package): a server that stops
(a crash, kill -9) is started again while the others go on serving.

`python -m bot.cli.supervise config CONF RUN LOGS NAME COMMAND... [-- NAME COMMAND...]` writes supervisord's
configuration CONF: one program per NAME, its output in LOGS/NAME.log, supervisord's socket, pid and own log in
RUN (`supervisorctl -c CONF status|pid NAME|stop NAME|start NAME` then reach it).
`python -m bot.cli.supervise listen` is the event listener that configuration adds: when a program cannot be
kept running (FATAL: it stopped `START_RETRIES` times in a row within `START_SECONDS` of its start), it stops
supervisord, so that the script that started it says so and exits instead of serving half a bot.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.config import PROJECT_ROOT

START_SECONDS = 20  # a server that stops sooner after its start counts as a failed start
START_RETRIES = 5  # failed starts in a row before supervisord gives up on it (FATAL)
STOP_SECONDS = 30  # TERM, then KILL after this long
SEPARATOR = "--"


def programs(arguments: Sequence[str]) -> dict[str, list[str]]:
    """`NAME COMMAND... -- NAME COMMAND...` as {name: command}."""
    found: dict[str, list[str]] = {}
    group: list[str] = []
    for argument in [*arguments, SEPARATOR]:
        if argument != SEPARATOR:
            group.append(argument)
            continue
        if len(group) < 2:
            raise ValueError(f"a program needs a name and a command, got {group!r}")
        name, *command = group
        if name in found or not name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"bad or repeated program name {name!r}")
        found[name] = command
        group = []
    return found


def config(run: Path, logs: Path, commands: dict[str, list[str]], python: str = sys.executable) -> str:
    """supervisord's configuration for `commands`, run from the project's folder, state in `run`, logs in `logs`."""
    sections = [
        f"[supervisord]\nnodaemon=true\nlogfile={run / 'supervisord.log'}\npidfile={run / 'supervisord.pid'}\n"
        f"childlogdir={logs}\ndirectory={PROJECT_ROOT}\n",
        f"[unix_http_server]\nfile={run / 'supervisor.sock'}\nchmod=0700\n",
        "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n",
        f"[supervisorctl]\nserverurl=unix://{run / 'supervisor.sock'}\n",
        f"[eventlistener:give_up]\ncommand={shlex.join([python, '-m', 'bot.cli.supervise', 'listen'])}\n"
        f"events=PROCESS_STATE_FATAL\ndirectory={PROJECT_ROOT}\nstderr_logfile={logs / 'give_up.log'}\n",
    ]
    for name, command in commands.items():
        # `%` is supervisord's expansion character: a literal one is doubled
        sections.append(
            f"[program:{name}]\ncommand={shlex.join(command).replace('%', '%%')}\ndirectory={PROJECT_ROOT}\n"
            f"autostart=true\nautorestart=true\nstartsecs={START_SECONDS}\nstartretries={START_RETRIES}\n"
            f"stopwaitsecs={STOP_SECONDS}\nstopasgroup=true\nkillasgroup=true\nredirect_stderr=true\n"
            f"stdout_logfile={logs / f'{name}.log'}\nstdout_logfile_maxbytes=20MB\nstdout_logfile_backups=3\n"
        )
    return "\n".join(sections)


def listen(stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, supervisord: int | None = None) -> None:
    """supervisord's event listener protocol: on every event (only PROCESS_STATE_FATAL is subscribed), TERM
    supervisord (this listener's parent), which stops every program."""
    while True:
        stdout.write("READY\n")
        stdout.flush()
        header = stdin.readline()
        if not header:
            return
        fields = dict(token.split(":", 1) for token in header.split())
        payload = stdin.read(int(fields["len"]))
        print(f"supervise: {payload.strip()}: giving up, stopping every server", file=sys.stderr, flush=True)
        os.kill(supervisord or os.getppid(), signal.SIGTERM)
        stdout.write("RESULT 2\nOK")
        stdout.flush()


def supervisorctl(conf: Path, *arguments: str) -> str:
    """`supervisorctl -c CONF ARGUMENTS...` (e.g. "stop", "actions"): what it printed."""
    done = subprocess.run([str(Path(sys.executable).parent / "supervisorctl"), "-c", str(conf), *arguments],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip()


def program_pid(conf: Path, name: str) -> int:
    """The pid of program `name` under the supervisord of `conf` (0 when it is not running)."""
    text = supervisorctl(conf, "pid", name)
    return int(text) if text.isdigit() else 0


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["listen"]:
        listen()
        return 0
    if argv[:1] == ["config"] and len(argv) >= 6:
        conf, run, logs = (Path(argument).resolve() for argument in argv[1:4])
        for folder in (run, logs):
            folder.mkdir(parents=True, exist_ok=True)
        conf.write_text(config(run, logs, programs(argv[4:])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
