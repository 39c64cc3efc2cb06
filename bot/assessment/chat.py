"""What the chat says during an eligibility check: each question with its unit and buttons, explanations, the
reference code, the report split into messages (summary first, then the detail, where to start, the link to the
report as a document, then the next steps), and two saved checks compared.

Form question texts come from the engine (`bot.assessment.questions`), facts from the knowledge base; the report and
"where to start" are the ones `bot/render/` writes for the CLI, so both say the same.
"""

from __future__ import annotations

from bot import answers
from bot.answers import Button, Reply
from bot.answers.base import compose, link
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
from bot.assessment.questions import ENGLISH, NUMBER_OF, UNIT_WORDS, Listed, basis_name
from bot.config import report_code, report_url
from bot.eligibility.compare import Comparison
from bot.eligibility.fields import (
    QUALIFYING_BASES,
    Expected,
    FieldSpec,
    Kind,
    Value,
    ValueProblem,
    field_specs,
    rule_fields,
)
from bot.eligibility.gaps import WhereToStart
from bot.eligibility.result import Assessment
from bot.i18n import N_, Translator, translator
from bot.knowledge import Knowledge
from bot.knowledge.c102 import Part
from bot.knowledge.countries import Country, CountryName, phrase
from bot.knowledge.facts import Fact
from bot.knowledge.text import DEFAULT_LANGUAGE, LANGUAGES, Text, in_language, join_words
from bot.render.assessment import render_assessment, summary
from bot.render.compare import render_comparison
from bot.render.where_to_start import render_where_to_start
from bot.render.words import named_in_every_language
from bot.store import SavedAssessment

# English texts, marked for the catalog: `t.gettext(TEXT)`, or `words(t, TEXT, ...)` to fill one in
DONT_KNOW = N_("I don't know")
WHAT_IS_THAT = N_("What is that?")
ALL = Button("All branches", "all")
DRAFT = N_("Draft the instrument of ratification")
START = N_("Check my country's eligibility")
#: after "can we ratify R202?": what can be ratified instead
RATIFY_THE_CONVENTION = N_("C102 is a Convention, open to ratification: shall I check which of its Parts your country "
                           "could accept today?")
YES, NO = N_("Yes"), N_("No")
# checks whose id is no aspect id: the aspect whose fact explains them
ASPECT_OF_CHECK = {"reduced_benefit": "qualifying_period", "family_benefit_value": "benefit_rate"}

INTRO = N_("Let's check which Parts of C102 your country could accept today. I ask about the country, an Article 3 "
           "declaration, the branches to assess, then a few figures per branch. Ask a question at any time, say "
           "'what is that?' to have a question explained, 'skip' to leave a branch out, 'change the replacement "
           "rate to 42' to correct an answer, or 'stop' to continue later.")
ALREADY_RUNNING = N_("We are in the middle of an eligibility check{code}; let's go on (say 'stop' to stop it).")
COUNTRY_QUESTION = N_("Which country is this check for?")
BRANCHES_QUESTION = N_("Which branches shall I assess? Pick one, type several (e.g. 'old age, employment injury and "
                       "invalidity'), or say 'all'.")
ALL_BRANCHES = N_("All branches")
NOT_ACCEPTED = N_("The Parts not yet accepted")
CODE_NOTICE = N_("Your reference is {code} — type 'resume {code}' to come back later.")
REFUSED = N_("Sorry, I can't use that: {problem}.")
EXPECTED = N_("Answer with {expected}.")
STOPPED = N_("Stopped. Your answers are saved: type 'resume {code}' to continue later.")
SAVED = N_("Saved: type 'resume {code}' to go on with the check.")
STOPPED_UNSAVED = N_("Stopped. I could not save your answers, sorry.")
NOTHING_RUNNING = N_("There is no eligibility check running.")
RESUMED = N_("Welcome back: continuing assessment {code}{country}.")
EXAMPLE_CODE = "ABCD2345EF"  # the shape of `bot.store.assessments.new_code`
OTHER_CODE = "M3N8QT7P2K"
NO_CODE = N_("I could not find the code of a saved assessment in your message. A code has ten letters and digits, "
             "as I showed it, e.g. 'resume {example}'.")
