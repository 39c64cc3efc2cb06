"""Who has ratified C102, as far as our records go: one country's status and Parts, the count, and lists.

The records are partial, so an answer never says a State "has not ratified": a State without a record is "not in
my records", and every answer ends with the date the records were compiled and the NORMLEX link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from bot.answers.base import C102, Button, Reply, Topic, UserQuestion, bullets, compose, format_date, link
from bot.answers.standards import part_label
from bot.knowledge.c102 import join_words
from bot.knowledge.countries import FormerState, State

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.ratifications import PartialDate, Ratification

STATUS_QUESTION = "Has {country} ratified C102?"
PARTS_QUESTION = "Which Parts of C102 has {country} accepted?"
REGION_QUESTION = "Which countries in {region} have ratified C102?"
NO_DATE = "date not in my records"
MAX_BULLETS = 12  # longer lists are written on one line
# Words of a question that are never (part of) a country name, so "Has Morroco ratified C102?" leaves "Morroco".
_COMMON_WORDS = """
    a about accept accepted accepts also an and any are can convention country countries did do does ever for
    from has have how i in is it its know list me my of on or parts part please ratification ratifications ratified
    ratifies ratify social security show state states status still tell that the their them there they this to was
    what when where whether which who with yet you
"""
_COMMON = frozenset(_COMMON_WORDS.split())
_TOKEN = re.compile(r"[\w'’-]+")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, maybe joined by ' or - (d'Ivoire, Guinea-Bissau)
_MAX_NAME_WORDS = 3


# -- shared pieces ------------------------------------------------------------------------------------------------
def records_footer(kb: Knowledge) -> str:
    found = kb.ratifications
    return compose(f"My records are partial; they were compiled on {format_date(found.records_compiled_on)}.",
                   link("NORMLEX has the live list", found.normlex_url))


def latest_total(kb: Knowledge) -> str:
    """The most recent published total with its date, the ratification that made it and its source, then how far
    it is from the campaign's target: the count and the campaign answers quote it alike."""
    found = kb.ratifications
    latest, target = found.latest_total, found.target
    as_of = f" as of {date_text(latest.as_of)}" if latest.as_of else ""
    made = ""
    if latest.country:
        made = f"; {kb.countries.state(latest.country).name}'s ratification was the {ordinal(latest.count)}"
    short = target.count - latest.count
    progress = (f"That is {short} short of the ILO campaign's target of {target.count} ratifications by "
                f"{target.by_year}." if short > 0 else
                f"That reaches the ILO campaign's target of {target.count} ratifications by {target.by_year}.")
    return compose(f"C102 had {latest.count} ratifications{as_of}, the most recent total published{made} "
                   f"(source: {latest.source}).", progress)


