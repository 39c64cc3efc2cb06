"""The EntityRuler finds countries, Conventions, branches, aspects, procedure steps and regions named in French and
Spanish, with or without accents, and maps them to the same canonical ids as the English names."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bot import knowledge
from bot.nlu import pipeline as nlp


@pytest.fixture(scope="module")
def kb() -> knowledge.Knowledge:
    return knowledge.load()


@pytest.fixture(scope="module")
def names(kb) -> list[nlp.EntityName]:
    return nlp.entity_names(kb)


@pytest.fixture(scope="module")
def pipeline(names):
    return nlp.make_pipeline(names)


@pytest.fixture(scope="module")
def canonical(names) -> dict[str, str]:
    """What EntitySynonymMapper will do: lower-cased text -> canonical id, from the generated training data."""
    mapping = {}
    for entry in nlp.synonym_training_data(names)["nlu"]:
        for line in entry["examples"].splitlines():
            mapping[line.removeprefix("- ")] = entry["synonym"]
    return mapping


def extract(pipeline, canonical, text: str) -> set[tuple[str, str]]:
    return {(ent.label_, canonical.get(ent.text.lower(), ent.text)) for ent in pipeline(text).ents}


@pytest.mark.parametrize(("text", "expected"), [
    ("Le Sénégal a-t-il ratifié la Convention n° 102 ?", {("country", "SN"), ("convention", "C102")}),
    ("Est-ce que le Senegal a ratifie la convention n°102", {("country", "SN"), ("convention", "C102")}),
    ("Quelle est la situation de la Côte d'Ivoire ?", {("country", "CI")}),
    ("et la Cote d'Ivoire pour la C102", {("country", "CI"), ("convention", "C102")}),
    ("Le Maroc a accepté la Partie V", {("country", "MA"), ("branch", "old_age")}),
    ("Quel est le taux minimum pour la vieillesse ?", {("aspect", "benefit_rate"), ("branch", "old_age")}),
    ("Quelle période de stage pour les prestations d'invalidité ?",
     {("aspect", "qualifying_period"), ("branch", "invalidity")}),
    ("quel est le délai de carence des indemnités de maladie", {("aspect", "waiting_period"), ("branch", "sickness")}),
    ("Qui signe l'instrument de ratification ?", {("procedure_step", "instrument")}),
    ("Quels pays d'Afrique ont ratifié depuis 2019 ?", {("region", "Africa"), ("year", "2019")}),
    ("Que dit la Recommandation n° 202 ?", {("convention", "R202")}),
    ("¿Ha ratificado el Perú el Convenio núm. 102?", {("country", "PE"), ("convention", "C102")}),
    ("y Peru el convenio 102", {("country", "PE"), ("convention", "C102")}),
    ("¿Marruecos aceptó la Parte V?", {("country", "MA"), ("branch", "old_age")}),
    ("¿Cuál es el período de calificación para la vejez?", {("aspect", "qualifying_period"), ("branch", "old_age")}),
    ("periodo de calificacion de la pension de invalidez", {("aspect", "qualifying_period"), ("branch", "invalidity")}),
    ("¿Qué países de América Latina ratificaron el C102?", {("region", "Americas"), ("convention", "C102")}),
    ("la duración de las prestaciones de desempleo", {("aspect", "duration"), ("branch", "unemployment")}),
    ("¿Cuándo entra en vigor para Costa de Marfil?", {("procedure_step", "registration"), ("country", "CI")}),
    ("accidentes del trabajo en España", {("branch", "employment_injury"), ("country", "ES")}),
])
def test_french_and_spanish_names_reach_actions_as_canonical_ids(pipeline, canonical, text, expected):
    assert extract(pipeline, canonical, text) == expected


@pytest.mark.parametrize("text", ["what is the next stage?", "which stage comes next?", "the next stage, please"])
def test_the_english_word_stage_stays_a_step_of_the_procedure_not_the_qualifying_period(pipeline, canonical, text):
    """French writes the qualifying period "stage"; alone, that word is English for a step, so only the French
    phrases that cannot be read in English ("période de stage", "stage requis"...) are names."""
    assert ("aspect", "qualifying_period") not in extract(pipeline, canonical, text)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_member_state_and_branch_is_recognised_by_its_french_and_spanish_names(kb, pipeline, canonical, lang):
    part_word = {"fr": "Partie", "es": "Parte"}[lang]
    for country in kb.countries.members:
        assert ("country", country.code) in extract(pipeline, canonical, f"Et {country.name.get(lang)} ?"), country.code
    for part in kb.c102.parts:
        assert ("branch", part.branch) in extract(pipeline, canonical, f"{part_word} {part.numeral}"), part.numeral
        assert ("branch", part.branch) in extract(pipeline, canonical, part.title.get(lang)), part.title.get(lang)
    for aspect in kb.c102.aspects:
        assert ("aspect", aspect.id) in extract(pipeline, canonical, aspect.label.get(lang)), aspect.label.get(lang)


def test_no_name_in_any_language_stands_for_two_things(names):
    meanings: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name in names:
        meanings[name.text.casefold()].add((name.label, name.value))
    assert {text: found for text, found in meanings.items() if len(found) > 1} == {}
    assert {"sénégal", "senegal", "pérou", "perú", "peru", "marruecos", "vejez", "período de calificación",
            "periodo de calificacion", "convention n° 102", "convenio núm. 102", "partie v", "parte v"} <= set(meanings)


def test_a_name_that_collides_once_its_accents_are_dropped_is_refused():
    """"Perú" (a country) and "Peru" (here a made-up region) would be the same text for a user without accents."""
    clash = [nlp.EntityName("country", "PE", "Perú"), nlp.EntityName("region", "Americas", "peru")]
    with pytest.raises(ValueError, match="'peru' names both country PE and region Americas"):
        nlp.entity_names_checked(variant for name in clash for variant in nlp.without_accents(name))
