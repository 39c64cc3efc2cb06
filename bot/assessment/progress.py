"""The chat form's progress through an eligibility check: what is known, what to ask next, what an answer does.

The chat asks the country, whether an Article 3 declaration is intended, which branches to assess, then for each
chosen branch only the questions it needs (`bot.assessment.questions.branch_questions`), and last the optional
Art. 71(2) question. `Progress` is plain data (it lives in a Rasa slot and in the store as JSON); every change
returns a new `Progress`. Reading one answer reuses the engine's `read_answer`, so a refused value gets the message
`python -m bot assess` prints. Nothing here knows Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.assessment.questions import (
    ENGLISH,
    FormQuestion,
    Listed,
    branch_questions,
    general_questions,
    read_answer,
    to_input,
)
from bot.eligibility.fields import Value, ValueProblem, rule_fields
from bot.i18n import N_, Translator
from bot.knowledge import Knowledge
from bot.knowledge.c102 import C102, Part
from bot.knowledge.countries import Country, normalise
from bot.knowledge.text import every_language

COUNTRY = "country"
ARTICLE3 = "article3_declaration"
BRANCHES = "branches"
FIELD = "field"
GENERAL = "general"  # the answers' key for the questions not tied to a branch
EMPLOYEE_SHARE = "employee_contribution_share"
_ALL = re.compile(r"\b(all|every|everything|each|tout|toutes|tous|todo|todas|todos)\b")
_NUMERAL = re.compile(r"\b(II|III|IV|V|VI|VII|VIII|IX|X)\b")
_QUESTION_WORDS = frozenset(("what", "whats", "which", "who", "whom", "whose", "when", "where", "why", "how", "is",
                             "are", "does", "do", "did", "can", "could", "should", "would", "will", "may", "must",
                             "tell", "explain", "define", "describe", "list", "show", "give",
                             "quel", "quelle", "quels", "quelles", "qui", "quand", "ou", "pourquoi", "comment",
                             "combien", "qu", "quest", "expliquez", "que", "cual", "cuales", "quien", "cuando",
                             "donde", "como", "cuanto", "cuantos", "explica", "explique"))
# "... to 42", "... à 42" (fr), "... a 42" (es; not "a third", "a year": English figures in words)
_NEW_VALUE = re.compile(r"\s(?:to|is|are|was|be|into|à|est|es|por)\s"
                        r"|\sa\s(?!(?:third|quarter|half|hundred|day|week|month|year)\b)|[:=]")


@dataclass(frozen=True)
class Step:
    """One question of the form: the country, Article 3, the branches, or a field of a branch (or `general`)."""

    kind: str
    branch: str | None = None
    question: FormQuestion | None = None

    @property
    def field(self) -> str | None:
        return self.question.field if self.question else None


@dataclass(frozen=True)
class Progress:
    country: str | None = None  # the knowledge base's name for it; None when not given
    country_code: str | None = None
    country_done: bool = False
    article3: bool | None = None
    branches: tuple[str, ...] | None = None  # chosen, in the Convention's order; skipped ones removed
    skipped: tuple[str, ...] = ()
    answers: Mapping[str, Mapping[str, Value]] = field(default_factory=dict)  # branch or GENERAL -> field -> value
    last: tuple[str, str] | None = None  # (branch or GENERAL, field) of the latest answer, for "actually, ..."
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "country_code": self.country_code, "country_done": self.country_done,
                "article3": self.article3, "branches": list(self.branches) if self.branches is not None else None,
                "skipped": list(self.skipped), "answers": {key: dict(values) for key, values in self.answers.items()},
                "last": list(self.last) if self.last else None, "code": self.code}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Progress:
        if not data:
            return cls()
        branches = data.get("branches")
        last = data.get("last")
        return cls(country=data.get("country"), country_code=data.get("country_code"),
                   country_done=bool(data.get("country_done")), article3=data.get("article3"),
                   branches=tuple(branches) if branches is not None else None, skipped=tuple(data.get("skipped", ())),
                   answers={key: dict(values) for key, values in (data.get("answers") or {}).items()},
                   last=(last[0], last[1]) if last else None, code=data.get("code"))

    def to_input(self) -> dict[str, object]:
        """The answers so far in the input shape of docs/assessment-contract.md (what `parse_input` reads)."""
        data: dict[str, object] = {}
        if self.country:
            data["country"] = self.country
        data["article3_declaration"] = bool(self.article3)
        general = to_input(self.answers.get(GENERAL, {}))
        if general:
            data["general"] = general
        data["branches"] = {branch: to_input(self.answers.get(branch, {})) for branch in self.branches or ()}
        return data

    def with_answer(self, c102: C102, step: Step, value: Value) -> Progress:
        if step.kind == COUNTRY:
            raise ValueError("use with_country for the country")
        if step.kind == ARTICLE3:
            return replace(self, article3=bool(value))
        if step.kind == BRANCHES:
            raise ValueError("use with_branches for the branches")
        key = step.branch or GENERAL
        assert step.field is not None
        return self._set(c102, key, step.field, value)

    def with_country(self, country: Country | None) -> Progress:
        return replace(self, country=country.name if country else None, country_code=country.code if country else None,
                       country_done=True)

    def with_branches(self, c102: C102, branches: Iterable[str]) -> Progress:
        wanted = set(branches)
        return replace(self, branches=tuple(b for b in c102.branch_ids if b in wanted),
                       skipped=tuple(b for b in self.skipped if b not in wanted))

    def without_branch(self, branch: str) -> Progress:
        """The branch skipped: it leaves the assessment (its answers are kept, should it come back)."""
        remaining = tuple(b for b in self.branches or () if b != branch)
        return replace(self, branches=remaining or None, skipped=(*self.skipped, branch))

    def _set(self, c102: C102, key: str, name: str, value: Value) -> Progress:
        answers = {k: dict(v) for k, v in self.answers.items()}
        answers.setdefault(key, {})[name] = value
        if key != GENERAL:  # drop answers the branch no longer needs (a percent once the basis is a means test)
            needed = {question.field for question in needed_questions(c102, key, answers[key])}
            answers[key] = {k: v for k, v in answers[key].items() if k in needed}
        return replace(self, answers=answers, last=(key, name))


def needed_questions(c102: C102, branch: str, answers: Mapping[str, Value],
                     t: Translator = ENGLISH) -> tuple[FormQuestion, ...]:
    """The branch's questions given what is known: the percent goes for a means test, and the period's basis
    (contribution, employment, residence) when there is no qualifying period at all."""
    basis = answers.get("coverage.basis")
    known_basis = basis if isinstance(basis, str) and basis in {b.id for b in c102.coverage_bases} else None
    questions = branch_questions(c102, branch, known_basis, t)
    no_period = any(answers.get(name) == 0 for name in ("qualifying_years", "qualifying_months"))
    return tuple(q for q in questions if not (q.field == "qualifying_basis" and no_period))


def general_question(c102: C102, name: str, t: Translator = ENGLISH) -> FormQuestion:
    return next(question for question in general_questions(c102, t) if question.field == name)


def next_step(c102: C102, progress: Progress, t: Translator = ENGLISH) -> Step | None:
    """The question to ask now (worded in `t`'s language); None when everything is answered."""
    if not progress.country_done:
        return Step(COUNTRY)
    if progress.article3 is None:
        return Step(ARTICLE3, question=general_question(c102, ARTICLE3, t))
    if not progress.branches:
        return Step(BRANCHES)
    for branch in progress.branches:
        answers = progress.answers.get(branch, {})
        for question in needed_questions(c102, branch, answers, t):
            if question.field not in answers:
                return Step(FIELD, branch, question)
    if EMPLOYEE_SHARE not in progress.answers.get(GENERAL, {}):
        return Step(FIELD, None, general_question(c102, EMPLOYEE_SHARE, t))
    return None


def position(c102: C102, progress: Progress, step: Step) -> tuple[int, int]:
    """(number of this question, number of questions) within its branch."""
    if step.branch is None or step.question is None:
        return 1, 1
    fields = [q.field for q in needed_questions(c102, step.branch, progress.answers.get(step.branch, {}))]
    return fields.index(step.question.field) + 1, len(fields)


# -- reading answers ----------------------------------------------------------------------------------------------
def read_step(kb: Knowledge, progress: Progress, step: Step, text: str,
              entities: Mapping[str, list[str]] | None = None) -> Progress:
    """`progress` with the answer `text` to `step`; `ValueProblem` with the message to show when refused.
    `entities` are what the NLU found (label -> canonical ids), used besides the text itself."""
    entities = entities or {}
    if step.kind == COUNTRY:
        if said_unknown(kb.c102, text):
            return progress.with_country(None)
        return progress.with_country(read_country(kb, text, entities.get("country", [])))
    if step.kind == BRANCHES:
        return progress.with_branches(kb.c102, read_branches(kb.c102, text, entities.get("branch", [])))
    assert step.field is not None
    return progress.with_answer(kb.c102, step, read_answer(kb.c102, step.field, text))


def said_unknown(c102: C102, text: str) -> bool:
    """ "I don't know", "not sure"...: the words the engine reads as an unknown answer."""
    try:
        return read_answer(c102, EMPLOYEE_SHARE, text) is None
    except ValueProblem:
        return False


def reads_as_answer(kb: Knowledge, progress: Progress, step: Step, text: str) -> bool:
    """Whether `text` is a plain statement that answers `step` ("sickness benefit, old-age benefit" to the branches
    question): then it is an answer even if the NLU took it for a question on the topic."""
    words = normalise(text).split()
    if "?" in text or not words or words[0] in _QUESTION_WORDS:
        return False
    try:
        read_step(kb, progress, step, text)
    except ValueProblem:
        return False
    return True


def read_country(kb: Knowledge, text: str, codes: Iterable[str] = ()) -> Country:
    for code in codes:
        try:
            return kb.countries.get(code)
        except KeyError:
            continue
    state = kb.countries.find(text)
    if isinstance(state, Country):
        return state
    if state is not None:  # a former State: the check is for a member State today
        successors = tuple(kb.countries.get(code).name for code in getattr(state, "successors", ()))
        raise ValueProblem(N_("{state} no longer exists; which State do you mean: {successors}?"), state=state.name,
                           successors=Listed(successors))
    suggestions = tuple(kb.countries.suggest(text))
    if suggestions:
        raise ValueProblem(N_("I don't know a country called '{name}'. Did you mean {suggestions}?"),
                           name=text.strip(), suggestions=Listed(suggestions))
    raise ValueProblem(N_("I don't know a country called '{name}'."), name=text.strip())


def read_branches(c102: C102, text: str, named: Iterable[str] = ()) -> tuple[str, ...]:
    """The branches named (by the NLU, by their names or synonyms, by Part numeral), or all nine for "all"."""
    found = set(named) & set(c102.branch_ids)
    found |= set(names_in_text(text, {part.branch: (part.branch.replace("_", " "), *every_language(part.title),
                                                     *part.synonyms) for part in c102.parts}))
    found |= {c102.part(numeral).branch for numeral in _NUMERAL.findall(text)}
    if not found and _ALL.search(normalise(text)):
        found = set(c102.branch_ids)
    if not found:
        names = Listed(tuple(part.title.map(lambda _, title: title.lower()) for part in c102.parts), "and")
        raise ValueProblem(N_("I could not find a branch in '{said}'. The branches are: {names} (or 'all')"),
                           said=text.strip(), names=names)
    return tuple(branch for branch in c102.branch_ids if branch in found)


def names_in_text(text: str, names: Mapping[str, Iterable[str]]) -> list[str]:
    """The keys of `names` one of whose names appears in `text` as whole words (case, accents, hyphens ignored)."""
    said = f" {normalise(text)} "
    return [key for key, texts in names.items() if any(f" {normalise(name)} " in said for name in texts)]


# -- corrections -------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Correction:
    progress: Progress
    branch: str | None
    field: str
    value: Value


def correct(kb: Knowledge, progress: Progress, text: str, entities: Mapping[str, list[str]] | None = None,
            pending: Step | None = None) -> Correction:
    """ "Change the replacement rate to 42", "actually the waiting period is 3 days": the answer named (by its
    aspect, in the branch named, else the branch being asked, else the only one answered) set to the new value.
    Without a named aspect, the latest answer is changed. `ValueProblem` says what is unclear or refused."""
    entities = entities or {}
    c102 = kb.c102
    general = {aspect.id for aspect in c102.aspects if aspect.general}  # "appeal", "financing": no answer of the form
    checks = [check for check in (*entities.get("aspect", []), *names_in_text(text, _check_names(c102)))
              if check not in general]
    if not checks:
        if progress.last is None:
            raise ValueProblem(N_("there is no answer to change yet"))
        key, name = progress.last
        return _corrected(kb, progress, None if key == GENERAL else key, (name,), text)
    branch = _branch_to_correct(c102, progress, text, entities.get("branch", []), checks, pending)
    fields = next(_fields_for(c102.part(branch), check) for check in checks if _fields_for(c102.part(branch), check))
    return _corrected(kb, progress, branch, fields, text)


def _check_names(c102: C102) -> dict[str, tuple[str, ...]]:
    """Check id -> the words for it: the aspect's label and synonyms, and the check id in words."""
    names: dict[str, tuple[str, ...]] = {aspect.id: (aspect.label, *aspect.synonyms) for aspect in c102.aspects}
    for part in c102.parts:
        for rule in part.checks:
            names[rule.check] = (*names.get(rule.check, ()), rule.check.replace("_", " "))
    return names


def _fields_for(part: Part, check: str) -> tuple[str, ...]:
    """The answers behind a check of the Part, the figure first ("coverage" -> percent, then basis)."""
    for rule in part.checks:
        if rule.check == check:
            fields = rule_fields(rule)
            return ("coverage.percent", "coverage.basis") if fields == ("coverage",) else fields
    return ()


def _branch_to_correct(c102: C102, progress: Progress, text: str, named: Iterable[str], checks: list[str],
                       pending: Step | None) -> str:
    def has_check(branch: str) -> bool:
        return any(_fields_for(c102.part(branch), check) for check in checks)

    chosen = progress.branches or ()
    named_here = [b for b in read_branches_or_none(c102, text, named) if has_check(b)]
    if named_here:
        return named_here[0]
    if pending is not None and pending.branch and has_check(pending.branch):
        return pending.branch
    candidates = [b for b in chosen if has_check(b) and progress.answers.get(b)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValueProblem(N_("none of the branches assessed has that answer"))
    titles = tuple(c102.part(b).title.map(lambda _, title: title.lower()) for b in candidates)
    raise ValueProblem(N_("which branch do you mean: {titles}? For example: 'change the {title} {check} to ...'"),
                       titles=Listed(titles), title=titles[0], check=checks[0].replace("_", " "))


def read_branches_or_none(c102: C102, text: str, named: Iterable[str]) -> tuple[str, ...]:
    try:
        return read_branches(c102, text, named)
    except ValueProblem:
        return ()


def _corrected(kb: Knowledge, progress: Progress, branch: str | None, fields: Iterable[str], text: str) -> Correction:
    said = _NEW_VALUE.split(text)[-1]
    problem: ValueProblem | None = None
    for name in fields:
        try:
            value = read_answer(kb.c102, name, said)
        except ValueProblem as exc:
            problem = problem or exc
            continue
        step = Step(FIELD, branch, FormQuestion(name, "", ""))
        return Correction(progress.with_answer(kb.c102, step, value), branch, name, value)
    assert problem is not None
    raise problem


def shown(value: Value, t: Translator = ENGLISH) -> str:
    """An answer as the chat repeats it: 42 -> "42", None -> "unknown", True -> "yes" (in `t`'s language)."""
    if value is None:
        return t.gettext("unknown")
    if isinstance(value, bool):
        return t.gettext("yes") if value else t.gettext("no")
    if isinstance(value, float | int):
        return t.number(value)
    return t.gettext(str(getattr(value, "value", value)).replace("_", " "))
