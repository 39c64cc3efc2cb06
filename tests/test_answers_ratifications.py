"""Who has ratified C102, from our partial records: one country, its Parts, the count and lists."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer
from bot.answers.base import format_date
from bot.answers.ratifications import date_text
from bot.knowledge.ratifications import PartialDate

KB = knowledge.load()
RECORDS = KB.ratifications
FOOTER = (f"My records are partial; they were compiled on {format_date(RECORDS.records_compiled_on)}.\n"
          f"NORMLEX has the live list: {RECORDS.normlex_url}")
WITHOUT_RECORD = [country for country in KB.countries.members if RECORDS.get(country.code) is None]


def ask(topic: str, **slots):
    return answer(topic, KB, UserQuestion(**slots))


def test_dates_keep_their_precision():
    assert date_text(PartialDate(2016, 6, 6)) == "6 June 2016"
    assert date_text(PartialDate(2019, 6)) == "June 2019"
    assert date_text(PartialDate(2019)) == "2019"
    assert format_date(RECORDS.records_compiled_on) == "1 December 2026"


# -- ratification_status -------------------------------------------------------------------------------------------
def test_morocco_2019():
    record = RECORDS.get("MA")
    result = ask("ratification_status", country="MA")
    assert result.text.startswith("Morocco ratified C102 in 2019.")
    assert record.ratified_on == PartialDate(2019) and "2019-" not in result.text.split("\n")[0]
    assert "Parts accepted: not in my records" in result.text
    assert f"Status in my source: {record.status}" in result.text and record.note in result.text
    assert result.text.endswith(FOOTER)
    assert result.context == {"country": "MA"}


@pytest.mark.parametrize("record", [record for record in RECORDS.records if not record.former],
                         ids=lambda record: record.country)
def test_every_record_is_told_as_recorded(record):
    text = ask("ratification_status", country=record.country).text
    first = text.split("\n")[0]
    assert first.startswith(f"{record.country_name} ratified C102")
    assert (date_text(record.ratified_on) in first) if record.ratified_on else ("date not in my records" in first)
    if record.parts_accepted:
        assert f"Parts accepted: {', '.join(record.parts_accepted)}" in text
    declaration = "yes" if record.article3_declaration else "not in my records"
    assert f"Article 3 declaration (temporary exceptions): {declaration}" in text
    assert record.status in text and (record.note is None or record.note in text)
    assert text.endswith(FOOTER)


def test_dates_parts_declaration_and_notes():
    france = ask("ratification_status", country="FR").text
    assert "France ratified C102 on 14 June 1974." in france
    turkiye = ask("ratification_status", country="TR").text
    assert "Parts accepted: II, III, V, VI, VIII, IX, X" in turkiye
    assert "declaration (temporary exceptions): yes" in turkiye
    assert "ceased to apply when Serbia ratified Convention No. 121" in ask("ratification_status", country="RS").text
    assert "Convention No. 128" in ask("ratification_status", country="BB").text
    assert "Romania ratified C102 (date not in my records)." in ask("ratification_status", country="RO").text


def test_former_state_names_its_successors():
    state = KB.countries.state("YUCS")
    result = ask("ratification_status", country="YUCS")
    assert result.text.startswith("Yugoslavia is a former State.") and state.note in result.text
    assert "Yugoslavia ratified C102 on 20 December 1954." in result.text
    successors = [KB.countries.get(code).name for code in state.successors]
    assert all(name in result.text for name in successors)
    assert [button.title for button in result.buttons] == successors
    assert result.buttons[0].payload == f"Has {successors[0]} ratified C102?"
    assert result.text.endswith(FOOTER)


def test_successors_mention_the_predecessor_record():
    czechia = ask("ratification_status", country="CZ").text
    assert "Czechia is not in my records, which are incomplete — NORMLEX has the live list." in czechia
    assert RECORDS.not_confirmed_for("CZ").note in czechia
    assert "Czechia succeeded Czechoslovakia" in czechia
    assert "Czechoslovakia ratified C102 on 11 January 1990." in czechia
    serbia = ask("ratification_status", country="RS").text
    assert serbia.startswith("Serbia ratified C102 in 2000.") and "Serbia succeeded Yugoslavia" in serbia


def test_a_member_without_record_is_never_said_not_to_have_ratified():
    for country in WITHOUT_RECORD:
        text = ask("ratification_status", country=country.code).text
        assert f"{country.name} is not in my records, which are incomplete — NORMLEX has the live list." in text
        unconfirmed = RECORDS.not_confirmed_for(country.code)
        if unconfirmed is None:
            assert "has not ratified" not in text and "not ratified" not in text
        else:
            assert unconfirmed.note in text
        assert text.endswith(FOOTER)
    ivory = ask("ratification_status", country="CI").text
    assert "23 September 2020" in ivory and "no ratification was confirmed" in ivory


def test_a_misspelt_country_gets_a_suggestion():
    result = ask("ratification_status", text="Has Morroco ratified C102?")
    assert result.text == "I don't know that country ('Morroco'). Did you mean Morocco?"
    assert [(button.title, button.payload) for button in result.buttons] == [("Morocco", "Has Morocco ratified C102?")]
    assert result.context == {"country": None}
    assert "Sri Lanka" in ask("ratification_status", text="did sri lnka ratify c102").text


def test_a_country_name_the_ner_missed_is_found_in_the_text():
    assert ask("ratification_status", text="and what about Ivory Coast?") == ask("ratification_status", country="CI")
    assert ask("ratification_status", text="has morocco ratified it") == ask("ratification_status", country="MA")


def test_no_country_asks_which_when_the_question_is_about_the_users_own():
    for text in ("Has my country ratified the convention?", "avons-nous ratifié ?", "¿nuestro país lo ratificó?"):
        result = ask("ratification_status", text=text)
        assert result.text == "Which country do you mean?" and result.context == {"country": None}
    assert ask("parts_accepted", text="which parts were accepted?").text == "Which country do you mean?"


@pytest.mark.parametrize("text", ["", "is c102 widely ratified?", "who has ratified it already", "status please"])
def test_a_status_question_naming_no_country_gets_the_ratifications_by_region_then_which_country(text):
    result = ask("ratification_status", text=text)
    assert result.text.startswith("C102 ratifications in my records, by ILO region:")
    assert result.text.endswith("Name a country to see whether it has ratified C102.")
    assert "Africa" in [button.title for button in result.buttons] and result.context == {"country": None}
    assert result.topic == "ratifications_list", "the answer is the list of ratifications, recorded as such"


def test_another_convention_points_to_normlex():
    c128 = KB.conventions.get("C128")
    result = ask("ratification_status", country="MA", convention="C128")
    assert "cover C102 only" in result.text and result.text.endswith(c128.link)
    assert format_date(RECORDS.records_compiled_on) in result.text
    assert result.buttons[0].payload == "Has Morocco ratified C102?"
    assert result.context == {"convention": "C128"}
    assert ask("ratification_status", country="MA", convention="C102") == ask("ratification_status", country="MA")


# -- parts_accepted ------------------------------------------------------------------------------------------------
def test_parts_accepted_with_their_names():
    result = ask("parts_accepted", country="BB")
    for numeral in RECORDS.get("BB").parts_accepted:
        part = KB.c102.part(numeral)
        assert f"- Part {numeral} — {part.title}" in result.text
    assert "- Part V — Old-age benefit" in result.text and "Part II —" not in result.text
    assert result.text.endswith(FOOTER) and result.context == {"country": "BB"}


def test_parts_not_known():
    text = ask("parts_accepted", country="MA").text
    assert "Morocco ratified C102 in 2019, but my records do not list the Parts it accepted." in text
    assert "at least Part VI" in text
    assert "With an Article 3 declaration" in ask("parts_accepted", country="TR").text


def test_parts_of_a_predecessor_and_of_a_state_without_record():
    czechia = ask("parts_accepted", country="CZ").text
    assert "Czechoslovakia accepted these Parts of C102" in czechia and "- Part VII — Family benefit" in czechia
    assert "Finland is not in my records" in ask("parts_accepted", country="FI").text
    misspelt = ask("parts_accepted", text="Which parts did Germny accept?")
    assert misspelt.buttons[0].payload == "Which Parts of C102 has Germany accepted?"


# -- ratification_count --------------------------------------------------------------------------------------------
def test_ratification_count():
    latest, target = RECORDS.latest_total, RECORDS.target
    text = ask("ratification_count").text
    assert f"My records list {RECORDS.count} States" in text
    assert f"compiled on {format_date(RECORDS.records_compiled_on)}" in text
    assert text.startswith(f"C102 had {latest.count} ratifications as of {date_text(latest.as_of)}")
    assert text.startswith("C102 had 68 ratifications as of 11 June 2025, the most recent total published; Angola's "
                           "ratification was the 68th (source: https://www.maptss.gov.ao/?p=11033).")
    assert f"{target.count - latest.count} short of the ILO campaign's target of {target.count} ratifications by " \
           f"{target.by_year}" in text and "2 short of the ILO campaign's target of 70 ratifications by 2026" in text
    assert RECORDS.caveat in text and "About four" in text, "the records do not name every ratification"
    assert "65 ratifications as of December 2022" not in text
    assert text.endswith(RECORDS.normlex_url)


# -- ratifications_list --------------------------------------------------------------------------------------------
def test_list_since_a_year():
    result = ask("ratifications_list", year="2016")
    since = RECORDS.since(2016)
    assert f"since 2016 in my records ({len(since)})" in result.text
    for record in since:
        assert f"- {record.country_name} ({date_text(record.ratified_on)})" in result.text
    assert "- Morocco (2019)" in result.text and "- Paraguay (25 October 2021)" in result.text
    assert "- Sao Tome and Principe (7 June 2024)" in result.text and "- Angola (11 June 2025)" in result.text
    assert result.text.endswith(FOOTER) and result.context == {"year": "2016"}
    longer = ask("ratifications_list", year="2015").text  # more than a dozen: on one line
    assert "in my records (14): Chad (2015); " in longer and longer.count("- ") == 0


def test_list_in_a_region():
    result = ask("ratifications_list", region="Africa")
    for record in RECORDS.in_region(KB.countries, "Africa"):
        assert record.country_name in result.text
    assert result.text.endswith(FOOTER) and result.context == {"region": "Africa"}
    europe = ask("ratifications_list", region="European")
    assert europe.context == {"region": "Europe and Central Asia"}
    assert all(record.country_name in europe.text for record in RECORDS.in_region(KB.countries, "Europe"))


@pytest.mark.parametrize(("text", "lang", "region"), [
    ("Which countries in the Americas ratified C102?", "en", "Americas"),
    ("Quels pays d'Afrique ont ratifié la C102 ?", "fr", "Africa"),
    ("¿Qué países de América ratificaron?", "es", "Americas"),
])
def test_a_region_the_nlu_missed_is_read_in_the_question(text, lang, region):
    result = ask("ratifications_list", text=text, language=lang)
    records = RECORDS.in_region(KB.countries, region)
    assert records and all(record.country_name.get(lang) in result.text for record in records)
    assert all(str(record.ratified_on.year) in result.text for record in records if record.ratified_on)
    assert f"({len(records)})" in result.text and result.context == {"region": region}
    footer = answer("ratifications_list", KB, UserQuestion(language=lang)).text.splitlines()[-2:]
    assert result.text.splitlines()[-2:] == footer, "the same honesty about partial records"


def test_a_question_naming_no_region_still_counts_by_region():
    assert ask("ratifications_list", text="Which countries ratified C102?") == ask("ratifications_list")


def test_list_with_both_filters():
    result = ask("ratifications_list", region="Africa", year="2015")
    codes = {record.country for record in RECORDS.in_region(KB.countries, "Africa")}
    expected = [record for record in RECORDS.since(2015) if record.country in codes]
    assert f"in Africa since 2015 in my records ({len(expected)})" in result.text
    assert all(record.country_name in result.text for record in expected)
    assert "Paraguay" not in result.text and "Ukraine" not in result.text
    assert result.context == {"region": "Africa", "year": "2015"}


def test_list_without_filters_counts_by_region():
    result = ask("ratifications_list")
    for region in KB.countries.regions:
        assert f"- {region}: {len(RECORDS.in_region(KB.countries, region))}" in result.text
    assert f"- Former States: {sum(record.former for record in RECORDS.records)}" in result.text
    assert [button.title for button in result.buttons] == list(KB.countries.regions)
    assert result.text.endswith(FOOTER)
    assert ask("ratifications_list", region="Mars").text.startswith("I don't know the region 'Mars'.")


def test_an_empty_list_does_not_say_nobody_ratified():
    text = ask("ratifications_list", year="2030").text
    assert text.startswith("My records have no C102 ratification since 2030.") and text.endswith(FOOTER)


# -- the country's name in French and Spanish sentences --------------------------------------------------------------
@pytest.mark.parametrize(("country", "fr", "es"), [
    ("MA", "La C102 a été ratifiée par le Maroc en 2019.", "Marruecos ratificó el C102 en 2019."),
    ("PH", "Mes données, qui sont incomplètes, ne mentionnent aucune ratification des Philippines ;",
     "Filipinas no figura en mis registros"),
    ("YUCS", "La Yougoslavie est un ancien État. Elle n'est plus aujourd'hui", "Yugoslavia es un Estado que ya no"),
    ("RS", "La Serbie a succédé à la Yougoslavie, qui figure dans mes données :",
     "Serbia sucedió a Yugoslavia, que figura en mis registros:"),
])
def test_a_country_name_takes_its_french_article_in_a_sentence(country: str, fr: str, es: str):
    answers = [ask("ratification_status", country=country, language=lang).text for lang in ("fr", "es")]
    assert (fr in answers[0], es in answers[1]) == (True, True), answers
    assert "pays" not in answers[0].split("\n")[0]  # not "Le pays Maroc a ratifié"


def test_a_button_asks_about_a_successor_with_its_article():
    buttons = ask("ratification_status", country="YUCS", language="fr").buttons
    assert ("Croatie", "La C102 a-t-elle été ratifiée par la Croatie ?") in [(b.title, b.payload) for b in buttons]
    parts = ask("parts_accepted", country="MA", language="fr").text
    assert parts.startswith("La C102 a été ratifiée par le Maroc en 2019, mais mes données n'indiquent pas les parties")
