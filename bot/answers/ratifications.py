"""Who has ratified C102, as far as our records go: one country's status and Parts, the count, and lists.

The records are partial, so an answer never says a State "has not ratified": a State without a record is "not in
my records", and every answer ends with the date the records were compiled and the NORMLEX link.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from bot.answers.base import (
    C102,
    ENGLISH,
    OWN_COUNTRY,
    Button,
    Reply,
    Topic,
    UserQuestion,
    bullets,
    compose,
    labelled,
    link,
    translator_for,
)
from bot.answers.standards import part_label
from bot.i18n import N_, Translator
from bot.knowledge.c102 import join_words
from bot.knowledge.countries import FormerState, State, phrase
from bot.knowledge.text import in_language

if TYPE_CHECKING:
    from bot.knowledge import Knowledge
    from bot.knowledge.ratifications import PartialDate, Ratification

STATUS_QUESTION = N_("Has {country} ratified C102?")
PARTS_QUESTION = N_("Which Parts of C102 has {country} accepted?")
REGION_QUESTION = N_("Which countries in {region} have ratified C102?")
NO_DATE = N_("date not in my records")
NOT_IN_RECORDS = N_("not in my records")
LIVE_LIST = N_("NORMLEX has the live list")
MAX_BULLETS = 12  # longer lists are written on one line
# Words of a question that are never (part of) a country name, so "Has Morroco ratified C102?" leaves "Morroco".
_COMMON_WORDS = """
    a about accept accepted accepts also an and any are can convention country countries did do does ever for
    from has have how i in is it its know list me my of on or parts part please ratification ratifications ratified
    ratifies ratify social security show state states status still tell that the their them there they this to was
    what when where whether which who with yet you
    a-t-elle a-t-il acceptées avons combien convention elle est il mon notre nous parties quand que quel quelle
    quelles quels qui ratifiée ratifié ratifiées ratifiés ratifier ratification statut sur
    aceptado aceptadas cuál cuáles cuándo cuántos convenio es está ha han lo mi nuestro país partes por qué quién
    ratificado ratificar ratificó ratificación sobre su
"""
# (articles and "y", "et", "de" are left out: they are inside names such as "El Salvador" or "Antigua y Barbuda")
_COMMON = frozenset(_COMMON_WORDS.split())
_TOKEN = re.compile(r"[\w'’-]+")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")  # letters, maybe joined by ' or - (d'Ivoire, Guinea-Bissau)
_MAX_NAME_WORDS = 3
STATUS_TOPIC, PARTS_TOPIC = RECORD_TOPICS = ("ratification_status", "parts_accepted")
# A question on one country's record asks whether or when it ratified (the status answer, with the date and the
# Parts) or which Parts it accepted: its words say which, whatever the classifier read ("I heard El Salvador joined.
# When exactly?", "What branches is Jordan bound by?"); "has Ukraine ratified, and which Parts?" asks both.
# "parties"/"partes" plural only: "partie"/"parte" is also "party to", as "part of" is "among".
_ASKS_WHEN = re.compile(r"\b(?:when|what year|which year|quand|quelle année|cuándo|cuando|qué año|ratif\w*)\b",
                        re.IGNORECASE)
_ASKS_PARTS = re.compile(r"\b(?:parts|part(?! of\b)|branch|branches|parties|partes|ramas|accept|accepted|acceptées?|"
                         r"aceptó|aceptado|aceptadas)\b", re.IGNORECASE)
LIST_TOPIC = "ratifications_list"
NAME_A_COUNTRY = N_("Name a country to see whether it has ratified C102.")
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu)['’](?=\w)", re.IGNORECASE)  # French elided articles: d', l', qu'...


# -- shared pieces ------------------------------------------------------------------------------------------------
def compiled_on(kb: Knowledge, t: Translator) -> str:
    return t.format_day(kb.ratifications.records_compiled_on)


def records_footer(kb: Knowledge, t: Translator) -> str:
    found = kb.ratifications
    return compose(t.gettext("My records are partial; they were compiled on {day}.").format(day=compiled_on(kb, t)),
                   link(t.gettext(LIVE_LIST), found.normlex_url, t))


def latest_total(kb: Knowledge, t: Translator) -> str:
    """The most recent published total with its date, the ratification that made it and its source, then how far
    it is from the campaign's target: the count and the campaign answers quote it alike."""
    found = kb.ratifications
    latest, target = found.latest_total, found.target
    as_of = t.gettext(" as of {day}").format(day=date_text(latest.as_of, t)) if latest.as_of else ""
    made = ""
    if latest.country:
        made = t.gettext("; {country}'s ratification was the {ordinal}").format(
            country=phrase(kb.countries.state(latest.country).name, t.lang), ordinal=t.ordinal(latest.count))
    short = target.count - latest.count
    if short > 0:
        progress = t.gettext("That is {short} short of the ILO campaign's target of {target} ratifications by "
                             "{year}.")
    else:
        progress = t.gettext("That reaches the ILO campaign's target of {target} ratifications by {year}.")
    total = t.ngettext("C102 had {count} ratification{as_of}, the most recent total published{made} (source: "
                       "{source}).", "C102 had {count} ratifications{as_of}, the most recent total published{made} "
                       "(source: {source}).", latest.count)
    return compose(total.format(count=latest.count, as_of=as_of, made=made, source=latest.source),
                   progress.format(short=short, target=target.count, year=target.by_year))


