"""One eligibility check from answers to a saved result: parse, assess, save, find again, draft the instrument.

The chat actions, the web API and tests share this, so the three faces give the same verdict for the same answers
and store them the same way (`bot.store`, with a short code). Rendering stays in `bot/render/`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot import knowledge
from bot.assessment.progress import Progress
from bot.eligibility import Assessment, assess, assessment_to_dict, parse_input
from bot.eligibility.assess import CountryStatus
from bot.eligibility.compare import Comparison, compare
from bot.eligibility.gaps import WhereToStart, where_to_start
from bot.i18n import N_, Translator, translator
from bot.knowledge.countries import Country
from bot.render.instrument import article2_shortfall, render_instrument
from bot.render.pdf import html_to_pdf
from bot.render.report import ReportSource, report_html
from bot.store import AssessmentStore, SavedAssessment, open_engine
from bot.store.assessments import CheckStatus, codes_named
from bot.throttle import Throttle

PLACEHOLDER_COUNTRY = N_("[country]")


ENGLISH = translator()


class InstrumentUnavailable(ValueError):
    """No draft instrument can be written for this assessment; the message says why, for people."""


class ShortOfArticle2(InstrumentUnavailable):
    """The Parts named for the draft do not satisfy Article 2: the message, in the language asked, says why and what
    they would need."""


class ReportUnavailable(LookupError):
    """No finished check has the code whose report was asked for."""


@dataclass(frozen=True)
class Outcome:
    code: str
    assessment: Assessment

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON output plus the saved `code`."""
        return {**assessment_to_dict(self.assessment), "code": self.code}