UNKNOWN_CODE = N_("No saved check has the code {code}. Check it against the one I gave you (ten letters and "
                  "digits); codes are not case-sensitive.")
FINISHED = N_("Here is assessment {code} again.")
CHOSEN = N_("I'll assess {parts}: {count} questions.")
SKIPPED = N_("Skipped {part}: it is left out of this check.")
NO_BRANCH_LEFT = N_("No branch is left to assess.")
COUNTRY_SKIPPED = N_("I'll leave the country out.")
ARTICLE3_SKIPPED = N_("I'll assume no Article 3 declaration.")
CANNOT_SKIP = N_("Pick at least one branch to assess, or say 'stop'.")
CHANGED = N_("Changed{where}: {what} is now {value}.")
NOTHING_TO_CORRECT = N_("There is no assessment to correct yet.")
NOT_ASKING = N_("I'm not asking anything at the moment.")
NOTHING_TO_EXPLAIN = N_("There is no question of the eligibility check open. Ask me about a term directly, e.g. "
                        "'What is an Article 3 declaration?'")
COUNTRY_EXPLAINED = N_("I use the country to look up its C102 record (whether it ratified and which Parts it "
                       "accepted) and to name it in the report and the draft instrument. Say 'skip' to leave it out.")
FURTHER_PARTS = N_("We can assess the Parts it has not accepted yet, to see which further Parts it could accept "
                   "(Art. 4), or any others.")
LAST_QUESTION = N_("Last question, on the financing (optional)")
REPORT_CODE = N_("Saved as {code}: type 'show {code}' to see this again.")
INSTRUMENT = N_("Here is a draft instrument of ratification to copy:")
DOWNLOAD = N_("Download: {url}")
NO_INSTRUMENT = N_("I can't draft the instrument: {reason}. Name the Parts to accept if you want a draft anyway, "
                   "e.g. 'draft the instrument for Parts V, VI and IX'.")
NO_ASSESSMENT_FOR_INSTRUMENT = N_("Which assessment? Give the code of a finished eligibility check, e.g. 'draft "
                                  "the instrument for {example}', or name the Parts to accept, e.g. 'draft the "
                                  "instrument accepting Parts V, VI and IX'.")
NEXT_STEPS = N_("Next steps:")
DOWNLOAD_REPORT = N_("Download the report, to print and circulate (PDF): {url}")
REPORT_CAPTION = N_("The report of check {code}, to print and circulate.")
TWO_CODES_NEEDED = N_("To compare two checks, give me both reference codes (ten letters and digits each), e.g. "
                      "'compare {example} with {other}'.")
ONE_CODE_ONLY = N_("I found only one reference code, {code}: give me the code of the other check too, e.g. "
                   "'compare {example} with {other}'.")
UNFINISHED_COMPARE = N_("Check {code} is not finished yet, so there is no result to compare: type 'resume {code}' "
                        "to finish it first.")
DIFFERENT_COUNTRIES = N_("Note: these checks are of different countries ({a} and {b}).")
UNNAMED = N_("no country named")
STORE_UNAVAILABLE = N_("I can't reach the saved checks at the moment, sorry; please try again later.")
PERCENT_EXPECTED = N_("a percentage between 0 and 100")
AGE_EXPECTED = N_("an age in years")
PART_POSITION = N_("{part} ({number}/{total})")


def words(t: Translator, text: str, **values: object) -> str:
    """`text` in `t`'s language, filled with `values` (and the example codes a text may show)."""
    return t.gettext(text).format(example=EXAMPLE_CODE, other=OTHER_CODE, **values)


def button(t: Translator, title: str, payload: str, intent: str | None = None) -> Button:
    """A button in `t`'s language. In French and Spanish its payload is the translated text, or the intent itself
    (`/explain_question`) when the NLU knows the English words only: a payload in English would switch the
    conversation's language."""
    if t.lang == DEFAULT_LANGUAGE:
        return Button(title, payload)
    return Button(t.gettext(title), f"/{intent}" if intent else t.gettext(payload))


