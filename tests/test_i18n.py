"""The answers in French and Spanish: the message catalogs are complete, every topic answers in the language asked
(no English sentence), with the same figures and article numbers as in English; English is unchanged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot import knowledge
from bot.answers import TOPICS, Reply, UserQuestion, answer
from bot.answers.base import UNVERIFIED_NOTE
from bot.i18n import LOCALE_DIR, N_, article, read_catalog, translator
from bot.knowledge import facts
from bot.nlu.understanding import english_sentences
from bot.render.contact import ASK_FOR_MORE, DID_YOU_MEAN, SOMETHING_ELSE, WHAT_CAN_YOU_DO, handoff_text, say

FALLBACK_TEXTS = (ASK_FOR_MORE, DID_YOU_MEAN, SOMETHING_ELSE, WHAT_CAN_YOU_DO)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = ("fr", "es")
KB = knowledge.load()
_URL = re.compile(r"\S+://\S+|\S+@\S+")
_NUMBER = re.compile(r"(?<!\w)\d+(?:[.,]\d+)?")  # not the digits of an id such as C102
#: a French ";", ":", "?", "!" or "»" with no space before it, or a "«" with none after it (a space, or a no-break
#: one); links, e-mail addresses and placeholders aside
_UNSPACED = re.compile(r"(?<![\s\u00a0\u202f])[;:?!»]|«(?![\s\u00a0\u202f])")
_NOT_PROSE = re.compile(r"\S+://\S+|\S+@\S+|\{[^}]*\}")
_PLACEHOLDER = re.compile(r"\{(\w*)(?:\.\w+)?\}")  # {country.by}: a form of {country}


# -- the catalogs ----------------------------------------------------------------------------------------------
def extracted() -> dict[str, str | tuple[str, str]]:
    """What `pybabel extract -F babel.cfg` finds in bot/: every message id (a pair for plural messages)."""
    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(PROJECT_ROOT / "bot", method_map, options_map)
    return {(message[0] if isinstance(message, tuple) else message): message for _, _, message, _, _ in found}


def untranslated(catalog: Catalog, messages: dict[str, str | tuple[str, str]]) -> list[str]:
    """The message ids with no translation (missing, empty, fuzzy or a plural form left out)."""
    missing = []
    for key in messages:
        entry = catalog.get(key)
        strings = () if entry is None else entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(key)
    return missing


MESSAGES = extracted()


def test_the_extraction_finds_the_answers_sentences_and_plural_forms() -> None:
    assert len(MESSAGES) >= 100
    assert "Which country do you mean?" in MESSAGES
    assert MESSAGES["{number} week"] == ("{number} week", "{number} weeks")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_extracted_message_is_translated(lang: str) -> None:
    missing = untranslated(read_catalog(lang), MESSAGES)
    assert not missing, f"bot/locale/{lang}: translate {missing}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_catalog_holds_no_message_the_code_no_longer_uses(lang: str) -> None:
    unused = sorted(str(entry.id) for entry in read_catalog(lang) if entry.id and entry.id not in MESSAGES
                    and (entry.id[0] if isinstance(entry.id, tuple) else entry.id) not in MESSAGES)
    assert not unused, f"bot/locale/{lang}: remove (pybabel update) {unused}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = []
    for entry in read_catalog(lang):
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set(_PLACEHOLDER.findall(ids[-1]))
        wrong += [string for string in strings if set(_PLACEHOLDER.findall(string)) != expected]
    assert not wrong


def french_spacing_problems(text: str) -> list[str]:
    """Where French text leaves out the space before ; : ? ! » or after «, with a little context."""
    prose = _NOT_PROSE.sub("", text)
    return [prose[max(0, found.start() - 25):found.end() + 5] for found in _UNSPACED.finditer(prose)]


def test_french_punctuation_is_spaced_in_the_catalog() -> None:
    problems = [(entry.id, problem) for entry in read_catalog("fr") if entry.id
                for string in (entry.string if isinstance(entry.string, tuple) else (entry.string,))
                for problem in french_spacing_problems(string)]
    assert not problems
    assert french_spacing_problems("art. 19(5)(d); droit") == ["art. 19(5)(d); droi"]  # the check can fail


def test_french_names_residents_as_the_convention_does() -> None:
    """C102's French text says "résidants" (Art. 1(b)); the means-tested ones are said one way throughout."""
    strings = [string for entry in read_catalog("fr") if entry.id
               for string in (entry.string if isinstance(entry.string, tuple) else (entry.string,))]
    assert not [string for string in strings if re.search(r"résident|sous condition de ressources", string)]
    assert sum("résidants soumis à condition de ressources" in string for string in strings) >= 3


