"""Failed attempts counted per client within a window (`bot.throttle`), on a clock the test moves."""

from __future__ import annotations

import pytest

from bot.throttle import Throttle, TooManyAttempts


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_key_is_blocked_after_its_limit_of_failures_and_free_again_after_the_window():
    clock = Clock()
    throttle = Throttle(limit=3, window=60, clock=clock)
    for _ in range(3):
        throttle.check("a")
        throttle.failed("a")
    with pytest.raises(TooManyAttempts, match="try again in 60 seconds"):
        throttle.check("a")
    throttle.check("b")  # other clients are not affected
    clock.now += 59
    with pytest.raises(TooManyAttempts, match="in 1 seconds"):
        throttle.check("a")
    clock.now += 1
    throttle.check("a")


def test_only_the_newest_keys_are_kept():
    throttle = Throttle(limit=1, window=60, clock=Clock(), kept_keys=2)
    for key in ("a", "b", "c"):
        throttle.failed(key)
    throttle.check("a")  # forgotten
    with pytest.raises(TooManyAttempts):
        throttle.check("c")
