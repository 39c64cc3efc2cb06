"""The lock store of production mode on its Redis: tickets for one conversation requested by several processes
at the same moment are all different, and the lock goes away once the last one is served."""

from __future__ import annotations

import multiprocessing
import uuid

import pytest
import redis
from conftest import Prod

from channels.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.integration

PROCESSES = 8
TICKETS_EACH = 25


def store_of(services: dict[str, str]) -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host=services["RATIFY_REDIS_HOST"], port=int(services["RATIFY_REDIS_PORT"]),
                                password=services["RATIFY_REDIS_PASSWORD"], key_prefix="locktest")


def issue_many(services: dict[str, str], conversation: str, start: multiprocessing.Event) -> list[int]:
    store = store_of(services)
    start.wait()
    return [store.issue_ticket(conversation) for _ in range(TICKETS_EACH)]


def test_tickets_issued_at_once_by_several_servers_are_all_different(prod: Prod):
    conversation = uuid.uuid4().hex
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager:
        start = manager.Event()
        with context.Pool(PROCESSES) as pool:
            pending = [pool.apply_async(issue_many, (prod.services, conversation, start)) for _ in range(PROCESSES)]
            start.set()
            tickets = [ticket for result in pending for ticket in result.get(timeout=120)]
    assert sorted(tickets) == list(range(PROCESSES * TICKETS_EACH))
    store = store_of(prod.services)
    for ticket in tickets:
        store.cleanup(conversation, ticket)
    assert store.get_lock(conversation) is None


def test_the_lock_store_refuses_a_wrong_password(prod: Prod):
    services = {**prod.services, "RATIFY_REDIS_PASSWORD": "wrong"}
    with pytest.raises(redis.AuthenticationError):
        store_of(services).get_lock("anyone")