def test_the_template_is_up_to_date() -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as template:
        ids = {entry.id[0] if isinstance(entry.id, tuple) else entry.id for entry in read_po(template) if entry.id}
    assert ids == set(MESSAGES), "run pybabel extract (README, 'The answers' own sentences')"


def test_the_caveat_marked_for_translation_is_the_knowledge_base_one() -> None:
    assert UNVERIFIED_NOTE == facts.UNVERIFIED_NOTE
    assert translator("fr").gettext(UNVERIFIED_NOTE) == "non confirmé par nos sources"


def test_a_missing_translation_is_named() -> None:
    catalog = Catalog(locale="fr")
    catalog.add("Which country do you mean?", "De quel pays parlez-vous ?")
    catalog.add(("{number} week", "{number} weeks"), ("{number} semaine", ""))
    catalog.add("Campaign page", "Page de la campagne", flags=["fuzzy"])
    messages = {"Which country do you mean?": "", "{number} week": ("", ""), "Campaign page": "", "Objectives:": ""}
    assert untranslated(catalog, messages) == ["{number} week", "Campaign page", "Objectives:"]


def test_the_catalogs_live_in_the_package() -> None:
    assert {path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po")} == set(TRANSLATED)


# -- figures, dates, plural forms, article references ------------------------------------------------------------
def test_figures_and_dates_are_written_for_the_locale() -> None:
    day = date(1955, 4, 27)
    assert [translator(lang).format_day(day) for lang in ("en", "fr", "es")] == [
        "27 April 1955", "27 avril 1955", "27 de abril de 1955"]
    assert translator("fr").format_day(date(2016, 6, 1)) == "1er juin 2016"
    assert translator("es").format_month(day) == "abril de 1955"
    assert [translator(lang).percent(40) for lang in ("en", "fr", "es")] == ["40%", "40\u00a0%", "40\u00a0%"]
    assert translator("fr").number(1.5) == "1,5"


def test_plural_forms_follow_each_language() -> None:
    weeks = [(lang, count, translator(lang).ngettext("{number} week", "{number} weeks", count))
             for lang in ("en", "fr", "es") for count in (0, 1, 2)]
    assert [text for _, _, text in weeks] == ["{number} weeks", "{number} week", "{number} weeks",
                                              "{number} semaine", "{number} semaine", "{number} semaines",
                                              "{number} semanas", "{number} semana", "{number} semanas"]


def test_the_engines_figures_agree_their_unit_as_each_language_does() -> None:
    """French says "0 jour" (the singular for 0 and 1), English and Spanish "0 days", "0 días"."""
    import pickle

    from bot.eligibility.result import quantity
    from bot.render.words import in_words

    days = [in_words(quantity(count, "days"), translator(lang)) for lang in ("en", "fr", "es") for count in (0, 1, 2)]
    assert days == ["0 days", "1 day", "2 days", "0 jour", "1 jour", "2 jours", "0 días", "1 día", "2 días"]
    assert in_words(quantity(1.5, "years"), translator("fr")) == "1,5 ans"
    assert in_words(pickle.loads(pickle.dumps(quantity(0, "months"))), translator("es")) == "0 meses"
    assert read_catalog("fr").plural_expr == "(n > 1)"


@pytest.mark.parametrize(("reference", "fr", "es"), [
    ("C102 Art. 28", "art. 28 de la C102", "art. 28 del C102"),
    ("C102 Arts 9, 15, 21", "art. 9, 15, 21 de la C102", "arts. 9, 15, 21 del C102"),
    ("C102 Arts 2 and 3", "art. 2 et 3 de la C102", "arts. 2 y 3 del C102"),
    ("R202 Para. 5(a)", "par. 5(a) de la R202", "párr. 5(a) de la R202"),
    ("C102 Schedule to Part XI", "annexe à la partie XI de la C102", "anexo a la parte XI del C102"),
    ("C121 Schedule I", "annexe I de la C121", "anexo I del C121"),
    ("Art. 38", "art. 38", "art. 38"),
    ("C102 Art. 2; Parts II-X", "art. 2 de la C102\u00a0; parties II-X", "art. 2 del C102; partes II-X"),
    ("ILO Constitution art. 19(5)(d); national constitutional law",
     "Constitution de l'OIT, art. 19(5)(d)\u00a0; droit constitutionnel national",
     "Constitución de la OIT, art. 19(5)(d); derecho constitucional nacional"),
    ("ILO Constitution art. 22", "Constitution de l'OIT, art. 22", "Constitución de la OIT, art. 22"),
    ("ILO Constitution arts 24, 26 (and 27-29)", "Constitution de l'OIT, art. 24, 26 (et 27-29)",
     "Constitución de la OIT, arts. 24, 26 (y 27-29)"),
    ("SDG indicator 1.3.1", "indicateur 1.3.1 des ODD", "indicador 1.3.1 de los ODS"),
])
def test_article_references_in_each_language(reference: str, fr: str, es: str) -> None:
    assert (article(reference), article(reference, "fr"), article(reference, "es")) == (reference, fr, es)


def test_every_reference_of_the_knowledge_base_is_written_in_french_and_spanish() -> None:
    references = {fact.article for fact in _all_facts() if fact.article}
    english_words = re.compile(r"\b(Art|Arts|Para|Paras|Part|Parts|Schedule|and|to|ILO|SDG|constitutional law)\b")
    left = [(reference, lang, article(reference, lang)) for reference in sorted(references) for lang in TRANSLATED
            if english_words.search(article(reference, lang))]
    assert len(references) > 50 and not left


def _all_facts() -> Iterator[object]:
    c102, conventions = KB.c102, KB.conventions
    yield from c102.general
    for part in c102.parts:
        yield from part.facts.values()
    for instrument in conventions.instruments:
        yield from instrument.facts()
    yield from (*conventions.principles, *conventions.floor_guarantees, *conventions.convention_vs_recommendation)
    for step in KB.procedure.steps:
        yield step
        yield from step.points
    yield from (*KB.campaign.reasons, *KB.campaign.objectives)


# -- every topic in French and Spanish ----------------------------------------------------------------------------
def questions() -> Iterator[UserQuestion]:
    """Representative questions for every topic: no entity, each entity value the KB knows, and a few unknown."""
    yield UserQuestion()
    for part in KB.c102.parts:
        yield UserQuestion(branch=part.branch)
        yield from (UserQuestion(branch=part.branch, aspect=aspect.id) for aspect in KB.c102.aspects)
    yield from (UserQuestion(aspect=aspect.id) for aspect in KB.c102.aspects)
    yield from (UserQuestion(convention=instrument.id) for instrument in KB.conventions.instruments)
    yield from (UserQuestion(procedure_step=step.id) for step in KB.procedure.steps)
    yield UserQuestion(procedure_step="higher_convention", convention="C128")
    codes = [record.country for record in KB.ratifications.records]
    yield from (UserQuestion(country=code) for code in [*codes, "US", "CI", "FI"])
    yield from (UserQuestion(convention="C128", country=code) for code in ("MA", "FR"))
    yield UserQuestion(text="Has Morroco ratified C102?")
    yield from (UserQuestion(region=str(region)) for region in KB.countries.regions)
    yield from (UserQuestion(year=year) for year in ("2015", "2099"))
    yield UserQuestion(region="Africa", year="2010")
    yield UserQuestion(region="Mars")


QUESTIONS = list(questions())


def numbers(text: str, lang: str = "en") -> Counter[str]:
    """The figures of a text (article numbers, counts, years, percentages), written alike in every language; the
    instruments' titles are names, not figures (the French title of C183 is its long one, with another year)."""
    text = _URL.sub(" ", text)
    for instrument in KB.conventions.instruments:
        text = text.replace(instrument.full_title_in(lang), " ").replace(instrument.title.get(lang), " ")
    return Counter(number.replace(",", ".") for number in _NUMBER.findall(text))


def replies(topic: str, lang: str) -> Iterator[tuple[UserQuestion, Reply, Reply]]:
    for question in QUESTIONS:
        english = answer(topic, KB, question)
        yield question, english, answer(topic, KB, UserQuestion(**{**question.__dict__, "language": lang}))


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_answers_in_the_language_asked(topic: str, lang: str) -> None:
    wrong, detected = [], 0
    for question, english, reply in replies(topic, lang):
        detected += bool(english_sentences(english.text))  # the detector does see the English answers
        texts = [reply.text, *(button.title for button in reply.buttons),
                 *(button.payload for button in reply.buttons if isinstance(button.payload, str))]
        wrong += [(question, sentence) for text in texts for sentence in english_sentences(text)]
    assert detected and not wrong, wrong[:5]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_keeps_the_figures_and_articles_of_the_english_answer(topic: str, lang: str) -> None:
    different = []
    for question, english, reply in replies(topic, lang):
        figures, translated = numbers(english.text), numbers(reply.text, lang)
        if figures != translated:
            different.append((question, figures - translated, translated - figures))
    assert not different, different[:3]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_the_reply_keeps_its_shape_and_context(topic: str, lang: str) -> None:
    for _, english, reply in replies(topic, lang):
        assert dict(reply.context) == dict(english.context)
        assert len(reply.buttons) == len(english.buttons)
        assert reply.text != english.text


def test_english_is_the_default_language() -> None:
    for topic in TOPICS:
        for question in QUESTIONS[:40]:
            assert answer(topic, KB, question) == answer(topic, KB, UserQuestion(**{**question.__dict__,
                                                                                     "language": "en"}))


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        answer("branches", KB, UserQuestion(language="de"))


# -- the fallback and the hand-off ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_fallback_texts_are_in_the_language_asked(lang: str) -> None:
    texts = [*(say(text, lang) for text in FALLBACK_TEXTS), handoff_text(KB.campaign, lang)]
    assert not [sentence for text in texts for sentence in english_sentences(text)]
    assert all(say(text, lang) != text for text in FALLBACK_TEXTS)
    assert KB.campaign.contact_email in handoff_text(KB.campaign, lang)
    assert numbers(handoff_text(KB.campaign, lang), lang) == numbers(handoff_text(KB.campaign))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_topic_titles_are_in_the_language_asked(lang: str) -> None:
    titles = [topic.title_in(lang) for topic in TOPICS.values()]
    assert len(set(titles)) == len(TOPICS) and not [title for title in titles if english_sentences(title)]
    assert not {topic.title for topic in TOPICS.values()} & set(titles)


def test_english_fallback_texts_and_titles_are_the_constants() -> None:
    assert [say(text) for text in FALLBACK_TEXTS] == list(FALLBACK_TEXTS)
    assert all(topic.title_in("en") == topic.title for topic in TOPICS.values())
    assert N_("x") == "x"
