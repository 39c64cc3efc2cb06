"""Entity extraction measured against the annotated NLU examples (`make nlu-report`).

Rasa's `rasa test nlu` leaves pretrained extractors such as `SpacyEntityExtractor` out of its entity report,
and ours is not trained on the examples anyway: the EntityRuler is built from the knowledge base. So the
annotations of `data/nlu/` are the test set: every `[text](entity)` an example marks must be found with that
label over the same characters, and nothing else may be found. The figures are per label and micro-averaged,
like Rasa's own entity report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<label>[a-z_]+)\)")


@dataclass(frozen=True)
class Example:
    text: str
    entities: frozenset[tuple[int, int, str]]  # (start, end, label)


def parse_example(annotated: str) -> Example:
    """`has [Morocco](country) ratified?` → the plain text and the annotated spans."""
    text, spans, last = [], set(), 0
    length = 0
    for match in ANNOTATION.finditer(annotated):
        before = annotated[last:match.start()]
        text.append(before)
        length += len(before)
        spans.add((length, length + len(match["text"]), match["label"]))
        text.append(match["text"])
        length += len(match["text"])
        last = match.end()
    text.append(annotated[last:])
    return Example("".join(text), frozenset(spans))


def raw_examples_in(paths: Iterable[Path]) -> Iterator[str]:
    """The intent examples of Rasa NLU YAML files as written, annotations included (synonyms and lookups are not
    examples)."""
    for path in paths:
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item:
                for line in item["examples"].splitlines():
                    if line.strip().startswith("- "):
                        yield line.strip()[2:]


def examples_in(paths: Iterable[Path]) -> Iterator[Example]:
    """The intent examples of Rasa NLU YAML files, parsed."""
    return (parse_example(raw) for raw in raw_examples_in(paths))


def annotated(example: Example, found: Iterable[tuple[int, int, str]]) -> str:
    """The example written back with its annotations plus every span in `found` that overlaps none of them
    (`python -m bot nlp annotate`: after a new name in the knowledge base, the examples that contain it)."""
    spans = set(example.entities)
    for start, end, label in sorted(found):
        if all(end <= s or start >= e for s, e, _ in spans):
            spans.add((start, end, label))
    text, last = [], 0
    for start, end, label in sorted(spans):
        text.append(f"{example.text[last:start]}[{example.text[start:end]}]({label})")
        last = end
    return "".join(text) + example.text[last:]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float
    support: int


def scores(true_positives: int, predicted: int, expected: int) -> Scores:
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(round(precision, 4), round(recall, 4), round(f1, 4), expected)


def evaluate(examples: Iterable[Example], found: Iterable[frozenset[tuple[int, int, str]]]) -> dict[str, Scores]:
    """Per label and "micro avg": an entity counts when its label and characters match exactly."""
    hits, predicted, expected = Counter(), Counter(), Counter()
    for example, spans in zip(examples, found, strict=True):
        for span in spans:
            predicted[span[2]] += 1
            hits[span[2]] += span in example.entities
        for span in example.entities:
            expected[span[2]] += 1
    report = {label: scores(hits[label], predicted[label], expected[label]) for label in sorted(predicted | expected)}
    report["micro avg"] = scores(sum(hits.values()), sum(predicted.values()), sum(expected.values()))
    return report
