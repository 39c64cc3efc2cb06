"""Text that can be stored and read: no NUL or other control characters PostgreSQL, Redis or spaCy choke on.

JSON lets a client send `\\u0000` or half of a surrogate pair (`\\ud800`); Python decodes both into a `str` that
PostgreSQL refuses (NUL), that cannot be encoded as UTF-8 (lone surrogates), and that breaks Rasa's tokenizer
or lock store further down. The web API and the chat channels turn such input away with a 400.
"""

from __future__ import annotations

from typing import Any


def unreadable(text: str) -> bool:
    """True when `text` holds a NUL or a lone surrogate (not encodable as UTF-8)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def first_unreadable(value: Any, where: str = "") -> str | None:
    """Where in a decoded JSON value the first unreadable text (or key) is, e.g. `branches.old_age`; else None."""
    if isinstance(value, str):
        return where or "the body" if unreadable(value) else None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(index), item) for index, item in enumerate(value))
    else:
        return None
    for key, item in items:
        path = f"{where}.{key}" if where else str(key)
        if unreadable(str(key)):
            return path
        found = first_unreadable(item, path)
        if found:
            return found
    return None
