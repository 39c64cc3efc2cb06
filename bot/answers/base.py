"""The shapes every answer module shares (`UserQuestion`, `Button`, `Reply`) and the few text helpers they use.

Answers are plain text: short lines and "- " bullets, so the REST channel, the terminal, the web widget and
Telegram/Slack all render them alike. Every statement comes from the knowledge base; the helpers here only put
KB values into templates (`Fact.cite()` adds the article and, for unverified facts, the caveat).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import TYPE_CHECKING

from bot.i18n import N_, Translator, translator
from bot.knowledge.facts import Entry, Fact
from bot.knowledge.text import DEFAULT_LANGUAGE, in_language

if TYPE_CHECKING:
    from bot.knowledge import Knowledge

C102 = "C102"
ENGLISH = translator()
#: Plain-text questions used as button payloads: the NLU reads them like anything the user types.
#: In the question's language: `gettext(CONSTANT)`.
ELIGIBILITY_QUESTION = N_("Can my country ratify C102?")
HOW_TO_RATIFY_QUESTION = N_("How does a country ratify C102?")
REQUIREMENT_QUESTION = N_("What does C102 require for {branch}?")
ELIGIBILITY_BUTTON = N_("Check my country's eligibility")
TOOLKIT = N_("ILO toolkit")
#: `bot.knowledge.facts.UNVERIFIED_NOTE`, marked here for translation
UNVERIFIED_NOTE = N_("not confirmed in our sources")
#: words by which a question is about the user's own country ("has my country ratified?", "when does C102 apply to
#: us?"), in the three languages
OWN_COUNTRY = re.compile(r"\b(?:my|our|we|us|mon|ma|notre|nos|nous|mi|mis|nuestro|nuestra|nosotros)\b", re.IGNORECASE)


@dataclass(frozen=True)
class UserQuestion:
    """What the conversation knows when the question is asked: the text and the slot values (canonical ids)."""

    text: str = ""
    #: the language of the answer: "en", "fr" or "es" (the `language` slot); None, like every unset slot, is English
    language: str | None = None
    branch: str | None = None
    aspect: str | None = None
    country: str | None = None
    convention: str | None = None
    procedure_step: str | None = None
    region: str | None = None
    year: str | None = None


@dataclass(frozen=True)
class Command:
    """What a button does when it does not send a question as typed: e.g. start the quiz, or choose option B of
    question 3. The chat layer (`actions/common.py`) turns it into its channel's payload; the domain knows no intent."""

    name: str
    value: str | None = None


@dataclass(frozen=True)
class Button:
    title: str
    payload: str | Command  # a question sent as if typed, or a Command


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    #: slot values this answer established or cleared (e.g. {"branch": "invalidity"}), so follow-ups keep the context
    context: Mapping[str, str | None] = field(default_factory=dict)
    #: the topic the answer is on when it is not the one asked: a requirement asked about a general aspect ("is there
    #: a right of appeal?") is answered with C102's principle on it
    topic: str | None = None


Composer = Callable[["Knowledge", UserQuestion], Reply]


