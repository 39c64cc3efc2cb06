"""procedure.yml: the ratification steps in order, the path for a new ratification, and broken copies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.knowledge import procedure
from bot.knowledge.conventions import canonical_id
from bot.knowledge.reader import KnowledgeError, load_document
from tests.conftest import changed_knowledge_document

DATA = PROJECT_ROOT / "data" / "knowledge"
ALL_STEPS = ["submission", "consultation", "decision", "instrument", "registration", "first_report",
             "regular_reports", "supervision", "representations_complaints", "further_parts", "temporary_exceptions",
             "denunciation", "higher_convention", "technical_assistance"]
NEXT_STEPS = ["consultation", "decision", "instrument", "registration", "first_report", "regular_reports",
              "supervision", "technical_assistance"]


@pytest.fixture(scope="module")
def kb() -> procedure.Procedure:
    return procedure.parse(load_document(DATA, procedure.FILE))


def parse_changed(tmp_path: Path, change: Callable[[dict], object]) -> procedure.Procedure:
    return procedure.parse(changed_knowledge_document(tmp_path, procedure.FILE, change))


# -- the real file -------------------------------------------------------------------------------------------
def test_steps_in_order(kb):
    assert [step.id for step in kb.steps] == ALL_STEPS
    orders = [step.order for step in kb.steps]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


def test_next_steps_for_a_country_considering_c102(kb):
    assert [step.id for step in kb.next_steps()] == NEXT_STEPS
    assert not kb.step("submission").next_step, "submission is historical for C102"
    assert "1952" in kb.step("submission").text


def test_what_comes_next_walks_the_path(kb):
    walked, current = [], kb.next_steps()[0]
    while current is not None:
        walked.append(current.id)
        current = kb.after(current.id)
    assert walked == NEXT_STEPS
    assert kb.after("submission").id == "consultation"
    assert kb.after("denunciation").id == "higher_convention"


def test_submission_deadline(kb):
    submission = kb.step("submission")
    assert "12 months" in submission.deadline and "18 months" in submission.deadline
    assert submission.basis.startswith("ILO Constitution art. 19(5)(b)")


def test_consultation_under_c144(kb):
    consultation = kb.step("consultation")
    assert consultation.article == "C144 Art. 5(1)" and consultation.verified
    once_a_year = next(point for point in consultation.points if point.article == "C144 Art. 5(2)")
    assert not once_a_year.verified


def test_instrument_requirements(kb):
    instrument = kb.step("instrument")
    for signatory in ("Head of State", "Prime Minister", "Minister for Foreign Affairs", "Minister of Labour"):
        assert signatory in instrument.text
    assert "original" in instrument.text
    articles = {point.article for point in instrument.points}
    assert {"C102 Art. 2", "C102 Art. 3"} <= articles
    assert any("Reservations are not accepted" in point.text for point in instrument.points)


def test_registration_and_entry_into_force(kb):
    registration = kb.step("registration")
    assert registration.article == "C102 Art. 79(1), 79(3)" and "12 months" in registration.deadline


def test_reports(kb):
    first, regular = kb.step("first_report"), kb.step("regular_reports")
    assert "February" in first.text and "1 September" in first.deadline
    assert regular.deadline == "Every 6 years" and regular.article == "ILO Constitution art. 22"
    assert any(point.article == "ILO Constitution art. 23(2)" for point in regular.points)


def test_supervision_flags_the_cas_role_as_unverified(kb):
    supervision = kb.step("supervision")
    assert "CEACR" in supervision.text and supervision.verified
    cas = next(point for point in supervision.points if "CAS" in point.text)
    assert not cas.verified


def test_special_procedures_and_later_events(kb):
    assert kb.step("representations_complaints").article.startswith("ILO Constitution arts 24, 26")
    further = kb.step("further_parts")
    assert further.article == "C102 Art. 4" and further.verified
    denunciation = kb.step("denunciation")
    assert denunciation.article.startswith("C102 Art. 82")
    assert "27 April 1955" in denunciation.text and "one or more of Parts II-X" in denunciation.text
    higher = kb.step("higher_convention")
    assert higher.article == "C102 Art. 75" and "not a denunciation" in higher.text
    assert not higher.all_verified, "the C121/C168/C183 clauses are unverified"


# the words users type for a step (the `procedure_step` entity), at least those the NLU contract relies on
REQUIRED_NAMES = {
    "submission": ["submission", "submit", "competent authority", "competent authorities"],
    "consultation": ["tripartite consultation", "consultation", "consult", "C144", "social partners",
                     "social dialogue"],
    "decision": ["parliamentary approval", "parliament", "approval by parliament", "national decision"],
    "instrument": ["instrument of ratification", "instrument", "sign", "signs", "signed", "signature", "signatory",
                   "who signs"],
    "registration": ["registration", "register", "registered", "entry into force", "enter into force",
                     "enters into force", "comes into force", "come into force"],
    "first_report": ["first report"],
    "regular_reports": ["reports", "report", "reporting", "regular reports", "article 22"],
    "supervision": ["supervision", "supervisory bodies", "CEACR", "Committee of Experts", "Conference Committee",
                    "CAS"],
    "representations_complaints": ["representation", "representations", "complaint", "complaints", "article 24",
                                   "article 26"],
    "further_parts": ["further parts", "more parts", "additional parts", "other parts later", "article 4"],
    "temporary_exceptions": ["exceptions report", "renounce the exception"],
    "denunciation": ["denounce", "denunciation", "withdraw", "withdrawal", "article 82"],
    "higher_convention": ["higher convention", "higher-standard convention", "higher standards", "article 75",
                          "cease to apply"],
    "technical_assistance": ["technical assistance", "ILO support", "ILO help"],
}


def test_every_step_has_the_names_users_type(kb):
    assert set(REQUIRED_NAMES) == {step.id for step in kb.steps}
    for ident, required in REQUIRED_NAMES.items():
        names = kb.step(ident).names
        assert all(isinstance(name, str) and name.strip() == name and name for name in names)
        missing = set(required) - set(names)
        assert not missing, f"{ident} lacks {sorted(missing)}"


def test_names_lead_to_one_step(kb):
    names = kb.names()
    assert names["who signs"] == "instrument" and names["CEACR"] == "supervision" and names["C144"] == "consultation"
    assert len(names) == sum(len(step.names) for step in kb.steps)
    keys = [name.casefold() for step in kb.steps for name in step.names]
    assert len(keys) == len(set(keys)), "a name is used by two steps (or twice by one)"


def test_names_do_not_collide_with_other_entities():
    """A step name that also named a country, Convention, branch, aspect or region would make the EntityRuler
    pipeline ambiguous (and `bot.nlu.pipeline` refuses to build it)."""
    from bot import knowledge
    from bot.nlu import pipeline as nlp

    full = knowledge.load()
    others = {name.text.casefold(): f"{name.label} {name.value}" for name in nlp.entity_names(full)
              if name.label != "procedure_step"}
    clashes = {name: others[name.casefold()] for name in full.procedure.names() if name.casefold() in others}
    assert not clashes
    assert all(canonical_id(name) in (None, "C144") for name in full.procedure.names()), "no Convention ids"


def test_unknown_step_is_a_key_error(kb):
    with pytest.raises(KeyError):
        kb.step("signature")


def test_summary(kb):
    assert kb.summary().startswith("14 steps (8 for a new ratification), ")


# -- broken copies -------------------------------------------------------------------------------------------
def expect_error(tmp_path, change, path: str, problem: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        parse_changed(tmp_path, change)
    assert (caught.value.file, caught.value.path) == (procedure.FILE, path)
    assert problem in caught.value.problem, caught.value.problem


def test_missing_key(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][2].pop("title"), "steps[2]", "missing key 'title'")


def test_wrong_type(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][0].update(order="first"), "steps[0].order", "expected a whole number")
    expect_error(tmp_path, lambda d: d["steps"][1].update(next_step="yes"), "steps[1].next_step",
                 "expected true or false")


def test_unknown_phase(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][0].update(phase="someday"), "steps[0].phase",
                 "unknown value 'someday'")


def test_duplicate_id(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][3].update(id="decision"), "steps[3]",
                 "duplicate step id 'decision' (first at steps[2])")


def test_unknown_key(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][4].update(dedline="soon"), "steps[4]", "unknown key 'dedline'")


def test_orders_must_increase(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][5].update(order=2), "steps[5].order",
                 "steps must be listed in increasing order")


def test_some_step_must_be_a_next_step(tmp_path):
    def change(data):
        for step in data["steps"]:
            step["next_step"] = False
    expect_error(tmp_path, change, "steps", "no step is marked 'next_step: true'")


def test_bad_id(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][0].update(id="Submission Step"), "steps[0].id", "is not a valid id")


def test_names_are_required_texts(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][0].pop("names"), "steps[0]", "missing key 'names'")
    expect_error(tmp_path, lambda d: d["steps"][0].update(names=[]), "steps[0].names", "must list at least one name")
    expect_error(tmp_path, lambda d: d["steps"][1].update(names=["consultation", 144]), "steps[1].names[1]",
                 "expected a text")
    expect_error(tmp_path, lambda d: d["steps"][1].update(names=["consultation", " "]), "steps[1].names[1]",
                 "must not be empty")


def test_a_name_may_not_lead_to_two_steps(tmp_path):
    expect_error(tmp_path, lambda d: d["steps"][3].update(names=["instrument", "Tripartite  Consultation"]),
                 "steps[3].names[1]", "duplicate step name 'tripartite consultation' (first at steps[1].names[0])")
    expect_error(tmp_path, lambda d: d["steps"][2].update(names=["parliament", "Parliament"]), "steps[2].names[1]",
                 "duplicate step name 'parliament' (first at steps[2].names[0])")
