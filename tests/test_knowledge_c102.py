"""c102.yml: the Parts, aspects, general rules and checks, the single source of figures, and broken copies."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge import c102
from bot.knowledge.reader import KnowledgeError, load_document
from tests.conftest import changed_knowledge_document

DATA = PROJECT_ROOT / "data" / "knowledge"
BRANCHES = [("II", "medical_care"), ("III", "sickness"), ("IV", "unemployment"), ("V", "old_age"),
            ("VI", "employment_injury"), ("VII", "family"), ("VIII", "maternity"), ("IX", "invalidity"),
            ("X", "survivors")]
# Art. 3(1) as listed in the reference (verified there).
ARTICLE3_EXCEPTIONS = ("9(d)", "12(2)", "15(d)", "18(2)", "21(c)", "27(d)", "33(b)", "34(3)", "41(d)", "48(c)",
                       "55(d)", "61(d)")
GENERAL_RULES = ["art2_minimum_parts", "art3_declaration", "art4_further_parts", "art5_coverage_attained",
                 "art6_voluntary_insurance", "art65_earnings_related", "art66_flat_rate", "art67_means_tested",
                 "art68_equality", "art69_suspension", "art70_appeal", "art71_1_financing", "art71_2_employee_share",
                 "art71_3_state_responsibility", "art72_participation", "art76_reports", "art77_seafarers",
                 "art79_entry_into_force", "art82_denunciation"]


@pytest.fixture(scope="module")
def kb() -> c102.C102:
    return c102.parse(load_document(DATA, c102.FILE))


def parse_changed(tmp_path: Path, change: Callable[[dict], object]) -> c102.C102:
    return c102.parse(changed_knowledge_document(tmp_path, c102.FILE, change))


def part_data(data: dict, branch: str) -> dict:
    return next(part for part in data["parts"] if part["branch"] == branch)


# -- the real file -------------------------------------------------------------------------------------------
def test_parts_in_order_with_canonical_branches(kb):
    assert [(part.numeral, part.branch) for part in kb.parts] == BRANCHES
    assert kb.branch_ids == tuple(branch for _, branch in BRANCHES)


@pytest.mark.parametrize("key", ["V", "v", "old_age"])
def test_part_by_numeral_or_branch(kb, key):
    assert kb.part(key).title == "Old-age benefit"
    assert kb.part(key).articles == "25–30"


@pytest.mark.parametrize("key", ["XI", "I", "pensions", ""])
def test_unknown_part_raises_key_error(kb, key):
    with pytest.raises(KeyError):
        kb.part(key)


def test_has_part(kb):
    assert kb.has_part("X") and not kb.has_part("XI") and not kb.has_part("old_age")


def test_synonyms_include_what_users_type(kb):
    assert {"pension", "pensions", "retirement", "retirement pension", "old age", "Part V"} <= set(
        kb.part("old_age").synonyms)
    assert {"work accidents", "occupational injury", "occupational diseases", "Part VI"} <= set(
        kb.part("employment_injury").synonyms)
    for part in kb.parts:
        assert f"Part {part.numeral}" in part.synonyms


def test_aspects(kb):
    assert [aspect.id for aspect in kb.aspects if not aspect.general] == list(c102.ASPECTS)
    assert kb.aspect("appeal").facts == ("art70_appeal",) and kb.aspect("appeal").general
    assert {"replacement rate", "how much"} <= set(kb.aspect("benefit_rate").synonyms)
    assert {"years of contribution", "vesting"} <= set(kb.aspect("qualifying_period").synonyms)
    with pytest.raises(KeyError):
        kb.aspect("colour")


def test_general_rules_present_with_articles(kb):
    ids = [fact.id for fact in kb.general]
    assert set(GENERAL_RULES) <= set(ids)
    assert kb.general_fact("art71_2_employee_share").article == "C102 Art. 71(2)"
    for fact in kb.general:
        assert fact.article.startswith("C102 ") and fact.title and isinstance(fact.verified, bool)
    with pytest.raises(KeyError):
        kb.general_fact("art999")


def test_part_facts_are_keyed_by_known_aspects(kb):
    for part in kb.parts:
        assert set(part.facts) <= set(c102.ASPECTS)
        assert {"coverage", "contingency", "qualifying_period", "duration"} <= set(part.facts), part.branch
    assert "pensionable_age" in kb.part("old_age").facts
    assert "pensionable_age" not in kb.part("sickness").facts


def test_every_text_has_its_placeholders_filled(kb):
    texts = [fact.text for fact in kb.general] + [fact.text for part in kb.parts for fact in part.facts.values()]
    assert not [text for text in texts if "{" in text or "}" in text]


def test_schedule_figures_are_verified_and_stated_plainly(kb):
    """The Schedule to Part XI was checked against the Convention's complete English text."""
    for part in kb.parts:
        for rule in part.checks:
            if isinstance(rule, c102.RateRule):
                assert rule.verified and rule.row.verified
                assert f"C102 requires at least {c102.format_percent(rule.min_percent)}" in part.facts[
                    "benefit_rate"].text
    for fact in [*kb.general, *(fact for part in kb.parts for fact in part.facts.values())]:
        assert "generally" not in fact.text and "reported" not in fact.text, fact.id


