"""The tracker store's rolling sessions (channels/tracker_store.py): a long conversation is read back from its
latest session start, with the same slots, and nothing is lost or stored twice."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import class_from_module_path
from rasa.utils.endpoints import EndpointConfig

from bot.config import PROJECT_ROOT
from channels.tracker_store import RollingSQLTrackerStore

SENDER = "long-conversation"
COUNTRIES = ("MA", "FR", "BR", "JP")
LANGUAGES = ("fr", "es", "en")  # "en" is the slot's initial value: set to it, it must stay set
TOPICS = ("ratification_status", "requirement", "procedure")


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def open_store(tmp_path: Path, domain: Domain, max_session_events: int | str | None) -> RollingSQLTrackerStore:
    return RollingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"),
                                  max_session_events=max_session_events)


def question(number: int) -> list[Event]:
    """A question and its answer as Rasa logs them, each turn setting the slots a little differently."""
    topic = TOPICS[number % len(TOPICS)]
    slots = [SlotSet("country", COUNTRIES[number % len(COUNTRIES)])] if number % 2 else []
    if number % 5 == 1:
        slots.append(SlotSet("language", LANGUAGES[number // 5 % len(LANGUAGES)]))
    return [UserUttered(f"question {number}", {"name": f"ask_{topic}", "confidence": 1.0}), *slots,
            ActionExecuted(f"action_answer_{topic}"), BotUttered(f"answer {number}"), SlotSet("qa_topic", topic),
            ActionExecuted(ACTION_LISTEN_NAME)]


def handle(store: TrackerStore, events: list[Event]) -> int:
    """One message as Rasa's processor handles it: read the tracker (starting a session if it has none), add the
    turn's events, save. The number of events added."""
    async def run() -> int:
        tracker = await store.get_or_create_tracker(SENDER, append_action_listen=False)
        before = len(tracker.events)
        if not tracker.applied_events():
            tracker.update_with_events([ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted(),
                                        ActionExecuted(ACTION_LISTEN_NAME)], store.domain)
        tracker.update_with_events(events, store.domain)
        await store.save(tracker)
        return len(tracker.events) - before

    return asyncio.run(run())


def read(store: TrackerStore, full: bool = False) -> DialogueStateTracker:
    tracker = asyncio.run(store.retrieve_full_tracker(SENDER) if full else store.retrieve(SENDER))
    assert tracker is not None
    return tracker


def rows(store: RollingSQLTrackerStore) -> int:
    with store.session_scope() as session:
        return session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == SENDER).count()


def sessions(store: RollingSQLTrackerStore) -> int:
    with store.session_scope() as session:
        return session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == SENDER,
                                                    store.SQLEvent.type_name == SessionStarted.type_name).count()


def set_slots(tracker: DialogueStateTracker) -> dict[str, object]:
    return {name: slot.value for name, slot in tracker.slots.items() if slot.has_been_set}


class SessionCheck:
    """What Rasa's `MessageProcessor` uses of itself to decide, before a message, whether to start a session."""

    _has_session_expired = MessageProcessor._has_session_expired

    def __init__(self, domain: Domain) -> None:
        self.domain, self.nlg, self.started = domain, None, False

    def _get_action(self, name: str) -> str:
        return name

    async def _run_action(self, action: str, **_: object) -> None:
        self.started = action == ACTION_SESSION_START_NAME


def starts_a_session(tracker: DialogueStateTracker, domain: Domain) -> bool:
    check = SessionCheck(domain)
    asyncio.run(MessageProcessor._update_tracker_session(check, tracker, None))  # type: ignore[arg-type]
    return check.started


def assert_session_start(tracker: DialogueStateTracker, domain: Domain) -> None:
    """Only a new session's start, as `action_session_start` writes it, on which Rasa's processor starts no
    other session, and waits for the user."""
    first, *middle, last = tracker.events
    assert isinstance(first, SessionStarted) and all(isinstance(event, SlotSet) for event in middle)
    assert isinstance(last, ActionExecuted) and last.action_name == ACTION_LISTEN_NAME
    assert tracker.latest_action_name == ACTION_LISTEN_NAME and not starts_a_session(tracker, domain)


