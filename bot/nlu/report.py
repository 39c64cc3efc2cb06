"""The figures of a Rasa NLU evaluation (`rasa test nlu --cross-validation --out DIR`), read from its reports.

Rasa writes `intent_report.json`, `response_selection_report.json` (which fixed answer of a retrieval intent,
e.g. chitchat/thank) and one `<Extractor>_report.json` per entity extractor, each a scikit-learn classification
report. Issue #4 judges the macro-averaged F1 of intents and the micro-averaged F1 of entities (Rasa's own
summary figure for entities, weighted by how often each entity occurs). The intent report counts a retrieval
intent once (chitchat), so the response selection's macro F1 is reported beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

INTENT_REPORT = "intent_report.json"
RESPONSE_REPORT = "response_selection_report.json"
ENTITY_REPORT = "EntityRuler_report.json"  # written by `python -m bot nlp entities --out DIR`
SUMMARY_KEYS = {"accuracy", "macro avg", "micro avg", "weighted avg"}


@dataclass(frozen=True)
class Figures:
    intent_macro_f1: float
    intent_accuracy: float
    entity_f1: dict[str, float]  # extractor -> micro-averaged F1
    weakest_intents: list[tuple[str, float]]  # the five lowest F1, lowest first
    response_macro_f1: float | None = None  # None when there is no retrieval intent


def read(directory: Path) -> Figures:
    """The figures from the reports in `directory`; FileNotFoundError names the missing intent report."""
    intents = json.loads((directory / INTENT_REPORT).read_text(encoding="utf-8"))
    per_intent = sorted((scores["f1-score"], name) for name, scores in intents.items() if name not in SUMMARY_KEYS)
    entities = {}
    for path in sorted(directory.glob("*_report.json")):
        extractor = path.name.removesuffix("_report.json")
        if path.name in (INTENT_REPORT, RESPONSE_REPORT):
            continue
        report = json.loads(path.read_text(encoding="utf-8"))
        summary = report.get("micro avg") or report.get("weighted avg")
        if summary:
            entities[extractor] = summary["f1-score"]
    responses_path = directory / RESPONSE_REPORT
    responses = json.loads(responses_path.read_text(encoding="utf-8")) if responses_path.exists() else {}
    return Figures(
        intent_macro_f1=intents["macro avg"]["f1-score"],
        intent_accuracy=intents.get("accuracy", 0.0),
        entity_f1=entities,
        weakest_intents=[(name, f1) for f1, name in per_intent[:5]],
        response_macro_f1=responses.get("macro avg", {}).get("f1-score"),
    )


def as_text(figures: Figures) -> str:
    lines = [f"intent macro F1 {figures.intent_macro_f1:.3f} (accuracy {figures.intent_accuracy:.3f})"]
    if figures.response_macro_f1 is not None:
        lines.append(f"response selection macro F1 {figures.response_macro_f1:.3f} (answers of retrieval intents)")
    lines += [f"entity F1 {f1:.3f} ({extractor})" for extractor, f1 in figures.entity_f1.items()]
    lines.append("weakest intents: " + ", ".join(f"{name} {f1:.2f}" for name, f1 in figures.weakest_intents))
    return "\n".join(lines)
