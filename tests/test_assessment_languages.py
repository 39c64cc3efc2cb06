"""The eligibility check in French and Spanish, driven through the actions as tests/test_assessment_actions.py does:
every question, button, refusal and command reply in the conversation's language (no English sentence), answers
read in natural French and Spanish, and a check resumed in another language goes on in that one."""

from __future__ import annotations

import pytest

from actions import assessment_commands
from bot import answers, knowledge
from bot.assessment import chat as say
from bot.assessment.questions import branch_questions, read_answer
from bot.assessment.service import default_service
from bot.eligibility.fields import ValueProblem
from bot.eligibility.inputs import Keyword
from bot.i18n import translator
from bot.nlu.understanding import english_sentences
from tests.test_assessment_actions import (
    MATERNITY_SHORT,
    Chat,
    database,  # noqa: F401 (the fixture: each test on its own database)
    finished,
    reformed,
)

C102 = knowledge.load().c102

# the same check in each language: Morocco, no Article 3 declaration, Parts V, VI and IX, then the figures
SCRIPTS = {
    "fr": ("Mon pays peut-il ratifier la C102 ?",
           ["Maroc", "non", "vieillesse, accidents du travail et invalidité",
            "les salariés", "environ 62 pour cent", "42 %", "trente ans", "cotisations", "15", "soixante-cinq ans",
            "salariés", "80", "deux tiers", "aucun", "0",
            "salariés", "70", "40", "quinze", "cotisation", "cinq"], "je ne sais pas"),
    "es": ("¿Puede mi país ratificar el C102?",
           ["Marruecos", "no", "vejez, accidentes del trabajo e invalidez",
            "asalariados", "alrededor del 62 por ciento", "42 %", "treinta años", "cotizaciones", "15",
            "sesenta y cinco años",
            "asalariados", "80", "dos tercios", "ninguno", "0",
            "asalariados", "70", "40", "quince", "cotización", "cinco"], "no sé"),
}
SORRY = {"fr": "Désolé", "es": "Lo siento"}


def chat_in(lang: str, sender: str = "tester") -> Chat:
    chat = Chat(sender)
    chat.slots["language"] = lang  # what `action_choose_language` sets before the actions run
    return chat


def assert_in_language(chat: Chat) -> None:
    for message in chat.messages:
        texts = [message.get("text") or "", *(button["title"] for button in message.get("buttons", []))]
        for text in texts:
            assert not english_sentences(text), text


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_full_check_in_french_and_spanish(lang):
    start, answers, last = SCRIPTS[lang]
    chat = chat_in(lang)
    chat.start(start)
    assert_in_language(chat)
    for text in answers:
        reply = chat.answer(text)
        assert SORRY[lang] not in reply, (text, reply)
        assert_in_language(chat)
    assert {"fr": "financement", "es": "financiación"}[lang] in chat.text
    report = chat.answer(last)
    assert_in_language(chat)  # the report too: summary, detail, where to start, next steps
    assert {"fr": "Dans la situation décrite, la C102 pourrait être ratifiée par le Maroc (art. 2), avec "
                  "l'acceptation des parties V, VI et IX.",
            "es": "Marruecos podría ratificar el C102 en la situación descrita (art. 2), aceptando las partes V, VI "
                  "y IX."}[lang] in report
    assert {"fr": "Prochaines étapes :", "es": "Próximos pasos:"}[lang] in report
    assert {"fr": "L'assistance technique de l'OIT : socpro@ilo.org",
            "es": "La asistencia técnica de la OIT: socpro@ilo.org"}[lang] in report
    draft = chat.command(assessment_commands.ActionDraftInstrument(), "/draft_instrument")
    title = {"fr": "INSTRUMENT DE RATIFICATION\nConvention (n° 102) concernant la sécurité sociale (norme minimum), "
                   "1952",
             "es": "INSTRUMENTO DE RATIFICACIÓN\nConvenio sobre la seguridad social (norma mínima), 1952 (núm. 102)"}
    assert title[lang] in draft
    assert {"fr": "le Gouvernement du Maroc accepte", "es": "Marruecos acepta"}[lang] in draft
    assert_in_language(chat)
    assert default_service().saved(chat.code).status == "finished"
    saved = default_service().saved(chat.code).answers["branches"]
    assert saved["old_age"]["coverage"] == {"basis": "employees", "percent": 62.0}
    assert saved["old_age"]["pensionable_age"] == 65.0
    assert saved["employment_injury"]["replacement_rate"] == 66.7
    assert saved["invalidity"]["qualifying_years"] == 15.0