def prompt(kb: Knowledge, progress: Progress, step: Step, t: Translator = ENGLISH) -> Reply:
    """The question to ask, with its buttons (`step` worded in `t`'s language: `next_step(..., t)`)."""
    if step.kind == COUNTRY:
        return Reply(t.gettext(COUNTRY_QUESTION))
    if step.kind == BRANCHES:
        return branches_prompt(kb, progress, t)
    assert step.question is not None
    if step.kind == ARTICLE3:
        return Reply(step.question.text, (*yes_no(t), button(t, WHAT_IS_THAT, WHAT_IS_THAT, "explain_question")))
    spec = field_specs(kb.c102)[step.question.field]
    lines = [step.question.text]
    if spec.kind not in (Kind.CHOICE, Kind.FLAG):
        lines.append(words(t, EXPECTED, expected=expected(spec, t)))
    header = None
    if step.branch:
        number, total = position(kb.c102, progress, step)
        header = words(t, PART_POSITION, part=part_label(kb.c102.part(step.branch), t), number=number, total=total)
    elif step.question.field == EMPLOYEE_SHARE:
        header = t.gettext(LAST_QUESTION)
    return Reply(compose(header, lines), field_buttons(kb, progress, step, t))


def expected(spec: FieldSpec, t: Translator) -> str:
    """What the field takes, in `t`'s language: "a number of weeks, 'unlimited' or 'unknown'"."""
    if t.lang == DEFAULT_LANGUAGE:
        return spec.expected()
    base = {Kind.PERCENT: t.gettext(PERCENT_EXPECTED), Kind.AGE: t.gettext(AGE_EXPECTED),
            Kind.COUNT: t.gettext(NUMBER_OF.get(spec.unit, ""))}[spec.kind]
    said = [t.gettext(word) for word in spec.keywords]
    if spec.unknown_allowed:
        said.append(t.gettext(DONT_KNOW).lower())
    quoted = [f"« {word} »" if t.lang == "fr" else f"«{word}»" for word in said]
    return join_words([base, *quoted], "or", t.lang)


def yes_no(t: Translator) -> tuple[Button, Button]:
    return button(t, YES, "yes"), button(t, NO, "no")


def branches_prompt(kb: Knowledge, progress: Progress, t: Translator = ENGLISH) -> Reply:
    buttons = [Button(part_label(part, t), part.title.get(t.lang)) for part in kb.c102.parts]
    accepted = recorded_parts(kb, progress)
    if accepted:
        others = [part for part in kb.c102.parts if part.numeral not in accepted]
        if others:
            payload = parts_phrase(tuple(part.numeral for part in others), t)
            if t.lang == DEFAULT_LANGUAGE:  # as it always was: "Part V, Part VI"
                payload = ", ".join(f"Part {part.numeral}" for part in others)
            title = f"{t.gettext(NOT_ACCEPTED)} ({', '.join(p.numeral for p in others)})"
            buttons.insert(0, Button(title, payload))
    return Reply(t.gettext(BRANCHES_QUESTION), (*buttons, button(t, ALL_BRANCHES, "all", None)))


def field_buttons(kb: Knowledge, progress: Progress, step: Step, t: Translator = ENGLISH) -> tuple[Button, ...]:
    assert step.question is not None
    spec = field_specs(kb.c102)[step.question.field]
    buttons: list[Button] = []
    if step.question.field == "coverage.basis" and step.branch:
        for basis_id in kb.c102.part(step.branch).coverage.bases:
            basis = kb.c102.coverage_basis(basis_id)
            if not basis.requires_article3 or progress.article3:
                name = basis_name(basis, t)
                buttons.append(Button(name.capitalize(), basis.id.replace("_", " ") if t.lang == "en" else name))
    elif step.question.field == "qualifying_basis":
        buttons = [Button(t.gettext(choice).capitalize(), t.gettext(choice)) for choice in QUALIFYING_BASES]
    elif spec.kind is Kind.FLAG:
        buttons = list(yes_no(t))
    buttons += [Button(t.gettext(word).capitalize(), t.gettext(word)) for word in spec.keywords]
    if spec.unknown_allowed:
        buttons.append(button(t, DONT_KNOW, DONT_KNOW))
    return tuple(buttons)