def test_a_long_conversation_is_read_back_from_its_latest_session_start_with_every_slot(tmp_path: Path,
                                                                                        domain: Domain):
    limit, turns = 30, 30
    store = open_store(tmp_path, domain, limit)
    said: list[Event] = []
    rolled_over = 0
    for number in range(turns):
        turn = question(number)
        stored = rows(store)
        added = handle(store, turn)
        said += turn
        tracker = read(store)
        checkpoint = rows(store) - stored - added  # the events stored beyond the turn's own
        assert checkpoint == 0 or len(tracker.events) == checkpoint, "a turn's events stored twice or lost"
        if checkpoint:
            rolled_over += 1
            assert_session_start(tracker, domain)
        assert len(tracker.events) <= limit + len(turn)
        replayed = DialogueStateTracker.from_events(SENDER, said, domain.slots)  # every event, no roll-over
        assert set_slots(tracker) == set_slots(replayed) and tracker.latest_action_name == ACTION_LISTEN_NAME
    assert rolled_over >= 4  # about 5.7 events a turn, a new session holds 5: every 5 turns or so
    assert set_slots(tracker)["language"] == "en" and set_slots(tracker)["country"] == "FR"
    full = read(store, full=True)
    assert [event.text for event in full.events if isinstance(event, UserUttered)] == [
        f"question {number}" for number in range(turns)]
    assert sum(isinstance(event, SessionStarted) for event in full.events) == rolled_over + 1
    assert len(full.events) == rows(store)


@pytest.mark.parametrize("unfinished, finish", [
    pytest.param([ActiveLoop("assessment_form")], [ActiveLoop(None)], id="a form runs"),
    pytest.param([ConversationPaused()], [ConversationResumed()], id="paused"),
])
def test_no_roll_over_while_a_form_runs_or_the_conversation_is_paused(
        tmp_path: Path, domain: Domain, unfinished: list[Event], finish: list[Event]):
    store = open_store(tmp_path, domain, 10)
    handle(store, [*question(0)[:-1], *unfinished, ActionExecuted(ACTION_LISTEN_NAME)])
    for number in range(1, 4):
        handle(store, question(number))
        assert sessions(store) == 1 and len(read(store).events) > 10
    handle(store, [*question(4)[:-1], *finish, ActionExecuted(ACTION_LISTEN_NAME)])
    assert_session_start(read(store), domain)


def test_no_roll_over_in_the_middle_of_a_turn(tmp_path: Path, domain: Domain):
    store = open_store(tmp_path, domain, 8)
    handle(store, question(0))  # from the session's start on: 7 events
    turn = question(1)
    handle(store, turn[:2])  # the user's message and a slot logged (e.g. by Rasa's /messages API): 9 events
    assert sessions(store) == 1 and len(read(store).events) == 9
    handle(store, turn[2:])
    assert_session_start(read(store), domain)
    assert set_slots(read(store)) == {"country": "FR", "language": "fr", "qa_topic": "requirement"}


@pytest.mark.parametrize("setting", [0, None, "0", -1])
def test_no_threshold_no_roll_over(tmp_path: Path, domain: Domain, setting: int | str | None):
    store = open_store(tmp_path, domain, setting)
    for number in range(30):
        handle(store, question(number))
    assert sessions(store) == 1 and len(read(store).events) > 150


def endpoint(path: Path, change: Callable[[dict], object] = lambda config: None) -> EndpointConfig:
    config = yaml.safe_load(path.read_text(encoding="utf-8"))["tracker_store"]
    change(config)
    return EndpointConfig.from_dict(config)


def test_every_mode_names_the_rolling_store_with_one_threshold(tmp_path: Path, domain: Domain):
    """Rasa builds the store endpoints.yml names (an unknown class would quietly become an in-memory store);
    production mode names the same one, with the same threshold."""
    embedded = endpoint(PROJECT_ROOT / "endpoints.yml", lambda config: config.update(db=str(tmp_path / "t.db")))
    store = TrackerStore.create(embedded, domain)
    assert type(store) is RollingSQLTrackerStore and store.max_session_events == embedded.kwargs[
        "max_session_events"] > 0
    production = endpoint(PROJECT_ROOT / "scripts" / "prod" / "endpoints.yml")
    assert class_from_module_path(production.type) is RollingSQLTrackerStore
    assert production.kwargs["dialect"] == "postgresql"
    assert production.kwargs["max_session_events"] == embedded.kwargs["max_session_events"]


def test_the_session_check_is_rasas(domain: Domain):
    """`starts_a_session` above runs Rasa's own decision: a new conversation, or one idle past the domain's
    expiry, gets a session start."""
    assert starts_a_session(DialogueStateTracker(SENDER, domain.slots), domain)
    idle = 60 * domain.session_config.session_expiration_time + 1
    old = [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME), *question(0)]
    for event in old:
        event.timestamp = time.time() - idle
    assert starts_a_session(DialogueStateTracker.from_events(SENDER, old, domain.slots), domain)
    assert not starts_a_session(DialogueStateTracker.from_events(SENDER, old[:2], domain.slots), domain)
