"""The bot's plain-text replies shaped for each channel: markdown for the web widget, Slack's mrkdwn, and long
replies split to a channel's message limit. Pure functions, no Rasa imports.

The domain writes text with one statement per line, `- ` list items, blank lines between blocks, indented check
lines under their heading in reports, and bare URLs and e-mail addresses (`bot/render/`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

URL_OR_EMAIL = re.compile(r"https?://[^\s<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
TRAILING_PUNCTUATION = ".,;:!?)"
LIST_ITEM = re.compile(r"^\s*[-•*]\s+(.*)$")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
ORDERED_LIST_START = re.compile(r"^(\d+)([.)])(\s)")
INDENTED = re.compile(r"^\s+\S")


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    """`text` cut into (piece, is_link) pairs; a link's trailing punctuation stays outside it."""
    position = 0
    for match in URL_OR_EMAIL.finditer(text):
        link = match.group().rstrip(TRAILING_PUNCTUATION) if "://" in match.group() else match.group().rstrip(".")
        yield text[position : match.start()], False
        yield link, True
        position = match.start() + len(link)
    yield text[position:], False


def _with_links(text: str, escape: Callable[[str], str], link: Callable[[str], str]) -> str:
    return "".join(link(piece) if is_link else escape(piece) for piece, is_link in _pieces(text))


def _markdown_escape(text: str) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _markdown_link(target: str) -> str:
    return f"<{target}>" if "://" in target else f"<mailto:{target}>"


def _markdown_line(line: str) -> str:
    return ORDERED_LIST_START.sub(r"\1\\\2\3", _with_links(line.strip(), _markdown_escape, _markdown_link))


def _list_item(line: str) -> str | None:
    """The text of a `- ` item or of an indented line (a report's checks under their Part), else None."""
    item = LIST_ITEM.match(line)
    if item:
        return item.group(1)
    return line.strip() if INDENTED.match(line) else None


def to_markdown(text: str) -> str:
    """Markdown that shows the text as written: each line on its own line, `- ` items and indented lines as a
    list, bare URLs and e-mail addresses as links, and nothing else taken for markup."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        runs: list[tuple[bool, list[str]]] = []  # runs of list items and of plain lines
        for line in block.splitlines():
            item = _list_item(line)
            if runs and runs[-1][0] == (item is not None):
                runs[-1][1].append(line if item is None else item)
            else:
                runs.append((item is not None, [line if item is None else item]))
        for is_list, lines in runs:
            separator, prefix = ("\n", "- ") if is_list else ("  \n", "")
            blocks.append(separator.join(prefix + _markdown_line(line) for line in lines))
    return "\n\n".join(blocks)


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(target: str) -> str:
    """A link in Slack's syntax; a `|` inside the address is percent-encoded, since Slack would show what follows
    it as the link's text (`<https://a.example|b.example>` shows b.example and opens a.example)."""
    target = target.replace("|", "%7C")
    return f"<{target}>" if "://" in target else f"<mailto:{target}|{target}>"


def to_slack_mrkdwn(text: str) -> str:
    """Slack's mrkdwn: `&`, `<` and `>` escaped, links in angle brackets, `- ` items as bullets."""
    lines = []
    for line in text.strip().splitlines():
        item = LIST_ITEM.match(line)
        body = _with_links(item.group(1) if item else line, _slack_escape, _slack_link)
        lines.append(f"• {body}" if item else body)
    return "\n".join(lines)


def shorten(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with an ellipsis if it is longer (button titles)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_message(text: str, limit: int) -> list[str]:
    """`text` in as few parts as possible, each at most `limit` characters, cut between blocks, else between
    lines, else between words; only a single word longer than `limit` is cut inside."""
    if limit < 1:
        raise ValueError("limit must be positive")
    if len(text) <= limit:
        return [text.rstrip()] if text.strip() else []
    for separator in ("\n\n", "\n", " "):
        pieces = text.split(separator)
        if len(pieces) > 1:
            return _pack(pieces, separator, limit)
    return [text[start : start + limit] for start in range(0, len(text), limit)]


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """The pieces joined back into parts of at most `limit` characters; a piece too long is split finer."""
    parts: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
            continue
        parts.append(current)
        *finer, current = split_message(piece, limit) or [""]
        parts += finer
    parts.append(current)
    return [part.rstrip() for part in parts if part.strip()]