def recorded_parts(kb: Knowledge, progress: Progress) -> tuple[str, ...]:
    """The Parts the country accepted when it ratified C102, as far as the records say."""
    record = kb.ratifications.get(progress.country_code) if progress.country_code else None
    return tuple(record.parts_accepted or ()) if record else ()


def country_note(kb: Knowledge, progress: Progress, t: Translator = ENGLISH) -> str:
    """What the records say of the country and C102; for a ratifying State, the offer to assess further Parts."""
    question = answers.UserQuestion(country=progress.country_code, language=t.lang)
    text = answers.answer("parts_accepted", kb, question).text
    accepted = recorded_parts(kb, progress)
    if accepted and len(accepted) < len(kb.c102.parts):
        text += "\n" + t.gettext(FURTHER_PARTS)
    return text


def chosen_note(kb: Knowledge, progress: Progress, t: Translator = ENGLISH) -> str:
    parts = [kb.c102.part(branch).numeral for branch in progress.branches or ()]
    count = sum(len(needed_questions(kb.c102, branch, progress.answers.get(branch, {})))
                for branch in progress.branches or ()) + 1  # and the financing question
    return words(t, CHOSEN, parts=parts_phrase(tuple(parts), t), count=count)


def explanation(kb: Knowledge, step: Step, t: Translator = ENGLISH) -> str:
    """What the question is about, in a line or two from the knowledge base."""
    c102 = kb.c102
    if step.kind == COUNTRY:
        return t.gettext(COUNTRY_EXPLAINED)
    if step.kind == ARTICLE3:
        return first_sentence(c102.general_fact("art3_declaration"), t)
    if step.kind == BRANCHES:
        return cited(c102.general_fact("art2_minimum_parts"), t)
    assert step.question is not None
    if step.branch is None:
        return cited(c102.general_fact("art71_2_employee_share"), t)
    part = c102.part(step.branch)
    fact = _fact_for(part, step.question.field)
    if fact is not None:
        return cited(fact, t)
    return answers.answer("requirement", kb, answers.UserQuestion(branch=step.branch, language=t.lang)).text


def cited(fact: Fact, t: Translator) -> str:
    """The fact in `t`'s language with its article written in that language's style."""
    return fact.cite(t.lang, t.article)


def _fact_for(part: Part, field: str) -> Fact | None:
    """The Part's fact on the aspect the field's check is about (coverage, benefit rate, qualifying period...)."""
    for rule in part.checks:
        names = rule_fields(rule)
        if field in names or (names == ("coverage",) and field.startswith("coverage.")):
            return part.facts.get(rule.check) or part.facts.get(ASPECT_OF_CHECK.get(rule.check, ""))
    return None


def first_sentence(fact: Fact, t: Translator = ENGLISH) -> str:
    """The fact's first sentence with its article: the one-line explanation."""
    head, _, _ = in_language(fact.text, t.lang).partition(". ")
    return cited(Fact(text=head.rstrip(".") + ".", article=fact.article, verified=fact.verified), t)


def changed(kb: Knowledge, branch: str | None, field: str, value: Value, t: Translator = ENGLISH) -> str:
    """ "Changed (Part V — Old-age benefit): replacement rate is now 42."."""
    where = in_brackets(part_label(kb.c102.part(branch), t)) if branch else ""
    return words(t, CHANGED, where=where, what=t.gettext(field.replace(".", " ").replace("_", " ")),
                 value=shown(value, t))


def refusal(problem: Exception, t: Translator = ENGLISH) -> str:
    """Why an answer is refused, in `t`'s language when the problem says it in words the catalog knows."""
    if isinstance(problem, ValueProblem) and t.lang != DEFAULT_LANGUAGE:
        values = {name: _in(value, t) for name, value in problem.values.items()}
        said = t.gettext(problem.template).format(**values)
    else:
        said = str(problem)
    text = words(t, REFUSED, problem=said.rstrip("."))
    return text.removesuffix(".") if said.endswith("?") else text  # "… which State do you mean: …?", no "?."


