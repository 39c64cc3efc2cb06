"""Fallback: rephrase on the first message not understood, hand off on the second in a row."""

from __future__ import annotations

from actions.fallback import fallbacks_in_a_row


def user(intent: str) -> dict:
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


def test_counts_only_the_latest_run_of_fallbacks():
    events = [user("nlu_fallback"), user("greet"), {"event": "bot"}, user("nlu_fallback"), {"event": "action"},
              user("nlu_fallback")]
    assert fallbacks_in_a_row(events) == 2


def test_no_fallback_when_last_message_was_understood():
    assert fallbacks_in_a_row([user("nlu_fallback"), user("thank")]) == 0
    assert fallbacks_in_a_row([]) == 0
