"""The bench harness's own logic: local targets only, and the headline figures computed from the loads."""

import asyncio
import json
import os
from pathlib import Path

import pytest
import yaml

from bench.load import long_conversations, percentile, run_load
from bench.report import (
    NO_CROSS_VALIDATION,
    NO_PER_LANGUAGE,
    TURN_WINDOW,
    answered,
    cpu_ms_per_message,
    intent_f1,
    intent_f1_per_language,
    is_server,
    summary,
    table,
    turn_p95s,
)
from bench.servers import cpu_seconds, local_endpoints


def test_the_load_generator_refuses_other_machines():
    with pytest.raises(ValueError, match="only targets this machine"):
        asyncio.run(run_load("http://example.org/webhooks/rest/webhook", 1, 0.1))
    with pytest.raises(ValueError, match="only targets this machine"):
        asyncio.run(long_conversations("http://example.org/webhooks/rest/webhook", 1, 2))


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99


def load(throughput: float, p95: float = 100.0, requests: int = 100, errors: int = 0) -> dict:
    return {"throughput": throughput, "p50_ms": 50.0, "p95_ms": p95, "p99_ms": 200.0, "requests": requests,
            "errors": errors}


def test_summary_and_table():
    results = {"configurations": {
        "reference": {"loads": {"1": load(10), "10": load(40), "50": load(40)}, "peak_rss_mib": {"rasa": 500},
                      "cpu_ms_per_message": 20.0},
        "ours": {"loads": {"1": load(8, p95=120), "10": load(38), "50": load(36)},
                 "peak_rss_mib": {"rasa": 900, "actions": 200}, "cpu_ms_per_message": 25.0},
        "production_1_server": {"loads": {"1": load(7), "10": load(20), "50": load(20)}, "peak_rss_mib": {}},
        "production_2_servers": {"loads": {"1": load(7), "10": load(35), "50": load(35)}, "peak_rss_mib": {}},
    }, "long_conversation": {"p95_ms": {"first": 80.0, "last": 100.0}}}
    found = summary(results)
    assert found["ratio_ours_to_reference"] == 0.95
    assert found["ratio_ours_to_reference_50"] == 0.9
    assert found["ratio_two_servers_to_one"] == 1.75
    assert found["p95_ms_1_sender"] == 120
    assert found["p95_ratio_ours_to_reference_1"] == 1.2
    assert found["p95_ratio_turn200_to_turn1"] == 1.25
    assert found["cpu_ms_per_message"] == {"ours": 25.0, "reference": 20.0}
    assert found["cpu_ratio_ours_to_reference"] == 1.25
    assert found["peak_rss_mib"] == 1100
    assert found["ratios_ours_to_reference"] == {"1": 0.8, "10": 0.95, "50": 0.9}
    printed = table({**results, **found})
    assert "production_2_servers" in printed and "ratio_two_servers_to_one" in printed
    assert "p95_ratio_turn200_to_turn1" in printed and "cpu_ms_per_message" in printed


def test_without_a_long_conversation_or_50_senders_those_figures_are_none():
    results = {"configurations": {name: {"loads": {"1": load(10)}, "peak_rss_mib": {}} for name in
                                  ("reference", "ours", "production_1_server", "production_2_servers")}}
    found = summary(results)
    assert found["ratio_ours_to_reference_50"] is None
    assert found["p95_ratio_turn200_to_turn1"] is None
    assert found["cpu_ratio_ours_to_reference"] is None


def test_turn_p95s_compare_the_first_and_the_last_turns():
    # latencies growing with the turn: 10 ms at turn 1, +1 ms per turn
    conversations = [[10.0 + turn for turn in range(200)], [12.0 + turn for turn in range(200)]]
    found = turn_p95s(conversations)
    assert TURN_WINDOW == 8
    # turns 1-8 of both (10-17, 12-19) and turns 193-200 (202-209, 204-211): the 15th of the 16 values
    assert found == {"first": 18.0, "last": 210.0}
    assert turn_p95s([[5.0] * 200]) == {"first": 5.0, "last": 5.0}


def test_cpu_per_message_counts_the_rasa_and_action_servers_only():
    loads = {"1": load(10, requests=100, errors=0), "10": load(40, requests=300, errors=100)}
    assert answered(loads) == 300
    spent = {"rasa-5005": 3.0, "rasa-5006": 2.0, "actions": 1.0, "web": 50.0}
    assert [is_server(name) for name in spent] == [True, True, True, False]
    assert cpu_ms_per_message(spent, answered(loads)) == 20.0
    assert cpu_ms_per_message(spent, 0) is None


def test_cpu_seconds_grow_with_the_work_done():
    before = cpu_seconds(os.getpid())
    total = sum(i * i for i in range(3_000_000))  # some CPU work in this process
    assert total > 0
    assert cpu_seconds(os.getpid()) > before
    assert cpu_seconds(2**22 + 12345) == 0  # no such process


def test_no_training_set_score_without_cross_validation(tmp_path: Path):
    assert intent_f1(tmp_path / "intent_report.json") == (None, NO_CROSS_VALIDATION)
    report = tmp_path / "intent_report.json"
    report.write_text(json.dumps({"macro avg": {"f1-score": 0.91234}}))
    value, source = intent_f1(report)
    assert value == 0.912 and "cross-validation" in source


def test_intent_f1_per_language_is_read_from_the_per_language_report_or_none_with_the_reason(tmp_path: Path):
    report = tmp_path / "per_language_report.json"
    assert intent_f1_per_language(report) == (None, NO_PER_LANGUAGE)
    report.write_text(json.dumps({"intents": None, "intents_missing": "intent_successes.json is missing"}))
    assert intent_f1_per_language(report) == (None, "not measured: intent_successes.json is missing")
    report.write_text(json.dumps({"intents": {"en": {"intent_macro_f1": 0.96789}, "fr": {"intent_macro_f1": 0.9512}},
                                  "intents_missing": None}))
    value, source = intent_f1_per_language(report)
    assert value == {"en": 0.968, "fr": 0.951} and "cross-validation" in source
    printed = table({"configurations": {}, "nlu_intent_f1_per_language": value,
                     "nlu_intent_f1_per_language_source": source})
    assert "nlu_intent_f1_per_language" in printed and "'fr': 0.951" in printed


def test_our_bot_is_measured_with_the_endpoints_of_make_run(tmp_path: Path):
    found = yaml.safe_load(local_endpoints(5999, tmp_path / "tracker.db"))
    assert found["action_endpoint"]["url"] == "http://localhost:5999/webhook"
    assert found["tracker_store"]["db"] == str(tmp_path / "tracker.db")
    assert found["tracker_store"]["type"] == "channels.tracker_store.RollingSQLTrackerStore"  # sessions rolling over
    assert found["tracker_store"]["dialect"] == "sqlite" and found["tracker_store"]["max_session_events"] > 0
