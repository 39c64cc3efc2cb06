"""Send a message in which the bot knows no word at all to the low-confidence fallback.

The intent classifier's softmax always picks some intent, often with high confidence, even for "zqxv blorf wibble" or a
message in a language the bot does not speak. The words of the training data are the bot's vocabulary: a
message with none of them, no number and no entity cannot be understood, whatever the classifier says, so it
becomes `nlu_fallback`, and the classifier's ranking, which means nothing for it, is dropped: the two-stage
fallback (actions/fallback.py) then has no topic to offer and asks to rephrase. Messages with at least one known
word are left to the classifier and to `FallbackClassifier`.

A word counts as known when it is a close misspelling of a vocabulary word ("grcias", "sigueinte", "arretez",
"illimité"): accents and case folded, within `tolerance` edits (insertion, deletion, substitution or swap of two
neighbouring letters: Damerau–Levenshtein, optimal string alignment) of one, none for words of under four letters.
Near words are found as SymSpell does: every vocabulary word is indexed under the strings left by deleting up to as
many letters as a misspelling of it may differ by, and a word looks up the strings its own deletions leave, so only
a handful of candidates are measured. The model keeps only the vocabulary (VOCABULARY_FILE, as before); the index is
built when the component is created or loaded (about half a second for 6,000 words).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import fold

VOCABULARY_FILE = "vocabulary.json"


def words(message: Message) -> list[str]:
    """The message's word tokens, lower-cased (punctuation and emoji-only tokens carry no word)."""
    return [token.text.lower() for token in message.get(TOKENS_NAMES[TEXT], []) if any(c.isalnum() for c in token.text)]


def tolerance(length: int) -> int:
    """How many edits two words may differ by and still count as one when the shorter has `length` letters."""
    return 2 if length >= 8 else 1 if length >= 4 else 0


def deletions(word: str, depth: int) -> set[str]:
    """`word` and every string left by deleting up to `depth` of its letters."""
    found = frontier = {word}
    for _ in range(depth):
        frontier = {variant[:i] + variant[i + 1:] for variant in frontier for i in range(len(variant))}
        found = found | frontier
    return found


def edit_distance(first: str, second: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and swaps of
    two neighbouring characters."""
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, 1):
        current = [i]
        for j, other in enumerate(second, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        before, previous = previous, current
    return previous[-1]


class Vocabulary:
    """The words of the training data, and which words count as one of them (exactly, or misspelt).

    The deletion index holds about 150,000 strings for 6,000 words; it is kept as two sorted arrays (each string's
    hash, the word it comes from: about 2 MB rather than 30 MB of Python strings). A hash shared by chance only
    adds a candidate, which the edit distance then turns away."""

    def __init__(self, known: Iterable[str]) -> None:
        self.words = frozenset(known)
        self._folded = sorted(set(map(fold, self.words)))
        pairs = [(hash(variant), number) for number, word in enumerate(self._folded)
                 for variant in deletions(word, tolerance(len(word)))]
        hashes = np.fromiter((key for key, _ in pairs), dtype=np.int64, count=len(pairs))
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._numbers = np.fromiter((number for _, number in pairs), dtype=np.int32, count=len(pairs))[order]

    def _near(self, folded: str) -> set[str]:
        """The vocabulary words indexed under a string that deleting letters from `folded` leaves."""
        variants = np.fromiter((hash(variant) for variant in deletions(folded, tolerance(len(folded)))), dtype=np.int64)
        starts = np.searchsorted(self._hashes, variants, side="left")
        ends = np.searchsorted(self._hashes, variants, side="right")
        return {self._folded[number] for start, end in zip(starts, ends, strict=True)
                for number in self._numbers[start:end]}

    def knows(self, word: str) -> bool:
        """True when `word` is a vocabulary word, accents and case aside, or within `tolerance` edits of one."""
        if word in self.words:
            return True
        folded = fold(word)  # found in the index as it is too: every word is indexed under itself
        return any(edit_distance(folded, candidate) <= tolerance(min(len(folded), len(candidate)))
                   for candidate in self._near(folded))


def understood_somewhat(message: Message, vocabulary: Vocabulary) -> bool:
    """True when the message has an entity, a number or a word of the training data (maybe misspelt)."""
    if message.get(ENTITIES):
        return True
    tokens = words(message)
    exactly = any(any(c.isdigit() for c in token) or token in vocabulary.words for token in tokens)
    return exactly or any(map(vocabulary.knows, tokens))  # misspellings looked for only when no word is known as is


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class UnknownWordsFallback(GraphComponent):
    """Place it after the intent classifier and the entity extractors, before `FallbackClassifier`."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: Vocabulary) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> UnknownWordsFallback:
        return cls(model_storage, resource, Vocabulary(()))

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> UnknownWordsFallback:
        with model_storage.read_from(resource) as directory:
            vocabulary = json.loads((directory / VOCABULARY_FILE).read_text(encoding="utf-8"))
        return cls(model_storage, resource, Vocabulary(vocabulary))

    def train(self, training_data: TrainingData) -> Resource:
        self.vocabulary = Vocabulary(word for example in training_data.training_examples for word in words(example))
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(sorted(self.vocabulary.words)), encoding="utf-8")
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not understood_somewhat(message, self.vocabulary):
                fallback = {INTENT_NAME_KEY: DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": 1.0}
                message.data[INTENT] = fallback
                message.data[INTENT_RANKING_KEY] = [fallback]
        return messages
