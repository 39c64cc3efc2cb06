"""The words of the assistant's own training sentences in each language, for telling a message's language.

`bot.language.detect` asks this lexicon for a second opinion beside fastText's general model (why: that module).
The sentences are the NLU examples of `data/nlu/` (English at the top, French in `fr/`, Spanish in `es/`), their
entity annotations reduced to the words typed; the generated synonym and lookup files name entities in every
language and are left out. Held-out questions are never part of it (tests/test_heldout_apart.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.language import DEFAULT_LANGUAGE, LANGUAGES, Lexicon

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: 7,000 sentences
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")  # "[Sénégal](country)" -> "Sénégal"


def language_of(path: Path, root: Path = NLU_DIR) -> str | None:
    """The language of an NLU file: its folder's ("fr/questions.yml"), English at the top; None for generated/."""
    folder = path.relative_to(root).parts[:-1]
    if not folder:
        return DEFAULT_LANGUAGE
    return folder[0] if folder[0] in LANGUAGES else None


def examples(path: Path) -> Iterator[str]:
    """The example sentences of an NLU file, annotations reduced to the words typed."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    for entry in data.get("nlu") or ():
        for line in str(entry.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield _ANNOTATION.sub(r"\1", line[2:])


@cache
def training_lexicon(root: Path = NLU_DIR) -> Lexicon:
    """The lexicon of every training sentence under `root`, by language."""
    sentences: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for path in sorted(root.rglob("*.yml")):
        language = language_of(path, root)
        if language is not None:
            sentences[language].extend(examples(path))
    return Lexicon.of_sentences(sentences)