def _in(value: object, t: Translator) -> object:
    """A value of a refusal in `t`'s language: a `Text` or `Listed` in it, what a field takes (`Expected`) said as
    the question's hint says it, a unit word translated; a country's name placed as a sentence places it."""
    if isinstance(value, CountryName):
        return phrase(value, t.lang)
    if isinstance(value, Text | Listed):
        return value.get(t.lang)
    if isinstance(value, Expected):
        return expected(value.spec, t)
    return t.gettext(value) if value in UNIT_WORDS else value


def report(kb: Knowledge, assessment: Assessment, where: WhereToStart, code: str | None,
           t: Translator = ENGLISH) -> list[Reply]:
    """The result as chat messages: the summary; the detail per Part (failing checks first), the financing and the
    not-modelled line; where to start (the smallest changes, the ratification paths); the link to the report as a
    document (a saved check only); then the next steps with the procedure, the contact and, when ratifiable, the
    draft."""
    assessment = named_in_every_language(kb.countries, assessment)
    head = summary(assessment, t)
    detail = render_assessment(assessment, t=t).removeprefix(head).strip()
    procedure = answers.answer("procedure", kb, answers.UserQuestion(language=t.lang))
    buttons = [*procedure.buttons]
    if assessment.article2.ratifiable:
        buttons.insert(0, button(t, DRAFT, DRAFT, "draft_instrument"))
    contact = link(in_language(kb.campaign.technical_assistance.title, t.lang), kb.campaign.contact_email, t)
    steps = compose(t.gettext(NEXT_STEPS), procedure.text, contact,
                    words(t, REPORT_CODE, code=code) if code else None)
    document = [Reply(words(t, DOWNLOAD_REPORT, url=in_language_url(report_url(code), t)))] if code else []
    return [Reply(head), Reply(detail), Reply(render_where_to_start(where, t)), *document, Reply(steps, tuple(buttons))]


def report_offered(text: str) -> str | None:
    """The code of the check whose report `text` offers on a line of its own (`DOWNLOAD_REPORT`), or None: what a
    channel that sends files (Telegram) sends as the document instead."""
    prefixes = tuple(translator(lang).gettext(DOWNLOAD_REPORT).partition("{url}")[0] for lang in LANGUAGES)
    for line in text.splitlines():
        if line.startswith(prefixes) and report_code(line):
            return report_code(line)
    return None


def country_named(kb: Knowledge, name: str | None, t: Translator = ENGLISH) -> str | None:
    """A saved check's country (saved as named in English: "Morocco") in `t`'s language ("Maroc"); as saved when
    the knowledge base does not know it."""
    state = kb.countries.find(name) if name else None
    return state.name.get(t.lang) if isinstance(state, Country) else name


def comparison_reply(kb: Knowledge, comparison: Comparison, before: SavedAssessment, after: SavedAssessment,
                     t: Translator = ENGLISH) -> Reply:
    """Two saved checks compared; a note when they are of different countries."""
    countries = (country_named(kb, before.country, t), country_named(kb, after.country, t))
    unnamed = t.gettext(UNNAMED)
    note = words(t, DIFFERENT_COUNTRIES, a=countries[0] or unnamed, b=countries[1] or unnamed) \
        if countries[0] != countries[1] else None
    return Reply(compose(note, render_comparison(comparison, before.code, after.code, t)))


def cannot_compare(saved: SavedAssessment | str, t: Translator = ENGLISH) -> str:
    """Why a check named in a comparison cannot be compared: no check has that code, or it is not finished."""
    if isinstance(saved, str):
        return words(t, UNKNOWN_CODE, code=saved)
    return words(t, UNFINISHED_COMPARE, code=saved.code)


def instrument_reply(text: str, url: str | None, t: Translator = ENGLISH) -> Reply:
    return Reply(compose(t.gettext(INSTRUMENT), text, words(t, DOWNLOAD, url=in_language_url(url, t)) if url else None))


def in_language_url(url: str, t: Translator) -> str:
    """A link to a document of the web API, asking it in `t`'s language (`?lang=fr`); English links unchanged."""
    if t.lang == DEFAULT_LANGUAGE:
        return url
    return f"{url}{'&' if '?' in url else '?'}lang={t.lang}"


def in_brackets(text: str | None) -> str:
    """ " (Ghana)", or nothing when there is nothing to add."""
    return f" ({text})" if text else ""

