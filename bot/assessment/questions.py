"""The chat form's side of the eligibility check: which questions each branch needs, and reading free-text answers.

`read_answer` turns what people type ("about 60 percent", "sixty", "two thirds", "no limit", "I don't know")
into the value the engine takes, then checks it with the same `FieldSpec.read` as the file parser, so a refused
value gets the same message in the chat as in `python -m bot assess` ("140 is not a percentage between 0 and
100"). `to_input` assembles the collected values into the input mapping `parse_input` reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.eligibility.fields import UNKNOWN, FieldSpec, Kind, Value, ValueProblem, branch_fields, field_specs
from bot.eligibility.inputs import Keyword
from bot.i18n import N_, Translator, translator
from bot.knowledge.c102 import C102, CoverageBasis, Part, RateRule, join_words
from bot.knowledge.text import in_language

ENGLISH = translator()


@dataclass(frozen=True)
class FormQuestion:
    field: str  # the answer's key: "replacement_rate", "coverage.basis", ...
    text: str
    unit: str  # what the answer is counted in, for the form: "percent", "weeks", "choice", "yes or no"...


_TEXTS = {  # in English; translated where the question is put (`branch_questions`, `general_questions`)
    "coverage.basis": N_("Who does {benefit} protect: {options}?"),
    "coverage.percent": N_("What share of {group} does it protect, in percent?"),
    "replacement_rate": N_(
        "How much is {benefit} for {beneficiary}, as a percentage of the reference wage (previous earnings, or an "
        "unskilled labourer's wage for flat-rate benefits)?"),
    "max_duration_weeks": N_(
        "For how many weeks at most is {benefit} given in one case? Say 'unlimited' if there is no limit."),
    "waiting_days": N_("How many days at the start of each case are not paid (waiting days)?"),
    "qualifying_years": N_("How many years of contribution, employment or residence give the full {benefit}?"),
    "qualifying_months": N_(
        "How many months of contribution, employment or residence are needed before {benefit} is paid? Say 'none' "
        "if there is no qualifying period."),
    "qualifying_basis": N_("Is that period counted in contribution, employment or residence?"),
    "reduced_benefit_years": N_(
        "After how many years of contribution or employment is a reduced {benefit} paid? Say 'none' if there is no "
        "reduced benefit."),
    "pensionable_age": N_("At what age does {benefit} start?"),
    "benefit_value_percent": N_(
        "What are family benefits worth per child, as a percentage of the wage of an ordinary adult male labourer?"),
    "per_child_of_all_residents": N_(
        "Is that value measured over the children of all residents, rather than of the persons protected?"),
    "article3_declaration": N_(
        "Will the country make an Article 3 declaration (the temporary exceptions for a country whose economy and "
        "medical facilities are insufficiently developed)?"),
    "employee_contribution_share": N_(
        "What share of the total financing comes from the protected employees' own contributions, in percent?"),
}
_UNITS = {Kind.PERCENT: "percent", Kind.AGE: "years of age", Kind.CHOICE: "choice", Kind.FLAG: "yes or no"}
#: the counts' units, as the refusals name them ("the number of weeks must be 0 or more")
UNIT_WORDS = (N_("weeks"), N_("days"), N_("years"), N_("months"))
#: what a count takes, per unit ("a number of weeks": `bot.eligibility.fields.FieldSpec.expected`, translated)
NUMBER_OF = {"weeks": N_("a number of weeks"), "days": N_("a number of days"), "years": N_("a number of years"),
             "months": N_("a number of months")}
GENERAL_FIELDS = ("article3_declaration", "employee_contribution_share")
_ANY_GROUP = N_("the reference group (all employees, or all residents)")
_ANY_BENEFICIARY = N_("the standard beneficiary")
#: the coverage bases as the chat names them (their first synonym in data/knowledge/c102.yml), for the catalog
BASIS_NAMES = (N_("employees"), N_("economically active population"), N_("residents"),
               N_("residents under a means test"), N_("employees of industrial workplaces (Article 3)"))
QUALIFYING_NAMES = (N_("contribution"), N_("employment"), N_("residence"))  # `QUALIFYING_BASES` in words
#: what the chat names in answers and corrections ("Changed: replacement rate is now 42"; "unlimited", "all")
FIELD_NAMES = (N_("coverage basis"), N_("coverage percent"), N_("replacement rate"), N_("max duration weeks"),
               N_("waiting days"), N_("qualifying years"), N_("qualifying months"), N_("qualifying basis"),
               N_("reduced benefit years"), N_("pensionable age"), N_("benefit value percent"),
               N_("per child of all residents"), N_("article3 declaration"), N_("employee contribution share"))
VALUE_WORDS = (N_("unknown"), N_("unlimited"), N_("none"), N_("yes"), N_("no"), N_("all"), N_("economically active"),
               N_("means tested residents"))


def branch_questions(c102: C102, branch: str, basis: str | None = None,
                     t: Translator = ENGLISH) -> tuple[FormQuestion, ...]:
    """The questions for one branch, in the order of its checks, in `t`'s language. Once the coverage basis is
    known, pass it: the percent question then names its reference group, and is left out for a means test."""
    part = c102.part(branch)
    specs = field_specs(c102)
    names = [name for field in branch_fields(part, optional=False)
             for name in (("coverage.basis", "coverage.percent") if field == "coverage" else (field,))]
    if basis is not None and c102.coverage_basis(basis).means_tested:
        names.remove("coverage.percent")
    words = _words(c102, part, basis, t)
    return tuple(_question(specs[name], elided(t.gettext(_TEXTS[name]).format(**words), t.lang)) for name in names)


def general_questions(c102: C102, t: Translator = ENGLISH) -> tuple[FormQuestion, ...]:
    specs = field_specs(c102)
    return tuple(_question(specs[name], t.gettext(_TEXTS[name])) for name in GENERAL_FIELDS)


_FRENCH_DE = re.compile(r"\bde (?=[aeiouyàâæéèêëîïôœùûü])", re.IGNORECASE)


def elided(text: str, lang: str) -> str:
    """French "de" before a vowel written "d'", as a benefit's name put in a question needs it ("le régime
    d'indemnités de maladie", not "de indemnités"); other languages unchanged."""
    return _FRENCH_DE.sub("d'", text) if lang == "fr" else text


