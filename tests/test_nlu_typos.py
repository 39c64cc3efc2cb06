"""Branches and aspects named with a typo (bot.nlu.typos)."""

from __future__ import annotations

import pytest

from bot.nlu.typos import misspelt_entities


@pytest.mark.parametrize(("text", "expected"), [
    ("max pensonable age in c 102", {"aspect": "pensionable_age"}),
    ("what is the qualifing period", {"aspect": "qualifying_period"}),
    ("tell me about invalidty benefit", {"branch": "invalidity"}),
    ("periodo de calificasion", {"aspect": "qualifying_period"}),
])
def test_a_name_spelt_with_one_letter_wrong_or_missing_is_found(text, expected):
    assert misspelt_entities(text) == expected


@pytest.mark.parametrize("text", [
    "what is the exchange rate of the euro?",  # "rate" is too short to be matched with a typo
    "Which country was the most recent to ratify?",
    "pensionable age",  # spelt right: the EntityRuler finds it
    "",
])
def test_nothing_is_found_where_no_name_is_misspelt(text):
    assert misspelt_entities(text) == {}
