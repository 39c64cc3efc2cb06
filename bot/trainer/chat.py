"""The bot's words in a trainer session: the welcome, each quiz question with its option buttons, right or wrong
with the article, the score. Plain text and buttons (`bot.answers.Reply`), like every other reply, in the
conversation's language (`Translator`): the sentences from the gettext catalogs, the questions and options in
the same language (`bot.trainer.quiz`), the words to type to join as they are understood in that language."""

from __future__ import annotations

from bot.answers.base import ENGLISH, Button, Command, Reply, cite, compose, eligibility_button
from bot.i18n import N_, Translator
from bot.knowledge.text import join_words
from bot.trainer.quiz import LETTERS, QuizQuestion
from bot.trainer.service import Answered, AnswerOutcome, Joined, JoinOutcome, Turn

START_QUIZ = Command("start_quiz")
QUIZ_CHOICE = "quiz_choice"  # the command of an option button; its value is the question's number and the letter
EXAMPLE_CODE = "K7Q2"
#: what a participant types to join, in each language ("rejoindre K7Q2", "unirme a K7Q2"): forms of the NLU data
#: (data/nlu/*/trainer.yml), and a join code is understood by its shape anyway (components/code_intent.py); the
#: name follows one of the words `bot.trainer.service.display_name` reads ("as", "en tant que", "como")
JOIN = N_("join {code}")
JOIN_AS = N_("join {code} as Amina")  # the translations use a name of their language
HOW_TO_JOIN = N_("To join a training session, type {join} and the session's code, e.g. '{example}' (the trainer shows "
                 "it); add your first name if you like: '{named}'.")
NOT_JOINED = N_("The quiz belongs to a training session, and you have not joined one.")
UNKNOWN_CODE = N_("There is no training session with the code {code}. Check the code on the trainer's screen and type "
                  "{join} and the code again.")
CLOSED = N_("The session {code} is closed: it takes no new participants.")
WELCOME = N_("Welcome to “{session}”{name}! Here you can:")
WELCOME_BACK = N_("Welcome back to “{session}”{name}! Here you can:")
ASK_ABOUT = N_("- ask me about Convention No. 102, the other standards and the ratification procedure;")
CHECK_PARTS = N_("- check which Parts of C102 your country could accept today.")
PRIVACY = N_("The trainer sees the answers and the topics asked in the session under a pseudonym, with your name only "
             "if you gave one.")
QUESTION = N_("Question {number} of {total}: {prompt}")
RIGHT = N_("Right: {answer}")
WRONG = N_("Not quite: the answer is {letter}. {answer}")
SCORE = N_("That was the quiz: you got {right} of {total} right. Ask me anything about the standards, or check your "
           "country's eligibility.")
NO_CHOICE = N_("Please answer with one letter, {letters}.")
NOT_OFFERED = N_("This question has the options {letters} only.")
STALE = N_("That button belongs to a question you have already answered.")
TOO_MANY_JOINS = N_("That is too many codes that did not work. Please wait a few minutes, then type {join} and the "
                    "code on the trainer's screen.")
UNAVAILABLE = N_("The training session cannot be reached right now (its database is down). Please try again in a "
                 "moment.")
QUIZ_AFTER_CHECK = N_("The quiz can wait until the eligibility check is done: answer its question, or type 'stop' to "
                      "pause the check, then ask for the quiz again.")
TAKE_QUIZ = N_("Take the quiz")
ASK_QUESTION = N_("Ask a question")
WHAT_IS_C102 = N_("What is Convention No. 102?")


def join_example(t: Translator = ENGLISH, code: str = EXAMPLE_CODE) -> str:
    """ "join K7Q2", "rejoindre K7Q2", "unirme a K7Q2": what to type to join the session `code`."""
    return t.gettext(JOIN).format(code=code)


def join_word(t: Translator = ENGLISH) -> str:
    """ "join", "rejoindre", "unirme a": the words before the code."""
    return t.gettext(JOIN).split("{code}")[0].strip()


def how_to_join(t: Translator = ENGLISH) -> str:
    return t.gettext(HOW_TO_JOIN).format(join=join_word(t), example=join_example(t),
                                         named=t.gettext(JOIN_AS).format(code=EXAMPLE_CODE))


def not_joined(t: Translator = ENGLISH) -> Reply:
    return Reply(f"{t.gettext(NOT_JOINED)} {how_to_join(t)}")