def ordinal(number: int) -> str:
    """68 -> "68th", 61 -> "61st", 12 -> "12th"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def date_text(value: PartialDate) -> str:
    """A date at its precision: "6 June 2016", "June 2019" or "2019"."""
    if value.month is None:
        return str(value.year)
    day = date(value.year, value.month, value.day or 1)
    return format_date(day) if value.day is not None else f"{day:%B %Y}"


def _when(record: Ratification) -> str:
    value = record.ratified_on
    if value is None:
        return f"({NO_DATE})"
    return f"{'on' if value.day is not None else 'in'} {date_text(value)}"


def _candidates(text: str) -> list[str]:
    """Runs of uncommon words in `text` (common words and ids such as C102 end a run), as phrases of up to three
    words, longest first."""
    runs: list[list[str]] = [[]]
    for word in _TOKEN.findall(text):
        if word.casefold() in _COMMON or not _NAME_WORD.fullmatch(word):
            runs.append([])
        else:
            runs[-1].append(word)
    phrases = []
    for run in runs:
        for size in range(min(len(run), _MAX_NAME_WORDS), 0, -1):
            phrases += [" ".join(run[start:start + size]) for start in range(len(run) - size + 1)]
    return [phrase for phrase in phrases if " " in phrase or len(phrase) >= 4]


def find_state(kb: Knowledge, question: UserQuestion, payload: str) -> State | Reply:
    """The State asked about: the `country` entity, else a name in the text; else "did you mean …?" or a question."""
    countries = kb.countries
    if question.country:
        try:
            return countries.state(question.country)
        except KeyError:
            pass
    candidates = _candidates(question.text)
    for candidate in candidates:
        state = countries.find(candidate)
        if state is not None:
            return state
    for candidate in candidates:
        names = countries.suggest(candidate)
        if names:
            text = f"I don't know that country ('{candidate}'). Did you mean {join_words(names)}?"
            buttons = tuple(Button(name, payload.format(country=name)) for name in names)
            return Reply(text, buttons, {"country": None})
    return Reply("Which country do you mean?", context={"country": None})


# -- one State ------------------------------------------------------------------------------------------------------
RecordLines = Callable[["Knowledge", "Ratification"], list[str]]


def _status_lines(kb: Knowledge, record: Ratification) -> list[str]:
    parts = ", ".join(record.parts_accepted) if record.parts_accepted else "not in my records"
    declaration = "yes" if record.article3_declaration else "not in my records"
    details = [f"Parts accepted: {parts}", f"Article 3 declaration (temporary exceptions): {declaration}",
               f"Status in my source: {record.status}", f"Note: {record.note}" if record.note else ""]
    return [f"{record.country_name} ratified C102 {_when(record)}.", *bullets(line for line in details if line)]


def _parts_lines(kb: Knowledge, record: Ratification) -> list[str]:
    note = [f"Note: {record.note}"] if record.note else []
    if not record.parts_accepted:
        return [f"{record.country_name} ratified C102 {_when(record)}, but my records do not list the Parts it "
                "accepted.", *note]
    parts = [part_label(kb.c102.part(numeral)) for numeral in record.parts_accepted]
    declaration = ["With an Article 3 declaration (temporary exceptions)."] if record.article3_declaration else []
    return [f"{record.country_name} accepted these Parts of C102 (ratified {_when(record)}):", *bullets(parts),
            *declaration, *note]


def _state_answer(kb: Knowledge, state: State, record_lines: RecordLines, payload: str) -> Reply:
    ratifications = kb.ratifications
    record = ratifications.get(state.code)
    lines = record_lines(kb, record) if record else []
    buttons: tuple[Button, ...] = ()
    if isinstance(state, FormerState):
        successors = [kb.countries.get(code).name for code in state.successors]
        lines = [f"{state.name} is a former State. {state.note}", *lines,
                 f"Its successor States: {join_words(successors, 'and')}."]
        buttons = tuple(Button(name, payload.format(country=name)) for name in successors)
    elif record is None:
        unconfirmed = ratifications.not_confirmed_for(state.code)
        lines = [f"{state.name} is not in my records, which are incomplete — NORMLEX has the live list.",
                 f"What I found: {unconfirmed.note}" if unconfirmed else ""]
    for predecessor in ratifications.predecessors(state.code):
        lines += [f"{state.name} succeeded {predecessor.country_name}, which is in my records:",
                  *record_lines(kb, predecessor)]
    return Reply(compose(lines, records_footer(kb)), buttons, {"country": state.code})


def ratification_status(kb: Knowledge, question: UserQuestion) -> Reply:
    if question.convention and question.convention != C102:
        return _other_convention(kb, question)
    found = find_state(kb, question, STATUS_QUESTION)
    if isinstance(found, Reply):
        return found
    return _state_answer(kb, found, _status_lines, STATUS_QUESTION)


def parts_accepted(kb: Knowledge, question: UserQuestion) -> Reply:
    found = find_state(kb, question, PARTS_QUESTION)
    if isinstance(found, Reply):
        return found
    return _state_answer(kb, found, _parts_lines, PARTS_QUESTION)


def _other_convention(kb: Knowledge, question: UserQuestion) -> Reply:
    ident = question.convention or C102
    try:
        instrument = kb.conventions.get(ident)
        name, normlex = instrument.full_title, instrument.link
    except KeyError:
        name, normlex = ident, kb.ratifications.normlex_url
    compiled = format_date(kb.ratifications.records_compiled_on)
    text = compose(f"My ratification records cover C102 only (compiled on {compiled}).",
                   link(f"For {name}, NORMLEX has the live list", normlex))
    country = kb.countries.find(question.country) if question.country else None
    buttons = (Button(f"{country.name} and C102", STATUS_QUESTION.format(country=country.name)),) if country else ()
    return Reply(text, buttons, {"convention": ident})


# -- counts and lists -----------------------------------------------------------------------------------------------
def ratification_count(kb: Knowledge, question: UserQuestion) -> Reply:
    found = kb.ratifications
    former = sum(record.former for record in found.records)
    text = compose(
        latest_total(kb),
        f"My records list {found.count} States that ratified C102 ({found.count - former} member States and {former} "
        f"former States), compiled on {format_date(found.records_compiled_on)}.",
        found.caveat,
        link("NORMLEX has the live list", found.normlex_url),
    )
    return Reply(text)


def ratifications_list(kb: Knowledge, question: UserQuestion) -> Reply:
    found = kb.ratifications
    year = int(question.year) if question.year and question.year.strip().isdigit() else None
    region = kb.countries.region_of(question.region) if question.region else None
    if year is None and region is None:
        unknown = f"I don't know the region '{question.region}'." if question.region else None
        return _by_region(kb, unknown)
    records = found.since(year) if year is not None else found.in_region(kb.countries, str(region))
    if year is not None and region is not None:
        codes = {record.country for record in found.in_region(kb.countries, region)}
        records = [record for record in records if record.country in codes]
    scope = "".join([f" in {region}" if region else "", f" since {year}" if year is not None else ""])
    items = [f"{record.country_name} ({date_text(record.ratified_on) if record.ratified_on else NO_DATE})"
             for record in records]
    if not items:
        listing = f"My records have no C102 ratification{scope}."
    else:
        heading = f"C102 ratifications{scope} in my records ({len(items)}):"
        listing = compose(heading, bullets(items)) if len(items) <= MAX_BULLETS else f"{heading} {'; '.join(items)}."
    context = {key: value for key, value in (("region", region), ("year", str(year) if year else None)) if value}
    return Reply(compose(listing, records_footer(kb)), context=context)


def _by_region(kb: Knowledge, note: str | None = None) -> Reply:
    found, countries = kb.ratifications, kb.countries
    counts = [(region, len(found.in_region(countries, region))) for region in countries.regions]
    former = sum(record.former for record in found.records)
    text = compose(note, "C102 ratifications in my records, by ILO region:",
                   bullets([*(f"{region}: {count}" for region, count in counts), f"Former States: {former}"]),
                   records_footer(kb))
    buttons = tuple(Button(region, REGION_QUESTION.format(region=region)) for region, _ in counts)
    return Reply(text, buttons)


TOPICS = (
    Topic("ratification_status", ratification_status, "Whether a country has ratified C102",
          about=("country", "convention"), opened_by=("country",)),
    Topic("parts_accepted", parts_accepted, "Which Parts of C102 a country accepted", about=("country",)),
    Topic("ratification_count", ratification_count, "How many countries have ratified C102"),
    Topic("ratifications_list", ratifications_list, "Which countries have ratified C102", about=("region", "year"),
          opened_by=("region", "year"), fresh=("region", "year")),
)