def date_text(value: PartialDate, t: Translator = ENGLISH) -> str:
    """A date at its precision: "6 June 2016", "June 2019" or "2019"."""
    if value.month is None:
        return str(value.year)
    day = date(value.year, value.month, value.day or 1)
    return t.format_day(day) if value.day is not None else t.format_month(day)


def _when(record: Ratification, t: Translator) -> str:
    value = record.ratified_on
    if value is None:
        return f"({t.gettext(NO_DATE)})"
    when = t.gettext("on {day}") if value.day is not None else t.gettext("in {month}")
    return when.format(day=date_text(value, t), month=date_text(value, t))


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
    countries, t = kb.countries, translator_for(question)
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
        suggested = [phrase(name, t.lang) for name in countries.suggest(candidate)]
        if suggested:
            names = [str(name) for name in suggested]
            text = t.gettext("I don't know that country ('{name}'). Did you mean {names}?").format(
                name=candidate, names=join_words(names, "or", t.lang))
            buttons = tuple(Button(str(name), t.gettext(payload).format(country=name)) for name in suggested)
            return Reply(text, buttons, {"country": None})
    return Reply(t.gettext("Which country do you mean?"), context={"country": None})


# -- one State ------------------------------------------------------------------------------------------------------
RecordLines = Callable[["Knowledge", "Ratification", Translator], list[str]]


def _note(record: Ratification, t: Translator) -> str:
    return t.gettext("Note: {note}").format(note=record.note.get(t.lang)) if record.note else ""


def _status_lines(kb: Knowledge, record: Ratification, t: Translator) -> list[str]:
    parts = ", ".join(record.parts_accepted) if record.parts_accepted else t.gettext(NOT_IN_RECORDS)
    declaration = t.gettext("yes") if record.article3_declaration else t.gettext(NOT_IN_RECORDS)
    details = [t.gettext("Parts accepted: {parts}").format(parts=parts),
               t.gettext("Article 3 declaration (temporary exceptions): {declaration}").format(declaration=declaration),
               t.gettext("Status in my source: {status}").format(status=record.status.get(t.lang)), _note(record, t)]
    ratified = t.gettext("{country} ratified C102 {when}.").format(country=phrase(record.country_name, t.lang),
                                                                   when=_when(record, t))
    return [ratified, *bullets(line for line in details if line)]


def _parts_lines(kb: Knowledge, record: Ratification, t: Translator) -> list[str]:
    note, country, when = [_note(record, t)], phrase(record.country_name, t.lang), _when(record, t)
    if not record.parts_accepted:
        return [t.gettext("{country} ratified C102 {when}, but my records do not list the Parts it accepted.").format(
            country=country, when=when), *note]
    parts = [part_label(kb.c102.part(numeral), t) for numeral in record.parts_accepted]
    declaration = [t.gettext("With an Article 3 declaration (temporary exceptions).")] \
        if record.article3_declaration else []
    heading = t.gettext("{country} accepted these Parts of C102 (ratified {when}):").format(country=country, when=when)
    return [heading, *bullets(parts), *declaration, *note]


