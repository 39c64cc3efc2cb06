"""The supervisord configuration of `make run` / `make run-prod` (bot/cli/supervise.py), read back by supervisord's
own parser, and its event listener that stops supervisord when a server cannot be kept running."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from supervisor.datatypes import RestartUnconditionally
from supervisor.options import ServerOptions

from bot.cli.supervise import START_RETRIES, START_SECONDS, config, listen, main, programs
from bot.config import PROJECT_ROOT

COMMANDS = ["actions", "env", "SANIC_HOST=127.0.0.1", ".venv/bin/rasa", "run", "actions", "--", "rasa",
            ".venv/bin/rasa", "run", "--model", "models/a b%.tar.gz", "--", "web", ".venv/bin/python", "-m", "web"]


def test_programs_are_split_on_the_separator():
    found = programs(COMMANDS)
    assert list(found) == ["actions", "rasa", "web"]
    assert found["rasa"] == [".venv/bin/rasa", "run", "--model", "models/a b%.tar.gz"]


@pytest.mark.parametrize("arguments", [["actions"], ["web", "x", "--", "web", "y"], ["a b", "x"], ["x", "--"]])
def test_bad_programs_are_refused(arguments: list[str]):
    with pytest.raises(ValueError):
        programs(arguments)


def read_back(tmp_path: Path) -> ServerOptions:
    conf = tmp_path / "supervisord.conf"
    assert main(["config", str(conf), str(tmp_path / "run"), str(tmp_path / "log"), *COMMANDS]) == 0
    options = ServerOptions()
    options.realize(args=["-c", str(conf)])
    return options


def test_supervisord_reads_the_configuration_back(tmp_path: Path):
    options = read_back(tmp_path)
    groups = {group.name: group.process_configs for group in options.process_group_configs}
    assert set(groups) == {"actions", "rasa", "web", "give_up"}
    rasa = groups["rasa"][0]
    # the command survives quoting: a space and a % in the model's path
    assert rasa.command == ".venv/bin/rasa run --model 'models/a b%.tar.gz'"
    assert rasa.autorestart is RestartUnconditionally
    assert (rasa.startsecs, rasa.startretries) == (START_SECONDS, START_RETRIES)
    assert rasa.stopasgroup and rasa.killasgroup and rasa.directory == str(PROJECT_ROOT)
    assert rasa.stdout_logfile == str(tmp_path / "log" / "rasa.log")
    assert options.nodaemon and options.pidfile == str(tmp_path / "run" / "supervisord.pid")
    assert options.server_configs[0]["file"] == str(tmp_path / "run" / "supervisor.sock")


def test_the_configuration_lists_every_program_once():
    text = config(Path("/r"), Path("/l"), programs(COMMANDS), python="/py")
    assert [line for line in text.splitlines() if line.startswith("[program:")] == [
        "[program:actions]", "[program:rasa]", "[program:web]"]
    assert "command=/py -m bot.cli.supervise listen" in text and "events=PROCESS_STATE_FATAL" in text


def test_the_listener_stops_supervisord_on_a_fatal_event():
    stand_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    payload = "processname:rasa groupname:rasa from_state:BACKOFF"
    events = io.StringIO(f"ver:3.0 server:supervisor serial:1 pool:give_up poolserial:1 eventname:"
                         f"PROCESS_STATE_FATAL len:{len(payload)}\n{payload}")
    replies = io.StringIO()
    try:
        listen(events, replies, supervisord=stand_in.pid)
        assert stand_in.wait(timeout=10) == -15  # TERM
    finally:
        stand_in.kill()
    assert replies.getvalue() == "READY\nRESULT 2\nOKREADY\n"


def test_the_listener_does_nothing_without_events():
    replies = io.StringIO()
    listen(io.StringIO(""), replies, supervisord=-1)
    assert replies.getvalue() == "READY\n"
