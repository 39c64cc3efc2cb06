"""Question-answering actions: one `action_answer_<topic>` per topic of `bot.answers`, plus `follow_up`.

Each action turns the slots into a `bot.answers.UserQuestion`, lets `bot.answers` compose the reply from the
knowledge base, sends it, and stores the context the answer established (branch, aspect, country...) so that
a follow-up such as "and for invalidity?" is answered for the same topic with the new entity.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod
from collections.abc import Collection
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import send
from actions.language import language_of
from actions.trainer import record_topic
from bot import answers, knowledge
from bot.answers.general import general_aspect
from bot.answers.standards import BEYOND_TOPIC, INSTRUMENT_TOPIC
from bot.nlu.typos import LABELS, misspelt_entities
from bot.render.contact import ASK_FOR_MORE, WHAT_CAN_YOU_DO, say

CONTEXT_SLOTS = ("branch", "aspect", "country", "convention", "procedure_step", "region", "year")
TOPIC_SLOT = "qa_topic"
REPHRASE_RESPONSE = "utter_ask_rephrase"  # the domain's "Could you rephrase it?" (also the fallback's second stage)
# the topic a follow-up turns to when it names this entity and none of the current topic's (`Topic.opened_by`)
TOPIC_OPENED_BY = {entity: topic.name for topic in answers.TOPICS.values() for entity in topic.opened_by}


def follow_up_topic(previous: str | None, named: dict[str, str]) -> str | None:
    """The topic a follow-up continues: the previous one if the entities fit it, else the one they open."""
    about = answers.TOPICS[previous].about if previous in answers.TOPICS else ()
    if previous and (not named or set(named) & set(about)):
        return previous
    return next((TOPIC_OPENED_BY[entity] for entity in named), previous)


def latest_entities(tracker: Tracker) -> dict[str, str]:
    """The entities of the latest message; the first mention wins ("What does C168 add compared with C102?"),
    except that C102, the frame of most questions, gives way to another Convention named with it ("What
    happens to Part V of C102 if we ratify C128?" is about C128), and a branch's aspect to a general one."""
    found: dict[str, str] = {}
    for entity in tracker.latest_message.get("entities", []):
        name, value = entity.get("entity"), str(entity["value"])
        if name in CONTEXT_SLOTS and (name not in found or (name == "convention" and found[name] == answers.C102)
                                      or (name == "aspect" and _more_telling(value, found[name]))):
            found[name] = value
    return found


#: "how long" asks for a duration, unless the message names the period it means: "how long must one contribute
#: before …?" is the qualifying period, "how long must one wait …?" the waiting period
_PERIODS = frozenset(("qualifying_period", "waiting_period"))


def _more_telling(aspect: str, before: str) -> bool:
    """Whether `aspect` says more than the aspect named `before` it in the same message."""
    return ((_general(aspect) and not _general(before)) or (before == "duration" and aspect in _PERIODS)
            or _general_facts(before) < _general_facts(aspect))


def _general(aspect: str) -> bool:
    """An aspect of no single branch ("means-tested benefits", "appeal"): more telling than a branch's aspect named
    with it ("what level must means-tested benefits reach?" is about the former)."""
    return bool(_general_facts(aspect))  # `Aspect.general`: it lists general facts


def _general_facts(aspect: str) -> frozenset[str]:
    """The general facts answering `aspect` (none for a branch's aspect): an aspect whose facts include another's
    says more ("financing and governance" asks for governance, which includes financing)."""
    return next((frozenset(item.facts) for item in knowledge.load().c102.aspects if item.id == aspect and item.general),
                frozenset())


def question_for(topic: str, tracker: Tracker, follow_up: bool,
                 named: dict[str, str] | None = None) -> answers.UserQuestion:
    """The question, from the slots (a follow-up's context) and the entities `named` (by default, the latest
    message's)."""
    values = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
    if not follow_up:
        for slot in answers.TOPICS[topic].fresh:
            values[slot] = None
    values.update(latest_entities(tracker) if named is None else named)
    return answers.UserQuestion(text=tracker.latest_message.get("text") or "", language=language_of(tracker),
                                **values)


def reply(topic: str, dispatcher: CollectingDispatcher, tracker: Tracker, follow_up: bool,
          named: dict[str, str] | None = None) -> list[dict[str, Any]]:
    question = question_for(topic, tracker, follow_up, named)
    kb = knowledge.load()
    answer = answers.answer(topic, kb, question)
    record_topic(tracker.sender_id, topic)  # for the dashboard of a trainer session the sender joined
    send(dispatcher, answer)
    remembered = {slot: getattr(question, slot) for slot in CONTEXT_SLOTS} | dict(answer.context)
    if general_aspect(kb, question) is not None:  # "appeal" in any question is no context for "and for sickness?"
        remembered["aspect"] = None
    return [SlotSet(slot, value) for slot, value in remembered.items() if tracker.get_slot(slot) != value] + [
        SlotSet(TOPIC_SLOT, answer.topic or topic)
    ]


def about_another_instrument(topic: str, named: dict[str, str], conventions: Collection[str] = ()) -> str:
    """The topic that answers: `instrument` when a question on C102's requirements (or R202's floor) names another
    instrument ("Que prévoit la convention 168 sur le chômage ?" is about C168), `instrument_beyond` when it names
    C102 too among the `conventions` of the message ("C130 and C102 on sickness benefit?"), as does a question on
    an instrument that names C102 beside it, else `topic`."""
    own, other = answers.TOPICS[topic].instrument, named.get("convention")
    if topic == INSTRUMENT_TOPIC and other not in (None, answers.C102) and answers.C102 in conventions:
        return BEYOND_TOPIC  # "in what is C130 more demanding than C102?"
    if own is None or other in (None, own, answers.C102):  # C102 is the frame of most questions ("R202 and C102?")
        return topic
    return BEYOND_TOPIC if answers.C102 in conventions else INSTRUMENT_TOPIC


class AnswerAction(Action, metaclass=ABCMeta):
    """Answers one topic of `bot.answers`; the subclasses made by `answer_actions()` only name the topic.

    Abstract, so that rasa-sdk (which registers every concrete `Action` subclass) skips it.
    """

    @property
    @abstractmethod
    def topic(self) -> str: ...

    def name(self) -> str:
        return answer_action_name(self.topic)

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        conventions = {str(entity.get("value")) for entity in tracker.latest_message.get("entities", [])
                       if entity.get("entity") == "convention"}
        text = tracker.latest_message.get("text") or ""
        previous = tracker.get_slot(TOPIC_SLOT)
        latest = latest_entities(tracker)
        if previous is None and not latest and answers.points_back(text):  # nothing before it to point back to
            dispatcher.utter_message(response=REPHRASE_RESPONSE)
            return []
        continued = answers.continued(self.topic, previous, latest, text)
        named = with_misspelt(continued, answers.carried(latest, previous_subjects(tracker, previous), text), text)
        topic = answers.record_facet(answers.narrowed(continued, named), text)
        return reply(about_another_instrument(topic, named, conventions), dispatcher, tracker,
                     follow_up=continued != self.topic, named=named)


def with_misspelt(topic: str, named: dict[str, str], text: str) -> dict[str, str]:
    """`named`, with the branch or aspect that `topic` is about or narrowed by and that the message names with a
    typo only ("max pensonable age in c 102")."""
    wanted = {*answers.TOPICS[topic].about, *(entity for entity, _ in answers.TOPICS[topic].narrowed_by)}
    missing = (wanted & set(LABELS)) - set(named)
    if not missing:
        return named
    return {**{label: value for label, value in misspelt_entities(text).items() if label in missing}, **named}


def previous_subjects(tracker: Tracker, previous: str | None) -> dict[str, str | None]:
    """The entities the previous answer (on topic `previous`) was about: the slots as they were when the latest
    message came, before Rasa filled them from its entities ("how does it go beyond C102?" sets `convention` to
    C102 before the action runs)."""
    about = answers.TOPICS[previous].about if previous in answers.TOPICS else ()
    before: dict[str, Any] = {}
    current: dict[str, Any] = {}
    for event in tracker.events:
        if event.get("event") == "user":
            before = dict(current)
        elif event.get("event") == "slot" and event.get("name") in about:
            current[event["name"]] = event.get("value")
    return {entity: before.get(entity) for entity in about}


def answer_intent_name(topic: str) -> str:
    """The intent asking a question on `topic` (the Rasa files are generated with it: actions/rasa_files.py)."""
    return f"ask_{topic}"


def answer_action_name(topic: str) -> str:
    return f"action_answer_{topic}"


def answer_actions() -> dict[str, type[AnswerAction]]:
    """One action class per topic of `bot.answers.TOPICS`, by topic: topic T is answered by the class
    `ActionAnswer<T in CamelCase>`, named `action_answer_T` in the domain (e.g. `ActionAnswerRatificationStatus`,
    `action_answer_ratification_status`). rasa-sdk registers every concrete `Action` subclass that exists, so
    creating them (ANSWER_ACTIONS, below) is enough; the domain's lists and the rules are generated from the same
    table (actions/rasa_files.py)."""
    return {
        topic: type("ActionAnswer" + "".join(word.title() for word in topic.split("_")), (AnswerAction,),
                    {"topic": topic, "__module__": __name__})
        for topic in answers.TOPICS
    }


ANSWER_ACTIONS = answer_actions()


def answered_by_entities(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Outside the eligibility check, a message read as an answer or as "what is that?" that names something the
    Q&A is about ("invalidity benefit rate", "waiting days?", "Explain C168") is a question: answered as a
    follow-up of the previous topic when it fits, else by the topic the entity opens. None (nothing sent) when the
    message names nothing the Q&A knows."""
    named = latest_entities(tracker)
    topic = follow_up_topic(tracker.get_slot(TOPIC_SLOT), named) if named else None
    return reply(topic, dispatcher, tracker, follow_up=True) if topic else None


def names_the_standards(named: dict[str, str]) -> bool:
    """Whether the message names something only the social security standards speak of: a Convention, a step of
    the procedure, or an aspect of no single branch ("appeal", "seafarers", "suspension in a trade dispute"). A
    branch's aspect ("rate", "how long") or a branch ("medical care"), a country, a region or a year can be named in
    a question on anything ("what is the exchange rate of the euro?")."""
    return bool({"convention", "procedure_step"} & set(named)) or _general(named.get("aspect", ""))


def continues_on_branches(named: dict[str, str], previous: str | None) -> bool:
    """Whether the message names a branch right after an answer on a topic about branches: "tell me more about old
    age" after the list of branches or a requirement continues the conversation on the standards."""
    if "branch" not in named or previous not in answers.TOPICS:
        return False
    topic = answers.TOPICS[previous]
    return "branch" in topic.about or any(entity == "branch" for entity, _ in topic.narrowed_by)


class ActionOutOfScope(Action):
    """A message read as out of scope that names the standards (`names_the_standards`), or a branch while the
    conversation is on branches (`continues_on_branches`), is a question on them, answered like a follow-up
    (`answered_by_entities`); anything else gets the domain's out-of-scope response."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        named = latest_entities(tracker)
        if names_the_standards(named) or continues_on_branches(named, tracker.get_slot(TOPIC_SLOT)):
            answered = answered_by_entities(dispatcher, tracker)
            if answered is not None:
                return answered
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


class ActionAnswerFollowUp(Action):
    """ "And for invalidity?": the previous topic again, with the entity just named."""

    def name(self) -> str:
        return "action_answer_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        topic = follow_up_topic(tracker.get_slot(TOPIC_SLOT), latest_entities(tracker))
        if topic is None:
            lang = language_of(tracker)
            what = say(WHAT_CAN_YOU_DO, lang)
            send(dispatcher, answers.Reply(say(ASK_FOR_MORE, lang), (answers.Button(what, what),)))
            return []
        return reply(topic, dispatcher, tracker, follow_up=True)