def _question(spec: FieldSpec, text: str) -> FormQuestion:
    return FormQuestion(spec.name, text, spec.unit or _UNITS[spec.kind])


def basis_name(basis: CoverageBasis, t: Translator = ENGLISH) -> str:
    """How the chat names a coverage basis ("employees", "salariés", "asalariados"): its first synonym."""
    return t.gettext(basis.synonyms[0])


def _words(c102: C102, part: Part, basis: str | None, t: Translator) -> dict[str, str]:
    bases = [c102.coverage_basis(basis_id) for basis_id in part.coverage.bases]
    rates = [rule for rule in part.checks if isinstance(rule, RateRule)]
    group = c102.coverage_basis(basis).group if basis else None
    return {
        "benefit": part.title.get(t.lang).lower(),
        "options": join_words((basis_name(basis, t) for basis in bases), "or", t.lang),
        "group": group.get(t.lang) if group else t.gettext(_ANY_GROUP),
        "beneficiary": rates[0].row.beneficiary.get(t.lang) if rates else t.gettext(_ANY_BENEFICIARY),
    }


# -- reading free text ----------------------------------------------------------------------------------------------
# English, French and Spanish: an answer is read whatever language it is written in (accents are optional)
_UNKNOWN_PHRASES = ("unknown", "i don't know", "i do not know", "don't know", "dont know", "not sure", "no idea",
                    "no clue", "not known",
                    "je ne sais pas", "je sais pas", "sais pas", "aucune idee", "inconnu", "inconnue", "pas sur",
                    "no se", "no lo se", "desconocido", "desconocida", "ni idea", "no estoy seguro", "no estoy segura")
_KEYWORD_PHRASES = {
    "unlimited": ("unlimited", "no limit", "without limit", "no maximum", "no time limit", "indefinitely",
                  "throughout", "as long as", "for life",
                  "illimite", "illimitee", "sans limite", "pas de limite", "aucune limite", "a vie", "tant que",
                  "ilimitado", "ilimitada", "sin limite", "no hay limite", "de por vida", "mientras"),
    "none": ("none", "no", "nothing", "there is none", "there isn't", "no reduced benefit", "no waiting",
             "no qualifying period", "not at all",
             "aucun", "aucune", "rien", "il n'y en a pas", "pas de", "ninguno", "ninguna", "nada",
             "no hay", "sin"),
}
_YES = ("yes", "y", "yeah", "yep", "true", "sure", "of course", "correct", "we will", "it is",
        "oui", "bien sur", "absolument", "si", "claro", "por supuesto", "desde luego")
