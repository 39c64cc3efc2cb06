"""The bot's words in a trainer session: the welcome, each quiz question with its option buttons, right or wrong
with the article, the score. Plain text and buttons (`bot.answers.Reply`), like every other reply."""

from __future__ import annotations

from bot.answers.base import ELIGIBILITY_QUESTION, Button, Command, Reply, cite, compose
from bot.knowledge.c102 import join_words
from bot.trainer.quiz import LETTERS, QuizQuestion
from bot.trainer.service import Answered, AnswerOutcome, Joined, JoinOutcome, Turn

START_QUIZ = Command("start_quiz")
QUIZ_CHOICE = "quiz_choice"  # the command of an option button; its value is the question's number and the letter
EXAMPLE_JOIN = "join K7Q2"

HOW_TO_JOIN = (f"To join a training session, type join and the session's code, e.g. '{EXAMPLE_JOIN}' (the trainer "
               f"shows it); add your first name if you like: '{EXAMPLE_JOIN} as Amina'.")
NOT_JOINED = f"The quiz belongs to a training session, and you have not joined one. {HOW_TO_JOIN}"
PRIVACY = ("The trainer sees the answers and the topics asked in the session under a pseudonym, with your name only "
           "if you gave one.")
NO_CHOICE = "Please answer with one letter, {letters}."
NOT_OFFERED = "This question has the options {letters} only."
STALE = "That button belongs to a question you have already answered."
TOO_MANY_JOINS = ("That is too many codes that did not work. Please wait a few minutes, then type join and the code "
                  "on the trainer's screen.")
OFFER = [Button("Take the quiz", START_QUIZ), Button("Ask a question", "What is Convention No. 102?"),
         Button("Check my country's eligibility", ELIGIBILITY_QUESTION)]
AFTER_QUIZ = [Button("Ask a question", "What is Convention No. 102?"),
              Button("Check my country's eligibility", ELIGIBILITY_QUESTION)]


def join_reply(outcome: JoinOutcome) -> Reply:
    session, participant = outcome.session, outcome.participant
    if outcome.status is Joined.NO_CODE:
        return Reply(HOW_TO_JOIN)
    if outcome.status is Joined.UNKNOWN:
        return Reply(f"There is no training session with the code {outcome.code}. Check the code on the trainer's "
                      f"screen and type join and the code again.")
    assert session is not None
    if outcome.status is Joined.CLOSED:
        # not its name: a closed session's name is for its participants, not for whoever tries codes
        return Reply(f"The session {session.code} is closed: it takes no new participants.")
    assert participant is not None
    hello = "Welcome back to" if outcome.status is Joined.AGAIN else "Welcome to"
    name = f", {participant.display_name}" if participant.display_name else ""
    return Reply(compose(
        f"{hello} “{session.name}”{name}! Here you can:",
        f"- take the quiz: {len(session.quiz)} questions on the social security standards;",
        "- ask me about Convention No. 102, the other standards and the ratification procedure;",
        "- check which Parts of C102 your country could accept today.",
        PRIVACY,
    ), tuple(OFFER))


def turn_reply(turn: Turn) -> Reply:
    """The pending question with a button per option, or the score when every question is answered."""
    if turn.question is None or turn.number is None:
        return Reply(f"That was the quiz: you got {turn.right} of {turn.total} right. Ask me anything about the "
                      f"standards, or check your country's eligibility.", tuple(AFTER_QUIZ))
    lines = [f"{LETTERS[index]}. {option}" for index, option in enumerate(turn.options)]
    buttons = [Button(line, choice_payload(turn.number, LETTERS[index])) for index, line in enumerate(lines)]
    return Reply(compose(f"Question {turn.number} of {turn.total}: {turn.question.prompt}", lines),
                  tuple(buttons))


def answer_reply(outcome: AnswerOutcome) -> list[Reply]:
    """Right or wrong with the article, then what comes next (the next question or the score)."""
    turn = outcome.turn
    if outcome.status in (Answered.NO_CHOICE, Answered.NOT_OFFERED):
        letters = join_words(LETTERS[:len(turn.options)])
        note = (NO_CHOICE if outcome.status is Answered.NO_CHOICE else NOT_OFFERED).format(letters=letters)
        return [Reply(note), turn_reply(turn)]
    if outcome.status is Answered.STALE:
        return [Reply(STALE), turn_reply(turn)]
    if outcome.question is None:  # FINISHED
        return [turn_reply(turn)]
    return [Reply(feedback(outcome.question, outcome.options, outcome.status is Answered.RIGHT)), turn_reply(turn)]


def feedback(question: QuizQuestion, options: tuple[str, ...], right: bool) -> str:
    letter = LETTERS[options.index(question.answer)]
    said = f"Right: {question.answer}" if right else f"Not quite: the answer is {letter}. {question.answer}"
    return cite(said, question.article, question.verified)


def choice_payload(number: int, letter: str) -> Command:
    """What an option button does: choose the letter for the question of that number (the number tells an old
    button from the question being asked)."""
    return Command(QUIZ_CHOICE, f"{number}{letter}")
