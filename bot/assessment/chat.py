"""What the chat says during an eligibility check: each question with its unit and buttons, explanations, the
reference code, the report split into messages (summary first, then the detail, where to start, the link to the
report as a document, then the next steps), and two saved checks compared.

Form question texts come from the engine (`bot.assessment.questions`), facts from the knowledge base; the report and
"where to start" are the ones `bot/render/` writes for the CLI, so both say the same.
"""

from __future__ import annotations

from bot import answers
from bot.answers import Button, Reply
from bot.answers.base import ELIGIBILITY_QUESTION, compose, link
from bot.answers.standards import part_label, parts_phrase
from bot.assessment.progress import (
    ARTICLE3,
    BRANCHES,
    COUNTRY,
    EMPLOYEE_SHARE,
    Progress,
    Step,
    needed_questions,
    position,
    shown,
)
from bot.config import report_code, report_url
from bot.eligibility.compare import Comparison
from bot.eligibility.fields import QUALIFYING_BASES, Kind, Value, field_specs, rule_fields
from bot.eligibility.gaps import WhereToStart
from bot.eligibility.result import Assessment
from bot.knowledge import Knowledge
from bot.knowledge.c102 import Part
from bot.knowledge.facts import Fact
from bot.render.assessment import render_assessment, summary
from bot.render.compare import render_comparison
from bot.render.where_to_start import render_where_to_start
from bot.store import SavedAssessment

DONT_KNOW = Button("I don't know", "I don't know")
WHAT_IS_THAT = Button("What is that?", "What is that?")
ALL = Button("All branches", "all")
DRAFT = Button("Draft the instrument of ratification", "Draft the instrument of ratification")
START = Button("Check my country's eligibility", ELIGIBILITY_QUESTION)
# checks whose id is no aspect id: the aspect whose fact explains them
ASPECT_OF_CHECK = {"reduced_benefit": "qualifying_period", "family_benefit_value": "benefit_rate"}

INTRO = ("Let's check which Parts of C102 your country could accept today. I ask about the country, an Article 3 "
         "declaration, the branches to assess, then a few figures per branch. Ask a question at any time, say "
         "'what is that?' to have a question explained, 'skip' to leave a branch out, 'change the replacement "
         "rate to 42' to correct an answer, or 'stop' to continue later.")
ALREADY_RUNNING = "We are in the middle of an eligibility check{code}; let's go on (say 'stop' to stop it)."
COUNTRY_QUESTION = "Which country is this check for?"
BRANCHES_QUESTION = ("Which branches shall I assess? Pick one, type several (e.g. 'old age, employment injury and "
                     "invalidity'), or say 'all'.")
NOT_ACCEPTED = "The Parts not yet accepted"
CODE_NOTICE = "Your reference is {code} — type 'resume {code}' to come back later."
REFUSED = "Sorry, I can't use that: {problem}."
EXPECTED = "Answer with {expected}."
STOPPED = "Stopped. Your answers are saved: type 'resume {code}' to continue later."
SAVED = "Saved: type 'resume {code}' to go on with the check."
STOPPED_UNSAVED = "Stopped. I could not save your answers, sorry."
NOTHING_RUNNING = "There is no eligibility check running."
RESUMED = "Welcome back: continuing assessment {code}{country}."
EXAMPLE_CODE = "ABCD2345EF"  # the shape of `bot.store.assessments.new_code`
NO_CODE = ("I could not find the code of a saved assessment in your message. A code has ten letters and digits, "
           f"as I showed it, e.g. 'resume {EXAMPLE_CODE}'.")
UNKNOWN_CODE = ("No saved check has the code {code}. Check it against the one I gave you (ten letters and digits); "
                "codes are not case-sensitive.")
FINISHED = "Here is assessment {code} again."
CHOSEN = "I'll assess {parts}: {count} questions."
SKIPPED = "Skipped {part}: it is left out of this check."
NO_BRANCH_LEFT = "No branch is left to assess."
COUNTRY_SKIPPED = "I'll leave the country out."
ARTICLE3_SKIPPED = "I'll assume no Article 3 declaration."
CANNOT_SKIP = "Pick at least one branch to assess, or say 'stop'."
CHANGED = "Changed{where}: {what} is now {value}."
NOTHING_TO_CORRECT = "There is no assessment to correct yet."
NOT_ASKING = "I'm not asking anything at the moment."
NOTHING_TO_EXPLAIN = ("There is no question of the eligibility check open. Ask me about a term directly, e.g. "
                      "'What is an Article 3 declaration?'")
COUNTRY_EXPLAINED = ("I use the country to look up its C102 record (whether it ratified and which Parts it accepted) "
                     "and to name it in the report and the draft instrument. Say 'skip' to leave it out.")
