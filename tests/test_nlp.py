"""The spaCy pipeline built from the knowledge base finds entities, named in English, French or Spanish, and maps
them to canonical ids."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from bot import knowledge
from bot.config import PROJECT_ROOT
from bot.nlu import pipeline as nlp
from tests.conftest import load_domain


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Has Morocco ratified C102?", {("country", "MA"), ("convention", "C102")}),
        ("has morocco ratified convention no. 102", {("country", "MA"), ("convention", "C102")}),
        ("what about pensions in Turkey", {("branch", "old_age"), ("country", "TR")}),
        ("Türkiye and work accidents", {("country", "TR"), ("branch", "employment_injury")}),
        ("the minimum standards convention", {("convention", "C102")}),
        ("What is the replacement rate for Part V?", {("aspect", "benefit_rate"), ("branch", "old_age")}),
        ("Which African countries ratified since 2020?", {("region", "Africa"), ("year", "2020")}),
        ("Ratified by the UK?", {("country", "GB")}),
        ("who signs the instrument of ratification?", {("procedure_step", "instrument")}),
    ],
)
def test_entities_reach_actions_as_canonical_ids(pipeline, canonical, text, expected):
    assert extract(pipeline, canonical, text) == expected


@pytest.mark.parametrize("text", ["can you tell us more", "no, it is fine", "I am in a hurry", "1852 was long ago"])
def test_ordinary_words_are_not_taken_for_entities(pipeline, canonical, text):
    assert extract(pipeline, canonical, text) == set()


def test_every_member_state_and_instrument_and_branch_is_recognised(kb, pipeline, canonical):
    for country in kb.countries.members:
        assert ("country", country.code) in extract(pipeline, canonical, f"What about {country.name}?"), country.name
    for instrument in kb.conventions.instruments:
        assert ("convention", instrument.id) in extract(pipeline, canonical, f"Tell me about {instrument.id}")
    for part in kb.c102.parts:
        assert ("branch", part.branch) in extract(pipeline, canonical, f"Part {part.numeral} please")


def test_a_name_for_two_different_things_is_an_error():
    clash = [nlp.EntityName("country", "GE", "Georgia"), nlp.EntityName("region", "Americas", "georgia")]
    with pytest.raises(ValueError, match="'georgia' names both country GE and region Americas"):
        nlp.entity_names_checked(clash)


def test_config_extracts_exactly_and_domain_declares_the_entities_the_ruler_produces(names):
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())
    extractor = next(c for c in config["pipeline"] if c["name"] == "SpacyEntityExtractor")
    domain = load_domain()
    produced = {name.label for name in names} | {nlp.YEAR_PATTERN["label"]}
    assert set(extractor["dimensions"]) == produced
    assert produced <= set(domain["entities"]), "other entities may come from elsewhere (e.g. the quiz's choices)"


def test_build_writes_pipeline_synonyms_and_lookups_once_per_knowledge_state(tmp_path, monkeypatch):
    monkeypatch.setenv("RATIFY_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setattr(nlp, "generated_dir", lambda: tmp_path / "generated")
    assert nlp.build() is True
    assert (tmp_path / "var" / "spacy" / "ratify_en" / "meta.json").exists()
    data = yaml.safe_load(nlp.synonyms_file().read_text())
    old_age = next(entry for entry in data["nlu"] if entry["synonym"] == "old_age")
    assert "- pensions\n" in old_age["examples"]
    lookups = {entry["lookup"]: entry["examples"] for entry in yaml.safe_load(nlp.lookups_file().read_text())["nlu"]}
    assert "- morocco\n" in lookups["country"]
    assert "- us\n" not in lookups["country"], "acronyms would match pronouns without case"
    assert "- invalidity benefit\n" in lookups["branch"]
    assert nlp.build() is False, "nothing changed, so nothing is rebuilt"
    assert nlp.build(force=True) is True


def test_fingerprint_changes_with_the_knowledge_base(tmp_path):
    for path in Path(knowledge.knowledge_dir()).glob("*.yml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    before = nlp.knowledge_fingerprint(tmp_path)
    with (tmp_path / "countries.yml").open("a") as handle:
        handle.write("\n# a comment is a change too\n")
    assert nlp.knowledge_fingerprint(tmp_path) != before


# -- French and Spanish names ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Le Sénégal a-t-il ratifié la Convention n° 102 ?", {("country", "SN"), ("convention", "C102")}),
    ("Est-ce que le Senegal a ratifie la convention n°102", {("country", "SN"), ("convention", "C102")}),
    ("Quelle est la situation de la Côte d'Ivoire ?", {("country", "CI")}),
    ("et la Cote d'Ivoire pour la C102", {("country", "CI"), ("convention", "C102")}),
    ("Le Maroc a accepté la Partie V", {("country", "MA"), ("branch", "old_age")}),
    ("Quel est le taux minimum pour la vieillesse ?", {("aspect", "benefit_rate"), ("branch", "old_age")}),
    ("Quelle période de stage pour les prestations d'invalidité ?",
     {("aspect", "qualifying_period"), ("branch", "invalidity")}),
    ("et le stage ?", {("aspect", "qualifying_period")}),  # a follow-up after a branch's figures
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


@pytest.mark.parametrize(("text", "expected"), [
    ("is the convention on maternity protection in force?", {("convention", "C183")}),
    ("maternity protection under Part VIII", {("branch", "maternity")}),
    ("la convention sur la maternite et la partie VIII", {("convention", "C183"), ("branch", "maternity")}),
    ("les prestations de maternité", {("branch", "maternity")}),
    ("el convenio sobre el desempleo y las prestaciones de desempleo",
     {("convention", "C168"), ("branch", "unemployment")}),
    ("que prévoit la convention sur les accidents du travail ?", {("convention", "C121")}),
    ("el convenio sobre asistencia médica y prestaciones monetarias de enfermedad", {("convention", "C130")}),
    ("la recomendacion sobre los pisos de proteccion social", {("convention", "R202")}),
])
def test_a_convention_named_by_its_subject_wins_over_the_branch_word_inside_it(pipeline, canonical, text, expected):
    assert extract(pipeline, canonical, text) == expected


@pytest.mark.parametrize(("typed", "written"), [
    ("chomage", "chômage"), ("vieillesse", "VIEILLESSE"), ("vejez", "Vejez"), ("pension de vejez", "pensión de vejez"),
    ("periodo de calificacion", "período de calificación"), ("delai de carence", "Délai de carence"),
    ("cuantos anos de aportes", "cuántos años de aportes"), ("a que edad", "a qué edad"),
    ("años de cotizacion", "años de cotización"), ("período de calificacion", "Período de calificación"),
    ("age de départ a la retraite", "âge de départ à la retraite"),
])
def test_a_name_is_found_with_or_without_its_accents_in_any_case(pipeline, canonical, typed, written):
    found = extract(pipeline, canonical, f"y {written}")
    assert found
    assert extract(pipeline, canonical, f"y {typed}") == found


def test_accents_are_left_out_word_by_word_and_the_keyboard_letters_n_and_c_may_stay():
    spellings = [name.text for name in nlp.without_accents(nlp.EntityName("aspect", "qualifying_period",
                                                                          "años de aportación"))]
    assert spellings == ["años de aportación", "años de aportacion", "anos de aportación", "anos de aportacion"]
    assert [name.text for name in nlp.without_accents(nlp.EntityName("country", "FR", "France"))] == ["France"]


@pytest.mark.parametrize(("text", "expected"), [
    ("delai de carence chomage", {("aspect", "waiting_period"), ("branch", "unemployment")}),
    ("cuantos años de aportes para jubilarse", {("aspect", "qualifying_period"), ("branch", "old_age")}),
    ("combien d'années de cotisation pour la retraite dans notre pays",
     {("aspect", "qualifying_period"), ("branch", "old_age")}),
    ("how many years of contributions before retirement?", {("aspect", "qualifying_period"), ("branch", "old_age")}),
    ("a qué edad se jubila la gente", {("aspect", "pensionable_age"), ("branch", "old_age")}),
    ("à partir de quel âge on touche la retraite", {("aspect", "pensionable_age"), ("branch", "old_age")}),
    ("por cuanto tiempo se paga el paro", {("aspect", "duration"), ("branch", "unemployment")}),
    ("cuánto debe pagar el seguro de desempleo", {("aspect", "benefit_rate"), ("branch", "unemployment")}),
    ("les jours non payés au début d'un congé maladie", {("aspect", "waiting_period"), ("branch", "sickness")}),
    ("días de carencia de la licencia médica", {("aspect", "waiting_period"), ("branch", "sickness")}),
    ("qui doit etre couvert pour la maternite", {("aspect", "coverage"), ("branch", "maternity")}),
    ("qué porcentaje de trabajadores debe cubrir la licencia de maternidad",
     {("aspect", "coverage"), ("branch", "maternity")}),
    ("quelle proportion des salariés pour les accidents de travail",
     {("aspect", "coverage"), ("branch", "employment_injury")}),
    ("el monto de las asignaciones familiares", {("aspect", "benefit_rate"), ("branch", "family")}),
    ("accidente laboral", {("branch", "employment_injury")}),
    ("pension por incapacidad", {("branch", "invalidity")}),
    ("incapacidad temporal", {("branch", "sickness")}),
    ("la pension de survivants", {("branch", "survivors")}),  # not "pension" (old age) + "survivants"
    ("pension de viudez", {("branch", "survivors")}),
    ("atencion medica en nuestro pais", {("branch", "medical_care")}),
    ("le vote de l'assemblée nationale", {("procedure_step", "decision")}),
])
def test_everyday_words_name_branches_aspects_and_steps(pipeline, canonical, text, expected):
    assert extract(pipeline, canonical, text) == expected


@pytest.mark.parametrize("text", [
    "cuántas semanas cotizadas hacen falta",  # the weeks of contributions, not how long the benefit is paid
    "how many weeks of contributions are needed",
])
def test_weeks_of_contributions_are_the_qualifying_period_not_the_duration(pipeline, canonical, text):
    assert extract(pipeline, canonical, text) == {("aspect", "qualifying_period")}


@pytest.mark.parametrize("text", [
    "je me retire, au revoir",  # French "se retirer", not the English "retire"
    "¿qué tasa para la incapacidad total?",  # after a work accident or an invalidity: the branch is not said
    "how many months after registration?", "jusqu'à quand dure la campagne ?", "¿hasta cuándo dura la campaña?",
])
def test_ambiguous_everyday_words_name_no_branch_and_no_duration(pipeline, canonical, text):
    found = extract(pipeline, canonical, text)
    assert not {label for label, _ in found} & {"branch"}
    assert ("aspect", "duration") not in found


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


def test_french_elisions_are_split_and_stay_split_once_the_pipeline_is_saved(pipeline, tmp_path):
    import spacy

    pipeline.to_disk(tmp_path / "ruler")
    saved = spacy.load(tmp_path / "ruler")
    doc = saved("Les pays d'Afrique et l’Algérie ? It's Côte d'Ivoire, don't worry")
    assert [token.text for token in doc] == ["Les", "pays", "d'", "Afrique", "et", "l’", "Algérie", "?", "It", "'s",
                                             "Côte", "d'", "Ivoire", ",", "do", "n't", "worry"]
    assert {(ent.text, ent.label_) for ent in doc.ents} == {("Afrique", "region"), ("Algérie", "country"),
                                                            ("Côte d'Ivoire", "country")}
