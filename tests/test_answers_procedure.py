"""How to ratify: the steps in order, one step, what comes next, and the higher-Convention effect (C102 Art. 75)."""

from __future__ import annotations

import pytest

from bot import knowledge
from bot.answers import UserQuestion, answer
from bot.knowledge.facts import UNVERIFIED_NOTE

KB = knowledge.load()
TOOLKIT = KB.campaign.links["toolkit"]
HIGHER = ("C121", "C128", "C130", "C168", "C183")


def ask(topic: str, **slots):
    return answer(topic, KB, UserQuestion(**slots))


def test_procedure_lists_the_next_steps_in_order_with_their_basis():
    result = ask("procedure")
    positions = []
    for step in KB.procedure.next_steps():
        line = f"- {step.title} ({step.basis})" if step.basis else f"- {step.title}"
        assert line in result.text
        positions.append(result.text.index(line))
    assert positions == sorted(positions)
    assert "- Tripartite consultation (C144 Art. 5(1))" in result.text
    assert "- Registration and entry into force (C102 Art. 79(1), 79(3))" in result.text
    assert result.context == {"procedure_step": None}
    assert TOOLKIT in result.text


@pytest.mark.parametrize(("lang", "events"), [
    ("en", "Other events after ratification: Representations and complaints, Accepting further Parts later,"),
    ("fr", "Autres étapes après la ratification : réclamations et plaintes, accepter d'autres parties par la suite,"),
    ("es", "Otras etapas posteriores a la ratificación: reclamaciones y quejas, aceptar otras partes más adelante,"),
])
def test_the_later_events_are_listed_as_a_sentence_lists_them(lang, events):
    assert events in ask("procedure", language=lang).text


@pytest.mark.parametrize(("lang", "article"), [("fr", r"(L'|Le |La |Les )"), ("es", r"(El |La |Los |Las )")])
def test_the_steps_are_listed_alike_without_an_article(lang, article):
    import re

    steps = [line for line in ask("procedure", language=lang).text.splitlines() if line.startswith("- ")]
    assert len(steps) >= 5 and not [line for line in steps if re.match(rf"- {article}", line)]


def test_procedure_says_submission_is_historical_for_c102():
    submission = KB.procedure.step("submission")
    text = ask("procedure").text
    line = next(line for line in text.split("\n") if line.startswith(submission.title))
    assert "lies in the past" in line and str(KB.c102.convention.adopted.year) in line and "1952" in line
    assert submission.basis in line
    assert f"- {submission.title}" not in text, "not among the steps for a country considering C102 today"


@pytest.mark.parametrize("step", KB.procedure.steps, ids=lambda step: step.id)
def test_procedure_step_gives_text_basis_deadline(step):
    result = ask("procedure_step", procedure_step=step.id)
    assert step.cite() in result.text
    if step.basis:
        assert step.basis in result.text
    if step.deadline:
        assert f"Deadline: {step.deadline}" in result.text
    for point in step.points:
        assert point.cite() in result.text
    following = KB.procedure.after(step.id)
    assert (f"Then: {following.title}." in result.text) if following else ("Then:" not in result.text)
    assert result.context == {"procedure_step": step.id}


def test_procedure_step_spot_checks():
    instrument = ask("procedure_step", procedure_step="instrument").text
    assert "Minister of Labour" in instrument and "C102 Art. 2" in instrument
    registration = ask("procedure_step", procedure_step="registration").text
    assert "12 months" in registration and "C102 Art. 79(1), 79(3)" in registration
    assert "Every 6 years" in ask("procedure_step", procedure_step="regular_reports").text
    assert "27 April 1955" in ask("procedure_step", procedure_step="denunciation").text
    further = ask("procedure_step", procedure_step="further_parts").text
    assert "(C102 Art. 4)." in further and UNVERIFIED_NOTE not in further


def test_art_76_reports_corrected():
    """Art. 76(1) also asks for the sickness-benefit duration under Art. 18(2)(a); 76(2) covers Parts not accepted."""
    text = ask("procedure_step", procedure_step="regular_reports").text
    assert "the duration of sickness benefit under Art. 18(2)(a) and of unemployment benefit under Art. 24(2)" in text
    assert "(C102 Art. 76(1))" in text
    assert "On the Parts it has not accepted, the State reports at the intervals the ILO Governing Body asks for " \
           "(C102 Art. 76(2))." in text
    assert UNVERIFIED_NOTE not in text


def test_art_82_denunciation_only_in_the_year_after_each_ten_years():
    text = ask("procedure_step", procedure_step="denunciation").text
    assert "only in the year following each ten-year period" in text and "C102 Art. 82" in text
    general = KB.c102.general_fact("art82_denunciation")
    assert general.verified and "only in the year that follows each ten-year period" in general.text