def answered(lang: str, *texts: str) -> Chat:
    chat = chat_in(lang)
    chat.start(SCRIPTS[lang][0])
    for text in texts:
        chat.answer(text)
    return chat


@pytest.mark.parametrize(("lang", "question", "expected"), [
    ("fr", "qu'est-ce que c'est ?", "(art. 28 et annexe à la partie XI de la C102)"),
    ("es", "¿qué es eso?", "(art. 28 y anexo a la parte XI del C102)"),
])
def test_a_question_mid_form_is_explained_in_the_language_then_asked_again(lang, question, expected):
    chat = answered(lang, *SCRIPTS[lang][1][:5])
    asked = chat.text
    reply = chat.command(assessment_commands.ActionExplainAssessmentQuestion(), question)
    assert expected in reply and reply.endswith(asked)
    assert_in_language(chat)


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["Je vais vous interroger sur le pays", "« arrêter » pour reprendre plus tard.",
            "La C102 a été ratifiée par le Maroc en 2019, mais mes données n'indiquent pas les parties acceptées.",
            "Examen prévu : parties V, VI et IX (20 questions).",
            "Qui est protégé par le régime de prestations de vieillesse : salariés,",
            "Quel est le montant de la prestation versée par le régime de prestations de vieillesse pour un homme",
            "(les gains antérieurs, ou le salaire d'un manœuvre",
            "Cette période se compte-t-elle en années de cotisation, d'emploi ou de résidence ?"]),
    ("es", ["«parar» para seguir más tarde.", "Examen previsto: partes V, VI y IX (20 preguntas).",
            "¿Qué porcentaje de todos los asalariados protege este régimen?",
            "¿Ese período se cuenta en años de cotización, de empleo o de residencia?"]),
])
def test_the_check_is_worded_as_a_native_speaker_would(lang, expected):
    chat, said = chat_in(lang), []
    said.append(chat.start(SCRIPTS[lang][0]))
    said += [chat.answer(text) for text in SCRIPTS[lang][1][:7]]
    assert [line for line in expected if line not in "\n".join(said)] == []


@pytest.mark.parametrize(("lang", "correction", "expected"), [
    ("fr", "change le taux à 45", "Réponse modifiée (Partie V — Prestations de vieillesse) : taux de remplacement "
                                  "→ 45."),
    ("es", "cambia la tasa a 45", "Respuesta modificada (Parte V — Prestaciones de vejez): tasa de reemplazo → 45."),
])
def test_a_correction_in_french_and_spanish(lang, correction, expected):
    chat = answered(lang, *SCRIPTS[lang][1][:7])
    assert expected in chat.command(assessment_commands.ActionCorrectAssessmentAnswer(), correction)
    assert chat.slots["assessment_progress"]["answers"]["old_age"]["replacement_rate"] == 45.0
    assert_in_language(chat)


@pytest.mark.parametrize(("lang", "skip", "expected", "next_part"), [
    ("fr", "passer", "Partie V — Prestations de vieillesse : branche laissée de côté dans cette vérification.",
     "Partie VI — "),
    ("es", "omitir", "Parte V — Prestaciones de vejez: rama excluida de esta comprobación.", "Parte VI — "),
])
def test_skipping_a_branch_in_french_and_spanish(lang, skip, expected, next_part):
    chat = answered(lang, *SCRIPTS[lang][1][:3])
    reply = chat.command(assessment_commands.ActionSkipAssessmentBranch(), skip)
    assert expected in reply and next_part in reply
    assert_in_language(chat)


