"""The figures of `make nlu-report` per language (issue #19): intent F1 of the cross-validation in English, French
and Spanish, and how well `bot.language.detect` tells the language of short chat messages.

Intents: `rasa test nlu --cross-validation --successes` writes every test example of every fold, with its intent
and the intent predicted, to `intent_successes.json` (predicted right) and `intent_errors.json` (predicted wrong;
Rasa writes no such file when there is no error). An example's language is that of the training file it comes
from (`bot.nlu.lexicon.language_of`: data/nlu/*.yml English, fr/ French, es/ Spanish), found by its text. A text
written in the files of two languages is counted in each (no text was on 1 December 2026; the figures say how
many are); a text found in no file is counted in none, and the figures say how many there were. Per language, the
macro F1 is computed as Rasa's intent_report.json computes it over all: the mean over the intents the language's
examples have of each intent's F1, precision taken over the language's examples only (an intent never predicted
right has F1 0).

Detection: the messages of `tests/langid/` (a set written apart from the training data, one message a line):
en.txt, fr.txt, es.txt, each to be told its language, and neutral.txt, to be given none ("42", "ok", "👍").
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.language import LANGUAGES, detect
from bot.nlu.lexicon import NLU_DIR, examples, language_of, training_lexicon

SUCCESSES = "intent_successes.json"
ERRORS = "intent_errors.json"
PER_LANGUAGE_REPORT = "per_language_report.json"
LANGID_DIR = PROJECT_ROOT / "tests" / "langid"
NEUTRAL = "neutral"  # tests/langid/neutral.txt: messages that should be given no language


@dataclass(frozen=True)
class Prediction:
    text: str
    intent: str
    predicted: str | None


@dataclass(frozen=True)
class IntentFigures:
    examples: int
    intent_macro_f1: float
    intent_accuracy: float
    weakest_intents: list[tuple[str, float]]  # the five lowest F1, lowest first


@dataclass(frozen=True)
class Detection:
    messages: int
    right: int  # en/fr/es: told the file's language; neutral: given none
    wrong: int  # en/fr/es: told another language; neutral: given one
    untold: int  # detect returned None (for neutral, the same as `right`)
    accuracy: float  # right / messages


@dataclass(frozen=True)
class PerLanguage:
    intents: dict[str, IntentFigures] | None  # None when the cross-validation wrote no per-example results
    intents_missing: str | None  # why `intents` is None
    texts_in_several_languages: int | None  # distinct texts of the results; None with `intents`
    texts_in_no_language: int | None
    detection: dict[str, Detection]  # en, fr, es, neutral


def read_predictions(directory: Path) -> list[Prediction]:
    """The cross-validation's test examples; FileNotFoundError when Rasa wrote no successes (run without
    --successes). No errors file means no example was predicted wrong."""
    found = json.loads((directory / SUCCESSES).read_text(encoding="utf-8"))
    errors = directory / ERRORS
    if errors.exists():
        found += json.loads(errors.read_text(encoding="utf-8"))
    return [Prediction(entry["text"], entry["intent"], (entry.get("intent_prediction") or {}).get("name"))
            for entry in found]


def text_languages(root: Path = NLU_DIR) -> dict[str, set[str]]:
    """The languages of the training files each example text is written in."""
    languages: dict[str, set[str]] = defaultdict(set)
    for path in sorted(root.rglob("*.yml")):
        language = language_of(path, root)
        if language is not None:
            for text in examples(path):
                languages[text].add(language)
    return dict(languages)


def f1(true_positives: int, predicted: int, actual: int) -> float:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def intent_figures(predictions: Sequence[Prediction]) -> IntentFigures:
    """Macro F1 over the intents the examples have, accuracy, and the five weakest intents."""
    actual = Counter(p.intent for p in predictions)
    predicted = Counter(p.predicted for p in predictions)
    right = Counter(p.intent for p in predictions if p.predicted == p.intent)
    per_intent = sorted((f1(right[intent], predicted[intent], count), intent) for intent, count in actual.items())
    return IntentFigures(
        examples=len(predictions),
        intent_macro_f1=sum(score for score, _ in per_intent) / len(per_intent) if per_intent else 0.0,
        intent_accuracy=sum(right.values()) / len(predictions) if predictions else 0.0,
        weakest_intents=[(intent, score) for score, intent in per_intent[:5]],
    )


def by_language(predictions: Sequence[Prediction],
                languages: Mapping[str, Collection[str]]) -> dict[str, IntentFigures]:
    """The intent figures of each language's examples (a text in several languages' files counts in each)."""
    grouped: dict[str, list[Prediction]] = {language: [] for language in LANGUAGES}
    for prediction in predictions:
        for language in languages.get(prediction.text, ()):
            grouped[language].append(prediction)
    return {language: intent_figures(found) for language, found in grouped.items() if found}


def messages(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def told_by_the_bot(text: str) -> str | None:
    """The language the bot tells `text` to be in: fastText's model with the training sentences' lexicon."""
    return detect(text, training_lexicon())


def detection(directory: Path, detect: Callable[[str], str | None]) -> dict[str, Detection]:
    """How `detect` does on `directory`'s en.txt, fr.txt, es.txt (each to be told its language) and neutral.txt
    (to be given none); a file that is not there is left out."""
    figures = {}
    for name in (*LANGUAGES, NEUTRAL):
        path = directory / f"{name}.txt"
        if not path.exists():
            continue
        found = [detect(message) for message in messages(path)]
        expected = None if name == NEUTRAL else name
        right = sum(language == expected for language in found)
        figures[name] = Detection(messages=len(found), right=right,
                                  wrong=sum(language not in (None, expected) for language in found),
                                  untold=found.count(None), accuracy=right / len(found) if found else 0.0)
    return figures


def measure(directory: Path, detect: Callable[[str], str | None], langid: Path = LANGID_DIR,
            nlu_root: Path = NLU_DIR) -> PerLanguage:
    """The per-language figures of the cross-validation in `directory` and of `detect` on `langid`."""
    languages = text_languages(nlu_root)
    try:
        predictions = read_predictions(directory)
    except FileNotFoundError as missing:
        predictions, intents = [], None
        why = f"{Path(missing.filename).name} is missing; make nlu-report writes it (rasa test nlu --successes)"
    else:
        intents, why = by_language(predictions, languages), None
    texts = {p.text for p in predictions}
    return PerLanguage(
        intents=intents,
        intents_missing=why,
        texts_in_several_languages=sum(len(languages.get(text, ())) > 1 for text in texts) if intents else None,
        texts_in_no_language=sum(text not in languages for text in texts) if intents else None,
        detection=detection(langid, detect),
    )


def write(directory: Path, figures: PerLanguage) -> Path:
    path = directory / PER_LANGUAGE_REPORT
    path.write_text(json.dumps(asdict(figures), indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def as_text(figures: PerLanguage) -> str:
    if figures.intents is None:
        lines = [f"intent F1 per language: not measured ({figures.intents_missing})"]
    else:
        lines = [f"intent macro F1 [{language}] {found.intent_macro_f1:.3f} (accuracy {found.intent_accuracy:.3f}, "
                 f"{found.examples} examples); weakest: "
                 + ", ".join(f"{name} {score:.2f}" for name, score in found.weakest_intents)
                 for language, found in figures.intents.items()]
        lines.append(f"examples by their training file's language; texts in several languages' files (counted in "
                     f"each): {figures.texts_in_several_languages}, in none (not counted): "
                     f"{figures.texts_in_no_language}")
    for name, found in figures.detection.items():
        if name == NEUTRAL:
            lines.append(f"language detection [neutral] {found.right}/{found.messages} given none "
                         f"({found.wrong} given a language)")
        else:
            lines.append(f"language detection [{name}] accuracy {found.accuracy:.3f}: {found.right}/{found.messages} "
                         f"told right, {found.wrong} told wrong, {found.untold} not told")
    return "\n".join(lines)
