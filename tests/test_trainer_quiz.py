"""The quiz generator: every right answer is the knowledge base's own figure (looked up here independently of the
generator), the wrong options are other values and differ from each other, and the quiz follows a changed KB."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter

import pytest
import yaml

from bot import knowledge
from bot.answers.standards import part_label
from bot.config import PROJECT_ROOT
from bot.knowledge.c102 import format_number, format_percent
from bot.knowledge.text import LANGUAGES
from bot.trainer import quiz

KB = knowledge.load()


def kb_answer(kb: knowledge.Knowledge, question_id: str) -> str:
    """The right answer of a question, read from the knowledge base by the question's id alone."""
    kind, _, rest = question_id.partition(".")
    if kind == "rate":
        return format_percent(next(row.percent for row in kb.c102.schedule if row.id == rest))
    if kind == "qualifying_period":
        branch, which = rest.split(".")
        part = kb.c102.part(branch)
        rule = part.rule("qualifying_period")
        value = {"contribution": lambda: rule.max, "residence": lambda: rule.residence_max,
                 "reduced": lambda: part.rule("reduced_benefit").max_years}[which]()
        unit = "years" if which == "reduced" else rule.unit
        return f"{format_number(value)} {unit}"
    if kind == "duration":
        return f"{format_number(kb.c102.part(rest).rule('duration').min_weeks)} weeks"
    if kind == "article2":
        if rest == "min_parts":
            return f"{kb.c102.article2.min_parts} Parts"
        numeral = rest.split(".")[1]
        assert numeral in kb.c102.article2.one_of
        return part_label(kb.c102.part(numeral))
    if kind == "procedure":
        following = kb.procedure.after(rest)
        assert following is not None
        return following.title
    if kind == "convention":
        (higher,) = [instrument.id for instrument in kb.conventions.instruments
                     if instrument.effect_on_c102 and rest in instrument.effect_on_c102.c102_parts]
        return higher
    raise AssertionError(f"unknown question kind in {question_id}")


@pytest.mark.parametrize("seed", range(5))
def test_every_right_answer_is_the_knowledge_base_figure(seed):
    questions = quiz.all_questions(KB, random.Random(seed))
    assert {question.kind for question in questions} == set(quiz.KINDS)
    for question in questions:
        assert question.answer == kb_answer(KB, question.id), question.id


@pytest.mark.parametrize("seed", range(5))
def test_wrong_options_differ_from_the_answer_and_from_each_other(seed):
    for question in quiz.all_questions(KB, random.Random(seed)):
        assert quiz.MIN_WRONG <= len(question.wrong) <= quiz.MAX_WRONG, question.id
        assert question.answer not in question.wrong, question.id
        assert len(set(question.wrong)) == len(question.wrong), question.id


def test_wrong_options_are_real_values_of_the_same_kind():
    """E.g. a rate's wrong options are other Schedule rates, a step's are other steps' titles."""
    schedule = {format_percent(row.percent) for row in KB.c102.schedule}
    steps = {step.title for step in KB.procedure.steps}
    conventions = {i.id for i in KB.conventions.instruments if i.effect_on_c102}
    for question in quiz.all_questions(KB, random.Random(7)):
        pool = {"rate": schedule, "procedure": steps, "convention": conventions}.get(question.kind)
        if pool is not None:
            assert set(question.wrong) <= pool, question.id
        if question.kind == "convention":
            numeral = question.id.split(".")[1]
            for other in question.wrong:
                assert numeral not in KB.conventions.get(other).effect_on_c102.c102_parts


def test_every_question_cites_an_article():
    for question in quiz.all_questions(KB, random.Random(3)):
        assert question.article and question.prompt.endswith("?")


def test_a_quiz_of_the_size_asked_spreads_over_the_kinds_without_repeating_a_question():
    questions = quiz.generate(KB, 12, random.Random(1))
    assert len(questions) == 12
    assert len({q.id for q in questions}) == 12 and len({q.prompt for q in questions}) == 12
    assert set(Counter(q.kind for q in questions)) == set(quiz.KINDS)  # two of each kind


