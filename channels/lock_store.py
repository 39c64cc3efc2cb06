"""Rasa's Redis lock store, made safe for several Rasa servers (production mode, scripts/prod/endpoints.yml).

Rasa 3.6's `RedisLockStore` keeps a conversation's ticket lock as one JSON value and changes it by reading it,
changing it in Python and writing it back. Two servers issuing tickets for the same conversation at the same
moment both read the same lock and hand out the same ticket, or one deletes the lock while the other is
queueing on it: messages of one conversation then run at once (their events interleave) or are dropped. Here
every change (issue a ticket, drop expired tickets, finish serving and delete the lock if no one waits) is one
Redis transaction on that key (WATCH/MULTI/EXEC, retried when another server changed the key meanwhile), so
the ticket order holds across servers. Reading and waiting are Rasa's own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.client import Pipeline

Result = TypeVar("Result")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, None]]


class AtomicRedisLockStore(RedisLockStore):
    """`RedisLockStore` whose read-modify-write steps are Redis transactions."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:  # how Rasa builds a lock store named by its class path
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock | None], tuple[TicketLock | None, Result]]
                ) -> Result:
        """Apply `change` to the stored lock atomically; it returns the lock to store (None: delete) and a result."""
        key = self.key_prefix + conversation_id

        def transaction(pipe: Pipeline) -> Result:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        return self.red.transaction(transaction, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as exc:  # as Rasa's: the caller expects a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{exc}") from exc

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, finished(ticket_number, delete_when_idle=False))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish serving the ticket and delete the lock if no one waits, in one step."""
        self._change(conversation_id, finished(ticket_number, delete_when_idle=True))


def finished(ticket_number: int, *, delete_when_idle: bool) -> Change:
    def change(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
        if lock is None:
            return None, None
        lock.remove_ticket_for(ticket_number)
        if delete_when_idle and not lock.is_someone_waiting():
            return None, None
        return lock, None

    return change
