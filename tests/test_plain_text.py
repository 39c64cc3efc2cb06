"""Input that cannot be stored or tokenised is found before it reaches Rasa or the database."""

from bot.plain_text import first_unreadable, unreadable


def test_nul_and_lone_surrogates_are_unreadable_other_text_is_fine():
    assert unreadable("a\x00b")
    assert unreadable("a\ud800b")
    for text in ("", "Ghana", "مرحبا", "👍🏽", "e\u0301", "\u202eabc", "'; DROP TABLE events; --", "<b>x</b>"):
        assert not unreadable(text)


def test_the_first_unreadable_place_in_a_json_value_is_named():
    assert first_unreadable({"country": "Ghana", "branches": {"old_age": {"note": "a\x00"}}}) == "branches.old_age.note"
    assert first_unreadable({"a": ["ok", "\udfff"]}) == "a.1"
    assert first_unreadable({"k\x00": 1}) == "k\x00"
    assert first_unreadable("\x00") == "the body"
    assert first_unreadable({"country": "Ghana", "n": 3, "x": None}) is None
