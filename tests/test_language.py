"""Language detection on short chat messages, restricted to en/fr/es (bot/language.py, issue 19)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.assessment import chat as say
from bot.i18n import translator
from bot.knowledge import text
from bot.language import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MIN_SHARE,
    Lexicon,
    asked,
    choose,
    detect,
    folded_words,
    normalise,
    pooled,
    shares,
    words,
)
from bot.nlu.lexicon import examples, language_of, training_lexicon

MESSAGES = Path(__file__).parent / "langid"


def lines(name: str) -> list[str]:
    return [line for line in (MESSAGES / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def test_words_leave_out_figures_ids_codes_and_punctuation():
    assert words("Art. 28 de la C102 : c'est quoi ? 👍") == "Art de la c'est quoi"
    assert words("42") == words("ABCD123456") == words("...") == ""


@pytest.mark.parametrize("message", lines("neutral"))
def test_a_message_without_words_of_a_language_is_not_given_one(message: str):
    assert detect(message) is None


@pytest.mark.parametrize(("message", "language"), [
    ("Quelles sont les conditions pour que notre pays ratifie la convention ?", "fr"),
    ("cual es el periodo de calificacion para la pension de vejez en nuestro pais", "es"),
    ("Which parts of the convention has our country accepted so far?", "en"),
])
def test_a_sentence_is_given_its_language(message: str, language: str):
    assert detect(message) == language


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_code_typed_after_the_chats_word_for_it_is_in_that_words_language(lang: str):
    """ "reprendre ABCD2345EF", as the French chat says to type it (a stop, a report), is French: too short for
    the model, so a new conversation resuming a check would otherwise be in English."""
    t = translator(lang)
    for message in (say.STOPPED, say.REPORT_CODE, say.CODE_NOTICE):
        word = re.search(r"[«']\s?(\w+) \{code\}", t.gettext(message)).group(1)
        assert detect(f"{word} {say.EXAMPLE_CODE}") == lang, word
        assert detect(f"{word.capitalize()} {say.EXAMPLE_CODE.lower()}.") == lang, word
    assert detect("reprendre") is None  # the word alone says too little


def test_shares_are_over_the_three_languages_only():
    found = shares("bonjour, je voudrais savoir comment ratifier")
    assert set(found) == set(LANGUAGES)
    assert sum(found.values()) == pytest.approx(1.0)
    assert shares("2026 ?") == {}


@pytest.mark.parametrize(("language", "told_alone", "told_with_lexicon"), [
    # measured (docs/languages.md): fastText alone tells en 73, fr 64, es 85 of about 104; with the lexicon 94, 91, 93
    ("en", 0.65, 0.85), ("fr", 0.6, 0.85), ("es", 0.8, 0.85),
])
def test_on_the_chat_messages_no_language_is_wrong_and_most_are_told(language: str, told_alone: float,
                                                                    told_with_lexicon: float):
    messages = lines(language)
    assert len(messages) >= 100
    for lexicon, floor in ((None, told_alone), (training_lexicon(), told_with_lexicon)):
        found = [detect(message, lexicon) for message in messages]
        wrong = [(message, other) for message, other in zip(messages, found, strict=True)
                 if other not in (None, language)]
        assert not wrong, f"detected in another language: {wrong}"
        assert sum(other == language for other in found) / len(messages) >= floor


@pytest.mark.parametrize("message", lines("neutral"))
def test_the_lexicon_gives_no_language_to_a_message_without_words_of_one(message: str):
    assert detect(message, training_lexicon()) is None


@pytest.mark.parametrize(("message", "language"), [
    # short domain questions without accents, which fastText's general model alone leaves undecided
    ("delai de carence chomage ?", "fr"),
    ("tasa minima pension de vejez c102", "es"),
])
def test_the_lexicon_tells_short_domain_questions(message: str, language: str):
    assert detect(message) is None
    assert detect(message, training_lexicon()) == language


def test_the_lexicon_folds_accents_and_case_and_weighs_the_words_it_knows():
    lexicon = Lexicon.of_sentences({"en": ["the waiting period"], "fr": ["le délai de carence"], "es": ["el período"]})
    assert folded_words("Délai, PÉRIODO 42") == ["delai", "periodo"]
    assert lexicon.shares("unknown words only") == {}
    found = lexicon.shares("DELAI de carence")
    assert max(found, key=found.__getitem__) == "fr"
    assert sum(found.values()) == pytest.approx(1.0)


def test_when_the_general_model_and_the_lexicon_disagree_no_language_is_given():
    english_words = Lexicon.of_sentences({"en": ["quelles sont les conditions pour que notre pays ratifie"] * 3,
                                          "fr": ["the question"], "es": ["el convenio"]})
    message = "Quelles sont les conditions pour que notre pays ratifie la convention ?"
    assert detect(message) == "fr"
    assert detect(message, english_words) is None


def test_pooled_opinions_weigh_the_lexicon_twice():
    found = pooled({"en": 0.0, "fr": 0.056, "es": 0.944}, {"en": 0.0, "fr": 0.949, "es": 0.051})
    assert found["fr"] == pytest.approx(0.056 * 0.949 ** 2 / (0.056 * 0.949 ** 2 + 0.944 * 0.051 ** 2))
    assert found["fr"] >= MIN_SHARE  # the two counting alike would leave it near a half
    assert pooled({"en": 1.0, "fr": 0.0, "es": 0.0}, {"en": 0.0, "fr": 1.0, "es": 0.0}) == {}


def test_a_domain_question_fasttext_takes_for_spanish_is_told_french_by_the_lexicon():
    message = "Que couvre la C130 ?"  # found in use: answered in English
    general, domain = shares(message), training_lexicon().shares(message)
    assert max(general, key=general.__getitem__) == "es"
    assert max(domain, key=domain.__getitem__) == "fr"
    assert detect(message, training_lexicon()) == "fr"


def test_a_sure_opinion_the_lexicon_contradicts_gives_no_language():
    message = "que couvre"
    assert detect(message) == "es"  # fastText alone is sure of Spanish
    assert training_lexicon().shares(message)["fr"] > 0.9
    assert detect(message, training_lexicon()) is None


@pytest.mark.parametrize("message", ["ok", "merci", "42", "Senegal", "Sénégal", "France", "option B", "ok merci"])
def test_a_short_message_or_a_country_alone_gives_no_language(message: str):
    assert detect(message, training_lexicon()) is None


def test_the_training_sentences_are_read_by_folder_with_annotations_reduced(tmp_path: Path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "generated").mkdir()
    nlu = tmp_path / "fr" / "questions.yml"
    nlu.write_text('nlu:\n  - intent: ask\n    examples: |\n      - le [Sénégal](country) a ratifié ?\n'
                   '  - synonym: SN\n    examples: |\n      - Senegal\n', encoding="utf-8")
    assert list(examples(nlu)) == ["le Sénégal a ratifié ?", "Senegal"]
    assert language_of(nlu, tmp_path) == "fr"
    assert language_of(tmp_path / "conversation.yml", tmp_path) == "en"
    assert language_of(tmp_path / "generated" / "synonyms.yml", tmp_path) is None


# --- which language the conversation speaks (bot.language.choose) -------------------------------------------------

@pytest.mark.parametrize(("code", "language"), [
    ("fr", "fr"), ("fr-CA", "fr"), ("es_419", "es"), ("EN", "en"), (" en-GB ", "en"),
    ("de", None), ("", None), (None, None), (42, None), ("french", None),
])
def test_channel_codes_are_read_as_one_of_the_three_languages(code, language):
    assert normalise(code) == language


@pytest.mark.parametrize(("text", "language"), [
    ("en français s'il vous plaît", "fr"), ("Pouvez-vous répondre en francais ?", "fr"),
    ("¿hablas español?", "es"), ("en espanol por favor", "es"), ("Can we speak Spanish?", "es"),
    ("in English please", "en"), ("¿puede contestar en inglés?", "en"), ("réponds en anglais", "en"),
    ("do you speak French or Spanish?", None), ("another language please", None), ("frenchman", None),
])
def test_the_language_asked_for_is_read_from_the_request(text, language):
    assert asked(text) == language


def test_the_language_asked_for_comes_first():
    assert choose("en", asked="es", channel="fr", detected="en") == "es"


def test_a_new_channel_language_comes_before_the_message():
    assert choose(None, channel="fr-FR", detected="en") == "fr"  # the first message of the conversation
    assert choose("en", channel="es", previous_channel="en", detected="en") == "es"  # the page's switch


def test_a_channel_language_already_applied_gives_way_to_the_message():
    assert choose("fr", channel="fr", previous_channel="fr", detected="en") == "en"
    assert choose("es", channel="fr", previous_channel="fr", detected=None) == "es"  # asked for earlier: kept


def test_a_short_message_keeps_the_conversations_language():
    assert choose("es", detected=None) == "es"
    assert choose("fr", channel=None, previous_channel="fr", detected=None) == "fr"


def test_a_conversation_may_switch_language():
    languages = []
    current = None
    for detected in ("fr", None, "es", "en"):
        current = choose(current, detected=detected)
        languages.append(current)
    assert languages == ["fr", "fr", "es", "en"]


def test_the_languages_are_the_knowledge_bases():
    assert (LANGUAGES, DEFAULT_LANGUAGE) == (text.LANGUAGES, text.DEFAULT_LANGUAGE)


def test_without_any_sign_the_conversation_is_in_english():
    assert choose(None) == DEFAULT_LANGUAGE == "en"
    assert choose("de", asked="xx", channel="it", detected=None) == "en"