def _state_answer(kb: Knowledge, state: State, record_lines: RecordLines, payload: str, t: Translator) -> Reply:
    ratifications = kb.ratifications
    record = ratifications.get(state.code)
    lines = record_lines(kb, record, t) if record else []
    buttons: tuple[Button, ...] = ()
    name = phrase(state.name, t.lang)
    if isinstance(state, FormerState):
        successors = [phrase(kb.countries.get(code).name, t.lang) for code in state.successors]
        lines = [t.gettext("{name} is a former State.").format(name=name) + f" {state.note.get(t.lang)}", *lines,
                 t.gettext("Its successor States: {names}.").format(
                     names=join_words(map(str, successors), "and", t.lang))]
        buttons = tuple(Button(str(successor), t.gettext(payload).format(country=successor))
                        for successor in successors)
    elif record is None:
        unconfirmed = ratifications.not_confirmed_for(state.code)
        lines = [t.gettext("{name} is not in my records, which are incomplete — NORMLEX has the live list.").format(
                     name=name),
                 t.gettext("What I found: {note}").format(note=unconfirmed.note.get(t.lang)) if unconfirmed else ""]
    for predecessor in ratifications.predecessors(state.code):
        lines += [t.gettext("{name} succeeded {predecessor}, which is in my records:").format(
                      name=name, predecessor=phrase(predecessor.country_name, t.lang)),
                  *record_lines(kb, predecessor, t)]
    return Reply(compose(lines, records_footer(kb, t)), buttons, {"country": state.code})


def _about_state(kb: Knowledge, question: UserQuestion, record_lines: RecordLines, payload: str,
                 found: State | Reply | None = None) -> Reply:
    """The answer on the State asked about (`found`, when the caller already looked it up)."""
    found = found if found is not None else find_state(kb, question, payload)
    if isinstance(found, Reply):
        return found
    return _state_answer(kb, found, record_lines, payload, translator_for(question))


def ratification_status(kb: Knowledge, question: UserQuestion) -> Reply:
    if question.convention and question.convention != C102:
        return _other_convention(kb, question)
    found = find_state(kb, question, STATUS_QUESTION)
    if isinstance(found, Reply) and not found.buttons and not OWN_COUNTRY.search(question.text):
        # "who has ratified C102 already?" names no country, and not the user's own (which one, then, is the answer's
        # first need): it is answered by the list of ratifications by region, then an invitation to name a country
        t = translator_for(question)
        overview = _by_region(kb, t)
        return Reply(compose(overview.text, t.gettext(NAME_A_COUNTRY)), overview.buttons, {"country": None},
                     topic=LIST_TOPIC)
    return _about_state(kb, question, _status_lines, STATUS_QUESTION, found)


def parts_accepted(kb: Knowledge, question: UserQuestion) -> Reply:
    return _about_state(kb, question, _parts_lines, PARTS_QUESTION)


def record_facet(topic: str, text: str) -> str:
    """The topic that answers a question classified on one facet of a country's record (`RECORD_TOPICS`): the
    facet its words ask for when they ask for one only (whether or when it ratified, or which Parts), else
    `topic`."""
    if topic not in RECORD_TOPICS:
        return topic
    when, parts = bool(_ASKS_WHEN.search(text)), bool(_ASKS_PARTS.search(text))
    if when == parts:
        return topic
    return STATUS_TOPIC if when else PARTS_TOPIC


def _other_convention(kb: Knowledge, question: UserQuestion) -> Reply:
    ident, t = question.convention or C102, translator_for(question)
    try:
        instrument = kb.conventions.get(ident)
        name, normlex = instrument.full_title_in(t.lang), instrument.link
    except KeyError:
        name, normlex = ident, kb.ratifications.normlex_url
    text = compose(t.gettext("My ratification records cover C102 only (compiled on {day}).").format(
                       day=compiled_on(kb, t)),
                   link(t.gettext("For {name}, NORMLEX has the live list").format(name=name), normlex, t))
    country = kb.countries.find(question.country) if question.country else None
    buttons: tuple[Button, ...] = ()
    if country:
        country_name = phrase(country.name, t.lang)
        buttons = (Button(t.gettext("{country} and C102").format(country=country_name),
                          t.gettext(STATUS_QUESTION).format(country=country_name)),)
    return Reply(text, buttons, {"convention": ident})