REPORT_CODE = "Saved as {code}: type 'show {code}' to see this again."
INSTRUMENT = "Here is a draft instrument of ratification to copy:"
DOWNLOAD = "Download: {url}"
NO_INSTRUMENT = ("I can't draft the instrument: {reason}. Name the Parts to accept if you want a draft anyway, "
                 "e.g. 'draft the instrument for Parts V, VI and IX'.")
NO_ASSESSMENT_FOR_INSTRUMENT = ("Which assessment? Finish an eligibility check first, or say e.g. 'draft the "
                                f"instrument for {EXAMPLE_CODE}'.")
NEXT_STEPS = "Next steps"
DOWNLOAD_REPORT = "Download the report, to print and circulate (PDF): {url}"
REPORT_CAPTION = "The report of check {code}, to print and circulate."
COMPARE_EXAMPLE = f"compare {EXAMPLE_CODE} with M3N8QT7P2K"
TWO_CODES_NEEDED = ("To compare two checks, give me both reference codes (ten letters and digits each), e.g. "
                    f"'{COMPARE_EXAMPLE}'.")
ONE_CODE_ONLY = ("I found only one reference code, {code}: give me the code of the other check too, e.g. "
                 f"'{COMPARE_EXAMPLE}'.")
UNFINISHED_COMPARE = ("Check {code} is not finished yet, so there is no result to compare: type 'resume {code}' to "
                      "finish it first.")
DIFFERENT_COUNTRIES = "Note: these checks are of different countries ({a} and {b})."
UNNAMED = "no country named"
STORE_UNAVAILABLE = "I can't reach the saved checks at the moment, sorry; please try again later."


def prompt(kb: Knowledge, progress: Progress, step: Step) -> Reply:
    """The question to ask, with its buttons."""
    if step.kind == COUNTRY:
        return Reply(COUNTRY_QUESTION)
    if step.kind == BRANCHES:
        return branches_prompt(kb, progress)
    assert step.question is not None
    if step.kind == ARTICLE3:
        return Reply(step.question.text, (Button("Yes", "yes"), Button("No", "no"), WHAT_IS_THAT))
    spec = field_specs(kb.c102)[step.question.field]
    lines = [step.question.text]
    if spec.kind not in (Kind.CHOICE, Kind.FLAG):
        lines.append(EXPECTED.format(expected=spec.expected()))
    header = None
    if step.branch:
        number, total = position(kb.c102, progress, step)
        header = f"{part_label(kb.c102.part(step.branch))} ({number}/{total})"
    elif step.question.field == EMPLOYEE_SHARE:
        header = "Last question, on the financing (optional)"
    return Reply(compose(header, lines), field_buttons(kb, progress, step))


def branches_prompt(kb: Knowledge, progress: Progress) -> Reply:
    buttons = [Button(part_label(part), part.title) for part in kb.c102.parts]
    accepted = recorded_parts(kb, progress)
    if accepted:
        others = [part for part in kb.c102.parts if part.numeral not in accepted]
        if others:
            payload = ", ".join(f"Part {part.numeral}" for part in others)
            buttons.insert(0, Button(f"{NOT_ACCEPTED} ({', '.join(p.numeral for p in others)})", payload))
    return Reply(BRANCHES_QUESTION, (*buttons, ALL))


def field_buttons(kb: Knowledge, progress: Progress, step: Step) -> tuple[Button, ...]:
    assert step.question is not None
    spec = field_specs(kb.c102)[step.question.field]
    buttons: list[Button] = []
    if step.question.field == "coverage.basis" and step.branch:
        for basis_id in kb.c102.part(step.branch).coverage.bases:
            basis = kb.c102.coverage_basis(basis_id)
            if not basis.requires_article3 or progress.article3:
                buttons.append(Button(basis.synonyms[0].capitalize(), basis.id.replace("_", " ")))
    elif step.question.field == "qualifying_basis":
        buttons = [Button(choice.capitalize(), choice) for choice in QUALIFYING_BASES]
    elif spec.kind is Kind.FLAG:
        buttons = [Button("Yes", "yes"), Button("No", "no")]
    buttons += [Button(word.capitalize(), word) for word in spec.keywords]
    if spec.unknown_allowed:
        buttons.append(DONT_KNOW)
    return tuple(buttons)


def recorded_parts(kb: Knowledge, progress: Progress) -> tuple[str, ...]:
    """The Parts the country accepted when it ratified C102, as far as the records say."""
    record = kb.ratifications.get(progress.country_code) if progress.country_code else None
    return tuple(record.parts_accepted or ()) if record else ()


def country_note(kb: Knowledge, progress: Progress) -> str:
    """What the records say of the country and C102; for a ratifying State, the offer to assess further Parts."""
    text = answers.answer("parts_accepted", kb, answers.UserQuestion(country=progress.country_code)).text
    accepted = recorded_parts(kb, progress)
    if accepted and len(accepted) < len(kb.c102.parts):
        text += ("\nWe can assess the Parts it has not accepted yet, to see which further Parts it could "
                 "accept (Art. 4), or any others.")
    return text


