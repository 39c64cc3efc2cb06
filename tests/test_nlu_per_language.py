"""`make nlu-report` per language (issue #19): intent F1 of the cross-validation's examples grouped by their
training file's language, and language detection on short messages (bot/nlu/per_language.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sklearn.metrics import classification_report

from bot.__main__ import main
from bot.nlu import per_language
from bot.nlu import report as nlu_report
from bot.nlu.lexicon import NLU_DIR, examples
from bot.nlu.per_language import Detection, Prediction

EN = {"greet": ["hello", "hi there", "good morning"], "bye": ["bye", "see you"]}
FR = {"greet": ["bonjour", "salut"], "bye": ["au revoir", "à plus"]}
# (text, intent, predicted): en 4 of 5 right, fr 2 of 4
RESULTS = [("hello", "greet", "greet"), ("hi there", "greet", "greet"), ("good morning", "greet", "bye"),
           ("bye", "bye", "bye"), ("see you", "bye", "bye"),
           ("bonjour", "greet", "greet"), ("salut", "greet", "bye"), ("au revoir", "bye", "greet"),
           ("à plus", "bye", "bye")]


def nlu_file(path: Path, intents: dict[str, list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"  - intent: {intent}\n    examples: |\n" + "".join(f"      - {text}\n" for text in texts)
                   for intent, texts in intents.items())
    path.write_text(f'version: "3.1"\nnlu:\n{body}', encoding="utf-8")


def rasa_results(directory: Path, results: list[tuple[str, str, str | None]]) -> None:
    """intent_successes.json and intent_errors.json as `rasa test nlu --successes` writes them."""
    entries = [{"text": text, "intent": intent, "intent_prediction": {"name": predicted, "confidence": 0.9}}
               for text, intent, predicted in results]
    for name, right in ((per_language.SUCCESSES, True), (per_language.ERRORS, False)):
        (directory / name).write_text(json.dumps([e for e in entries
                                                  if (e["intent"] == e["intent_prediction"]["name"]) == right]))


@pytest.fixture
def nlu(tmp_path: Path) -> Path:
    nlu_file(tmp_path / "nlu" / "conversation.yml", EN)
    nlu_file(tmp_path / "nlu" / "fr" / "conversation.yml", FR)
    return tmp_path / "nlu"


def test_each_language_gets_the_f1_of_its_own_examples(tmp_path: Path, nlu: Path):
    rasa_results(tmp_path, RESULTS)
    found = per_language.measure(tmp_path, lambda text: None, tmp_path / "no langid", nlu)
    assert set(found.intents) == {"en", "fr"}  # no Spanish example: no Spanish figure
    en, fr = found.intents["en"], found.intents["fr"]
    # en: greet P 2/2 R 2/3 -> 0.8; bye P 2/3 R 2/2 -> 0.8
    assert en.examples == 5 and en.intent_accuracy == pytest.approx(0.8) and en.intent_macro_f1 == pytest.approx(0.8)
    # fr: greet P 1/2 R 1/2 -> 0.5; bye the same
    assert fr.examples == 4 and fr.intent_accuracy == pytest.approx(0.5) and fr.intent_macro_f1 == pytest.approx(0.5)
    assert [name for name, _ in en.weakest_intents] == ["bye", "greet"]  # equal F1: by name
    assert found.texts_in_several_languages == 0 and found.texts_in_no_language == 0
    assert found.detection == {}
    overall = per_language.intent_figures(per_language.read_predictions(tmp_path))
    assert overall.intent_macro_f1 == pytest.approx(2 / 3)  # greet P 3/4 R 3/5, bye P 3/5 R 3/4: neither language's


def test_precision_counts_only_the_languages_own_predictions(tmp_path: Path, nlu: Path):
    """A French example wrongly predicted `bye` lowers French bye's precision, not English bye's."""
    rasa_results(tmp_path, [(text, intent, intent) for text, intent, _ in RESULTS[:5]]
                 + [("bonjour", "greet", "bye"), ("salut", "greet", "greet"), ("au revoir", "bye", "bye"),
                    ("à plus", "bye", "bye")])
    found = per_language.measure(tmp_path, lambda text: None, tmp_path, nlu).intents
    assert found["en"].intent_macro_f1 == 1.0
    # fr: greet P 1/1 R 1/2 -> 2/3; bye P 2/3 R 2/2 -> 0.8
    assert found["fr"].intent_macro_f1 == pytest.approx((2 / 3 + 0.8) / 2)
    assert found["fr"].weakest_intents[0] == ("greet", pytest.approx(2 / 3))


def test_the_macro_f1_is_sklearns_over_the_intents_the_examples_have():
    """As Rasa's intent_report.json: labels are the true intents; a prediction of another intent (or none) only
    costs recall."""
    triples = [("a", "x"), ("a", "a"), ("a", None), ("b", "b"), ("b", "a"), ("c", "c"), ("c", "c"), ("c", "b"),
               ("d", "x"), ("b", "b")]
    predictions = [Prediction(f"text {i}", intent, predicted) for i, (intent, predicted) in enumerate(triples)]
    expected = classification_report([t for t, _ in triples], [str(p) for _, p in triples], labels=["a", "b", "c", "d"],
                                     output_dict=True, zero_division=0)
    found = per_language.intent_figures(predictions)
    assert found.intent_macro_f1 == pytest.approx(expected["macro avg"]["f1-score"])
    assert found.intent_accuracy == pytest.approx(0.5)
    assert found.weakest_intents[0] == ("d", 0.0) and len(found.weakest_intents) == 4


def test_a_text_in_two_languages_counts_in_each_and_an_unknown_text_in_none(tmp_path: Path, nlu: Path):
    nlu_file(nlu / "fr" / "extra.yml", {"greet": ["hello"]})  # also in the English file
    rasa_results(tmp_path, [("hello", "greet", "greet"), ("bonjour", "greet", "bye"), ("nowhere", "bye", "bye")])
    found = per_language.measure(tmp_path, lambda text: None, tmp_path, nlu)
    assert found.intents["en"].examples == 1 and found.intents["en"].intent_accuracy == 1.0
    assert found.intents["fr"].examples == 2 and found.intents["fr"].intent_accuracy == 0.5
    assert found.texts_in_several_languages == 1 and found.texts_in_no_language == 1
    assert "in none (not counted): 1" in per_language.as_text(found)


def test_without_an_errors_file_every_example_was_right_and_without_successes_there_is_no_figure(tmp_path: Path,
                                                                                                   nlu: Path):
    (tmp_path / per_language.SUCCESSES).write_text(json.dumps(
        [{"text": "bye", "intent": "bye", "intent_prediction": {"name": "bye", "confidence": 1.0}}]))
    assert per_language.measure(tmp_path, lambda text: None, tmp_path, nlu).intents["en"].intent_macro_f1 == 1.0
    (tmp_path / per_language.SUCCESSES).unlink()
    found = per_language.measure(tmp_path, lambda text: None, tmp_path, nlu)
    assert found.intents is None and per_language.SUCCESSES in found.intents_missing
    assert "intent F1 per language: not measured" in per_language.as_text(found)


def test_detection_counts_right_wrong_and_untold_per_file(tmp_path: Path):
    (tmp_path / "en.txt").write_text("hello\nthanks\n\nok\n", encoding="utf-8")  # the blank line is no message
    (tmp_path / "fr.txt").write_text("bonjour\nmerci\n", encoding="utf-8")
    (tmp_path / "neutral.txt").write_text("42\nok\n👍\n", encoding="utf-8")
    told = {"hello": "en", "thanks": "fr", "bonjour": "fr", "merci": "fr", "42": "es"}.get
    found = per_language.detection(tmp_path, told)
    assert found == {
        "en": Detection(messages=3, right=1, wrong=1, untold=1, accuracy=pytest.approx(1 / 3)),
        "fr": Detection(messages=2, right=2, wrong=0, untold=0, accuracy=1.0),
        "neutral": Detection(messages=3, right=2, wrong=1, untold=2, accuracy=pytest.approx(2 / 3)),
    }  # no es.txt: no Spanish figure
    text = per_language.as_text(per_language.PerLanguage(None, "not run", None, None, found))
    assert "language detection [en] accuracy 0.333: 1/3 told right, 1 told wrong, 1 not told" in text
    assert "language detection [neutral] 2/3 given none (1 given a language)" in text


def test_the_report_command_prints_and_writes_the_figures_per_language(tmp_path: Path, capsys):
    """With the bot's own detector on the project's training data: a real English and a real French example."""
    english = next(examples(NLU_DIR / "conversation.yml"))
    french = next(examples(NLU_DIR / "fr" / "conversation.yml"))
    (tmp_path / nlu_report.INTENT_REPORT).write_text(json.dumps({"macro avg": {"f1-score": 0.5}, "accuracy": 0.5}))
    rasa_results(tmp_path, [(english, "greet", "greet"), (french, "greet", "bye")])
    langid = tmp_path / "langid"
    langid.mkdir()
    (langid / "fr.txt").write_text("Quelles sont les conditions pour que notre pays ratifie la convention ?\n",
                                   encoding="utf-8")
    assert main(["nlp", "report", str(tmp_path), "--langid", str(langid)]) == 0
    printed = capsys.readouterr().out
    assert "intent macro F1 0.500" in printed  # the overall figure is kept
    assert "intent macro F1 [en] 1.000" in printed and "intent macro F1 [fr] 0.000" in printed
    written = json.loads((tmp_path / per_language.PER_LANGUAGE_REPORT).read_text(encoding="utf-8"))
    assert written["intents"]["en"]["examples"] == 1 and written["intents"]["fr"]["intent_accuracy"] == 0.0
    assert written["detection"] == {"fr": {"messages": 1, "right": 1, "wrong": 0, "untold": 0, "accuracy": 1.0}}
    assert main(["nlp", "report", str(tmp_path), "--langid", str(langid), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["per_language"]["intents"]["en"]["intent_macro_f1"] == 1.0
