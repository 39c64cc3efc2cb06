"""bot.answers: the topic table, the shapes of UserQuestion/Reply, and what holds for every topic's answer."""

from __future__ import annotations

from dataclasses import fields

import pytest

from bot import knowledge
from bot.answers import TOPICS, Button, Reply, Topic, UserQuestion, answer

ALL_TOPICS = {
    "instrument", "instrument_beyond", "instruments_list", "branches", "flexibility", "article3", "floor",
    "convention_vs_recommendation", "principles", "requirement", "procedure", "procedure_step", "next_step",
    "why_ratify", "campaign", "assistance", "ratification_status", "parts_accepted", "ratification_count",
    "ratifications_list",
}
SLOTS = {field.name for field in fields(UserQuestion)} - {"text"}
FULL = UserQuestion(text="What about Morocco?", branch="old_age", aspect="qualifying_period", country="MA",
                convention="C102", procedure_step="registration", region="Africa", year="2015")
NONSENSE = UserQuestion(text="blah ??? 12", branch="gardening", aspect="colour", country="ZZ", convention="C999",
                    procedure_step="party", region="Mars", year="soon")


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


def test_the_topic_table_has_every_topic_of_the_contract():
    assert set(TOPICS) == ALL_TOPICS
    with pytest.raises(TypeError):
        TOPICS["extra"] = TOPICS["floor"]  # type: ignore[index]


def test_an_unknown_topic_is_a_key_error(kb):
    with pytest.raises(KeyError, match="unknown answer topic 'weather'"):
        answer("weather", kb, UserQuestion())


@pytest.mark.parametrize("topic", sorted(ALL_TOPICS))
@pytest.mark.parametrize("question", [UserQuestion(), FULL, NONSENSE], ids=["empty", "full", "nonsense"])
def test_every_topic_answers_whatever_entities_are_present(kb, topic, question):
    """`follow_up` calls any topic with any subset of slots: no topic may fail, and the text is plain."""
    result = answer(topic, kb, question)
    assert isinstance(result, Reply) and result.text.strip()
    assert_plain_text(result.text)
    assert set(result.context) <= SLOTS, "context holds slot values only"
    assert all(value is None or isinstance(value, str) for value in result.context.values())
    for button in result.buttons:
        assert isinstance(button, Button) and button.title.strip() and button.payload.strip()
        assert not button.payload.startswith("/"), "payloads are plain-text questions"


def assert_plain_text(text: str) -> None:
    for marker in ("**", "__", "`", "<", "#"):
        assert marker not in text, f"markup {marker!r} in {text!r}"
    lines = text.split("\n")
    assert all(line.strip() for line in lines), "no blank lines"
    assert all(not line.startswith(("* ", "• ", "-- ")) for line in lines), "bullets are '- '"


def test_the_same_question_gives_the_same_answer(kb):
    assert answer("requirement", kb, FULL) == answer("requirement", kb, FULL)


def test_answer_defaults():
    plain = Reply("text")
    assert plain.buttons == () and dict(plain.context) == {}
    assert UserQuestion().text == "" and all(getattr(UserQuestion(), slot) is None for slot in SLOTS)


def test_a_topic_is_about_entities_a_question_has():
    with pytest.raises(ValueError, match="topic 'weather': city not among the entities"):
        Topic("weather", TOPICS["floor"].composer, "The weather", about=("city",))
    with pytest.raises(ValueError, match="topic 'weather': an entity that opens it must be one it is about"):
        Topic("weather", TOPICS["floor"].composer, "The weather", about=("country",), opened_by=("region",))
    weather = Topic("weather", TOPICS["floor"].composer, "The weather", about=("region",), opened_by=("region",))
    assert weather.opened_by == ("region",)
