"""The held-out questions stay out of training: no held-out sentence, in any language, appears anywhere in data/
(issues 15 and 19)."""

from __future__ import annotations

from bot.config import PROJECT_ROOT
from bot.nlu.understanding import LANGUAGES, bare, leaks, load_items

DATA = PROJECT_ROOT / "data"
# not training sentences: the knowledge base (facts and the names of things, in three languages: "el período de
# calificación" is a name a follow-up may well be) and the name lists the setup builds from it (left out also so
# that the test gives the same answer before and after a build)
NOT_TRAINING = (DATA / "knowledge", DATA / "nlu" / "generated")
TEXT_FILES = (".yml", ".yaml", ".md", ".json", ".txt", ".csv")


def test_no_heldout_sentence_appears_in_data():
    items = load_items()
    assert {item.language for item in items} == set(LANGUAGES), "every language's held-out folder is compared"
    sentences = [turn.text for item in items for turn in item.turns]
    # a leak is named by the held-out item's id, never by its text: whoever writes training data must not read it
    ids = {bare(turn.text): item.id for item in items for turn in item.turns}
    documents = {str(path.relative_to(PROJECT_ROOT)): path.read_text(encoding="utf-8")
                 for path in sorted(DATA.rglob("*"))
                 if path.is_file() and path.suffix in TEXT_FILES and not any(d in path.parents for d in NOT_TRAINING)}
    assert any(name.startswith("data/nlu") for name in documents), "the training data is read"
    # only ids reach the assertion: pytest prints the values it compares, and `leaks` returns the sentences
    leaked = [f"a turn of held-out item {ids[sentence]} in {name}" for sentence, name in leaks(sentences, documents)]
    assert leaked == [], "held-out sentences in the data: rephrase them, or take them out of data/"


def test_sentences_are_compared_without_case_punctuation_or_annotations():
    assert bare("Has [Ghana](country) ratified   C102?") == "has ghana ratified c102"
    assert bare("What's  [old age]{\"entity\": \"branch\"}, Part V?") == "what s old age part v"


def test_a_sentence_is_found_inside_a_document_and_across_lines():
    documents = {"nlu.yml": "- Has [Ghana](country) ratified C102 yet?\n- and Senegal?\n",
                 "facts.yml": "text: >-\n  the qualifying period\n  may be at most 30 years\n"}
    assert leaks(["has Ghana ratified C102", "Qualifying period may be", "Something new"], documents) == [
        ("has ghana ratified c102", "nlu.yml"), ("qualifying period may be", "facts.yml")]


def test_a_short_sentence_leaks_only_as_a_whole_line():
    documents = {"nlu.yml": "- and Senegal?\n- what about Senegal and Niger\n"}
    assert leaks(["And Senegal!"], documents) == [("and senegal", "nlu.yml")]
    assert leaks(["about Senegal"], documents) == []
