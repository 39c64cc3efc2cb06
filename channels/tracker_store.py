"""Rasa's SQL tracker store, whose sessions roll over when they grow long (every mode: endpoints.yml and
scripts/prod/endpoints.yml name it).

On every message Rasa 3.6 reads back the events of the conversation's current session, turns each into an
`Event`, and its policies go over the whole session again; the custom actions receive the whole session too. A
session only ends after `session_expiration_time` (domain.yml) without a message, so a conversation that goes
on (a trainer session's participant can send hundreds of messages) costs more at every turn.

Here, once a turn is over (the bot listens, no form or other loop runs, the conversation is not paused) and the
current session holds more than `max_session_events` events, the store appends to the conversation the start
of a new session, as Rasa's `action_session_start` writes one when a session expires: `SessionStarted`, a
`SlotSet` for every slot that has been set (with its current value), then `action_listen`. Rasa reads a session
from its latest `SessionStarted` on (by timestamp), so the next message is handled on these few events and what
follows them, with the same slots: the cost per turn stays bounded. Only the database gets these events (the
tracker in hand stays as it is, and it is not used again: Rasa reads the tracker anew for each message); the
whole conversation is still there for `retrieve_full_tracker`.

What a new session forgets, this one forgets too: the turns before it (bot messages, the latest user message)
for the policies and the actions, which go by the slots; the bot's rules and stories look one turn back at most.
Unlike an expired session's start, slots are carried over even if the domain set `carry_over_slots_to_new_session`
to false: the conversation has not stopped.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

# Events of one session at most (plus the turn that crosses it) before it rolls over. In a 200-turn conversation
# on this machine a turn took 40 ms (median) at its start and 208 ms at its end, some 1,200 events later if a
# turn logs about 6 (an estimate): about 0.13 ms per event of the session. 100 events then keep a turn within
# some 15 ms of the first turns' (the goal: p95 at most 1.5 times theirs), and still many turns of history.
DEFAULT_MAX_SESSION_EVENTS = 100


class RollingSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that starts a new session (slots carried over) when the current one grows too long.

    `max_session_events` (endpoint setting): the session length above which it rolls over; 0, less or null: never.
    """

    def __init__(self, *args: Any, max_session_events: int | str | None = DEFAULT_MAX_SESSION_EVENTS,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_session_events = max(0, int(max_session_events or 0))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        if self.max_session_events and turn_is_over(tracker) and session_length(tracker) > self.max_session_events:
            self._start_session(tracker)

    def _start_session(self, tracker: DialogueStateTracker) -> None:
        """Append a new session's start, stamped after every stored event of the conversation (so that the
        events before it are not in the new session), and now (so that the next message's are)."""
        with self.session_scope() as session:
            latest = (session.query(sa.func.max(self.SQLEvent.timestamp))
                      .filter(self.SQLEvent.sender_id == tracker.sender_id).scalar())
            now = time.time()
            if latest is not None and now <= latest:  # an event stamped in the future: wait for a later turn
                logger.debug(f"No session roll-over for '{tracker.sender_id}': an event is stamped {latest}.")
                return
            for event in session_start(tracker, now):
                session.add(self.row(tracker.sender_id, event))
            session.commit()
        logger.debug(f"Session of '{tracker.sender_id}' rolled over after {session_length(tracker)} events.")

    def row(self, sender_id: str, event: Event) -> SQLTrackerStore.SQLEvent:
        """The event's row, as `SQLTrackerStore.save` writes it."""
        data = event.as_dict()
        return self.SQLEvent(sender_id=sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                             intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                             action_name=data.get("name"), data=json.dumps(data))


def turn_is_over(tracker: DialogueStateTracker) -> bool:
    """The bot waits for the user (the latest event is `action_listen`), no loop (form) runs, not paused."""
    latest = tracker.events[-1] if tracker.events else None
    return (isinstance(latest, ActionExecuted) and latest.action_name == ACTION_LISTEN_NAME
            and tracker.active_loop_name is None and not tracker.is_paused())


def session_length(tracker: DialogueStateTracker) -> int:
    """Events in the tracker's latest session (from its latest `SessionStarted`, or all)."""
    for back, event in enumerate(reversed(tracker.events)):
        if isinstance(event, SessionStarted):
            return back + 1
    return len(tracker.events)


def session_start(tracker: DialogueStateTracker, timestamp: float) -> list[Event]:
    """A new session's first events, as Rasa's `action_session_start` with carried-over slots: every slot set in
    the session so far, at its current value (set: Rasa's rules tell a slot set to its initial value from an
    unset one)."""
    slots = [SlotSet(name, slot.value, timestamp=timestamp)
             for name, slot in tracker.slots.items() if slot.has_been_set]
    return [SessionStarted(timestamp=timestamp), *slots, ActionExecuted(ACTION_LISTEN_NAME, timestamp=timestamp)]
