"""The people-readable report of an assessment, and the draft instrument of ratification."""

from __future__ import annotations

import dataclasses

import pytest

from bot.config import PROJECT_ROOT
from bot.eligibility import BranchInput, CountryInput, Coverage, Keyword, assess
from bot.eligibility.result import Bound, CheckResult, Status
from bot.knowledge import c102
from bot.knowledge.reader import load_document
from bot.render.assessment import UNVERIFIED, check_line, render_assessment, summary
from bot.render.instrument import SIGNATORIES, render_instrument

MEDICAL = dict(coverage=Coverage("residents", 70), max_duration_weeks=Keyword.UNLIMITED)
SICKNESS = dict(coverage=Coverage("employees", 60), replacement_rate=50, max_duration_weeks=26, waiting_days=3)
OLD_AGE = dict(coverage=Coverage("employees", 62), replacement_rate=38, qualifying_years=30,
               reduced_benefit_years=None, pensionable_age=67)


@pytest.fixture(scope="module")
def kb() -> c102.C102:
    return c102.parse(load_document(PROJECT_ROOT / "data" / "knowledge", c102.FILE))


def report(kb, branches: dict[str, dict], **answers) -> str:
    built = {name: BranchInput(branch=name, **fields) for name, fields in branches.items()}
    return render_assessment(assess(CountryInput(branches=built, **answers), kb))


def test_summary_comes_first_with_verdict_and_gaps(kb):
    text = report(kb, {"medical_care": MEDICAL, "old_age": OLD_AGE}, country="Ruritania")
    lines = text.splitlines()
    assert lines[0] == "C102 eligibility check: Ruritania"
    assert lines[1] == "Ruritania could not yet ratify C102 (Art. 2): it needs two more Parts, one of them from " \
                       "Parts IV, V, VI, IX or X."
    assert lines[2] == "Acceptable now: Part II."
    assert lines[3] == "Falls short: Part V (benefit rate)."
    assert lines[4] == "Article 3 declaration (temporary exceptions): not made."


