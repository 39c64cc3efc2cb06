"""Shared shapes for sourced statements: a `Fact` and an `Entry` (a fact with an id and a title).

Every statement the bot may repeat carries where it comes from (`article`, e.g. "C102 Art. 71(3)" or
"ILO Constitution art. 19(5)(b)"), whether that was seen in a copy of the text (`verified`), and optionally the
page it was checked against (`source`). Unverified facts are rendered with a caveat so the bot never
states them more firmly than our reference does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from bot.knowledge.reader import Node, unique
from bot.knowledge.text import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Text, in_language

FACT_KEYS = frozenset({"text", "article", "verified", "source"})
ENTRY_KEYS = FACT_KEYS | {"id", "title", "points"}
UNVERIFIED_NOTE = "not confirmed in our sources"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)

F = TypeVar("F", bound="Fact")
E = TypeVar("E", bound="Entry")


@dataclass(frozen=True)
class Fact:
    text: Text  # English as a `str`; `text.get("fr")` in French
    article: str | None
    verified: bool
    source: str | None = None

    def cite(self, lang: str = DEFAULT_LANGUAGE, reference: Callable[[str], str] = str,
             note: str = UNVERIFIED_NOTE) -> str:
        """The text in `lang` with its article (written by `reference`), flagged with `note` when our sources do not
        confirm it."""
        text = in_language(self.text, lang)
        body, end = (text[:-1], ".") if text.endswith(".") else (text, "")
        where = f" ({reference(self.article)})" if self.article else ""
        caveat = "" if self.verified else f" [{note}]"
        return f"{body}{where}{end}{caveat}"


@dataclass(frozen=True, kw_only=True)
class Entry(Fact):
    """A fact that can be looked up by id and shown under a title; `points` add detail, each with its own status."""

    id: str
    title: Text
    points: tuple[Fact, ...] = ()

    @property
    def all_verified(self) -> bool:
        return self.verified and all(point.verified for point in self.points)


# -- field helpers -------------------------------------------------------------------------------------------
def ident(node: Node, key: str = "id") -> str:
    """A lower-case snake_case id, used as a stable key by the bot."""
    value = node.text(key)
    if not _ID.match(value):
        raise node.child(key).error(f"'{value}' is not a valid id (lower-case letters, digits and '_')")
    return value


def url(node: Node, key: str) -> str:
    value = node.text(key)
    if not _URL.match(value):
        raise node.child(key).error(f"'{value}' is not an http(s) address")
    return value


def opt_source(node: Node, key: str = "source") -> str | None:
    """Where a fact was checked: an http(s) address, or the name of a document that has none (e.g. a brief)."""
    value = node.opt(key, str)
    if value is None:
        return None
    return url(node, key) if "://" in value else value.strip()


def email(node: Node, key: str) -> str:
    value = node.text(key)
    if not _EMAIL.match(value):
        raise node.child(key).error(f"'{value}' is not an e-mail address")
    return value


def opt_date(node: Node, key: str) -> date | None:
    """An unquoted YAML date (1955-04-27); a quoted or free-text date is rejected."""
    value: Any = node.mapping().get(key)
    if value is None:
        return None
    if not isinstance(value, date):
        raise node.child(key).error(f"expected a date written as YYYY-MM-DD, got {value!r}")
    return value


def whole_number(node: Node, key: str, minimum: int = 0) -> int:
    value = node.get(key, int)
    if value < minimum:
        raise node.child(key).error(f"must be at least {minimum}, got {value}")
    return value


def unique_ids(nodes: Iterable[Node], what: str, key: str = "id") -> None:
    unique(((node, str(node.mapping().get(key))) for node in nodes), what)


# -- placeholders -------------------------------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\{([a-z0-9_.]+)\}")


def fill_placeholders(node: Node, text: Text, figures: Mapping[str, str]) -> Text:
    """`text` with every `{name}` replaced by `figures[name]` (written for each language when it is a `Text`):
    a figure is written once and quoted everywhere. Every language must quote the same figures."""
    _check_same_placeholders(node, text.get)
    return text.map(lambda lang, words: _fill(Node(words, node.file, f"{node.path}.{lang}"), words, figures, lang))


def _check_same_placeholders(node: Node, text_in: Callable[[str], str]) -> None:
    english = sorted(PLACEHOLDER.findall(text_in(DEFAULT_LANGUAGE)))
    for lang in LANGUAGES:
        if sorted(PLACEHOLDER.findall(text_in(lang))) != english:
            raise node.error(f"the {LANGUAGE_NAMES[lang]} text ('{lang}') must quote the same figures as the English "
                             f"one: {', '.join(f'{{{name}}}' for name in english) or 'none'}")


def _fill(node: Node, text: str, figures: Mapping[str, str], lang: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in figures:
            raise node.error(f"unknown placeholder '{match.group(0)}'")
        return in_language(figures[match.group(1)], lang)

    filled = PLACEHOLDER.sub(replace, text)
    if "{" in filled or "}" in filled:
        raise node.error("malformed placeholder (write e.g. {schedule.old_age})")
    return filled


def _is_translated(value: Any) -> bool:
    """A mapping {en: ..., fr: ..., es: ...} of texts (checked in full when the text is read)."""
    return isinstance(value, dict) and bool(value) and set(value) <= set(LANGUAGES) and all(
        isinstance(text, str) for text in value.values())


def with_figures(node: Node, figures: Mapping[str, str]) -> Node:
    """A copy of the document whose texts have their `{name}` placeholders filled from `figures`."""

    def walk(value: Any, path: Node) -> Any:
        if isinstance(value, str):
            return _fill(path, value, figures, DEFAULT_LANGUAGE)
        if _is_translated(value) and DEFAULT_LANGUAGE in value:
            _check_same_placeholders(path, lambda lang: value.get(lang, value[DEFAULT_LANGUAGE]))
            return {lang: _fill(Node(text, path.file, f"{path.path}.{lang}"), text, figures, lang)
                    for lang, text in value.items()}
        if isinstance(value, dict):
            return {key: walk(item, Node(item, path.file, f"{path.path}.{key}" if path.path else str(key)))
                    for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item, Node(item, path.file, f"{path.path}[{index}]")) for index, item in enumerate(value)]
        return value

    return Node(walk(node.value, node), node.file, node.path)


# -- facts and entries ---------------------------------------------------------------------------------------
def parse_fact(node: Node, cls: type[F] = Fact, *, article_required: bool = False, extra_keys: Iterable[str] = (),
               **extra: Any) -> F:
    """`{text, article, verified, source}` as a `Fact` (or a subclass: pass its extra fields already parsed).

    With `article_required` the key must be written even when our sources give no article (`article: null`), so
    a missing provision is a conscious statement rather than an omission.
    """
    node.only_keys(FACT_KEYS | set(extra_keys))
    return cls(**_fact_fields(node, article_required), **extra)


def parse_facts(node: Node, key: str, *, article_required: bool = False) -> tuple[Fact, ...]:
    if node.opt(key, list) is None:
        return ()
    return tuple(parse_fact(item, article_required=article_required) for item in node.items(key))


def parse_entry(node: Node, cls: type[E] = Entry, *, extra_keys: Iterable[str] = (),
                source_required: bool = False, **extra: Any) -> E:
    """An `Entry` (or a subclass: pass its extra fields already parsed as keyword arguments)."""
    node.only_keys(ENTRY_KEYS | set(extra_keys))
    fields = _fact_fields(node, article_required=False)
    if source_required and fields["source"] is None:
        raise node.error("missing key 'source'")
    return cls(id=ident(node), title=node.prose("title"), points=parse_facts(node, "points"), **fields, **extra)


def parse_entries(node: Node, key: str, what: str, **kwargs: Any) -> tuple[Entry, ...]:
    items = list(node.items(key))
    if not items:
        raise node.child(key).error(f"must list at least one {what}")
    unique_ids(items, f"{what} id")
    return tuple(parse_entry(item, **kwargs) for item in items)


def _fact_fields(node: Node, article_required: bool) -> dict[str, Any]:
    if article_required and "article" not in node.mapping():
        raise node.error("missing key 'article' (write 'article: null' when our sources give none)")
    return {
        "text": node.prose("text"),
        "article": node.opt("article", str),
        "verified": node.get("verified", bool),
        "source": opt_source(node),
    }


def count_unverified(facts: Iterable[Fact]) -> int:
    total = 0
    for fact in facts:
        total += not fact.verified
        if isinstance(fact, Entry):
            total += count_unverified(fact.points)
    return total


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