class AssessmentService:
    def __init__(self, kb: knowledge.Knowledge, store: AssessmentStore,
                 country_status: CountryStatus | None = None) -> None:
        self.kb = kb
        self.store = store
        self.country_status = country_status
        self.failed_lookups = Throttle()

    def assess(self, data: object) -> Assessment:
        """The assessment of `data` (the spec's input); `InputError` listing every problem."""
        answers = parse_input(data, self.kb.c102)
        return assess(answers, self.kb.c102, self.country_status)

    def finish(self, data: object, *, sender_id: str | None = None, code: str | None = None,
               progress: Progress | None = None) -> Outcome:
        """Assess and store as finished (a new code, or the one given); `InputError` before anything is saved."""
        result = self.assess(data)
        assert isinstance(data, Mapping)  # the parser accepted it
        saved_progress = progress.to_dict() if progress else None
        code = self.store.save(dict(data), status=CheckStatus.FINISHED, result=assessment_to_dict(result),
                               progress=saved_progress, sender_id=sender_id, code=code)
        return Outcome(code, result)

    def save_progress(self, progress: Progress, *, status: CheckStatus = CheckStatus.IN_PROGRESS,
                      sender_id: str | None = None) -> str:
        """Store the chat's answers so far (a new code when `progress.code` is None); returns the code."""
        return self.store.save(progress.to_input(), status=status, progress=progress.to_dict(), sender_id=sender_id,
                               code=progress.code)

    def saved(self, code: str) -> SavedAssessment | None:
        return self.store.get(code)

    def look_up(self, code: str, client: str) -> SavedAssessment | None:
        """The saved assessment with `code`, for a client known by `client` (an address, a sender id); its failed
        look-ups are counted, and `TooManyAttempts` stops the next ones once there are too many."""
        self.failed_lookups.check(client)
        saved = self.store.get(code)
        if saved is None:
            self.failed_lookups.failed(client)
        return saved

    @staticmethod
    def codes_named(text: str) -> list[str]:
        """Every code `text` names (words shaped like a code, `bot.store.assessments.codes_named`), in order, once."""
        return codes_named(text)

    @classmethod
    def code_named(cls, text: str) -> str | None:
        """The first code `text` names."""
        return next(iter(cls.codes_named(text)), None)

    def named_in(self, text: str, client: str) -> SavedAssessment | None:
        """The saved assessment whose code `text` names, looked up once (`look_up`)."""
        code = self.code_named(text)
        return self.look_up(code, client) if code else None

    def reassess(self, saved: SavedAssessment) -> Assessment:
        """The saved answers assessed again (to render a stored result with the same report)."""
        return self.assess(saved.answers)

    def where_to_start(self, data: object) -> WhereToStart:
        """Where to start for `data` (the spec's input; `InputError` on bad input): the chat, the CLI and the web
        API give the same (render it with `bot.render.where_to_start`)."""
        return where_to_start(parse_input(data, self.kb.c102), self.kb.c102)

    def report_source(self, saved: SavedAssessment) -> ReportSource:
        """What the decision document of a saved check is made of (`bot.render.report`)."""
        return ReportSource(self.reassess(saved), self.where_to_start(saved.answers), saved.answers,
                            saved.updated_at.date(), saved.code)

    def report_html(self, saved: SavedAssessment, t: Translator = ENGLISH) -> str:
        """The decision document of a saved check as one HTML page in `t`'s language (`bot.render.pdf.html_to_pdf`
        makes the PDF)."""
        return report_html(self.kb, self.report_source(saved), t)

    def report_pdf(self, saved: SavedAssessment, t: Translator = ENGLISH) -> bytes:
        """The decision document as a PDF (CPU-bound: run it off an event loop); `PdfUnavailable` without
        WeasyPrint's system libraries."""
        return html_to_pdf(self.report_html(saved, t))

    def finished_report_pdf(self, code: str) -> bytes:
        """The PDF of the finished check with `code`; `ReportUnavailable` when no finished check has it,
        `PdfUnavailable`, `StoreUnavailable`."""
        saved = self.store.get(code)
        if saved is None or saved.status != CheckStatus.FINISHED:
            raise ReportUnavailable(f"no finished check has the code {code}")
        return self.report_pdf(saved)

    def compare(self, before: SavedAssessment, after: SavedAssessment) -> Comparison:
        """What changed from check `before` to check `after` (`bot.eligibility.compare`)."""
        return compare(self.reassess(before), self.where_to_start(before.answers), self.reassess(after),
                       self.where_to_start(after.answers))

    def instrument(self, saved: SavedAssessment, parts: Iterable[str] | None = None, t: Translator = ENGLISH) -> str:
        """The draft instrument for the Parts found acceptable, or for `parts` (numerals or branch ids) when given.
        `InstrumentUnavailable` says why not: unfinished, not ratifiable, or Parts that do not satisfy Art. 2
        (`ShortOfArticle2`)."""
        chosen = list(parts or ())
        if not chosen:
            verdict = (saved.result or {}).get("article2")
            if saved.status != CheckStatus.FINISHED or verdict is None:
                raise InstrumentUnavailable(f"assessment {saved.code} is not finished yet")
            if not verdict["ratifiable"]:
                raise InstrumentUnavailable(f"assessment {saved.code} is not ratifiable yet: it needs "
                                            f"{verdict['missing']}")
            chosen = verdict["acceptable_parts"]
        return self._draft(chosen, saved.country, bool(saved.answers.get("article3_declaration")), t)

    def instrument_for_parts(self, parts: Iterable[str], country: str | None = None, t: Translator = ENGLISH) -> str:
        """The draft instrument for the Parts named (numerals or branch ids), with no eligibility check behind it:
        for `country` if named, else with a blank for it. `ShortOfArticle2` when the Parts do not satisfy Art. 2."""
        return self._draft(list(parts), country, False, t)

    def _draft(self, parts: list[str], country: str | None, article3_declaration: bool, t: Translator) -> str:
        try:
            shortfall = article2_shortfall(self.kb.c102, parts, t)
            if not shortfall:
                return render_instrument(self.kb.c102, self.country_name(country, t), parts,
                                         article3_declaration=article3_declaration, t=t)
        except (KeyError, ValueError) as exc:  # a Part the Convention does not have, an empty name
            raise InstrumentUnavailable(str(exc).strip("'\"")) from None
        raise ShortOfArticle2(shortfall)


    def country_name(self, name: str | None, t: Translator) -> str:
        """The country's name when the knowledge base knows it (its `CountryName`, "Maroc" in French), else as
        given; a blank to fill in `t`'s language when there is none."""
        if not name:
            return t.gettext(PLACEHOLDER_COUNTRY)
        state = self.kb.countries.find(name)
        return state.name if isinstance(state, Country) else name


@lru_cache(maxsize=1)
def default_service() -> AssessmentService:
    """The service on the configured knowledge base and database (`RATIFY_KNOWLEDGE_DIR`, `RATIFY_DATABASE_URL`)."""
    return AssessmentService(knowledge.load(), AssessmentStore(open_engine()),
                             knowledge.country_status_lookup())
