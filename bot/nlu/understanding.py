"""How well the bot understands questions it was never trained on: the held-out set in `tests/heldout/`.

The held-out questions are written apart from the training data (`data/nlu`), never fed to training. Each item is
one question, or a short exchange whose turns are asked in order in one conversation; every turn names the topic
it is about and what a right reply must contain. This module loads and validates them, judges the bot's replies,
and aggregates the share of right answers, the confusion of topics and every miss; `bench/understanding.py`
(`make understanding-report`) asks a running bot over REST.

A reply is judged by its text (the checks of the item) and by the topic it answers. The topic is read from Rasa's
tracker (the actions run after the question) or, without it, recognised from the fixed words of the answer
templates. A clarifying question or the fallback is "clarified", never "wrong": it is the honest way to miss.

Each language has its folder (`en/`, `fr/`, `es/`); an item's language is its folder's. A French or Spanish reply
must also be in that language: a sentence in English is a problem of the reply (`english_sentences`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from bot.answers import TOPICS as ANSWER_TOPICS
from bot.config import PROJECT_ROOT

HELDOUT_DIR = PROJECT_ROOT / "tests" / "heldout"
LANGUAGES = ("en", "fr", "es")  # one folder each; a file in no language's folder is English
ENGLISH = "en"
#: What a reply can be about besides the Q&A topics of `bot.answers`.
OTHER_TOPICS = ("start_assessment", "open_assessment", "draft_instrument", "join_session", "start_quiz", "greet",
                "chitchat", "out_of_scope")
TOPICS = frozenset((*ANSWER_TOPICS, *OTHER_TOPICS))
CLARIFY = "clarify"  # the reply is a clarifying question or the fallback
UNKNOWN = "unknown"  # a reply whose topic could not be told
NO_REPLY = "no_reply"
CLARIFY_ACCEPTABLE = "clarify"  # the only value of `acceptable`

_CHECKS = ("contains_all", "contains_any", "not_contains")
_TURN_KEYS = frozenset(("text", "topic", "also_topics", "acceptable", *_CHECKS))
_ITEM_KEYS = frozenset(("id", "turns", "note")) | _TURN_KEYS


class HeldoutError(ValueError):
    """A held-out file or item that cannot be used; the message names the file and the item."""


@dataclass(frozen=True)
class Turn:
    text: str
    topic: str
    also_topics: tuple[str, ...] = ()  # other topics whose answer is right too
    contains_all: tuple[str, ...] = ()
    contains_any: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    clarify_ok: bool = False  # `acceptable: clarify`: a clarifying question counts as right


@dataclass(frozen=True)
class Item:
    id: str
    file: str
    turns: tuple[Turn, ...]
    language: str = ENGLISH

    @property
    def exchange(self) -> bool:
        return len(self.turns) > 1


# -- loading ------------------------------------------------------------------------------------------------------
def load_items(folder: Path = HELDOUT_DIR) -> list[Item]:
    """Every item of every `*.yml` under `folder` (files in name order), validated; ids are unique across files."""
    items: list[Item] = []
    seen: dict[str, str] = {}
    files = sorted(folder.rglob("*.yml"))
    if not files:
        raise HeldoutError(f"{folder}: no held-out files (*.yml)")
    for path in files:
        name = str(path.relative_to(folder))
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise HeldoutError(f"{name}: not valid YAML: {error}") from None
        for item in parse_items(data, name, language_of(path)):
            if item.id in seen:
                raise HeldoutError(f"{name}: item '{item.id}' has the same id as an item in {seen[item.id]}")
            seen[item.id] = name
            items.append(item)
    return items


def language_of(path: Path) -> str:
    """The language of a held-out file: the nearest folder named after one of LANGUAGES ("fr/campaign.yml" ->
    "fr"), English when there is none."""
    return next((folder.name for folder in path.parents if folder.name in LANGUAGES), ENGLISH)


def parse_items(data: Any, file: str, language: str = ENGLISH) -> list[Item]:
    """The items of one file's YAML (`{"items": [...]}`); HeldoutError naming the file and the item otherwise."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or set(data) - {"items"}:
        raise HeldoutError(f"{file}: expected a mapping with one key, 'items', holding a list")
    return [_item(raw, file, number, language) for number, raw in enumerate(data["items"], 1)]


