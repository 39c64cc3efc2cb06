"""Every Q&A answer of the assistant, composed from the knowledge base (`bot.knowledge`).

The Rasa action for topic T (`action_answer_T`) builds a `UserQuestion` from the slots and calls `answer(T, kb,
question)`; `follow_up` calls it again for the last topic with the updated slots, so every topic works with
whatever subset of entities is present. The returned `Reply` carries the text, optional buttons (plain-text
questions as payloads) and the slot values it established or cleared (`context`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from bot.answers import campaign, procedure, ratifications, requirements, standards
from bot.answers.base import C102, Button, Command, Reply, Topic, UserQuestion
from bot.answers.pronouns import carried, points_back
from bot.answers.ratifications import record_facet

if TYPE_CHECKING:
    from bot.knowledge import Knowledge

__all__ = ["C102", "TOPICS", "Button", "Command", "Reply", "Topic", "UserQuestion", "answer", "carried", "continued",
           "narrowed", "points_back", "record_facet"]

TOPICS: Mapping[str, Topic] = MappingProxyType({
    topic.name: topic
    for topic in (*standards.TOPICS, *requirements.TOPICS, *procedure.TOPICS, *campaign.TOPICS, *ratifications.TOPICS)
})

_UNKNOWN_TOPICS = sorted(f"{topic.name} -> {other}" for topic in TOPICS.values()
                         for other in (*(narrower for _, narrower in topic.narrowed_by), *sum(topic.elliptic, ()))
                         if other not in TOPICS)
if _UNKNOWN_TOPICS:
    raise ValueError(f"narrowed_by or elliptic names unknown topics: {', '.join(_UNKNOWN_TOPICS)}")

#: a question of at most this many words is elliptic when it names nothing ("the Parts?", "¿y qué partes?")
ELLIPTIC_WORDS = 4


def continued(topic: str, previous: str | None, named: Mapping[str, str], text: str) -> str:
    """The topic that answers a question classified on `topic` right after an answer on `previous`: the one
    `previous`'s `Topic.elliptic` gives for `topic` when the question is elliptic (short and naming nothing), else
    `topic`. "The Parts?" alone asks how C102 lets States choose its Parts; after a country's ratification, it asks
    which Parts that country accepted."""
    if named or previous not in TOPICS or len(text.split()) > ELLIPTIC_WORDS:
        return topic
    return dict(TOPICS[previous].elliptic).get(topic, topic)


def narrowed(topic: str, named: Mapping[str, str]) -> str:
    """The topic that answers a question classified on `topic` that names the entities `named` (entity -> value):
    the first narrower topic of `Topic.narrowed_by` whose entity is named, unless that topic is about one
    instrument and the question names another ("what does C168 say on unemployment?" stays on C168); else `topic`.
    The classifier reads the question's shape ("tell me about …", "what branches …"), the entities say what it is
    about."""
    convention = named.get("convention")
    for entity, narrower in TOPICS[topic].narrowed_by:
        own = TOPICS[narrower].instrument
        if entity in named and (own is None or convention in (None, own)):
            return narrower
    return topic


def answer(topic: str, kb: Knowledge, question: UserQuestion) -> Reply:
    """The answer to `question` on `topic` (a key of `TOPICS`; KeyError for any other)."""
    try:
        compose = TOPICS[topic].composer
    except KeyError:
        raise KeyError(f"unknown answer topic '{topic}' (known: {', '.join(TOPICS)})") from None
    return compose(kb, question)