def chosen_note(kb: Knowledge, progress: Progress) -> str:
    parts = [kb.c102.part(branch).numeral for branch in progress.branches or ()]
    count = sum(len(needed_questions(kb.c102, branch, progress.answers.get(branch, {})))
                for branch in progress.branches or ()) + 1  # and the financing question
    return CHOSEN.format(parts=parts_phrase(tuple(parts)), count=count)


def explanation(kb: Knowledge, step: Step) -> str:
    """What the question is about, in a line or two from the knowledge base."""
    c102 = kb.c102
    if step.kind == COUNTRY:
        return COUNTRY_EXPLAINED
    if step.kind == ARTICLE3:
        return first_sentence(c102.general_fact("art3_declaration"))
    if step.kind == BRANCHES:
        return c102.general_fact("art2_minimum_parts").cite()
    assert step.question is not None
    if step.branch is None:
        return c102.general_fact("art71_2_employee_share").cite()
    part = c102.part(step.branch)
    fact = _fact_for(part, step.question.field)
    if fact is not None:
        return fact.cite()
    return answers.answer("requirement", kb, answers.UserQuestion(branch=step.branch)).text


def _fact_for(part: Part, field: str) -> Fact | None:
    """The Part's fact on the aspect the field's check is about (coverage, benefit rate, qualifying period...)."""
    for rule in part.checks:
        names = rule_fields(rule)
        if field in names or (names == ("coverage",) and field.startswith("coverage.")):
            return part.facts.get(rule.check) or part.facts.get(ASPECT_OF_CHECK.get(rule.check, ""))
    return None


def first_sentence(fact: Fact) -> str:
    """The fact's first sentence with its article: the one-line explanation."""
    head, _, _ = fact.text.partition(". ")
    return Fact(text=head.rstrip(".") + ".", article=fact.article, verified=fact.verified).cite()


def changed(kb: Knowledge, branch: str | None, field: str, value: Value) -> str:
    """ "Changed (Part V — Old-age benefit): replacement rate is now 42."."""
    where = in_brackets(part_label(kb.c102.part(branch))) if branch else ""
    return CHANGED.format(where=where, what=field.replace(".", " ").replace("_", " "), value=shown(value))


def refusal(problem: Exception) -> str:
    return REFUSED.format(problem=str(problem).rstrip("."))


def report(kb: Knowledge, assessment: Assessment, where: WhereToStart, code: str | None) -> list[Reply]:
    """The result as chat messages: the summary; the detail per Part (failing checks first), the financing and the
    not-modelled line; where to start (the smallest changes, the ratification paths); the link to the report as a
    document (a saved check only); then the next steps with the procedure, the contact and, when ratifiable, the
    draft."""
    head = summary(assessment)
    detail = render_assessment(assessment).removeprefix(head).strip()
    procedure = answers.answer("procedure", kb, answers.UserQuestion())
    buttons = [*procedure.buttons]
    if assessment.article2.ratifiable:
        buttons.insert(0, DRAFT)
    contact = link(kb.campaign.technical_assistance.title, kb.campaign.contact_email)
    steps = compose(f"{NEXT_STEPS}:", procedure.text, contact, REPORT_CODE.format(code=code) if code else None)
    document = [Reply(DOWNLOAD_REPORT.format(url=report_url(code)))] if code else []
    return [Reply(head), Reply(detail), Reply(render_where_to_start(where)), *document, Reply(steps, tuple(buttons))]


def report_offered(text: str) -> str | None:
    """The code of the check whose report `text` offers on a line of its own (`DOWNLOAD_REPORT`), or None: what a
    channel that sends files (Telegram) sends as the document instead."""
    prefix = DOWNLOAD_REPORT.partition("{url}")[0]
    for line in text.splitlines():
        if line.startswith(prefix) and report_code(line):
            return report_code(line)
    return None


def comparison_reply(comparison: Comparison, before: SavedAssessment, after: SavedAssessment) -> Reply:
    """Two saved checks compared; a note when they are of different countries."""
    countries = (before.country, after.country)
    note = DIFFERENT_COUNTRIES.format(a=countries[0] or UNNAMED, b=countries[1] or UNNAMED) \
        if countries[0] != countries[1] else None
    return Reply(compose(note, render_comparison(comparison, before.code, after.code)))


def cannot_compare(saved: SavedAssessment | str) -> str:
    """Why a check named in a comparison cannot be compared: no check has that code, or it is not finished."""
    if isinstance(saved, str):
        return UNKNOWN_CODE.format(code=saved)
    return UNFINISHED_COMPARE.format(code=saved.code)


def instrument_reply(text: str, url: str | None) -> Reply:
    return Reply(compose(INSTRUMENT, text, DOWNLOAD.format(url=url) if url else None))


def in_brackets(text: str | None) -> str:
    """ " (Ghana)", or nothing when there is nothing to add."""
    return f" ({text})" if text else ""

