"""What C102 requires for a branch: one aspect, the branch's main figures, a missing branch or aspect."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer
from bot.knowledge.c102 import (
    AgeRule,
    DurationRule,
    FamilyValueRule,
    QualifyingRule,
    RateRule,
    ReducedBenefitRule,
    WaitingRule,
    format_number,
    format_percent,
)
from bot.knowledge.facts import UNVERIFIED_NOTE

KB = knowledge.load()
PAIRS = [(part.branch, aspect) for part in KB.c102.parts for aspect in part.facts]


def ask(**slots):
    return answer("requirement", KB, UserQuestion(**slots))


# -- one aspect ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("branch", "aspect"), PAIRS, ids=[f"{b}-{a}" for b, a in PAIRS])
def test_exactly_the_aspect_asked_for(branch, aspect):
    part = KB.c102.part(branch)
    fact = part.facts[aspect]
    result = ask(branch=branch, aspect=aspect)
    assert fact.cite() in result.text, "the figure with its article (and the caveat when unverified)"
    assert fact.article in result.text
    assert (UNVERIFIED_NOTE in result.text) == (not fact.verified)
    others = [other for ident, other in part.facts.items() if ident != aspect]
    assert not any(other.text in result.text for other in others), "only the aspect asked for"
    assert result.context == {"branch": branch, "aspect": aspect}


def test_spot_checks():
    rate = ask(branch="old_age", aspect="benefit_rate").text
    assert "40%" in rate and "Schedule" in rate and "Art. 28" in rate and "a man with a wife of pensionable age" in rate
    assert "C102 requires at least 40% of the reference wage" in rate and UNVERIFIED_NOTE not in rate
    qualifying = ask(branch="invalidity", aspect="qualifying_period").text
    assert "15 years" in qualifying and "C102 Art. 57" in qualifying
    age = ask(branch="old_age", aspect="pensionable_age").text
    assert "65" in age and "C102 Art. 26(2)" in age
    assert "12 weeks" in ask(branch="maternity", aspect="duration").text
    waiting = ask(branch="unemployment", aspect="waiting_period").text
    assert "7 days" in waiting and "C102 Art. 24(3)" in waiting
    coverage = ask(branch="old_age", aspect="coverage").text
    assert "at least 50% of all employees" in coverage and "C102 Art. 27" in coverage
    assert "a widow with two children" in ask(branch="survivors", aspect="standard_beneficiary").text


def test_the_branch_may_be_a_numeral():
    assert ask(branch="IX", aspect="qualifying_period") == ask(branch="invalidity", aspect="qualifying_period")


def test_an_aspect_that_does_not_apply():
    result = ask(branch="maternity", aspect="pensionable_age")
    part = KB.c102.part("maternity")
    assert "Pensionable age does not apply to maternity benefit (Part VIII)" in result.text
    labels = [aspect.label for aspect in KB.c102.aspects if aspect.id in part.facts]
    assert "pensionable_age" not in part.facts
    assert all(label.lower() in result.text for label in labels)
    assert [button.title for button in result.buttons] == labels
    assert result.buttons[0].payload == f"What is the {labels[0].lower()} for maternity benefit under C102?"
    assert result.context == {"branch": "maternity", "aspect": "pensionable_age"}


# -- the branch's main figures -----------------------------------------------------------------------------------------
def expected_figures(rule) -> list[str]:
    """The figures each check must show, read from the KB."""
    if isinstance(rule, RateRule):
        return [format_percent(rule.min_percent), rule.row.beneficiary]
    if isinstance(rule, DurationRule):
        variants = [rule.means_tested_min_weeks, rule.article3.amount if rule.article3 else None]
        return [f"{format_number(weeks)} weeks" for weeks in (rule.min_weeks, *variants) if weeks is not None]
    if isinstance(rule, WaitingRule):
        return [f"{format_number(rule.max_days)} days"]
    if isinstance(rule, QualifyingRule) and rule.max:
        return [f"{format_number(rule.max)} {rule.unit}"]
    if isinstance(rule, ReducedBenefitRule):
        return [f"{format_number(rule.max_years)} years"]
    if isinstance(rule, AgeRule):
        return [format_number(rule.max_age)]
    if isinstance(rule, FamilyValueRule):
        return [format_percent(rule.min_percent), format_percent(rule.all_residents.amount)]
    return []


@pytest.mark.parametrize("part", KB.c102.parts, ids=lambda part: part.branch)
def test_no_aspect_gives_the_main_figures(part):
    result = ask(branch=part.branch)
    assert result.text.startswith(f"Part {part.numeral} — {part.title}")
    lines = result.text.split("\n")
    for rule in part.checks:
        figures = expected_figures(rule)
        line = next((line for line in lines if f"(C102 Art. {rule.article})" in line
                     and all(figure in line for figure in figures)), None)
        assert line is not None, f"no line with {figures} and Art. {rule.article}"
        assert (UNVERIFIED_NOTE in line) == (not rule.verified)
    care = part.branch == "medical_care"  # the branch whose benefit is care: what it must include is a main point
    assert len(lines) == len(part.checks) + 2 + care, "a heading, one line per check, (the care), the link"
    coverage = part.coverage
    assert all(f"({letter})" in result.text for letter in coverage.bases.values())
    assert KB.conventions.get("C102").link in result.text
    assert {button.title for button in result.buttons} == {KB.c102.aspect(ident).label for ident in part.facts}
    assert result.context == {"branch": part.branch, "aspect": None}


def test_old_age_summary_spot_check():
    text = ask(branch="old_age").text
    assert "Minimum rate (Schedule): 40%" in text and "(C102 Art. 28)" in text
    assert "30 years of contribution or employment, or 20 years of residence (C102 Art. 29(1))" in text
    assert "Pensionable age: 65" in text and "(C102 Art. 26(2))" in text
    assert "Qualifying period: none (C102 Art. 37)" in ask(branch="employment_injury").text


# -- no branch -----------------------------------------------------------------------------------------------------
def test_no_branch_asks_which_with_nine_buttons():
    result = ask()
    assert "which branch" in result.text.lower()
    assert [button.title for button in result.buttons] == [part.title for part in KB.c102.parts]
    assert result.buttons[3].payload == "What does C102 require for old-age benefit?"
    assert result.context == {"branch": None, "aspect": None}


BRANCH_ASPECTS = sorted({aspect for part in KB.c102.parts for aspect in part.facts
                         if sum(aspect in other.facts for other in KB.c102.parts) > 1})


@pytest.mark.parametrize("aspect", BRANCH_ASPECTS)
def test_an_aspect_without_a_branch_is_answered_in_each_part_that_has_it(aspect):
    result = ask(aspect=aspect)
    having = [part for part in KB.c102.parts if aspect in part.facts]
    lines = [line for line in result.text.splitlines() if line.startswith("- ")]
    assert [line.split(":")[0] for line in lines] == [f"- Part {part.numeral} — {part.title}" for part in having]
    for part, line in zip(having, lines, strict=True):
        rules = [rule for rule in part.checks if rule.check == aspect]
        cited = [f"(C102 Art. {rule.article})" for rule in rules] or [f"({part.facts[aspect].article})"]
        assert all(article in line for article in cited), line
    assert "Name a branch for the detail" in result.text.splitlines()[-1]
    assert [button.title for button in result.buttons] == [part.title for part in having]
    assert result.buttons[-1].payload == f"What is the {KB.c102.aspect(aspect).label.lower()} for " \
                                         f"{having[-1].title.lower()} under C102?"
    assert result.context == {"branch": None, "aspect": aspect}


def test_the_waiting_period_in_each_branch_gives_each_figure_with_its_article():
    lines = ask(aspect="waiting_period").text.splitlines()
    waiting = [(part, part.rule("waiting_period")) for part in KB.c102.parts
               if any(rule.check == "waiting_period" for rule in part.checks)]
    assert len(waiting) > 1
    for part, rule in waiting:
        line = next(line for line in lines if line.startswith(f"- Part {part.numeral} "))
        assert f"at most {format_number(rule.max_days)} days" in line and f"(C102 Art. {rule.article})" in line


def test_the_qualifying_period_in_each_branch_keeps_the_figures_of_the_checks():
    text = ask(aspect="qualifying_period").text
    for part in KB.c102.parts:
        for rule in part.checks:
            if isinstance(rule, QualifyingRule) and rule.max:
                assert f"at most {format_number(rule.max)} {rule.unit} of contribution" in text


def test_the_aspect_in_each_branch_speaks_french_and_spanish():
    french = answer("requirement", KB, UserQuestion(aspect="waiting_period", language="fr"))
    spanish = answer("requirement", KB, UserQuestion(aspect="qualifying_period", language="es"))
    assert french.text.startswith("Délai de carence dans chaque branche de la C102")
    unemployment, invalidity = KB.c102.part("unemployment"), KB.c102.part("invalidity")
    waiting, qualifying = unemployment.rule("waiting_period"), invalidity.rule("qualifying_period")
    assert f"Partie IV — {unemployment.title.get('fr')} : {format_number(waiting.max_days)} jours au plus " \
           f"(art. {waiting.article} de la C102)" in french.text
    assert spanish.text.startswith("Período de calificación en cada rama del C102")
    assert f"Parte IX — {invalidity.title.get('es')}: como máximo {format_number(qualifying.max)} años de " \
           f"cotización" in spanish.text
    assert "Nommez une branche" in french.text and "Indique una rama" in spanish.text


def test_unknown_ids_are_ignored():
    assert ask(branch="gardening") == ask()
    assert ask(branch="old_age", aspect="colour") == ask(branch="old_age")


def test_an_aspect_that_only_one_part_has_needs_no_branch():
    from bot import answers, knowledge

    kb = knowledge.load()
    reply = answers.answer("requirement", kb, answers.UserQuestion(aspect="pensionable_age"))
    assert reply.context["branch"] == "old_age"
    assert kb.c102.figures["old_age.pensionable_age.max"] in reply.text


# -- the rows corrected against the Convention's complete text (issue 14) ------------------------------------------
def test_art_18_1_ties_the_unpaid_days_to_the_26_week_limit():
    answer_text = ask(branch="sickness", aspect="waiting_period").text
    assert "Only where the benefit is limited to 26 weeks per case may the first 3 days" in answer_text
    assert "(C102 Art. 18(1))" in answer_text and UNVERIFIED_NOTE not in answer_text
    summary = ask(branch="sickness").text
    assert "Waiting period: at most 3 days, and only where the duration is limited (C102 Art. 18(1))" in summary
    unemployment = ask(branch="unemployment").text
    assert "Waiting period: at most 7 days (C102 Art. 24(3))" in unemployment, "no such link in Art. 24(3)"


def test_art_29_5_transitional_reduced_benefit():
    text = ask(branch="old_age", aspect="qualifying_period").text
    assert "Transitional rule" in text and "because of their age when the Part's provisions came into force" in text
    assert "(C102 Art. 29(1)-(5))" in text


def test_art_32_contingencies_of_employment_injury():
    text = ask(branch="employment_injury", aspect="contingency").text
    assert "likely to be permanent" in text and "presumed unable to support herself" in text
    assert "(C102 Art. 32)" in text and UNVERIFIED_NOTE not in text


def test_art_35_vocational_rehabilitation():
    text = ask(branch="employment_injury", aspect="content").text
    assert "general vocational rehabilitation services" in text
    assert "provide vocational rehabilitation themselves" in text
    assert "(C102 Art. 34–35)" in text


def test_art_63_survivors_qualifying_periods_and_childless_widow():
    text = ask(branch="survivors", aspect="qualifying_period").text
    assert "15 years of contribution or employment, or 10 years of residence" in text
    assert "three years of contribution with a prescribed yearly average" in text  # 63(1)(b)
    assert "5 years of contribution or employment" in text and "residence does not count for it" in text  # 63(2)
    assert "childless widow presumed unable to support herself, a minimum length of marriage" in text  # 63(5)
    assert "(C102 Art. 63(1), (2), (5))" in text and UNVERIFIED_NOTE not in text


def test_schedule_names_the_employment_injury_invalidity_row():
    text = ask(branch="employment_injury", aspect="benefit_rate").text
    assert "50% for incapacity for work, 50% for the row the Schedule calls invalidity (total loss of earning" in text
    assert "40% for survivors" in text and UNVERIFIED_NOTE not in text


def test_what_medical_care_must_include():
    text = ask(branch="medical_care").text
    assert "Care provided: For ill health the care must include at least general practitioner care" in text
    assert "(C102 Art. 10)" in text
    assert ask(branch="maternity", aspect="content").text.count("(C102 Art. 49(2))") == 1


# -- general aspects: the rules for every branch -----------------------------------------------------------------------
@pytest.mark.parametrize(("aspect", "article", "words"), [
    ("suspension", "(C102 Art. 69)", "left without just cause"),
    ("appeal", "(C102 Art. 70)", "appeal against a refusal"),
    ("financing", "(C102 Art. 71(2))", "at most 50%"),
    ("participation", "(C102 Art. 72)", "representatives of the persons protected"),
    ("seafarers", "(C102 Art. 77)", "1946"),
    ("equality", "(C102 Art. 68)", "nationals born outside the country"),  # corrected 68(1)
    ("retroactivity", "(C102 Art. 73)", "in so far as the right to them comes from periods before"),  # 73(b)
    ("skilled_worker", "(C102 Art. 65(6)–(7))", "at or above the 75th percentile of their earnings"),  # 65(6)(c)
    ("definitions", "(C102 Art. 1(1))", "ordinarily resident"),
    ("voluntary_insurance", "(C102 Art. 6)", "supervised by the public authorities"),
    ("benefit_review", "(C102 Art. 65(10), 66(8))", "cost of living"),
    ("flat_rate", "(C102 Art. 66)", "ordinary adult male labourer"),
    ("means_tested_level", "(C102 Art. 67)", "at least 30%"),
])
def test_a_general_aspect_is_answered_with_its_article_whatever_the_branch(aspect, article, words):
    for branch in (None, "old_age"):
        result = ask(aspect=aspect, branch=branch)
        assert article in result.text and words in result.text and UNVERIFIED_NOTE not in result.text
        assert result.text.startswith(f"{KB.c102.aspect(aspect).label} under C102:")
        assert result.context == {"aspect": None}, "not kept: the next question is not a follow-up on it"
    assert answer("principles", KB, UserQuestion(aspect=aspect)).text == ask(aspect=aspect).text


def test_principles_without_a_general_aspect_give_the_whole_list():
    for question in (UserQuestion(), UserQuestion(aspect="coverage")):
        text = answer("principles", KB, question).text
        assert text.startswith("The governance and financing principles")


@pytest.mark.parametrize(("lang", "text"), [("en", "How does the Convention define invalidity?"),
                                            ("fr", "Comment la C102 définit-elle l'invalidité ?"),
                                            ("es", "¿Cómo se define la invalidez en el C102?")])
def test_how_c102_defines_a_branch_is_its_contingency(lang, text):
    reply = answer("requirement", KB, UserQuestion(text=text, language=lang, branch="invalidity"))
    assert KB.c102.part("invalidity").facts["contingency"].text.get(lang)[:40] in reply.text
    assert reply.context["aspect"] == "contingency"


def test_a_branch_named_without_asking_for_a_definition_gets_its_main_figures():
    reply = answer("requirement", KB, UserQuestion(text="tell me about invalidity benefit", branch="invalidity"))
    assert reply.context["aspect"] is None