@dataclass(frozen=True)
class Topic:
    """One Q&A topic: its name, the function composing its answer, its title, and the entities (`UserQuestion`
    fields) it is about. It is the topic's only definition: the Rasa files (an intent, an action and two rules per
    topic) are generated from `bot.answers.TOPICS` (actions/rasa_files.py).

    - `title`: the topic as a person would ask about it ("What C102 requires for a benefit"), offered when the
      assistant is unsure what was asked ("Did you mean …?");
    - `about`: a follow-up naming one of them stays on this topic ("and for invalidity?" after a requirement);
    - `opened_by`: a follow-up naming one of them, and none of the current topic's, turns to this topic;
    - `fresh`: filters that hold for the question naming them only: a new question on the topic does not keep
      them from an earlier one ("which countries ratified since 2020?" forgets an earlier region), a follow-up
      does ("and in Africa?");
    - `instrument`: the one instrument the topic's answer is about (C102's requirements, R202's floor): a question
      on the topic that names another one ("what does Convention 168 provide on unemployment?") is about that
      instrument, and the topic `instrument` answers it;
    - `narrowed_by`: entities that make a question classified on this broad topic one on a narrower topic, as
      (entity, topic) pairs: "tell me about unemployment benefit in the Convention" names a branch, so C102's
      requirements for it answer, not the Convention's summary; "what branches is Jordan bound by?" names a
      country, so the Parts Jordan accepted answer (`bot.answers.narrowed`);
    - `elliptic`: (topic read, topic answering) pairs for a short question naming nothing that comes right after
      this topic: "the Parts?" after a country's ratification is read on `flexibility` and answered by
      `parts_accepted` for that country (`bot.answers.continued`).
    """

    name: str
    composer: Composer
    title: str
    about: tuple[str, ...] = ()
    opened_by: tuple[str, ...] = ()
    fresh: tuple[str, ...] = ()
    instrument: str | None = None
    narrowed_by: tuple[tuple[str, str], ...] = ()
    elliptic: tuple[tuple[str, str], ...] = ()

    def title_in(self, lang: str) -> str:
        """The title in `lang` (for the "Did you mean …?" buttons)."""
        return translator(lang).gettext(self.title)

    def __post_init__(self) -> None:
        entities = {slot.name for slot in fields(UserQuestion)} - {"text", "language"}
        named = {entity for entity, _ in self.narrowed_by}
        unknown = sorted({*self.about, *self.opened_by, *self.fresh, *named} - entities)
        if unknown:
            raise ValueError(f"topic '{self.name}': {', '.join(unknown)} not among the entities {sorted(entities)}")
        if not set(self.opened_by) <= set(self.about):
            raise ValueError(f"topic '{self.name}': an entity that opens it must be one it is about")


Block = str | Iterable[str] | None


def compose(*blocks: Block) -> str:
    """Lines and groups of lines, in order, empty ones left out."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif block is not None:
            lines.extend(block)
    return "\n".join(line for line in lines if line)


def bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {line}" for line in lines]


def told(fact: Fact, t: Translator) -> str:
    """A KB fact in `t`'s language, with its article and, when our sources do not confirm it, the caveat."""
    return fact.cite(t.lang, t.article, t.gettext(UNVERIFIED_NOTE))


def cite(text: str, article: str | None, verified: bool = True, t: Translator = ENGLISH) -> str:
    """A templated statement (already in `t`'s language) with its article and, if unconfirmed, the caveat."""
    return told(Fact(text=text, article=article, verified=verified), t)  # type: ignore[arg-type]


def titled(fact: Fact, t: Translator, title: str | None = None) -> str:
    """ "Title: text (article)" for an entry shown in a list (`title` defaults to the entry's own)."""
    label = title if title is not None else in_language(fact.title, t.lang) if isinstance(fact, Entry) else ""
    return labelled(label, told(fact, t), t) if label else told(fact, t)


def labelled(label: str, text: str, t: Translator = ENGLISH) -> str:
    """ "Label: text" ("Label : text" in French)."""
    return t.gettext("{label}: {text}").format(label=label, text=text)


def link(label: str, url: str, t: Translator = ENGLISH) -> str:
    return labelled(label, url, t)


def toolkit_link(t: Translator, url: str) -> str:
    return link(t.gettext(TOOLKIT), url, t)


def eligibility_button(t: Translator) -> Button:
    return Button(t.gettext(ELIGIBILITY_BUTTON), t.gettext(ELIGIBILITY_QUESTION))


def format_date(value: date, t: Translator = ENGLISH) -> str:
    """2016-06-06 -> "6 June 2016" ("6 juin 2016", "6 de junio de 2016")."""
    return t.format_day(value)


def translator_for(question: UserQuestion) -> Translator:
    """The translator for the question's language (English when it has none)."""
    return translator(question.language or DEFAULT_LANGUAGE)