def test_article3_exceptions_match_the_reference(kb):
    assert kb.article3_exceptions == ARTICLE3_EXCEPTIONS
    assert "9(d), 12(2)" in kb.general_fact("art3_declaration").text


def test_summary_counts(kb):
    checks = sum(len(part.checks) for part in kb.parts)
    assert kb.summary().startswith(f"9 Parts, {checks} checks, {len(kb.aspects)} aspects, {len(kb.general)} general "
                                   "rules, 0 of")


def test_thresholds_of_the_contract(kb):
    """The figures docs/assessment-contract.md names, as the engine will read them."""
    assert [kb.part(b).rule("benefit_rate").min_percent for b in ("sickness", "unemployment", "old_age",
                                                                 "employment_injury", "maternity", "invalidity",
                                                                 "survivors")] == [45, 45, 40, 50, 45, 40, 40]
    assert kb.coverage_basis("employees").minimum_percent == 50
    assert kb.coverage_basis("economically_active").minimum_percent == 20
    assert kb.coverage_basis("means_tested_residents").means_tested
    assert kb.part("old_age").coverage.article_for("employees") == "27(a)"
    assert kb.article2.min_parts == 3 and kb.article2.one_of == ("IV", "V", "VI", "IX", "X")
    assert kb.employee_share.max_percent == 50


# -- single source -------------------------------------------------------------------------------------------
def test_a_figure_changed_in_the_file_changes_rule_and_text(tmp_path):
    def raise_old_age_rate(data):
        next(row for row in data["schedule"] if row["id"] == "old_age")["percent"] = 41

    changed = parse_changed(tmp_path, raise_old_age_rate)
    assert changed.part("old_age").rule("benefit_rate").min_percent == 41
    assert "41%" in changed.part("old_age").facts["benefit_rate"].text
    assert "old age 41%" in changed.general_fact("schedule_part_xi").text


def test_no_threshold_is_typed_in_the_engine():
    """The rules may only compare with figures read from c102.yml: no number but 0 and 1 in their source."""
    engine = PROJECT_ROOT / "bot" / "eligibility"
    for name in ("rules.py", "article2.py", "assess.py", "result.py"):
        tree = ast.parse((engine / name).read_text(encoding="utf-8"))
        numbers = {node.value for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and type(node.value) in (int, float)}
        assert numbers <= {0, 1}, f"{name} types {sorted(numbers)}"


# -- broken copies -------------------------------------------------------------------------------------------
def _delete_title(data):
    del part_data(data, "old_age")["title"]


def _percent_as_word(data):
    data["schedule"][2]["percent"] = "forty"


def _unknown_branch(data):
    part_data(data, "old_age")["branch"] = "pensions"


def _duplicate_aspect(data):
    data["aspects"].append(dict(data["aspects"][0]))


