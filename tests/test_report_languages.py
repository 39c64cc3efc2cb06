"""The eligibility report in English, French and Spanish (`python -m bot assess FILE --lang fr`): the verdicts are
the same whatever the language (the JSON is identical), and a French or Spanish report has no English sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from test_i18n import french_spacing_problems

from bot.__main__ import main
from bot.nlu.understanding import english_sentences

EMPLOYEES = {"basis": "employees", "percent": 62}
CHECKS = {
    "ratifiable": {
        "country": "Ruritania",
        "branches": {
            "old_age": {"coverage": EMPLOYEES, "replacement_rate": 42, "qualifying_years": 30,
                        "qualifying_basis": "contribution", "reduced_benefit_years": 15, "pensionable_age": 65},
            "employment_injury": {"coverage": EMPLOYEES, "replacement_rate": 60, "qualifying_months": 0,
                                  "waiting_days": 0},
            "invalidity": {"coverage": EMPLOYEES, "replacement_rate": 45, "qualifying_years": 15,
                           "qualifying_basis": "contribution", "reduced_benefit_years": 5},
        },
        "general": {"employee_contribution_share": 40},
    },
    "short": {  # figures below the minimum, answers missing, an age above 65, too few Parts
        "branches": {
            "old_age": {"coverage": {"basis": "employees", "percent": 41}, "replacement_rate": 38,
                        "qualifying_years": 35, "qualifying_basis": "contribution", "pensionable_age": 67,
                        "max_duration_weeks": 52},
            "sickness": {"coverage": {"basis": "residents"}, "replacement_rate": 45, "max_duration_weeks": 13,
                         "waiting_days": 7},
            "family": {"coverage": EMPLOYEES, "benefit_value_percent": 2},
        },
        "general": {"employee_contribution_share": 60},
    },
    "unlimited": {
        "article3_declaration": True,
        "branches": {"unemployment": {"coverage": {"basis": "industrial_employees", "percent": 55},
                                      "replacement_rate": 50, "max_duration_weeks": "unlimited",
                                      "waiting_days": 3}},
    },
}


def run(tmp_path: Path, capsys, answers: dict, *options: str) -> str:
    path = tmp_path / "answers.yml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    assert main(["assess", str(path), *options]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", CHECKS)
def test_the_verdicts_are_the_same_in_the_three_languages(tmp_path, capsys, name):
    outputs = [json.loads(run(tmp_path, capsys, CHECKS[name], "--json", "--lang", lang)) for lang in ("en", "fr", "es")]
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["parts"] and outputs[0]["where_to_start"]


@pytest.mark.parametrize("name", CHECKS)
def test_english_is_the_default_and_unchanged(tmp_path, capsys, name):
    assert run(tmp_path, capsys, CHECKS[name]) == run(tmp_path, capsys, CHECKS[name], "--lang", "en")


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("name", CHECKS)
def test_a_french_or_spanish_report_has_no_english_sentence(tmp_path, capsys, name, lang):
    report = run(tmp_path, capsys, CHECKS[name], "--lang", lang)
    assert english_sentences(report) == []
    if lang == "fr":  # "… IX ou X ; des cotisations …": the separators the report composes are spaced too
        assert french_spacing_problems(report) == []
    english = run(tmp_path, capsys, CHECKS[name])
    # the same figures and articles: every number of the English report is in the translated one
    assert sorted(_numbers(english)) == sorted(_numbers(report))


def _numbers(text: str) -> list[str]:
    return [number.replace(",", ".") for number in re.findall(r"(?<![\w.])\d+(?:[.,]\d+)?", text)]


def test_a_report_in_french_says_the_verdict_in_french(tmp_path, capsys):
    report = run(tmp_path, capsys, CHECKS["short"], "--lang", "fr")
    assert "La C102 ne pourrait pas encore être ratifiée par le pays (art. 2) : il faudrait" in report
    assert "Prestation réduite : on ignore encore la réponse\u00a0; prestation réduite après 15 ans" in report
    assert "n'est pas connu" not in report  # "la réponse n'est pas connu": the participle did not agree
    assert "Partie V – Prestations de vieillesse : n'atteint pas le minimum" in report
    rate = "✗ Montant de la prestation (art. 28 + annexe) : 40\u00a0% au minimum, vous avez indiqué 38\u00a0%."
    assert rate in report


def test_a_report_in_spanish_says_what_is_missing_in_agreement(tmp_path, capsys):
    report = run(tmp_path, capsys, CHECKS["short"], "--lang", "es")
    assert "El país aún no podría ratificar el C102 (art. 2): necesitaría tres partes, una de ellas entre" in report
    assert "faltaría" not in report  # the verb agreed with one Part only


@pytest.mark.parametrize(("country", "fr", "es"), [
    ("Morocco", "ratifiée par le Maroc (art. 2), avec l'acceptation des parties V, VI et IX.",
     "Marruecos podría ratificar el C102"),
    ("Philippines", "ratifiée par les Philippines (art. 2)", "Filipinas podría ratificar el C102"),
    ("Madagascar", "ratifiée par Madagascar (art. 2)", "Madagascar podría ratificar el C102"),
])
def test_the_verdict_places_the_country_name_as_each_language_says_it(tmp_path, capsys, country, fr, es):
    check = {**CHECKS["ratifiable"], "country": country}
    french, spanish = (run(tmp_path, capsys, check, "--lang", lang) for lang in ("fr", "es"))
    assert f"Dans la situation décrite, la C102 pourrait être {fr}" in french
    assert es in spanish
    assert "  1. Parties V, VI et IX : elles atteignent le minimum" in french  # a list item starts with a capital
    assert "  1. Partes V, VI y IX: alcanzan el mínimo" in spanish


def test_an_unlimited_duration_is_said_without_a_gender_to_agree(tmp_path, capsys):
    french = run(tmp_path, capsys, CHECKS["unlimited"], "--lang", "fr")
    assert "vous avez indiqué sans limite." in french and "illimitée" not in french