@pytest.mark.parametrize("size", [0, -1, 1000])
def test_a_size_out_of_range_is_refused_with_the_range(size):
    most = len(quiz.all_questions(KB, random.Random(5)))
    for refused in (lambda: quiz.check_size(KB, size), lambda: quiz.generate(KB, size, random.Random(5))):
        with pytest.raises(ValueError, match=rf"the quiz can have 1 to {most} questions, not {size}"):
            refused()
    quiz.check_size(KB, most)  # every question the knowledge base gives fits
    assert len(quiz.generate(KB, most, random.Random(5))) == most


def test_a_session_s_quiz_is_drawn_for_its_join_code():
    """The draw depends on the session's join code alone: the same code gives the same quiz, every run; codes that
    differ give quizzes of their own."""
    drawn = {code: [question.to_dict() for question in quiz.session_quiz(KB, 6, code)]
             for code in ("K7Q2", "R4ZM", "ZZ2Z", "A2B3")}
    assert all(drawn[code] == [question.to_dict() for question in quiz.session_quiz(KB, 6, code)] for code in drawn)
    assert len({repr(questions) for questions in drawn.values()}) == len(drawn)
    assert all(len(questions) == 6 for questions in drawn.values())


def test_a_session_s_quiz_is_the_same_in_another_process():
    """Nothing of the draw depends on the process (string hashing, set order): another Python, with another hash
    seed, draws the same quiz for the same code (a web server and a test draw alike)."""
    script = ("import json; from bot import knowledge; from bot.trainer import quiz; "
              "print(json.dumps([q.to_dict() for q in quiz.session_quiz(knowledge.load(), 10, 'K7Q2')]))")
    environment = {**os.environ, "PYTHONHASHSEED": "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"}
    elsewhere = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=environment, check=True,
                               capture_output=True, text=True).stdout
    assert json.loads(elsewhere) == [question.to_dict() for question in quiz.session_quiz(KB, 10, "K7Q2")]


def test_options_are_shuffled_per_participant_and_stable_for_each():
    question = next(q for q in quiz.all_questions(KB, random.Random(2)) if len(q.wrong) == quiz.MAX_WRONG)
    orders = {question.options(f"K7Q2:participant-{n}") for n in range(30)}
    assert len(orders) > 1
    assert question.options("K7Q2:someone") == question.options("K7Q2:someone")
    for order in orders:
        assert sorted(order) == sorted([question.answer, *question.wrong])


def test_a_question_survives_the_round_trip_through_the_database_json():
    question = quiz.all_questions(KB, random.Random(0))[0]
    assert quiz.QuizQuestion.from_dict(yaml.safe_load(yaml.safe_dump(question.to_dict()))) == question