@pytest.mark.parametrize("ident", HIGHER)
def test_higher_convention_effect_on_c102(ident):
    instrument = KB.conventions.get(ident)
    effect = instrument.effect_on_c102
    result = ask("procedure_step", convention=ident)
    assert effect.cite() in result.text, "worded as the KB's verified flag allows"
    assert (UNVERIFIED_NOTE in result.text) == (not effect.verified)
    assert "C102 Art. 75" in result.text and instrument.link in result.text
    assert all(numeral in result.text.split("\n")[0] for numeral in effect.c102_parts)
    assert result.context == {"procedure_step": "higher_convention", "convention": ident}
    assert ask("procedure_step", convention=ident, procedure_step="higher_convention") == result


def test_higher_convention_spot_checks():
    c128 = ask("procedure_step", convention="C128").text
    assert "C128 Art. 45" in c128 and "Part IX" in c128 and "not a denunciation" in c128
    c183 = ask("procedure_step", convention="C183").text
    assert "do not confirm" in c183 and UNVERIFIED_NOTE in c183


def test_a_step_wins_over_a_convention_other_than_the_higher_ones():
    assert ask("procedure_step", procedure_step="denunciation", convention="C102") == \
        ask("procedure_step", procedure_step="denunciation")
    ratify = "when does it apply once we ratify?"
    assert ask("procedure_step", procedure_step="registration", convention="C128", text=ratify) == \
        ask("procedure_step", procedure_step="registration", text=ratify)


@pytest.mark.parametrize("text", ["when did convention 102 come into force?", "la c102 est entree en vigueur quand",
                                  "¿desde cuándo está en vigor el C102?"])
def test_when_a_named_convention_itself_came_into_force_is_answered_by_its_summary(text):
    result = ask("procedure_step", procedure_step="registration", convention="C102", text=text)
    assert result.topic == "instrument"
    assert result.text == ask("instrument", convention="C102", text=text).text
    assert "1955" in result.text


@pytest.mark.parametrize("text", ["From when does the convention apply to our country?",
                                  "when does C102 enter into force for a ratifying State?",
                                  "When does C102 enter into force for a country?",
                                  "la C102 entre en vigueur quand pour un État ?",
                                  "¿cuándo entra en vigor el C102 para nuestro país?"])
def test_entry_into_force_for_a_state_stays_the_step(text):
    result = ask("procedure_step", procedure_step="registration", convention="C102", text=text)
    assert result.topic is None and "12 months" in result.text


def test_procedure_step_without_a_step_gives_the_procedure():
    assert ask("procedure_step") == ask("procedure")
    assert ask("procedure_step", convention="C102") == ask("procedure")
    assert ask("procedure_step", procedure_step="party") == ask("procedure")


def test_next_step_without_a_step_is_the_first_step():
    first = KB.procedure.next_steps()[0]
    result = ask("next_step")
    assert first.id == "consultation" and first.cite() in result.text
    assert f"Then: {KB.procedure.after(first.id).title}." in result.text
    assert result.context == {"procedure_step": first.id}


def test_next_step_after_a_step():
    following = KB.procedure.after("registration")
    result = ask("next_step", procedure_step="registration")
    assert following.id == "first_report"
    assert result.text.startswith("After registration and entry into force:")
    assert following.cite() in result.text and f"Deadline: {following.deadline}" in result.text
    assert "Then: Regular reports." in result.text
    assert result.context == {"procedure_step": "first_report"}
    assert [button.payload for button in result.buttons] == ["What comes next?"]


def test_next_step_walks_the_path_through_the_context():
    walked, step = [], None
    while True:
        result = ask("next_step", procedure_step=step)
        if step is not None and result.context["procedure_step"] == step:
            break
        step = result.context["procedure_step"]
        walked.append(step)
    assert walked == [step.id for step in KB.procedure.next_steps()]
    assert "last step" in result.text and KB.campaign.contact_email in result.text and result.buttons == ()


def test_next_step_off_the_path_follows_the_full_list():
    result = ask("next_step", procedure_step="denunciation")
    assert result.context == {"procedure_step": "higher_convention"}
    assert KB.procedure.step("higher_convention").cite() in result.text


@pytest.mark.parametrize(("language", "said"), [("en", "27 April 1955"), ("fr", "27 avril 1955"),
                                                 ("es", "27 de abril de 1955")])
def test_entry_into_force_also_gives_the_date_c102_itself_came_into_force(language, said):
    """ "When did C102 enter into force?" asks for the step or for the Convention's own date: both are answered."""
    kb = knowledge.load()
    in_force = kb.conventions.get("C102").in_force
    assert in_force is not None and str(in_force.year) in said
    registration = answer("procedure_step", kb, UserQuestion(procedure_step="registration", language=language))
    assert said in registration.text
    signature = answer("procedure_step", kb, UserQuestion(procedure_step="instrument", language=language))
    assert "1955" not in signature.text