_NO = ("no", "n", "nope", "false", "not", "we won't", "it is not", "it isn't",
       "non", "pas", "nullement", "en absoluto")
_QUALIFYING_PHRASES = {
    "contribution": ("contribution", "contributions", "contributing", "insurance", "paying in",
                     "cotisation", "cotisations", "assurance", "cotizacion", "cotizaciones", "seguro"),
    "employment": ("employment", "employed", "work", "working", "job",
                   "emploi", "travail", "activite", "empleo", "trabajo"),
    "residence": ("residence", "resident", "residing", "living in the country", "living here",
                  "residant", "residencia", "residente"),
}
_SMALL = {word: value for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_SMALL |= {word: value for value, word in enumerate((
    "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize"))}
_SMALL["une"] = 1
_SMALL |= {word: value for value, word in enumerate((
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
    "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho", "diecinueve", "veinte", "veintiuno",
    "veintidos", "veintitres", "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho",
    "veintinueve")) if word != "once"}  # not "once" (11): English "paid once" is no number
_SMALL["una"] = 1
_TENS = {word: 10 * (index + 2) for index, word in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"))}
_TENS |= {word: 10 * (index + 2) for index, word in enumerate((
    "vingt", "trente", "quarante", "cinquante", "soixante"))}
_TENS |= {"septante": 70, "huitante": 80, "octante": 80, "nonante": 90}
_TENS |= {word: 10 * (index + 3) for index, word in enumerate((
    "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"))}
_HUNDRED = ("hundred", "cent", "cents", "cien", "ciento")
_JOINING = ("and", "a", "et", "y")  # "sixty and five" / "vingt et un" / "sesenta y cinco"
_FRACTIONS = {"half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3, "a quarter": 1 / 4,
              "one quarter": 1 / 4, "three quarters": 3 / 4, "three fourths": 3 / 4,
              "moitie": 1 / 2, "un tiers": 1 / 3, "deux tiers": 2 / 3, "un quart": 1 / 4, "trois quarts": 3 / 4,
              "mitad": 1 / 2, "un tercio": 1 / 3, "dos tercios": 2 / 3, "un cuarto": 1 / 4, "tres cuartos": 3 / 4}
_DAYS_PER = {"days": 1.0, "weeks": 7.0, "months": 7 * 52 / 12, "years": 7 * 52.0}  # 6 months = 26 weeks
_UNIT_WORDS = {"day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
               "months": "months", "year": "years", "years": "years",
               "jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks", "mois": "months",
               "an": "years", "ans": "years", "annee": "years", "annees": "years",
               "dia": "days", "dias": "days", "semana": "weeks", "semanas": "weeks", "mes": "months",
               "meses": "months", "ano": "years", "anos": "years"}
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def read_answer(c102: C102, field: str, text: str) -> Value:
    """The value `text` gives for `field` (None: unknown), or `ValueProblem` with the message to show."""
    spec = field_specs(c102)[field]
    said = _tidy_answer(text)
    unknown = _has_any(said, _UNKNOWN_PHRASES)
    if spec.kind is Kind.CHOICE:
        return _in_words(spec.read, UNKNOWN if unknown else _choice(said, _choice_phrases(c102, spec)) or text,
                         ValueProblem(N_("please choose one of: {choices}"),
                                      choices=Listed(tuple(_choice_names(c102, spec)), translated=True)))
    if spec.kind is Kind.FLAG:
        return _in_words(spec.read, UNKNOWN if unknown else _flag(said, text),
                         ValueProblem(N_("please answer yes or no")))
    if unknown:
        return spec.read(UNKNOWN)
    for keyword in spec.keywords:
        if _has_any(said, _KEYWORD_PHRASES.get(keyword, (keyword,))):
            return spec.read(keyword)
    number = _read_number(said, spec)
    return spec.read(text if number is None else number)


def to_input(values: Mapping[str, Value]) -> dict[str, object]:
    """The collected answers of one branch (or the general ones) as `parse_input` reads them."""
    coverage = {name.removeprefix("coverage."): _plain(value) for name, value in values.items()
                if name.startswith("coverage.")}
    data: dict[str, object] = {name: _plain(value) for name, value in values.items()
                               if not name.startswith("coverage.")}
    if coverage:
        data["coverage"] = coverage
    return data


def _plain(value: Value) -> object:
    if value is None:
        return UNKNOWN
    return value.value if isinstance(value, Keyword) else value


def _tidy_answer(text: str) -> str:
    """Lower case, plain apostrophes, no accents, "sixty-five" -> "sixty five" (a minus sign before a figure stays).

    Not `bot.knowledge.countries.normalise`, which matches names: it drops dots, and "66.7" must stay."""
    text = "".join(char for char in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(char))
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.replace("’", "'"))
    return " ".join(text.strip(" .!?").split())


def _flag(said: str, text: str) -> bool | str:
    if _has_any(said, _YES):
        return True
    return False if _has_any(said, _NO) else text


def _has_any(said: str, phrases: Iterable[str]) -> bool:
    return any(re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", said) for phrase in phrases)


def _in_words(read: Callable[[object], Value], said: object, refusal: ValueProblem) -> Value:
    """A choice or a yes/no read like the file's; refused in the chat's own words: the file takes ids and
    true/false ("'no' is not one of: employees, economically_active, …"), the chat takes words and yes or no."""
    try:
        return read(said)
    except ValueProblem:
        raise refusal from None


@dataclass(frozen=True)
class Listed:
    """Names a message lists, written in each language when it is shown (`get`): "employees, residents or ...".
    Each name is a `Text` or, with `translated`, an English word of the catalog."""

    names: tuple[str, ...]
    word: str = "or"
    translated: bool = False

    def get(self, lang: str) -> str:
        t = translator(lang)
        names = [t.gettext(name) if self.translated else in_language(name, lang) for name in self.names]
        return join_words(names, self.word, lang)

    def __str__(self) -> str:
        return self.get(ENGLISH.lang)


def _choice_names(c102: C102, spec: FieldSpec) -> list[str]:
    """The choices as the chat's buttons name them ("employees", "economically active population", …)."""
    if spec.name == "coverage.basis":
        return [basis.synonyms[0] for basis in c102.coverage_bases]
    return list(spec.choices)


def _choice_phrases(c102: C102, spec: FieldSpec) -> dict[str, tuple[str, ...]]:
    if spec.name == "coverage.basis":
        return {basis.id: (basis.id.replace("_", " "), *(_tidy_answer(s) for s in basis.synonyms))
                for basis in c102.coverage_bases}
    return _QUALIFYING_PHRASES


def _choice(said: str, phrases: Mapping[str, Iterable[str]]) -> str | None:
    """The choice whose longest phrase appears in `said` ("means tested residents" beats "residents")."""
    found = [(len(phrase), choice) for choice, options in phrases.items() for phrase in options
             if _has_any(said, (phrase,))]
    return max(found)[1] if found else None


def _read_number(said: str, spec: FieldSpec) -> float | None:
    """A number written in figures or words, converted to the field's unit; None when there is none."""
    digits = _NUMBER.findall(said)
    if len(digits) > 1:
        raise ValueProblem(N_("'{said}' has more than one number: give one"), said=said)
    if spec.kind is Kind.PERCENT:
        fraction = next((value for phrase, value in _FRACTIONS.items() if _has_any(said, (phrase,))), None)
        if fraction is not None and not digits:
            return round(fraction * 100, 1)
    value = float(digits[0].replace(",", ".")) if digits else _number_words(said.split())
    if spec.kind is not Kind.COUNT:
        return value
    words = said.split()
    units = [_UNIT_WORDS[word] for index, word in enumerate(words) if word in _UNIT_WORDS
             and (word != "an" or words[index - 1:index] in (["un"], ["1"]))]  # "un an", not "an average"
    if value is None and units:
        value = 1.0  # "a year", "a week"
    if value is None:
        return None
    said_unit = units[0] if units else spec.unit
    return round(value * _DAYS_PER[said_unit] / _DAYS_PER[spec.unit], 2)


def _number_words(words: list[str]) -> float | None:
    """"sixty five" -> 65, "a hundred" -> 100, "quatre vingt dix" -> 90, "sesenta y cinco" -> 65; None when no
    number word appears."""
    total: float | None = None
    for index, word in enumerate(words):
        if word in ("vingt", "vingts") and words[index - 1:index] == ["quatre"]:
            total = (total or 0) - 4 + 80
        elif word in _SMALL or word in _TENS:
            total = (total or 0) + _SMALL.get(word, 0) + _TENS.get(word, 0)
        elif word in _HUNDRED:
            total = (total or 1) * 100
        elif total is not None and word not in _JOINING:
            break
    return total
