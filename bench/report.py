"""The headline figures of a bench run (`summary`) and the table `make bench` prints (`table`), from the measured
loads, turn latencies and CPU times (all pure, so that they can be checked on made-up timings)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.load import MESSAGES, percentile

TARGETS = {"ratio_ours_to_reference": ">= 0.95", "ratio_ours_to_reference_50": ">= 0.9",
           "ratio_two_servers_to_one": ">= 1.7", "p95_ms_1_sender": "<= 150", "p95_ratio_ours_to_reference_1": "<= 1.2",
           "p95_ratio_turn200_to_turn1": "<= 1.5", "cpu_ratio_ours_to_reference": "<= 1.2", "training_s": "<= 180",
           "peak_rss_mib": "<= 1536"}
# the turns compared at the start and at the end of a long conversation: a whole cycle of the messages, so that
# both windows ask the same questions and only the conversation's length differs
TURN_WINDOW = 2 * len(MESSAGES)
SERVER_PROCESSES = ("rasa", "actions")  # whose CPU time counts: every Rasa server and the action server
NO_CROSS_VALIDATION = ("not measured: no cross-validation result (run make nlu-report); a score on the training "
                       "data is no figure")
NO_PER_LANGUAGE = "not measured: no per_language_report.json (run make nlu-report)"


def throughput(results: dict, configuration: str, senders: int) -> float:
    return results["configurations"][configuration]["loads"][str(senders)]["throughput"]


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def turn_p95s(conversations: list[list[float]], window: int = TURN_WINDOW) -> dict[str, float]:
    """p95 latency (ms) of the first `window` turns and of the last `window` turns over all the conversations."""
    first = [latency for turns in conversations for latency in turns[:window]]
    last = [latency for turns in conversations for latency in turns[-window:]]
    return {"first": round(percentile(first, 0.95), 1), "last": round(percentile(last, 0.95), 1)}


def answered(loads: dict[str, dict]) -> int:
    """Messages answered over every load of a configuration."""
    return sum(load["requests"] - load["errors"] for load in loads.values())


def is_server(name: str) -> bool:
    """Whether process `name` (a key of the measured pids: rasa, rasa-5005, actions, web) is a Rasa or action server."""
    return name.split("-")[0] in SERVER_PROCESSES


def cpu_ms_per_message(cpu_seconds: dict[str, float], messages: int) -> float | None:
    """User + system CPU time of the Rasa and action servers per answered message (ms)."""
    spent = sum(seconds for name, seconds in cpu_seconds.items() if is_server(name))
    return round(spent * 1000 / messages, 2) if messages else None


def intent_f1(report: Path) -> tuple[float | None, str]:
    """Intent macro F1 from `make nlu-report`'s cross-validation (`report`), else None with the reason."""
    if not report.exists():
        return None, NO_CROSS_VALIDATION
    return round(json.loads(report.read_text())["macro avg"]["f1-score"], 3), \
        f"make nlu-report (5-fold cross-validation), {report}"


def intent_f1_per_language(report: Path) -> tuple[dict[str, float] | None, str]:
    """Intent macro F1 of each language in `make nlu-report`'s cross-validation (`report`, written by
    `python -m bot nlp report`), else None with the reason."""
    if not report.exists():
        return None, NO_PER_LANGUAGE
    found = json.loads(report.read_text())
    if found["intents"] is None:
        return None, f"not measured: {found['intents_missing']}"
    return {language: round(figures["intent_macro_f1"], 3) for language, figures in found["intents"].items()}, \
        f"make nlu-report (5-fold cross-validation, examples by their training file's language), {report}"


def summary(results: dict) -> dict:
    """The top-level numbers of bench/results/latest.json (throughput ratios at 10 senders)."""
    configurations = results["configurations"]
    loads = [int(load) for load in configurations["ours"]["loads"]]
    at = 10 if 10 in loads else loads[len(loads) // 2]
    ours_rss = configurations["ours"]["peak_rss_mib"]
    cpu = {name: configurations[name].get("cpu_ms_per_message") for name in ("ours", "reference")}
    turns = results.get("long_conversation", {}).get("p95_ms", {})
    return {
        "ratio_ours_to_reference": ratio(throughput(results, "ours", at), throughput(results, "reference", at)),
        "ratio_two_servers_to_one": ratio(throughput(results, "production_2_servers", at),
                                          throughput(results, "production_1_server", at)),
        "p95_ms_1_sender": configurations["ours"]["loads"][str(min(loads))]["p95_ms"],
        "peak_rss_mib": round(ours_rss.get("rasa", 0) + ours_rss.get("actions", 0), 1),
        "ratios_ours_to_reference": {str(load): ratio(throughput(results, "ours", load),
                                                      throughput(results, "reference", load)) for load in loads},
        "ratio_ours_to_reference_50": ratio(throughput(results, "ours", 50), throughput(results, "reference", 50))
        if 50 in loads else None,
        "p95_ratio_ours_to_reference_1": ratio(configurations["ours"]["loads"][str(min(loads))]["p95_ms"],
                                               configurations["reference"]["loads"][str(min(loads))]["p95_ms"]),
        "p95_ratio_turn200_to_turn1": ratio(turns["last"], turns["first"]) if turns else None,
        "cpu_ms_per_message": cpu,
        "cpu_ratio_ours_to_reference": ratio(cpu["ours"], cpu["reference"]) if None not in cpu.values() else None,
    }


def table(results: dict) -> str:
    lines = [f"{'configuration':<22} {'senders':>7} {'msg/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
             f"{'errors':>6} {'vs ref':>7}"]
    for name, measured in results["configurations"].items():
        for senders, load in measured["loads"].items():
            reference = results["configurations"]["reference"]["loads"][senders]["throughput"]
            versus = ratio(load["throughput"], reference)
            lines.append(f"{name:<22} {senders:>7} {load['throughput']:>8.1f} {load['p50_ms']:>8.1f} "
                         f"{load['p95_ms']:>8.1f} {load['p99_ms']:>8.1f} {load['errors']:>6} "
                         f"{versus if versus is not None else '-':>7}")
    lines.append("")
    for key, target in TARGETS.items():
        lines.append(f"{key:<26} {results.get(key)!s:>10}   target {target}")
    lines.append(f"{'cpu_ms_per_message':<26} {results.get('cpu_ms_per_message')!s:>10}   (Rasa + action servers)")
    source = results.get("nlu_intent_f1_source")
    lines.append(f"{'nlu_intent_f1':<26} {results.get('nlu_intent_f1')!s:>10}   ({source})")
    lines.append(f"{'nlu_intent_f1_per_language':<26} {results.get('nlu_intent_f1_per_language')!s:>10}   "
                 f"({results.get('nlu_intent_f1_per_language_source')})")
    lines.append(f"{'heldout_answer_accuracy':<26} {results.get('heldout_answer_accuracy')!s:>10}   "
                 f"({results.get('heldout_answer_accuracy_source')})")
    lines.append(f"{'first_answer_s':<26} {results.get('first_answer_s')!s:>10}   (make run to first answer, warm)")
    lines.append(f"{'reference_training_s':<26} {results.get('reference_training_s')!s:>10}")
    return "\n".join(lines)