def test_stopped_in_french_and_resumed_in_spanish_goes_on_in_spanish():
    chat = answered("fr", "Maroc", "non")
    code = chat.code
    stopped = chat.command(assessment_commands.ActionStopAssessment(), "arrêter")
    assert stopped == (f"Vérification arrêtée. Vos réponses sont enregistrées : tapez « reprendre {code} » pour "
                       "continuer plus tard.")
    later = chat_in("es", sender="someone-else")
    later.run(assessment_commands.ActionOpenAssessment(), f"reanudar {code}")
    later.active = True
    later.after_form_step()
    assert f"Bienvenido de nuevo: continuamos con la comprobación {code} (Marruecos)." in later.text  # not Morocco
    assert "¿Qué ramas debo examinar?" in later.text
    assert_in_language(later)


@pytest.mark.parametrize(("lang", "text", "message"), [
    ("fr", "140 %", "Désolé, je ne peux pas retenir cette réponse : 140 n'est pas un pourcentage entre 0 et 100."),
    ("es", "140 %", "Lo siento, no puedo utilizar esa respuesta: 140 no es un porcentaje entre 0 y 100."),
    ("fr", "-3", "le nombre de jours doit être égal ou supérieur à 0"),
    ("es", "-3", "el número de días debe ser 0 o más"),
])
def test_a_refused_answer_is_explained_in_the_language(lang, text, message):
    chat = answered(lang, "Kenya", "no" if lang == "es" else "non", "maladie" if lang == "fr" else "enfermedad")
    field_answers = {"fr": ("salariés", "60"), "es": ("asalariados", "60")}[lang]
    for answer in field_answers:
        chat.answer(answer)
    if text == "-3":
        chat.answer("50")
        chat.answer("26")
    assert message in chat.answer(text)
    assert_in_language(chat)


@pytest.mark.parametrize(("lang", "field", "text", "message"), [
    ("fr", "replacement_rate", "bleu", "Désolé, je ne peux pas retenir cette réponse : j'attends un pourcentage "
                                       "entre 0 et 100 ou « je ne sais pas », et non « bleu »."),
    ("es", "waiting_days", "cotizaciones", "Lo siento, no puedo utilizar esa respuesta: se esperaba un número de días, "
                                           "«ninguno» o «no sé», no «cotizaciones»."),
])
def test_an_answer_without_a_figure_is_refused_in_the_language(lang, field, text, message):
    with pytest.raises(ValueProblem) as refused:
        read_answer(C102, field, text)
    assert say.refusal(refused.value, translator(lang)) == message
    assert say.refusal(refused.value).startswith("Sorry, I can't use that: expected a ")  # English as before


def test_a_benefit_after_de_is_elided_in_french():
    sickness = branch_questions(C102, "sickness", t=translator("fr"))
    assert sickness[0].text.startswith("Qui est protégé par le régime d'indemnités de maladie : salariés,")
    assert not [question.text for question in sickness if "de indemnités" in question.text]
    assert branch_questions(C102, "old_age", t=translator("fr"))[0].text.startswith(
        "Qui est protégé par le régime de prestations de vieillesse :")
    assert branch_questions(C102, "sickness", t=translator("es"))[0].text.startswith(
        "¿A quién protege el régimen de prestaciones monetarias de enfermedad:")


@pytest.mark.parametrize(("lang", "heading"), [
    ("fr", "Partie V — Prestations de vieillesse, montant de la prestation :\n"),
    ("es", "Parte V — Prestaciones de vejez, cuantía de la prestación:\n"),
])
def test_a_question_on_a_figure_mid_form_is_headed_in_the_languages_style(lang, heading):
    question = answers.UserQuestion(branch="old_age", aspect="benefit_rate", language=lang)
    assert answers.answer("requirement", knowledge.load(), question).text.startswith(heading)


@pytest.mark.parametrize(("lang", "text", "message"), [
    ("fr", "Marocc", "Désolé, je ne peux pas retenir cette réponse : Je ne connais pas de pays nommé « Marocc »."),
    ("es", "Chiel", "Lo siento, no puedo utilizar esa respuesta: No conozco ningún país llamado «Chiel»."),
    ("fr", "Yougoslavie", "cette réponse : la Yougoslavie n'existe plus ; de quel État s'agit-il : "
                          "Bosnie-Herzégovine, Croatie, Monténégro, Macédoine du Nord, Serbie ou Slovénie ?"),
    ("es", "Yugoslavia", "esa respuesta: Yugoslavia ya no existe; ¿a qué Estado se refiere: Bosnia y Herzegovina, "
                         "Croacia, Montenegro, Macedonia del Norte, Serbia o Eslovenia?"),
])
def test_an_unknown_country_is_said_in_the_language(lang, text, message):
    chat = chat_in(lang)
    chat.start(SCRIPTS[lang][0])
    reply = chat.answer(text)
    assert message in reply
    assert "?." not in reply