def _unknown_aspect(data):
    part_data(data, "old_age")["facts"]["colour"] = {"text": "x", "article": "Art. 1", "verified": True}


def _general_aspect_with_unknown_fact(data):
    next(aspect for aspect in data["aspects"] if aspect["id"] == "appeal")["facts"] = ["art70_apeal"]


def _part_aspect_with_facts(data):
    data["aspects"][0]["facts"] = ["art70_appeal"]


def _general_aspect_as_part_fact(data):
    part_data(data, "old_age")["facts"]["appeal"] = {"text": "x", "article": "Art. 70", "verified": True}


def _waiting_flag_not_bool(data):
    part_data(data, "sickness")["checks"]["waiting_period"]["only_with_duration_limit"] = "yes"


def _unknown_basis(data):
    part_data(data, "old_age")["checks"]["coverage"]["bases"]["citizens"] = "e"


def _unknown_placeholder(data):
    part_data(data, "old_age")["facts"]["duration"]["text"] = {"en": "Paid for {duration.weeks} weeks.",
                                                              "fr": "Versée {duration.weeks} semaines.",
                                                              "es": "Se paga {duration.weeks} semanas."}


def _unknown_check(data):
    part_data(data, "old_age")["checks"]["colour"] = {"article": "1"}


def _exception_not_listed(data):
    part_data(data, "sickness")["article3_exceptions"] = ["15(d)"]


def _synonym_twice(data):
    part_data(data, "invalidity")["synonyms"].append("Pension")


def _rate_of_another_part(data):
    part_data(data, "old_age")["checks"]["benefit_rate"]["schedule"] = "sickness"


def _parts_out_of_order(data):
    data["parts"][3], data["parts"][4] = data["parts"][4], data["parts"][3]


def _negative_weeks(data):
    part_data(data, "sickness")["checks"]["duration"]["min_weeks"] = -26


def _missing_verified(data):
    del part_data(data, "maternity")["facts"]["duration"]["verified"]


@pytest.mark.parametrize(("change", "path", "problem"), [
    (_delete_title, "parts[3]", "missing key 'title'"),
    (_percent_as_word, "schedule[2].percent", "expected a number, got 'forty'"),
    (_unknown_branch, "parts[3].branch", "unknown value 'pensions'"),
    (_duplicate_aspect, "aspects[23]", "duplicate aspect id 'coverage'"),
    (_unknown_aspect, "parts[3].facts.colour", "unknown aspect 'colour'"),
    (_unknown_basis, "parts[3].checks.coverage.bases.citizens", "unknown coverage basis 'citizens'"),
    (_unknown_placeholder, "parts[3].facts.duration.text.en", "unknown placeholder '{duration.weeks}'"),
    (_unknown_check, "parts[3].checks.colour", "unknown check 'colour'"),
    (_exception_not_listed, "parts[1]", "Article 3 exception 18(2)"),
    (_synonym_twice, "parts[7]", "'Pension' already names parts[3]"),
    (_rate_of_another_part, "parts[3].checks.benefit_rate.schedule", "unknown value 'sickness'"),
    (_parts_out_of_order, "parts[3].numeral", "expected Part V here"),
    (_negative_weeks, "parts[1].checks.duration.min_weeks", "must be 0 or more"),
    (_missing_verified, "parts[6].facts.duration", "missing key 'verified'"),
    (_general_aspect_with_unknown_fact, "aspects[10].facts", "unknown general rule 'art70_apeal'"),
    (_part_aspect_with_facts, "aspects[0].facts", "'coverage' is a Part aspect"),
    (_general_aspect_as_part_fact, "parts[3].facts.appeal", "unknown aspect 'appeal'"),
    (_waiting_flag_not_bool, "parts[1].checks.waiting_period.only_with_duration_limit", "expected true or false"),
])
def test_broken_copy_is_rejected_with_file_path_and_problem(tmp_path, change, path, problem):
    with pytest.raises(KnowledgeError) as caught:
        parse_changed(tmp_path, change)
    error = caught.value
    assert error.file == c102.FILE
    assert error.path == path
    assert problem in error.problem
