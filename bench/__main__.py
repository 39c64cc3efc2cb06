"""`python -m bench` (`make bench`): measure, in one run on this machine, Rasa 3.6's starter bot (the framework's
own cost), our bot as `make run` starts it, and production mode with one and with two Rasa servers; write
bench/results/latest.json and print a table. Options shorten it (`--seconds 5 --skip-training`) to check the
harness on a busy machine."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import REST_TOKEN_VARIABLE, LoadResult, long_conversations, rest_headers, run_load, warm_up
from bench.report import (
    TURN_WINDOW,
    answered,
    cpu_ms_per_message,
    intent_f1,
    intent_f1_per_language,
    summary,
    table,
    turn_p95s,
)
from bench.servers import VENV_BIN, Running, cpu_seconds, ours, peak_rss_mib, production, reference, train_reference
from bot.config import PROJECT_ROOT, var_dir

RESULTS = PROJECT_ROOT / "bench" / "results" / "latest.json"


def measure(running: Running, loads: list[int], seconds: float) -> dict:
    """Throughput and latency at each load, and the servers' CPU time per answered message over all of them."""
    asyncio.run(warm_up(running.webhook))
    results: dict[str, dict] = {}
    before = {name: cpu_seconds(pid) for name, pid in running.pids.items()}
    for senders in loads:
        result: LoadResult = asyncio.run(run_load(running.webhook, senders, seconds))
        print(f"bench:   {senders:>3} senders: {result.throughput:7.1f} msg/s, p95 {result.p95_ms:7.1f} ms, "
              f"{result.errors} errors", flush=True)
        results[str(senders)] = result.as_dict()
    spent = {name: cpu_seconds(pid) - before[name] for name, pid in running.pids.items()}
    per_message = cpu_ms_per_message(spent, answered(results))
    print(f"bench:   CPU of the servers: {per_message} ms per answered message", flush=True)
    return {"loads": results, "cpu_s": {name: round(seconds, 2) for name, seconds in spent.items()},
            "cpu_ms_per_message": per_message}


def long_conversation(running: Running, conversations: int, turns: int) -> dict:
    """p95 latency at the start and at the end of conversations `turns` messages long (Rasa replays a
    conversation's events on every turn: the cost must not grow with it)."""
    found = turn_p95s(asyncio.run(long_conversations(running.webhook, conversations, turns)))
    print(f"bench:   {conversations} conversations of {turns} turns: p95 {found['first']} ms in the first "
          f"{TURN_WINDOW} turns, {found['last']} ms in the last {TURN_WINDOW}", flush=True)
    return {"conversations": conversations, "turns": turns, "window": TURN_WINDOW, "p95_ms": found}


def model_path() -> str:
    if os.environ.get("RATIFY_MODEL"):
        return os.environ["RATIFY_MODEL"]
    done = subprocess.run(["bash", "scripts/train.sh"], cwd=PROJECT_ROOT, check=True, capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1]


def training_seconds(work: Path) -> float:
    """A full training of our bot (`rasa train --force`, as scripts/train.sh runs it), into a scratch folder."""
    started = time.monotonic()
    subprocess.run([str(VENV_BIN / "rasa"), "train", "--force", "--quiet", "--out",
                    str(work / "models")], cwd=PROJECT_ROOT, check=True, stdout=(work / "train.log").open("ab"),
                   stderr=subprocess.STDOUT)
    return round(time.monotonic() - started, 1)


def port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def first_answer_seconds(work: Path) -> float | None:
    """From `make run` (scripts/run.sh, model already trained) to the first answer on the REST webhook."""
    if not all(port_free(port) for port in (5005, 5055, 8000)):
        print("bench: ports 5005/5055/8000 are taken; time to first answer not measured", flush=True)
        return None
    import requests

    started = time.monotonic()
    process = subprocess.Popen(["bash", "scripts/run.sh"], cwd=PROJECT_ROOT, stdout=(work / "run.log").open("ab"),
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while time.monotonic() - started < 600 and process.poll() is None:
            try:
                reply = requests.post("http://127.0.0.1:5005/webhooks/rest/webhook", timeout=30,
                                      json={"sender": "bench-first", "message": "hello"}, headers=rest_headers())
                if reply.status_code == 200 and reply.json():
                    return round(time.monotonic() - started, 1)
            except requests.RequestException:
                pass
            time.sleep(0.5)
        return None
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=120)


def heldout_accuracy() -> tuple[float | None, str]:
    """The share of right answers on the held-out questions, from the last `make understanding-report`."""
    report = var_dir() / "results" / "understanding.json"
    if not report.exists():
        return None, "not measured (run make understanding-report)"
    found = json.loads(report.read_text())
    return found["share_right"], f"make understanding-report, {found['questions']} questions, {report}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=20, help="load time per configuration and load")
    parser.add_argument("--loads", default="1,10,50", help="numbers of concurrent senders")
    parser.add_argument("--turns", type=int, default=200, help="length of the long conversations (turn 1 vs last)")
    parser.add_argument("--conversations", type=int, default=3, help="how many long conversations")
    parser.add_argument("--skip-training", action="store_true", help="do not time a full training of our bot")
    parser.add_argument("--skip-first-answer", action="store_true", help="do not time make run to first answer")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    loads = [int(load) for load in args.loads.split(",")]
    # every server started here gets it (production mode's nginx publishes the REST channel only with a token)
    os.environ.setdefault(REST_TOKEN_VARIABLE, secrets.token_urlsafe(32))
    work = Path(tempfile.mkdtemp(prefix="ratify-bench-"))
    model = model_path()
    started = time.monotonic()
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                 "load_average_at_start": os.getloadavg()},
                     "settings": {"seconds": args.seconds, "loads": loads}, "configurations": {}}

    print("bench: training Rasa's starter bot (rasa init)", flush=True)
    reference_model, reference_training = train_reference(work / "reference")
    results["reference_training_s"] = round(reference_training, 1)
    results["training_s"] = None if args.skip_training else training_seconds(work)
    print(f"bench: full training of our bot: {results['training_s']} s", flush=True)

    configurations = {
        "reference": lambda: reference(work / "reference", reference_model),
        "ours": lambda: ours(work, model),
        "production_1_server": lambda: production(model, 1),
        "production_2_servers": lambda: production(model, 2),
    }
    for name, start in configurations.items():
        print(f"bench: {name}", flush=True)
        with start() as running:
            measured = measure(running, loads, args.seconds)
            if name == "ours":
                results["long_conversation"] = long_conversation(running, args.conversations, args.turns)
            measured["peak_rss_mib"] = {what: peak_rss_mib(pid) for what, pid in running.pids.items()}
        results["configurations"][name] = measured

    results["first_answer_s"] = None if args.skip_first_answer else first_answer_seconds(work)
    results["nlu_intent_f1"], results["nlu_intent_f1_source"] = intent_f1(
        var_dir() / "results" / "nlu" / "intent_report.json")
    results["nlu_intent_f1_per_language"], results["nlu_intent_f1_per_language_source"] = intent_f1_per_language(
        var_dir() / "results" / "nlu" / "per_language_report.json")
    results["heldout_answer_accuracy"], results["heldout_answer_accuracy_source"] = heldout_accuracy()
    results.update(summary(results))
    results["bench_s"] = round(time.monotonic() - started, 1)
    results["command"] = "make bench" if not argv and len(sys.argv) == 1 else "python -m bench " + " ".join(
        argv if argv is not None else sys.argv[1:])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"bench: results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