@pytest.mark.parametrize(("field", "text", "value"), [
    ("replacement_rate", "environ 60 pour cent", 60.0),
    ("replacement_rate", "alrededor del 60 por ciento", 60.0),
    ("replacement_rate", "deux tiers", 66.7),
    ("replacement_rate", "dos tercios", 66.7),
    ("replacement_rate", "la moitié", 50.0),
    ("replacement_rate", "la mitad", 50.0),
    ("replacement_rate", "soixante-quinze", 75.0),
    ("replacement_rate", "quatre-vingt-dix", 90.0),
    ("replacement_rate", "vingt et un", 21.0),
    ("replacement_rate", "sesenta y cinco", 65.0),
    ("replacement_rate", "veinticinco", 25.0),
    ("replacement_rate", "je ne sais pas", None),
    ("replacement_rate", "no sé", None),
    ("max_duration_weeks", "sans limite", Keyword.UNLIMITED),
    ("max_duration_weeks", "sin límite", Keyword.UNLIMITED),
    ("max_duration_weeks", "six mois", 26.0),
    ("max_duration_weeks", "seis meses", 26.0),
    ("max_duration_weeks", "un an", 52.0),
    ("waiting_days", "aucun", 0.0),
    ("waiting_days", "ninguno", 0.0),
    ("qualifying_years", "trente ans", 30.0),
    ("qualifying_years", "veinte años", 20.0),
    ("per_child_of_all_residents", "oui", True),
    ("per_child_of_all_residents", "sí", True),
    ("per_child_of_all_residents", "non", False),
    ("qualifying_basis", "emploi", "employment"),
    ("qualifying_basis", "residencia", "residence"),
    ("coverage.basis", "les salariés", "employees"),
    ("coverage.basis", "résidants sous condition de ressources", "means_tested_residents"),
    ("coverage.basis", "Résidants soumis à condition de ressources", "means_tested_residents"),  # the button
    ("coverage.basis", "résidents soumis à condition de ressources", "means_tested_residents"),  # as often typed
    ("coverage.basis", "población económicamente activa", "economically_active"),
])
def test_french_and_spanish_answers_are_read(field, text, value):
    assert read_answer(C102, field, text) == value


@pytest.mark.parametrize(("field", "text", "value"), [
    ("max_duration_weeks", "an average of 26 weeks", 26.0),  # "an" is no French year here
    ("waiting_days", "once a week", 7.0),  # nor "once" a Spanish eleven
    ("replacement_rate", "no idea", None),
])
def test_english_answers_read_as_before(field, text, value):
    assert read_answer(C102, field, text) == value


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", ["Remarque : ces vérifications portent sur des pays différents (Ghana et Kenya).",
            "Ce qui a changé entre la vérification {before} et la vérification {after}",
            "Article 2 : sans changement, ratification pas encore possible",
            "  - Partie VIII, montant de la prestation (art. 50 + annexe) : 40\u00a0% → 50\u00a0%"]),
    ("es", ["Qué cambió entre la comprobación {before} y la comprobación {after}",
            "Artículo 2: sin cambios, ratificación aún no posible",
            "Requisitos que ahora se cumplen:\n"
            "  - Parte VIII, cuantía de la prestación (art. 50 + anexo): 40\u00a0% → 50\u00a0%"]),
])
def test_two_checks_are_compared_in_the_conversations_language(lang, expected):
    before, after = finished(MATERNITY_SHORT), finished(reformed(MATERNITY_SHORT, country="Kenya"))
    chat = chat_in(lang)
    reply = chat.command(assessment_commands.ActionCompareAssessments(), f"compare {before} {after}")
    assert [line for line in expected if line.format(before=before, after=after) not in reply] == [], reply
    assert_in_language(chat)
