"""The headline figures of a bench run (`summary`) and the table `make bench` prints (`table`)."""

from __future__ import annotations

TARGETS = {"ratio_ours_to_reference": ">= 0.95", "ratio_two_servers_to_one": ">= 1.7", "p95_ms_1_sender": "<= 150",
           "training_s": "<= 180", "peak_rss_mib": "<= 1536"}


def throughput(results: dict, configuration: str, senders: int) -> float:
    return results["configurations"][configuration]["loads"][str(senders)]["throughput"]


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def summary(results: dict) -> dict:
    """The top-level numbers of bench/results/latest.json (throughput ratios at 10 senders)."""
    configurations = results["configurations"]
    loads = [int(load) for load in configurations["ours"]["loads"]]
    at = 10 if 10 in loads else loads[len(loads) // 2]
    ours_rss = configurations["ours"]["peak_rss_mib"]
    return {
        "ratio_ours_to_reference": ratio(throughput(results, "ours", at), throughput(results, "reference", at)),
        "ratio_two_servers_to_one": ratio(throughput(results, "production_2_servers", at),
                                          throughput(results, "production_1_server", at)),
        "p95_ms_1_sender": configurations["ours"]["loads"][str(min(loads))]["p95_ms"],
        "peak_rss_mib": round(ours_rss.get("rasa", 0) + ours_rss.get("actions", 0), 1),
        "ratios_ours_to_reference": {str(load): ratio(throughput(results, "ours", load),
                                                      throughput(results, "reference", load)) for load in loads},
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
    source = results.get("nlu_intent_f1_source")
    lines.append(f"{'nlu_intent_f1':<26} {results.get('nlu_intent_f1')!s:>10}   ({source})")
    lines.append(f"{'heldout_answer_accuracy':<26} {results.get('heldout_answer_accuracy')!s:>10}   "
                 f"({results.get('heldout_answer_accuracy_source')})")
    lines.append(f"{'first_answer_s':<26} {results.get('first_answer_s')!s:>10}   (make run to first answer, warm)")
    lines.append(f"{'reference_training_s':<26} {results.get('reference_training_s')!s:>10}")
    return "\n".join(lines)