# -- counts and lists -----------------------------------------------------------------------------------------------
def ratification_count(kb: Knowledge, question: UserQuestion) -> Reply:
    found, t = kb.ratifications, translator_for(question)
    former = sum(record.former for record in found.records)
    listed = t.gettext("My records list {count} States that ratified C102 ({members} member States and {former} "
                       "former States), compiled on {day}.")
    text = compose(
        latest_total(kb, t),
        listed.format(count=found.count, members=found.count - former, former=former, day=compiled_on(kb, t)),
        found.caveat.get(t.lang),
        link(t.gettext(LIVE_LIST), found.normlex_url, t),
    )
    return Reply(text)


def ratifications_list(kb: Knowledge, question: UserQuestion) -> Reply:
    found, t = kb.ratifications, translator_for(question)
    year = int(question.year) if question.year and question.year.strip().isdigit() else None
    region = kb.countries.region_of(question.region) if question.region else _region_in_text(kb, question.text)
    if year is None and region is None:
        unknown = t.gettext("I don't know the region '{region}'.").format(region=question.region) \
            if question.region else None
        return _by_region(kb, t, unknown)
    records = found.since(year) if year is not None else found.in_region(kb.countries, str(region))
    if year is not None and region is not None:
        codes = {record.country for record in found.in_region(kb.countries, region)}
        records = [record for record in records if record.country in codes]
    scope = "".join([t.gettext(" in {region}").format(region=in_language(region, t.lang)) if region else "",
                     t.gettext(" since {year}").format(year=year) if year is not None else ""])
    items = [f"{record.country_name.get(t.lang)} "
             f"({date_text(record.ratified_on, t) if record.ratified_on else t.gettext(NO_DATE)})"
             for record in records]
    if not items:
        listing = t.gettext("My records have no C102 ratification{scope}.").format(scope=scope)
    else:
        heading = t.gettext("C102 ratifications{scope} in my records ({count}):").format(scope=scope, count=len(items))
        listing = compose(heading, bullets(items)) if len(items) <= MAX_BULLETS else f"{heading} {'; '.join(items)}."
    context = {key: value for key, value in (("region", region), ("year", str(year) if year else None)) if value}
    return Reply(compose(listing, records_footer(kb, t)), context=context)


def _region_in_text(kb: Knowledge, text: str) -> str | None:
    """The ILO region a question names when the NLU found none ("¿Qué países de América ratificaron?")."""
    words = _ELISION.sub(" ", text)  # "d'Afrique" is "Afrique"
    return next((region for region in map(kb.countries.region_of, _candidates(words)) if region), None)


def _by_region(kb: Knowledge, t: Translator, note: str | None = None) -> Reply:
    found, countries = kb.ratifications, kb.countries
    counts = [(in_language(region, t.lang), len(found.in_region(countries, region))) for region in countries.regions]
    former = sum(record.former for record in found.records)
    lines = [*(labelled(region, str(count), t) for region, count in counts),
             t.gettext("Former States: {count}").format(count=former)]
    text = compose(note, t.gettext("C102 ratifications in my records, by ILO region:"), bullets(lines),
                   records_footer(kb, t))
    buttons = tuple(Button(region, t.gettext(REGION_QUESTION).format(region=region)) for region, _ in counts)
    return Reply(text, buttons)


#: "the Parts?", "¿y qué partes?" right after a country's ratification: the Parts it accepted (read as a question on
#: how C102 lets States choose Parts, or on its branches)
_THE_PARTS = (("flexibility", PARTS_TOPIC), ("branches", PARTS_TOPIC))

TOPICS = (
    Topic(STATUS_TOPIC, ratification_status, N_("Whether a country has ratified C102"),
          about=("country", "convention"), opened_by=("country",), elliptic=_THE_PARTS),
    Topic(PARTS_TOPIC, parts_accepted, N_("Which Parts of C102 a country accepted"), about=("country",),
          elliptic=_THE_PARTS),
    # the count is of all States: a question naming a region or a year gets the list for it, which counts them
    Topic("ratification_count", ratification_count, N_("How many countries have ratified C102"),
          narrowed_by=(("region", LIST_TOPIC), ("year", LIST_TOPIC))),
    Topic(LIST_TOPIC, ratifications_list, N_("Which countries have ratified C102"), about=("region", "year"),
          opened_by=("region", "year"), fresh=("region", "year"), narrowed_by=(("country", "ratification_status"),)),
)
