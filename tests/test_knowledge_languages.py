"""The knowledge base in English, French and Spanish: every text users read has the three languages, a missing
one is a load error naming file, key path and language, and figures are the same whatever the language."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from bot import knowledge
from bot.config import PROJECT_ROOT
from bot.knowledge import KnowledgeError
from bot.knowledge.text import LANGUAGES, Text, join_words

DATA = PROJECT_ROOT / "data" / "knowledge"


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load_from(DATA)


def test_french_prose_spaces_its_punctuation(kb):
    """ "art. 19(5)(d) ; droit", "Remarque : …", « … »: tests/test_i18n.py checks the catalog the same way."""
    from test_i18n import french_spacing_problems

    problems = [(path, problem) for path, text in texts(kb) for problem in french_spacing_problems(text.get("fr"))]
    assert not problems


def test_dates_in_prose_are_written_as_each_language_writes_them(kb):
    """ "deposited 14 June 2019", "déposé le 14 juin 2019", "depositado el 14 de junio de 2019", not "2019-06-14"."""
    iso = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
    assert not [(path, lang) for path, text in texts(kb) for lang in LANGUAGES if iso.search(text.get(lang))]


def test_french_prose_says_residants_as_the_convention_does(kb):
    assert not [path for path, text in texts(kb) if "résident" in text.get("fr")]


def texts(value: object, path: str = "kb") -> Iterator[tuple[str, Text]]:
    """Every `Text` reachable from `value` (dataclasses, tuples, mappings), with where it was found."""
    if isinstance(value, Text):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")
    elif isinstance(value, (dict, MappingProxyType)):
        for key, item in value.items():
            yield from texts(item, f"{path}[{key!r}]")


def prose(kb: knowledge.Knowledge) -> list[tuple[str, Text]]:
    """The texts that are sentences (fact texts, notes, caveats), not names or short labels."""
    return [(path, text) for path, text in texts(kb) if len(text.split()) >= 6]


# -- the real files ------------------------------------------------------------------------------------------
def test_every_text_users_read_is_written_in_the_three_languages(kb):
    found = list(texts(kb))
    assert len(found) > 1000
    for path, text in found:
        for lang in LANGUAGES:
            assert text.get(lang).strip(), f"{path} has no {lang} text"
            assert "{" not in text.get(lang), f"{path} ({lang}) has an unfilled placeholder"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_sentences_are_translated_not_copied(kb, lang):
    for path, text in prose(kb):
        assert text.get(lang) != text.get("en"), f"{path} is English in '{lang}'"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_translation_quotes_the_same_figures_as_english(kb, lang):
    """Only words are translated: the numbers of a sentence are the same in every language."""
    for path, text in prose(kb):
        assert set(re.findall(r"\d+", text.get(lang))) == set(re.findall(r"\d+", text.get("en"))), path


@pytest.mark.parametrize(("fact", "expected"), [
    (lambda kb: kb.c102.part("old_age").facts["benefit_rate"],
     {"en": "at least 40% of the reference wage for a man with a wife of pensionable age",
      "fr": "au moins 40\u00a0% du salaire de référence pour un homme ayant une épouse d'âge à pension",
      "es": "al menos el 40\u00a0% del salario de referencia para un hombre con esposa en edad de pensión"}),
    (lambda kb: kb.c102.general_fact("art79_entry_into_force"),
     {"en": "27 April 1955", "fr": "27 avril 1955", "es": "27 de abril de 1955"}),
    (lambda kb: kb.c102.general_fact("art2_minimum_parts"),
     {"en": "IV, V, VI, IX or X", "fr": "IV, V, VI, IX ou X", "es": "IV, V, VI, IX o X"}),
    (lambda kb: kb.c102.part("sickness").facts["coverage"],
     {"en": "(a) prescribed classes of employees, at least 50% of all employees",
      "fr": "(a) catégories prescrites de salariés, au moins 50\u00a0% de l'ensemble des salariés",
      "es": "(a) categorías prescritas de asalariados, al menos el 50\u00a0% de todos los asalariados"}),
    (lambda kb: kb.c102.part("sickness").facts["coverage"],
     {"en": "(only with an Article 3 declaration)", "fr": "article 3)", "es": "artículo 3)"}),
])
def test_figures_and_the_words_between_them_are_written_for_each_language_from_one_number(kb, fact, expected):
    text = fact(kb).text
    assert {lang: words in text.get(lang) for lang, words in expected.items()} == dict.fromkeys(LANGUAGES, True)


def test_official_titles_follow_each_language_citation_form(kb):
    c102 = kb.conventions.get("C102")
    assert c102.full_title == "Social Security (Minimum Standards) Convention, 1952 (No. 102)"
    assert c102.full_title_in("fr") == "Convention (n° 102) concernant la sécurité sociale (norme minimum), 1952"
    assert c102.full_title_in("es") == "Convenio sobre la seguridad social (norma mínima), 1952 (núm. 102)"
    assert kb.conventions.get("R202").full_title_in("fr") == (
        "Recommandation (n° 202) sur les socles de protection sociale, 2012")
    assert kb.c102.convention.title.get("fr") == c102.full_title_in("fr")


def test_english_stays_the_default_for_existing_callers(kb):
    part = kb.c102.part("old_age")
    assert part.title == "Old-age benefit" and isinstance(part.title, str)
    assert (part.title.get(), part.title.get("fr"), part.title.get("es")) == (
        "Old-age benefit", "Prestations de vieillesse", "Prestaciones de vejez")
    assert kb.countries.get("SN").name.get("fr") == "Sénégal"
    assert kb.countries.get("PE").name.get("es") == "Perú"
    assert kb.ratifications.get("MA").country_name.get("es") == "Marruecos"


def test_qualifying_period_uses_the_official_terms(kb):
    label = kb.c102.aspect("qualifying_period").label
    assert "stage" in label.get("fr").lower()
    assert label.get("es") == "Período de calificación"


# -- the Text type -------------------------------------------------------------------------------------------
def test_a_text_needs_every_language_and_knows_only_those():
    with pytest.raises(ValueError, match=r"missing the Spanish text \('es'\)"):
        Text({"en": "Coverage", "fr": "Couverture"})
    text = Text({"en": "Coverage", "fr": "Couverture", "es": "Cobertura"})
    with pytest.raises(KeyError, match="unknown language 'de'"):
        text.get("de")
    assert text.map(lambda lang, words: f"{lang}:{words}").get("es") == "es:Cobertura"
    assert join_words(["IV", "V", "X"], "and", "es") == "IV, V y X"


def test_a_text_is_written_to_yaml_as_its_english_value():
    text = Text({"en": "Africa", "fr": "Afrique", "es": "África"})
    assert yaml.safe_load(yaml.safe_dump({"region": text})) == {"region": "Africa"}


# -- broken copies -------------------------------------------------------------------------------------------
def load_changed(tmp_path: Path, file: str, change: Callable[[dict], object]) -> knowledge.Knowledge:
    """The whole knowledge base copied to `tmp_path`, with `file` edited by `change`."""
    for source in DATA.glob("*.yml"):
        shutil.copy(source, tmp_path / source.name)
    data = yaml.safe_load((DATA / file).read_text(encoding="utf-8"))
    change(data)
    (tmp_path / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return knowledge.load_from(tmp_path)


def _drop(lang: str, *keys: str | int) -> Callable[[dict], object]:
    def change(data: dict) -> object:
        node = data
        for key in keys:
            node = node[key]
        return node.pop(lang)

    return change


def _retype(data: dict) -> None:
    data["general"]["facts"][0]["title"] = "Key terms of the Convention"


def _other_figure(data: dict) -> None:
    text = data["parts"][3]["facts"]["benefit_rate"]["text"]
    text["fr"] = text["fr"].replace("{schedule.old_age}", "{schedule.sickness}")


@pytest.mark.parametrize(("file", "change", "path", "problem"), [
    ("c102.yml", _drop("fr", "general", "facts", 0, "text"), "general.facts[0].text",
     "missing the French text ('fr')"),
    ("c102.yml", _drop("es", "parts", 3, "title"), "parts[3].title", "missing the Spanish text ('es')"),
    ("c102.yml", _retype, "general.facts[0].title", "expected a text in each language"),
    ("c102.yml", _other_figure, "parts[3].facts.benefit_rate.text",
     "the French text ('fr') must quote the same figures as the English one: {schedule.old_age}"),
    ("conventions.yml", _drop("fr", "instruments", 0, "key_figures", 2, "text"), "instruments[0].key_figures[2].text",
     "missing the French text ('fr')"),
    ("procedure.yml", _drop("fr", "steps", 1, "points", 0, "text"), "steps[1].points[0].text",
     "missing the French text ('fr')"),
    ("campaign.yml", _drop("es", "reasons", 0, "title"), "reasons[0].title", "missing the Spanish text ('es')"),
    ("countries.yml", _drop("fr", "members", 0, "name"), "members[0].name", "missing the French text ('fr')"),
    ("ratifications.yml", _drop("fr", "records", 0, "status"), "records[0].status", "missing the French text ('fr')"),
])
def test_a_missing_translation_names_file_key_path_and_language(tmp_path, file, change, path, problem):
    with pytest.raises(KnowledgeError) as caught:
        load_changed(tmp_path, file, change)
    assert (caught.value.file, caught.value.path) == (file, path)
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"{file}: {path}: ")


def test_a_country_record_line_writes_its_date_and_places_the_name_in_each_language(kb):
    ukraine = kb.c102_status_of("Ukraine")
    assert "ratified 6 June 2016" in ukraine and "ratification : 6 juin 2016" in ukraine.get("fr")
    assert "ratificación: 6 de junio de 2016" in ukraine.get("es")
    assert kb.c102_status_of("Ghana").get("fr").startswith("aucune ratification de la C102 par le Ghana dans nos")
