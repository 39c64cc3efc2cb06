"""Failed attempts counted per client, so that codes and tokens cannot be tried one after another.

A `Throttle` remembers, for each key (a client address, a sender id), the times of its recent failures; once a key
has `limit` failures within `window` seconds it is blocked until the oldest of them is older than that. In memory,
per process: the nginx limits of production mode (`scripts/prod/nginx.sh`) bound what several processes allow.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable

FAILED_LOOKUPS = 10  # a saved check's or a session's code mistyped this often...
LOOKUP_WINDOW_S = 600.0  # ...within ten minutes: further look-ups wait
KEPT_KEYS = 100_000  # the oldest keys are forgotten beyond this many (memory stays bounded)


class TooManyAttempts(Exception):
    """Too many failed attempts from this client lately; the message says when to try again, for people."""


class Throttle:
    def __init__(self, limit: int = FAILED_LOOKUPS, window: float = LOOKUP_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic, kept_keys: int = KEPT_KEYS) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.kept_keys = kept_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()  # the action server runs actions in threads too

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def check(self, key: str) -> None:
        """`TooManyAttempts` when `key` has failed `limit` times within the window."""
        with self._lock:
            now = self.clock()
            times = self._recent(key, now)
            if len(times) >= self.limit:
                wait = max(1, round(times[0] + self.window - now))
                raise TooManyAttempts(f"too many failed attempts: try again in {wait} seconds")

    def failed(self, key: str) -> None:
        """Counts one failure of `key`."""
        with self._lock:
            times = self._recent(key, self.clock())
            times.append(self.clock())
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > self.kept_keys:
                self._failures.popitem(last=False)
