"""The hand-written NLU data: enough examples per intent, no sentence under two intents, and the regex features
of data/nlu/patterns.yml firing where they should and nowhere else."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from bot.nlu.pipeline import annotated_nlu_files
from bot.store.assessments import CODE_ALPHABET, CODE_LENGTH, new_code
from tests.conftest import load_domain

ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")
MIN_EXAMPLES = 25
MIN_PER_LANGUAGE = 15  # every intent of the English data also in French (data/nlu/fr/) and Spanish (data/nlu/es/)


def language_of(path: Path) -> str:
    """data/nlu/fr/x.yml is French, data/nlu/x.yml English."""
    return path.parent.name if path.parent.name in ("fr", "es") else "en"


def nlu_entries(kind: str, language: str | None = None) -> list[dict]:
    entries = []
    for path in annotated_nlu_files():  # every language's folder; the generated/ folder is not hand-written
        if language in (None, language_of(path)):
            entries += [entry for entry in yaml.safe_load(path.read_text())["nlu"] if kind in entry]
    return entries


def examples_by_intent(language: str | None = None) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for entry in nlu_entries("intent", language):
        lines = [line.strip()[2:] for line in entry["examples"].splitlines() if line.strip()]
        found[entry["intent"]] += [ANNOTATION.sub(r"\1", line).strip().lower() for line in lines]
    return found


def pattern(name: str) -> re.Pattern:
    """As the intent classifier compiles it (case-insensitive; regexes get no added word boundaries)."""
    [entry] = [entry for entry in nlu_entries("regex") if entry["regex"] == name]
    [text] = [line.strip()[2:] for line in entry["examples"].splitlines() if line.strip()]
    return re.compile(text, re.IGNORECASE)


def test_every_intent_users_type_has_enough_examples():
    examples = examples_by_intent()
    declared = set(load_domain()["intents"])
    base_intents = {intent.split("/")[0] for intent in examples}  # a retrieval intent (x/y) would count as x
    assert declared == base_intents, "intents declared but without examples, or the other way round"
    too_few = {intent: len(texts) for intent, texts in examples.items() if len(texts) < MIN_EXAMPLES}
    assert too_few == {}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_intent_has_examples_in_french_and_spanish(language):
    english = examples_by_intent("en")
    found = examples_by_intent(language)
    assert {language_of(path) for path in annotated_nlu_files()} == {"en", "fr", "es"}
    counts = {intent: len(found.get(intent, [])) for intent in english}
    assert {intent: count for intent, count in counts.items() if count < MIN_PER_LANGUAGE} == {}


def test_no_sentence_is_taught_as_two_intents_or_twice():
    owners: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for intent, texts in examples_by_intent().items():
        for text in texts:
            owners[text].add(intent)
            counts[text] += 1
    assert {text: sorted(intents) for text, intents in owners.items() if len(intents) > 1} == {}
    assert [text for text, count in counts.items() if count > 1] == []


@pytest.mark.parametrize("name, text, fires", [
    ("article_2", "what's article 2 about", True),
    ("article_2", "Art. 2 of C102", True),
    ("article_2", "articles 2 and 3", True),
    ("article_2", "explain article 22", False),
    ("article_2", "Part II", False),
    ("article_3", "tell me about article 3", True),
    ("article_3", "art.3 declaration", True),
    ("article_3", "article 30", False),
    ("article_3", "the declaration under article three", True),
    ("article_3", "la déclaration de l'article trois", True),
    ("article_3", "¿qué permite el artículo 3?", True),
    ("article_2", "el artículo dos", True),
    ("article_2", "article twenty", False),
    ("quiz_option", "B", True),
    ("quiz_option", "a", True),
    ("quiz_option", "(c)", True),
    ("quiz_option", "A!", True),
    ("quiz_option", "I'll go with D", True),
    ("quiz_option", "option a", True),
    ("quiz_option", "a means test", False),
    ("quiz_option", "is there a waiting period?", False),
    ("quiz_option", "has Kenya ratified C102?", False),
    ("quiz_option", "Part VII and Part X", False),
    ("assessment_code", "show 3L2U9SDF4K", True),
    ("assessment_code", "resume k7m2qxabcd please", True),
    ("assessment_code", "show 3L2U9S", False),  # six characters: codes have ten
    ("assessment_code", "what about Ghana", False),
    ("assessment_code", "has C102 been ratified since 2019", False),
    ("assessment_code", "code 1O2I3LABCD", False),  # 0/O and 1/I are not in the alphabet
])
def test_regex_features_fire_where_they_should(name, text, fires):
    assert bool(pattern(name).search(text)) is fires


def test_the_code_feature_knows_every_code_the_store_gives():
    code_pattern = pattern("assessment_code")
    codes = [new_code() for _ in range(500)]
    assert codes and all(code_pattern.fullmatch(code) for code in codes)
    allowed = set(CODE_ALPHABET.lower())
    assert all(code_pattern.fullmatch(c * (CODE_LENGTH - 1) + "2") for c in allowed if c.isalpha())
    assert not any(code_pattern.fullmatch(c * (CODE_LENGTH - 1) + "2") for c in "abcdefghijklmnopqrstuvwxyz"
                   if c not in allowed)
