"""Reading NLU evaluations: the annotation parser, entity scoring and the summary of Rasa's reports."""

from __future__ import annotations

import json

import pytest

from bot.__main__ import main
from bot.nlu import entities as nlu_entities
from bot.nlu import report as nlu_report


def test_an_annotated_example_gives_its_text_and_spans():
    example = nlu_entities.parse_example("has [Morocco](country) ratified [C102](convention)?")
    assert example.text == "has Morocco ratified C102?"
    assert example.entities == {(4, 11, "country"), (21, 25, "convention")}
    assert example.text[4:11] == "Morocco"


def test_entity_scores_count_exact_spans_only():
    examples = [nlu_entities.parse_example("[Morocco](country) and [Part V](branch)"),
                nlu_entities.parse_example("hello")]
    found = [frozenset({(0, 7, "country"), (12, 18, "aspect")}), frozenset({(0, 5, "country")})]
    report = nlu_entities.evaluate(examples, found)
    assert report["country"] == nlu_entities.Scores(precision=0.5, recall=1.0, f1=0.6667, support=1)
    assert report["branch"].recall == 0.0
    assert report["aspect"].precision == 0.0
    assert report["micro avg"].precision == pytest.approx(1 / 3, abs=1e-4)
    assert report["micro avg"].recall == 0.5


def write_reports(directory):
    intents = {"greet": {"f1-score": 1.0}, "goodbye": {"f1-score": 0.5}, "thank": {"f1-score": 0.75},
               "accuracy": 0.9, "macro avg": {"f1-score": 0.75}, "weighted avg": {"f1-score": 0.8}}
    (directory / nlu_report.INTENT_REPORT).write_text(json.dumps(intents))
    (directory / nlu_report.ENTITY_REPORT).write_text(json.dumps({"micro avg": {"f1-score": 0.97}}))
    (directory / nlu_report.RESPONSE_REPORT).write_text(json.dumps({"macro avg": {"f1-score": 0.91}}))


def test_the_summary_reads_intent_macro_f1_and_each_extractors_f1(tmp_path):
    write_reports(tmp_path)
    figures = nlu_report.read(tmp_path)
    assert figures.intent_macro_f1 == 0.75 and figures.intent_accuracy == 0.9
    assert figures.entity_f1 == {"EntityRuler": 0.97}
    assert figures.weakest_intents[0] == ("goodbye", 0.5)
    assert figures.response_macro_f1 == 0.91
    assert "intent macro F1 0.750" in nlu_report.as_text(figures)
    assert "response selection macro F1 0.910" in nlu_report.as_text(figures)


def test_without_retrieval_intents_there_is_no_response_figure(tmp_path):
    write_reports(tmp_path)
    (tmp_path / nlu_report.RESPONSE_REPORT).unlink()
    figures = nlu_report.read(tmp_path)
    assert figures.response_macro_f1 is None
    assert "response selection" not in nlu_report.as_text(figures)


def test_the_report_command_prints_json_or_says_what_is_missing(tmp_path, capsys):
    assert main(["nlp", "report", str(tmp_path)]) == 2
    assert "intent_report.json is missing" in capsys.readouterr().err
    write_reports(tmp_path)
    assert main(["nlp", "report", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["intent_macro_f1"] == 0.75