def _item(raw: Any, file: str, number: int, language: str) -> Item:
    where = f"{file}: item #{number}"
    if not isinstance(raw, dict):
        raise HeldoutError(f"{where}: expected a mapping, got {type(raw).__name__}")
    ident = raw.get("id")
    if not isinstance(ident, str) or not ident.strip():
        raise HeldoutError(f"{where}: 'id' must be a non-empty string")
    where = f"{file}: item '{ident}'"
    unknown = sorted(set(raw) - _ITEM_KEYS)
    if unknown:
        raise HeldoutError(f"{where}: unknown key(s) {', '.join(unknown)}")
    if "turns" in raw:
        if set(raw) & _TURN_KEYS:
            raise HeldoutError(f"{where}: an exchange has 'turns' only (put text and checks in each turn)")
        turns = raw["turns"]
        if not isinstance(turns, list) or len(turns) < 2:
            raise HeldoutError(f"{where}: 'turns' must be a list of at least two turns")
        parsed = tuple(_turn(turn, f"{where}, turn {index}") for index, turn in enumerate(turns, 1))
    else:
        parsed = (_turn({key: value for key, value in raw.items() if key not in ("id", "note")}, where),)
    return Item(ident, file, parsed, language)


def _turn(raw: Any, where: str) -> Turn:
    if not isinstance(raw, dict):
        raise HeldoutError(f"{where}: expected a mapping, got {type(raw).__name__}")
    unknown = sorted(set(raw) - _TURN_KEYS)
    if unknown:
        raise HeldoutError(f"{where}: unknown key(s) {', '.join(unknown)}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise HeldoutError(f"{where}: 'text' must be a non-empty string")
    topics = [raw.get("topic"), *_strings(raw, "also_topics", where)]
    for topic in topics:
        if topic not in TOPICS:
            raise HeldoutError(f"{where}: unknown topic {topic!r} (known: {', '.join(sorted(TOPICS))})")
    acceptable = raw.get("acceptable")
    if acceptable not in (None, CLARIFY_ACCEPTABLE):
        raise HeldoutError(f"{where}: 'acceptable' can only be '{CLARIFY_ACCEPTABLE}', not {acceptable!r}")
    checks = {name: _strings(raw, name, where) for name in _CHECKS}
    if not any(checks.values()):
        raise HeldoutError(f"{where}: say what a right reply contains ({', '.join(_CHECKS)})")
    return Turn(text=text, topic=topics[0], also_topics=tuple(topics[1:]), clarify_ok=acceptable is not None,
                **checks)


def _strings(raw: Mapping, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(one, (str, int)) and str(one).strip() for one in value):
        raise HeldoutError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(str(one) for one in value)


# -- keeping the held-out set out of training ------------------------------------------------------------------------
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")  # Rasa's [text](entity) and [text]{...}
SHORT_WORDS = 2  # a sentence this short may occur inside a longer one; it only leaks as a whole line


def bare(text: str) -> str:
    """Words only: entity annotations unwrapped, case, punctuation and spacing gone ("Has [Ghana](country)
    ratified?" -> "has ghana ratified")."""
    return " ".join(re.sub(r"[\W_]+", " ", _ANNOTATION.sub(r"\1", text).casefold()).split())


def leaks(sentences: Iterable[str], documents: Mapping[str, str]) -> list[tuple[str, str]]:
    """(sentence, document name) for every held-out sentence found in a document: a sentence of more than
    SHORT_WORDS words anywhere in it (across line breaks too), a shorter one as a whole line."""
    texts = {name: f" {bare(text)} " for name, text in documents.items()}
    lines = {name: {bare(line) for line in text.splitlines()} for name, text in documents.items()}
    found = []
    for sentence in dict.fromkeys(bare(one) for one in sentences):
        for name in documents:
            short = len(sentence.split()) <= SHORT_WORDS
            if (sentence in lines[name]) if short else (f" {sentence} " in texts[name]):
                found.append((sentence, name))
    return found


# -- the reply and its topic ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reply:
    """What the bot answered to one message: its texts and button titles; from the tracker, when read, the actions
    run after the message and the slots they set."""

    texts: tuple[str, ...] = ()
    buttons: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    slots: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


#: Actions that answer a topic other than through `action_answer_<topic>`.
ACTION_TOPICS = {
    "action_start_assessment": "start_assessment",
    "action_open_assessment": "open_assessment",
    "action_draft_instrument": "draft_instrument",
    "action_join_session": "join_session",
    "action_quiz_question": "start_quiz",
    "utter_greet": "greet",
    **{f"utter_{small_talk}": "chitchat" for small_talk in ("goodbye", "thank", "bot_challenge", "capabilities")},
    "action_out_of_scope": "out_of_scope",
}
#: Actions that sometimes answer a question on the standards, recording its topic (the slot it sets this turn), and
#: otherwise say something else (`ACTION_TOPICS`, else the reply's text): a follow-up naming what it is about, or
#: "can we ratify R202?" (which starts no check)
ENTITY_ANSWER_ACTIONS = frozenset(("action_out_of_scope", "action_inform_outside_assessment",
                                   "action_start_assessment"))
#: Rasa's fallback actions: the two-stage fallback's, which the project's actions/fallback.py customises.
CLARIFY_ACTIONS = frozenset((
    "action_default_fallback", "action_two_stage_fallback", "action_default_ask_affirmation",
    "action_default_ask_rephrase", "utter_ask_rephrase", "utter_default",
))
ANSWER_PREFIX = "action_answer_"
FOLLOW_UP_ACTION = "action_answer_follow_up"
FOLLOW_UP_SLOT = "qa_topic"  # the topic a follow-up answered

#: The fixed words of each kind of reply (answer templates of bot/answers, the domain's responses), tried in order
#: when the tracker is not available. A "Which branch?" of the requirement topic is that topic's answer.
TEXT_SIGNATURES: tuple[tuple[str, str], ...] = (
    ("procedure", r"step by step:"),
    ("next_step", r"^after [^\n:]+:|^the first step for a country|is the last step on my list"),
    ("procedure_step", r"^what ratifying c\d+|\nthen: "),
    ("instruments_list", r"social security standards in my records:"),
    ("branches", r"sets minimum standards for \d+ branches"),
    ("flexibility", r"start where its system stands"),
    ("article3", r"the exceptions, part by part:"),
    ("floor", r"social protection floor of \d+ basic guarantees"),
    ("convention_vs_recommendation", r"how both are adopted:"),
    ("principles", r"governance and financing principles"),
    ("requirement", r"^part [ivx]+ - [^\n]*(the main figures|, [^\n:]+):|^for which branch would you like|"
                    r"does not apply to [^\n]*\(part [ivx]+\)|^[^\n]+ in each branch of c102:"),
    ("why_ratify", r"^why ratify c102:"),
    ("campaign", r"ratification campaign on convention no\. 102, \d{4}"),
    ("assistance", r"contact: \S+@\S+\nilo toolkit:"),
    ("ratification_count", r"^my records list \d+ states that ratified"),
    ("ratifications_list", r"c102 ratifications in my records, by ilo region:|^c102 ratifications [^\n]*in my "
                           r"records \(\d+\)|^my records have no c102 ratification"),
    ("parts_accepted", r"accepted these parts of c102|my records do not list the parts it accepted"),
    ("ratification_status", r"ratified c102 (on|in|\(date) |is not in my records, which are incomplete|"
                            r"is a former state|my ratification records cover c102 only"),
    ("instrument_beyond", r"goes beyond c102:|is the baseline:|do not compare [^\n]* with c102"),
    ("instrument", r": a (convention|recommendation) (adopted on|of \d{4})|^i have no record of "),
    ("start_assessment", r"let's check which parts|which country is this check for|in the middle of an "
                         r"eligibility check"),
    ("open_assessment", r"continuing assessment|^here is assessment|saved check has the code|code of a saved "
                        r"assessment|nothing to resume"),
    ("draft_instrument", r"draft instrument of ratification|draft the instrument"),
    ("start_quiz", r"^the quiz "),
    ("join_session", r"training session"),
    ("greet", r"i'm the ilo ratify assistant"),
    ("chitchat", r"^goodbye|you're welcome|^i'm a bot|here is what i can do"),
    ("out_of_scope", r"outside what i know"),
    (CLARIFY, r"did you mean|rephrase|didn't (quite )?understand|can't answer that reliably|say a little more|"
              r"which country do you mean|i don't know that country"),
)
_SIGNATURES = tuple((topic, re.compile(pattern, re.MULTILINE)) for topic, pattern in TEXT_SIGNATURES)


def normalise(text: str) -> str:
    """For comparing reply texts: case, typographic dashes and quotes, runs of white space (no-break ones too) and
    a space before "%" do not count."""
    text = text.casefold().translate(str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"'}))
    return re.sub(r"[ \t\u00a0\u202f]+", " ", text).replace(" %", "%").strip()  # "40 %" (fr, es) is "40%"


def topic_from_actions(actions: Sequence[str], slots: Mapping[str, Any]) -> str | None:
    """The topic answered, from the actions run after the question (the first that tells); None if none does."""
    for action in actions:
        if action in CLARIFY_ACTIONS:
            return CLARIFY
        if action == FOLLOW_UP_ACTION:
            topic = slots.get(FOLLOW_UP_SLOT)
            return topic if isinstance(topic, str) and topic else UNKNOWN
        if action in ENTITY_ANSWER_ACTIONS and isinstance(slots.get(FOLLOW_UP_SLOT), str):
            return slots[FOLLOW_UP_SLOT]
        if action.startswith(ANSWER_PREFIX) and FOLLOW_UP_SLOT in slots:  # the topic the answer recorded (a
            topic = slots[FOLLOW_UP_SLOT]  # question on C102 naming C168 is answered on C168), else the action's
            return topic if isinstance(topic, str) and topic in ANSWER_TOPICS else action.removeprefix(ANSWER_PREFIX)
        # an answer action that recorded no topic answered none (it asked to rephrase): its reply's text tells
        if action in ACTION_TOPICS:
            return ACTION_TOPICS[action]
    return None


def topic_from_text(text: str) -> str:
    """The topic answered, recognised from the fixed words of the reply (UNKNOWN when none matches)."""
    found = normalise(text)
    if not found:
        return NO_REPLY
    return next((topic for topic, pattern in _SIGNATURES if pattern.search(found)), UNKNOWN)


def answered_topic(reply: Reply) -> str:
    if not reply.texts and not reply.buttons:
        return NO_REPLY
    return topic_from_actions(reply.actions, reply.slots) or topic_from_text(reply.text)


# -- the language of a reply ----------------------------------------------------------------------------------------
#: English function words that are not words of French or Spanish ("a", "on", "or", "but", "he", "an" are).
_ENGLISH_WORDS = """
the of and is are was were be been being to for with which that this these those what who whom how it its has have
had not at from by in into our your their they we you she there here than then about after before only also any each
every can may must will would should does do did
"""
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS.split())
MIN_ENGLISH_WORDS = 2  # a sentence with fewer is not counted as English (a title may hold one "and" or "in")
MIN_ENGLISH_SHARE = 0.2  # nor one where they make up less of its words
_SENTENCE_END = re.compile(r"\n|(?<=[.!?])\s")
_URL = re.compile(r"\S+://\S+|\S+@\S+")
_LETTERS = re.compile(r"[^\W\d_]+")


def english_sentences(text: str) -> list[str]:
    """The sentences of `text` that are in English, told by English-only function words (at least
    MIN_ENGLISH_WORDS of them, and MIN_ENGLISH_SHARE of the sentence's words); links and addresses do not count."""
    found = []
    for sentence in _SENTENCE_END.split(_URL.sub(" ", text)):
        words = _LETTERS.findall(sentence.casefold())
        english = sum(word in ENGLISH_WORDS for word in words)
        if english >= MIN_ENGLISH_WORDS and english >= MIN_ENGLISH_SHARE * len(words):
            found.append(sentence.strip(" -—"))  # a bullet's dash left out
    return found


# -- judging --------------------------------------------------------------------------------------------------------
class Verdict(str, Enum):
    RIGHT = "right"
    CLARIFIED = "clarified"  # a clarifying question or the fallback: not an answer, but not a wrong one
    WRONG = "wrong"


@dataclass(frozen=True)
class Judged:
    item: str
    turn: int  # 1-based
    question: str
    expected: str
    answered: str
    verdict: Verdict
    problems: tuple[str, ...]
    reply: str
    language: str = ENGLISH  # the language asked in (the item's)


def text_problems(turn: Turn, text: str) -> list[str]:
    """What the reply text lacks or should not have, per the turn's checks (empty when all pass)."""
    found = normalise(text)
    problems = [f"missing {needle!r}" for needle in turn.contains_all if normalise(needle) not in found]
    if turn.contains_any and not any(normalise(needle) in found for needle in turn.contains_any):
        problems.append(f"none of {list(turn.contains_any)!r}")
    problems += [f"should not say {needle!r}" for needle in turn.not_contains if normalise(needle) in found]
    return problems


def judge(item: Item, replies: Sequence[Reply]) -> list[Judged]:
    """Each turn of `item` against the reply it got (a turn without a reply is judged on an empty one)."""
    if len(replies) > len(item.turns):
        raise ValueError(f"item '{item.id}': {len(replies)} replies for {len(item.turns)} turns")
    padded = [*replies, *[Reply()] * (len(item.turns) - len(replies))]
    return [judge_turn(item.id, number, turn, reply, item.language)
            for number, (turn, reply) in enumerate(zip(item.turns, padded, strict=True), 1)]


def judge_turn(item: str, number: int, turn: Turn, reply: Reply, language: str = ENGLISH) -> Judged:
    """A reply is right for the turn's topic and checks; in French or Spanish, only with no sentence in English."""
    judged = _judge_topic_and_text(item, number, turn, reply)
    english = [] if language == ENGLISH else [f"in English: {one!r}" for one in english_sentences(reply.text)]
    verdict = Verdict.WRONG if english and judged.verdict is Verdict.RIGHT else judged.verdict
    return replace(judged, verdict=verdict, problems=(*judged.problems, *english), language=language)


def _judge_topic_and_text(item: str, number: int, turn: Turn, reply: Reply) -> Judged:
    answered = answered_topic(reply)
    problems = text_problems(turn, reply.text)
    if answered == CLARIFY:
        verdict = Verdict.RIGHT if turn.clarify_ok else Verdict.CLARIFIED
        problems = [] if turn.clarify_ok else ["asked to clarify", *problems]
    elif answered not in (turn.topic, *turn.also_topics, UNKNOWN):
        verdict, problems = Verdict.WRONG, [f"answered {answered}, not {turn.topic}", *problems]
    elif answered == NO_REPLY:
        verdict, problems = Verdict.WRONG, ["no reply", *problems]
    else:
        verdict = Verdict.WRONG if problems else Verdict.RIGHT
    return Judged(item, number, turn.text, turn.topic, answered, verdict, tuple(problems), reply.text)


# -- aggregating ----------------------------------------------------------------------------------------------------
def aggregate(judged: Sequence[Judged]) -> dict[str, Any]:
    """The share right (and clarified, wrong) over all turns, per expected topic, the confusion of topics
    (expected -> answered -> count), the exchanges answered right at every turn, and every miss."""
    verdicts = Counter(one.verdict for one in judged)
    total = len(judged)
    per_topic: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    turns_of: dict[str, list[Judged]] = defaultdict(list)
    per_language: dict[str, Counter] = defaultdict(Counter)
    for one in judged:
        per_language[one.language][one.verdict.value] += 1
        per_topic[one.expected][one.verdict.value] += 1
        confusion[one.expected][one.answered] += 1
        turns_of[one.item].append(one)
    exchanges = [turns for turns in turns_of.values() if len(turns) > 1]
    return {
        "questions": total,
        "items": len(turns_of),
        **{verdict.value: verdicts[verdict] for verdict in Verdict},
        "share_right": _share(verdicts[Verdict.RIGHT], total),
        "share_clarified": _share(verdicts[Verdict.CLARIFIED], total),
        "share_wrong": _share(verdicts[Verdict.WRONG], total),
        "exchanges": len(exchanges),
        "exchanges_all_right": sum(all(one.verdict is Verdict.RIGHT for one in turns) for turns in exchanges),
        "per_language": {language: {"asked": sum(counts.values()), "right": counts[Verdict.RIGHT.value],
                                     "share_right": _share(counts[Verdict.RIGHT.value], sum(counts.values()))}
                         for language, counts in sorted(per_language.items())},
        "per_topic": {topic: {"asked": sum(counts.values()), **{v.value: counts[v.value] for v in Verdict}}
                      for topic, counts in sorted(per_topic.items())},
        "confusion": {topic: dict(sorted(answered.items())) for topic, answered in sorted(confusion.items())},
        "misses": [{**asdict(one), "verdict": one.verdict.value} for one in judged if one.verdict is not Verdict.RIGHT],
    }


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def render(summary: Mapping[str, Any]) -> str:
    """The report as printed: the figures, the topics asked with their confusions, then every miss."""
    total = summary["questions"]
    lines = [
        f"Held-out questions: {total} ({summary['items']} items, {summary['exchanges']} of them exchanges)",
        f"  right:     {summary['right']:>4}  {summary['share_right']:.1%}",
        f"  clarified: {summary['clarified']:>4}  {summary['share_clarified']:.1%}  (a clarifying question or the "
        "fallback)",
        f"  wrong:     {summary['wrong']:>4}  {summary['share_wrong']:.1%}",
        f"  exchanges right at every turn: {summary['exchanges_all_right']} of {summary['exchanges']}",
        *(f"  in {language}: {counts['right']} of {counts['asked']} right, {counts['share_right']:.1%}"
          for language, counts in summary.get("per_language", {}).items()),
        "",
        "Per topic (asked, right; answered instead):",
    ]
    for topic, counts in summary["per_topic"].items():
        others = {answered: count for answered, count in summary["confusion"][topic].items() if answered != topic}
        confused = ", ".join(f"{answered} {count}" for answered, count in sorted(others.items(), key=lambda x: -x[1]))
        row = f"  {topic:<30} {counts['asked']:>4} {counts['right']:>4}"
        lines.append(f"{row}   {confused}" if confused else row)
    lines += ["", f"Misses ({len(summary['misses'])}):"]
    for miss in summary["misses"]:
        first_line = miss["reply"].splitlines()[0][:100] if miss["reply"] else "(no reply)"
        lines += [f"  [{miss['verdict']}] {miss['item']}#{miss['turn']} {miss['question']!r}",
                  f"      expected {miss['expected']}, answered {miss['answered']}: {'; '.join(miss['problems'])}",
                  f"      reply: {first_line}"]
    return "\n".join(lines)


# -- what a running bot says (the REST reply, the tracker's events) --------------------------------------------------
def reply_from_rest(messages: Iterable[Mapping[str, Any]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The texts and button titles of the REST channel's reply."""
    texts, buttons = [], []
    for message in messages:
        if message.get("text"):
            texts.append(str(message["text"]))
        buttons += [str(button.get("title", "")) for button in message.get("buttons") or ()]
    return tuple(texts), tuple(buttons)


def after_last_question(events: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """From a tracker's events: the actions run after the last user message (action_listen left out) and the
    slots set after it."""
    start = max((index for index, event in enumerate(events) if event.get("event") == "user"), default=-1)
    actions, slots = [], {}
    for event in events[start + 1:]:
        if event.get("event") == "action" and event.get("name") not in (None, "action_listen"):
            actions.append(str(event["name"]))
        elif event.get("event") == "slot":
            slots[str(event.get("name"))] = event.get("value")
    return tuple(actions), slots
