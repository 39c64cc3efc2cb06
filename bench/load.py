"""A bounded load generator on aiohttp: N senders, each a conversation sending one message after the other's
reply, for a fixed time and at most a fixed number of requests, against this machine only."""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

import aiohttp

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
REST_TOKEN_VARIABLE = "RATIFY_REST_TOKEN"


def rest_headers() -> dict[str, str]:
    """The REST channel's token (`RATIFY_REST_TOKEN`: production mode's nginx publishes the channel only with it)."""
    token = os.environ.get(REST_TOKEN_VARIABLE, "").strip()
    return {"Authorization": f"Bearer {token}"} if token else {}
MESSAGES = ["hello", "What is Convention No. 102?", "Has Morocco ratified C102?",
            "Who signs the instrument of ratification?"]


@dataclass(frozen=True)
class LoadResult:
    senders: int
    requests: int
    errors: int
    seconds: float
    throughput: float  # answered messages per second
    p50_ms: float
    p95_ms: float
    p99_ms: float

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def run_load(webhook: str, senders: int, seconds: float, max_requests: int = 20_000) -> LoadResult:
    """`senders` conversations at once on `webhook` (REST) for `seconds` (at most `max_requests` in all)."""
    if urlsplit(webhook).hostname not in LOCAL_HOSTS:
        raise ValueError(f"the load generator only targets this machine, not {webhook}")
    latencies: list[float] = []
    errors = 0
    budget = max_requests
    deadline = time.monotonic() + seconds

    async def sender(session: aiohttp.ClientSession) -> None:
        nonlocal errors, budget
        name = f"bench-{uuid.uuid4().hex[:10]}"
        turn = 0
        while time.monotonic() < deadline and budget > 0:
            budget -= 1
            started = time.perf_counter()
            try:
                body = {"sender": name, "message": MESSAGES[turn % len(MESSAGES)]}
                async with session.post(webhook, json=body) as reply:
                    await reply.read()
                    ok = reply.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                ok = False
            if ok:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
            turn += 1

    started = time.monotonic()
    connector = aiohttp.TCPConnector(limit=senders)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120),
                                     headers=rest_headers()) as session:
        await asyncio.gather(*(sender(session) for _ in range(senders)))
    elapsed = time.monotonic() - started
    return LoadResult(senders, len(latencies) + errors, errors, round(elapsed, 2),
                      round(len(latencies) / elapsed, 2), round(statistics.median(latencies), 1) if latencies else 0,
                      round(percentile(latencies, 0.95), 1), round(percentile(latencies, 0.99), 1))


async def long_conversations(webhook: str, conversations: int, turns: int) -> list[list[float]]:
    """`conversations` conversations of `turns` messages each, one after the other on `webhook` (one sender at a
    time, so that only the conversation's length changes): each turn's latency in ms, per conversation."""
    if urlsplit(webhook).hostname not in LOCAL_HOSTS:
        raise ValueError(f"the load generator only targets this machine, not {webhook}")
    found: list[list[float]] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120), headers=rest_headers()) as session:
        for _ in range(conversations):
            name, latencies = f"bench-long-{uuid.uuid4().hex[:10]}", []
            for turn in range(turns):
                started = time.perf_counter()
                async with session.post(webhook, json={"sender": name,
                                                       "message": MESSAGES[turn % len(MESSAGES)]}) as reply:
                    await reply.read()
                    reply.raise_for_status()
                latencies.append((time.perf_counter() - started) * 1000)
            found.append(latencies)
    return found


async def warm_up(webhook: str, count: int = 8) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120), headers=rest_headers()) as session:
        for turn in range(count):
            async with session.post(webhook, json={"sender": "bench-warm-up",
                                                   "message": MESSAGES[turn % len(MESSAGES)]}) as reply:
                await reply.read()