def test_the_quiz_follows_the_knowledge_base_when_a_figure_changes(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data" / "knowledge", tmp_path, dirs_exist_ok=True)
    c102_file = tmp_path / "c102.yml"
    data = yaml.safe_load(c102_file.read_text(encoding="utf-8"))
    next(row for row in data["schedule"] if row["id"] == "old_age")["percent"] = 42
    next(p for p in data["parts"] if p["branch"] == "old_age")["checks"]["qualifying_period"]["max"] = 25
    c102_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    changed = knowledge.load_from(tmp_path)

    questions = {q.id: q for q in quiz.all_questions(changed, random.Random(0))}
    assert questions["rate.old_age"].answer == "42%"
    assert "42%" in questions["rate.sickness"].wrong  # a real figure of the same kind now
    assert questions["qualifying_period.old_age.contribution"].answer == "25 years"
    for question in questions.values():
        assert question.answer == kb_answer(changed, question.id)


def test_the_schedules_employment_injury_invalidity_row_is_named_and_no_figure_is_unconfirmed():
    questions = {question.id: question for question in quiz.all_questions(KB, random.Random(3))}
    row = questions["rate.injury_invalidity"]
    assert "invalidity after an employment injury (total loss of earning capacity, Art. 32(c) and 36)" in row.prompt
    assert row.answer == "50%"
    rates = [question for ident, question in questions.items() if ident.startswith("rate.")]
    assert len(rates) == len(KB.c102.schedule) and all(question.verified for question in rates)


# -- the same quiz in English, French and Spanish ----------------------------------------------------------------
#: words of the English sentence frames and units that neither French nor Spanish has
ENGLISH_WORDS = re.compile(r"\b(the|what|which|how|for|of|is|must|after|lowest|longest|shortest|years?|months?|weeks?|"
                           r"Parts?|step|comes|allows?|share|wage)\b")


@pytest.mark.parametrize("seed", range(3))
def test_the_same_quiz_in_three_languages_has_the_same_right_option(seed):
    """One quiz, written in each language from the same facts: the same questions, the same options in the same
    order for a participant, so the right option is the same letter whatever the language."""
    for question in quiz.generate(KB, 12, random.Random(seed)):
        options = question.options("K7Q2:participant")
        right = options.index(question.answer)
        for lang in LANGUAGES:
            written = [option.get(lang) for option in options]
            assert written.index(question.answer.get(lang)) == right, (question.id, lang)
            assert len(set(written)) == len(written), (question.id, lang)  # still distinct options


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_no_english_sentence_in_a_french_or_spanish_question(lang):
    for question in quiz.all_questions(KB, random.Random(4)):
        prompt = question.prompt.get(lang)
        assert prompt != question.prompt and not ENGLISH_WORDS.search(prompt), (question.id, prompt)
        assert prompt.endswith("?"), (question.id, prompt)
        for option in (question.answer, *question.wrong):
            assert not ENGLISH_WORDS.search(option.get(lang)), (question.id, option.get(lang))
            if question.kind != "convention":  # a Convention's id ("C121") is the same in every language
                assert option.get(lang) != option, (question.id, option.get(lang))


def test_names_and_figures_come_from_the_knowledge_base_in_each_language():
    questions = {question.id: question for question in quiz.all_questions(KB, random.Random(3))}
    old_age = next(row for row in KB.c102.schedule if row.id == "old_age")
    rate = questions["rate.old_age"]
    assert old_age.contingency.get("fr") in rate.prompt.get("fr")
    assert old_age.beneficiary.get("es") in rate.prompt.get("es")
    assert (rate.answer.get("fr"), rate.answer.get("es")) == (format_percent(old_age.percent, "fr"),
                                                               format_percent(old_age.percent, "es"))
    contribution = questions["qualifying_period.old_age.contribution"]
    assert "prestations de vieillesse" in contribution.prompt.get("fr")
    years = KB.c102.part("old_age").rule("qualifying_period").max
    assert contribution.answer.get("fr") == f"{format_number(years)} ans"
    step = next(q for q in questions.values() if q.kind == "procedure")
    following = KB.procedure.after(step.id.split(".", 1)[1])
    assert step.answer.get("es") == following.title.get("es")


def test_the_database_keeps_every_language_and_reads_an_english_only_quiz():
    question = quiz.all_questions(KB, random.Random(0))[0]
    stored = question.to_dict()
    assert set(stored["prompt"]) == set(LANGUAGES) and all(set(option) == set(LANGUAGES) for option in stored["wrong"])
    assert quiz.QuizQuestion.from_dict(stored).prompt.get("fr") == question.prompt.get("fr")
    # a session created before the questions were translated: its English texts, the same in every language
    old = quiz.QuizQuestion.from_dict({**stored, "prompt": str(question.prompt), "answer": str(question.answer),
                                       "wrong": [str(option) for option in question.wrong]})
    assert old == question and old.prompt.get("fr") == str(question.prompt)
    assert old.options("K7Q2:someone") == question.options("K7Q2:someone")
