"""The bench harness's own logic: local targets only, and the headline figures computed from the loads."""

import asyncio

import pytest

from bench.load import percentile, run_load
from bench.report import summary, table


def test_the_load_generator_refuses_other_machines():
    with pytest.raises(ValueError, match="only targets this machine"):
        asyncio.run(run_load("http://example.org/webhooks/rest/webhook", 1, 0.1))


def test_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 51
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99


def load(throughput: float, p95: float = 100.0) -> dict:
    return {"throughput": throughput, "p50_ms": 50.0, "p95_ms": p95, "p99_ms": 200.0, "errors": 0}


def test_summary_and_table():
    results = {"configurations": {
        "reference": {"loads": {"1": load(10), "10": load(40)}, "peak_rss_mib": {"rasa": 500}},
        "ours": {"loads": {"1": load(8, p95=120), "10": load(38)}, "peak_rss_mib": {"rasa": 900, "actions": 200}},
        "production_1_server": {"loads": {"1": load(7), "10": load(20)}, "peak_rss_mib": {}},
        "production_2_servers": {"loads": {"1": load(7), "10": load(35)}, "peak_rss_mib": {}},
    }}
    found = summary(results)
    assert found["ratio_ours_to_reference"] == 0.95
    assert found["ratio_two_servers_to_one"] == 1.75
    assert found["p95_ms_1_sender"] == 120
    assert found["peak_rss_mib"] == 1100
    assert found["ratios_ours_to_reference"] == {"1": 0.8, "10": 0.95}
    printed = table({**results, **found})
    assert "production_2_servers" in printed and "ratio_two_servers_to_one" in printed
