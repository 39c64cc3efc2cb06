"""Reading YAML documents with error messages that name the file, the key path and the problem.

Every loader in `bot.knowledge` walks its document through a `Node`, so a broken knowledge base fails at load
time with e.g. ``c102.yml: parts[3].checks.replacement_rate.min: expected a number, got 'forty'``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.knowledge.text import LANGUAGE_NAMES, LANGUAGES, Text

T = TypeVar("T")
# libyaml's parser when PyYAML was built with it (the wheels are): several times faster than the Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TYPE_NAMES = {str: "a text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping"}


class KnowledgeError(ValueError):
    """A knowledge-base file is missing, unreadable or does not have the expected shape."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file, self.path, self.problem = file, path, problem
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {problem}")


def _type_name(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    if set(types) == {int, float}:
        return "a number"
    return " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)


class Node:
    """A value inside a YAML document, with the file and key path it was found at."""

    def __init__(self, value: Any, file: str, path: str = "") -> None:
        self.value, self.file, self.path = value, file, path

    # -- errors -------------------------------------------------------------------------------------------
    def error(self, problem: str) -> KnowledgeError:
        return KnowledgeError(self.file, self.path, problem)

    def _sub(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    # -- typed access ---------------------------------------------------------------------------------------
    def expect(self, expected: type | tuple[type, ...]) -> Any:
        value = self.value
        numeric = expected in (float, (int, float)) and isinstance(value, int) and not isinstance(value, bool)
        if numeric:
            return value
        if isinstance(value, bool) and bool not in (expected if isinstance(expected, tuple) else (expected,)):
            raise self.error(f"expected {_type_name(expected)}, got {value!r}")
        if not isinstance(value, expected):
            raise self.error(f"expected {_type_name(expected)}, got {value!r}")
        if isinstance(value, str) and not value.strip():
            raise self.error("must not be empty")
        return value

    def mapping(self) -> dict[str, Any]:
        return self.expect(dict)

    def has(self, key: str) -> bool:
        return key in self.mapping()

    def child(self, key: str) -> Node:
        """The required key `key` of this mapping."""
        data = self.mapping()
        if key not in data or data[key] is None:
            raise self.error(f"missing key '{key}'")
        return Node(data[key], self.file, self._sub(key))

    def get(self, key: str, expected: type | tuple[type, ...]) -> Any:
        """The required key `key`, checked against `expected`."""
        return self.child(key).expect(expected)

    def opt(self, key: str, expected: type | tuple[type, ...], default: T | None = None) -> Any:
        """The optional key `key`, checked against `expected` when present."""
        data = self.mapping()
        if data.get(key) is None:
            return default
        return self.child(key).expect(expected)

    def text(self, key: str) -> str:
        return self.get(key, str).strip()

    def prose(self, key: str) -> Text:
        """A text users read, written in every language: ``key: {en: ..., fr: ..., es: ...}``."""
        node = self.child(key)
        if not isinstance(node.value, dict):
            raise node.error(f"expected a text in each language, {{en: ..., fr: ..., es: ...}}, got {node.value!r}")
        node.only_keys(LANGUAGES)
        for lang in LANGUAGES:
            if node.value.get(lang) is None:
                raise node.error(f"missing the {LANGUAGE_NAMES[lang]} text ('{lang}')")
        return Text({lang: node.text(lang) for lang in LANGUAGES})

    def opt_prose(self, key: str) -> Text | None:
        """The optional text `key` (see `prose`)."""
        return None if self.mapping().get(key) is None else self.prose(key)

    def choice(self, key: str, allowed: Iterable[str]) -> str:
        allowed = list(allowed)
        value = self.get(key, str)
        if value not in allowed:
            raise self.child(key).error(f"unknown value '{value}' (allowed: {', '.join(allowed)})")
        return value

    def items(self, key: str | None = None) -> Iterator[Node]:
        """The elements of the list at `key` (or of this node when `key` is None)."""
        node = self if key is None else self.child(key)
        for index, value in enumerate(node.expect(list)):
            yield Node(value, node.file, node._sub(index))

    def entries(self, key: str | None = None) -> Iterator[tuple[str, Node]]:
        """The (key, value) pairs of the mapping at `key` (or of this node)."""
        node = self if key is None else self.child(key)
        for name, value in node.mapping().items():
            if not isinstance(name, str):
                raise node.error(f"keys must be texts, got {name!r}")
            yield name, Node(value, node.file, node._sub(name))

    def strings(self, key: str, default: list[str] | None = None) -> list[str]:
        """A list of non-empty texts at `key` (optional when a default is given)."""
        if default is not None and self.mapping().get(key) is None:
            return list(default)
        return [item.expect(str).strip() for item in self.items(key)]

    def only_keys(self, allowed: Iterable[str]) -> None:
        """Reject keys this loader does not know, so a typo is an error rather than silently ignored."""
        allowed = set(allowed)
        for key in self.mapping():
            if key not in allowed:
                raise self.error(f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")


def unique(nodes_and_ids: Iterable[tuple[Node, str]], what: str) -> None:
    """Raise on the first id seen twice, naming where it appears again."""
    seen: dict[str, str] = {}
    for node, ident in nodes_and_ids:
        if ident in seen:
            raise node.error(f"duplicate {what} '{ident}' (first at {seen[ident]})")
        seen[ident] = node.path


def load_document(directory: Path, name: str) -> Node:
    """Parse `directory/name` as YAML and return its root node."""
    path = directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(name, "", f"file not found in {directory}") from None
    try:
        value = yaml.load(text, Loader=_SafeLoader)
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: e.g. an impossible date such as 2019-02-30
        raise KnowledgeError(name, "", f"not valid YAML: {exc}") from None
    if not isinstance(value, dict):
        raise KnowledgeError(name, "", "the document must be a mapping at its top level")
    return Node(value, name)