def test_failing_checks_come_first_with_article_and_figures(kb):
    text = report(kb, {"old_age": OLD_AGE})
    part = text.split("Part V – Old-age benefit: falls short\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert part[0] == "  ✗ Benefit rate (Art. 28 + Schedule): 40% needed, you told me 38%."
    assert part[1] == ("  ? Reduced benefit (Art. 29(2)): reduced benefit after at most 15 years of contribution or "
                       "employment needed, you have not told me yet.")
    assert part[2].startswith("  ! Pensionable age (Art. 26(2)): at most 65") and part[2].endswith(
        "you told me 67, which needs review.")
    assert [line[2] for line in part[3:]] == ["✓", "✓"]


def test_report_ends_with_not_modelled_and_full_review(kb):
    text = report(kb, {"sickness": SICKNESS})
    not_modelled, full_review = text.splitlines()[-2:]
    assert not_modelled == kb.not_modelled and "Art. 6" in not_modelled
    assert full_review == kb.full_review and "comparative legal assessment" in full_review
    assert "socpro@ilo.org" in full_review


def test_financing_line(kb):
    text = report(kb, {"sickness": SICKNESS}, employee_contribution_share=55)
    assert ("✗ Employees' share of the financing (Art. 71(2)): at most 50% of the total financing allowed, "
            "you told me 55%.") in text
    assert "; employees' own contributions of at most 50% of the financing (Art. 71(2)), not 55%." in text


def test_ratifiable_summary_lists_the_parts(kb):
    good_old_age = {**OLD_AGE, "replacement_rate": 40, "pensionable_age": 65, "reduced_benefit_years": 15}
    text = report(kb, {"medical_care": MEDICAL, "sickness": SICKNESS, "old_age": good_old_age},
                  country="Ruritania", article3_declaration=True)
    assert "Ruritania could ratify C102 as described (Art. 2), accepting Parts II, III and V." in text
    assert "Article 3 declaration (temporary exceptions): made." in text
    assert "Falls short" not in text


def test_missing_answers_are_listed_in_the_summary(kb):
    result = assess(CountryInput(branches={"sickness": BranchInput("sickness", **{**SICKNESS, "waiting_days": None})}),
                    kb)
    assert "Answers missing: Part III (waiting period)." in summary(result)


def test_country_status_is_shown_when_known(kb):
    answers = CountryInput(branches={}, country="Ruritania")
    result = assess(answers, kb, country_status=lambda name: f"{name}: no record")
    assert "Ratification record: Ruritania: no record" in summary(result)
    assert "Ratification record" not in summary(assess(answers, kb))


# -- the draft instrument ------------------------------------------------------------------------------------
def test_instrument_names_the_parts_in_order_and_the_signatory(kb):
    text = render_instrument(kb, "Ruritania", ["X", "medical_care", "V"], signatory="Minister of Labour",
                             signer="A. Minister", place="Strelsau", date="1 May 2026")
    assert text.startswith("DRAFT")
    assert "Social Security (Minimum Standards) Convention, 1952 (No. 102)" in text
    assert "35th Session, in Geneva, on 28 June 1952" in text
    assert "  Part II – Medical care\n  Part V – Old-age benefit\n  Part X – Survivors' benefit\n" in text
    assert "article 19, paragraph 5(d)" in text
    assert text.endswith("signed at Strelsau on 1 May 2026.\n\n______________________________\nA. Minister\n"
                         "Minister of Labour of Ruritania")
    assert "ARTICLE 3" not in text


def test_instrument_with_article3_declaration_lists_the_exceptions_of_the_parts(kb):
    text = render_instrument(kb, "Ruritania", ["II", "V", "VI"], article3_declaration=True)
    assert "DECLARATION UNDER ARTICLE 3" in text
    assert "Articles 9(d), 12(2), 27(d), 33(b) and 34(3)." in text
    assert "15(d)" not in text


@pytest.mark.parametrize(("parts", "gap"), [
    (["II", "III", "VII"], "one of Parts IV, V, VI, IX or X"),
    (["V", "VI"], "one more Part"),
])
def test_instrument_refuses_parts_that_do_not_satisfy_article_2(kb, parts, gap):
    with pytest.raises(ValueError, match=gap):
        render_instrument(kb, "Ruritania", parts)


def test_instrument_rejects_an_unknown_part(kb):
    with pytest.raises(KeyError):
        render_instrument(kb, "Ruritania", ["II", "V", "XI"])


def test_a_french_instrument_contracts_the_country_name(kb):
    from bot import knowledge
    from bot.i18n import translator

    philippines = knowledge.load().countries.get("PH").name
    text = render_instrument(kb, philippines, ["II", "V", "VI"], article3_declaration=True, t=translator("fr"))
    assert "EN CONSÉQUENCE, le Gouvernement des Philippines, avec l'assentiment" in text
    assert "Conformément à l'article 2 de la convention, le Gouvernement des Philippines accepte" in text
    assert "L'économie et les ressources médicales des Philippines n'ayant pas atteint" in text
    assert "réunie à Genève en sa 35e session, a adopté le 28 juin 1952 la Convention (n° 102)" in text
    assert text.endswith("Ministre des Affaires étrangères des Philippines")


def test_signatories_include_the_minister_of_labour():
    assert SIGNATORIES == ("Head of State", "Prime Minister", "Minister for Foreign Affairs", "Minister of Labour")


def test_no_check_of_the_report_says_its_figure_is_unconfirmed(kb):
    everything = {"medical_care": MEDICAL, "sickness": SICKNESS, "old_age": OLD_AGE}
    assert UNVERIFIED not in report(kb, everything, employee_contribution_share=55)


def test_an_unverified_figure_would_still_be_flagged():
    """The caveat follows the knowledge base's flag: it is gone because the figures are verified, not removed."""
    unconfirmed = CheckResult("benefit_rate", Status.FAILS, "28 + Schedule", Bound(">=", 40, "%"), "38%", False)
    assert check_line(unconfirmed).endswith(f"you told me 38%. {UNVERIFIED}")
    assert not check_line(dataclasses.replace(unconfirmed, verified=True)).endswith(UNVERIFIED)


@pytest.mark.parametrize("article", ["18(1)", "29(5)", "63(5)", "Art. 32", "35", "65(3), (6)", "Parts XII–XIII",
                                     "29(1)–(2), 57(1)–(2) and 63(1)–(2)", "Arts 32(c), 36"])
def test_not_modelled_names_the_simplifications_of_the_corrected_rows(kb, article):
    """Where the engine or the contract simplifies a corrected row, the report's "Not modelled" line says so."""
    assert article in kb.not_modelled
    assert "up to 3 waiting days are accepted whatever the duration" in kb.not_modelled