def too_many_joins(t: Translator = ENGLISH) -> Reply:
    return Reply(t.gettext(TOO_MANY_JOINS).format(join=join_word(t)))


def said(message: str, t: Translator = ENGLISH) -> Reply:
    """One of this module's fixed sentences (`UNAVAILABLE`, `QUIZ_AFTER_CHECK`...) in `t`'s language."""
    return Reply(t.gettext(message))


def offer(t: Translator, quiz: bool) -> tuple[Button, ...]:
    """What a participant can do next: take the quiz (unless it is done), ask a question, check their country."""
    ask = Button(t.gettext(ASK_QUESTION), t.gettext(WHAT_IS_C102))
    return (Button(t.gettext(TAKE_QUIZ), START_QUIZ), ask, eligibility_button(t)) if quiz else (
        ask, eligibility_button(t))


def join_reply(outcome: JoinOutcome, t: Translator = ENGLISH) -> Reply:
    session, participant = outcome.session, outcome.participant
    if outcome.status is Joined.NO_CODE:
        return Reply(how_to_join(t))
    if outcome.status is Joined.UNKNOWN:
        return Reply(t.gettext(UNKNOWN_CODE).format(code=outcome.code, join=join_word(t)))
    assert session is not None
    if outcome.status is Joined.CLOSED:
        # not its name: a closed session's name is for its participants, not for whoever tries codes
        return Reply(t.gettext(CLOSED).format(code=session.code))
    assert participant is not None
    hello = WELCOME_BACK if outcome.status is Joined.AGAIN else WELCOME
    name = f", {participant.display_name}" if participant.display_name else ""
    size = len(session.quiz)
    return Reply(compose(
        t.gettext(hello).format(session=session.name, name=name),
        t.ngettext("- take the quiz: {count} question on the social security standards;",
                   "- take the quiz: {count} questions on the social security standards;", size).format(count=size),
        t.gettext(ASK_ABOUT),
        t.gettext(CHECK_PARTS),
        t.gettext(PRIVACY),
    ), offer(t, quiz=True))


def turn_reply(turn: Turn, t: Translator = ENGLISH) -> Reply:
    """The pending question with a button per option, or the score when every question is answered."""
    if turn.question is None or turn.number is None:
        return Reply(t.gettext(SCORE).format(right=turn.right, total=turn.total), offer(t, quiz=False))
    lines = [f"{LETTERS[index]}. {option.get(t.lang)}" for index, option in enumerate(turn.options)]
    buttons = [Button(line, choice_payload(turn.number, LETTERS[index])) for index, line in enumerate(lines)]
    question = t.gettext(QUESTION).format(number=turn.number, total=turn.total, prompt=turn.question.prompt.get(t.lang))
    return Reply(compose(question, lines), tuple(buttons))


def answer_reply(outcome: AnswerOutcome, t: Translator = ENGLISH) -> list[Reply]:
    """Right or wrong with the article, then what comes next (the next question or the score)."""
    turn = outcome.turn
    if outcome.status in (Answered.NO_CHOICE, Answered.NOT_OFFERED):
        letters = join_words(LETTERS[:len(turn.options)], lang=t.lang)
        note = NO_CHOICE if outcome.status is Answered.NO_CHOICE else NOT_OFFERED
        return [Reply(t.gettext(note).format(letters=letters)), turn_reply(turn, t)]
    if outcome.status is Answered.STALE:
        return [said(STALE, t), turn_reply(turn, t)]
    if outcome.question is None:  # FINISHED
        return [turn_reply(turn, t)]
    return [Reply(feedback(outcome.question, outcome.options, outcome.status is Answered.RIGHT, t)),
            turn_reply(turn, t)]


def feedback(question: QuizQuestion, options: tuple[str, ...], right: bool, t: Translator = ENGLISH) -> str:
    letter = LETTERS[options.index(question.answer)]
    answer = question.answer.get(t.lang)
    text = t.gettext(RIGHT).format(answer=answer) if right else t.gettext(WRONG).format(letter=letter, answer=answer)
    return cite(text, question.article, question.verified, t)


def choice_payload(number: int, letter: str) -> Command:
    """What an option button does: choose the letter for the question of that number (the number tells an old
    button from the question being asked)."""
    return Command(QUIZ_CHOICE, f"{number}{letter}")
