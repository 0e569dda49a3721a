"""The plan's road to adoption: the steps in the law's order, and what each record must hold.

Draft → submitted to the NGO → reviewed by the NGO (validated, or returned with comments) →
State services consulted (décret 2-16-301 art. 4) → IEEAG opinion (LO 113-14 art. 120, its text)
→ draft sent to the council's committees (décret art. 10: at least 30 days before the session) →
committees' reports (art. 11) → adopted in session (date, session type, vote counts) → governor's
visa (LO art. 118) → in force.

Mandates (the councils' elections) are data, not code: the first-year rule takes them as a
parameter, read from the editable catalogue data/mandates.csv.  Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pac.domain import vocab
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.fmt import date as fmt_date
from pac.i18n import t

COMMITTEE_NOTICE_DAYS = 30  # décret 2-16-301 art. 10

# The road, in order.  A plan's status is the last step reached.
STEPS: tuple[str, ...] = (
    "submitted_ngo",
    "ngo_review",
    "state_services",
    "ieeag_opinion",
    "committees_sent",
    "committee_reports",
    "adopted",
    "governor_visa",
    "in_force",
)
NGO_OUTCOMES = ("validated", "returned")
SESSION_TYPES = ("ordinary", "extraordinary")
TEXT_STEPS = frozenset({"ieeag_opinion", "committee_reports"})  # their text is attached, so required
COMMENT_SOURCES = ("ngo", "committee", "ieeag", "other")
COMMENT_TARGETS = ("plan", "section", "project")
COMMENT_STATES = ("open", "answered")
SECTIONS = ("diagnostic", "swot", "vision", "projects", "subsidiarity", "plan", "monitoring")


@dataclass(frozen=True)
class StepRecord:
    """One step as recorded (a step recorded twice keeps its latest record)."""

    step: str
    done_on: dt.date
    recorded_by: str = ""
    note: str = ""
    outcome: str = ""  # ngo_review: validated | returned
    text: str = ""  # ieeag_opinion, committee_reports: the text attached
    session_type: str = ""  # adopted
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None


@dataclass(frozen=True)
class Mandate:
    code: str
    elected_on: dt.date | None  # None: election not yet dated
    source: str = ""


def latest(records: Iterable[StepRecord]) -> dict[str, StepRecord]:
    """The latest record of each step (records come oldest first)."""
    out: dict[str, StepRecord] = {}
    for r in records:
        out[r.step] = r
    return out


def status(records: Iterable[StepRecord]) -> str:
    """« draft », « returned » (the NGO sent it back), or the last step of the road reached."""
    done = latest(records)
    reached = "draft"
    for step in STEPS:
        r = done.get(step)
        if r is None:
            break
        if step == "ngo_review" and r.outcome == "returned":
            return "returned"
        reached = step
    return reached


def next_step(records: Iterable[StepRecord]) -> str | None:
    """The step to record next (after « returned », the plan is submitted again)."""
    st = status(records)
    if st == "returned":
        return "submitted_ngo"
    if st == "draft":
        return STEPS[0]
    i = STEPS.index(st)
    return STEPS[i + 1] if i + 1 < len(STEPS) else None


def _field(key: str, lang: str) -> str:
    """A field named as the form labels it, without the « * » of a required field."""
    return t(f"adoption.field.{key}", lang).rstrip(" *")


def validate(record: StepRecord, records: Sequence[StepRecord], today: dt.date, lang: str = "fr") -> None:
    """Refuse a record that the road does not allow, with one message per problem in `lang` (field named)."""
    c = Collector()
    if record.step not in STEPS:
        raise DomainError(
            Problem(_field("step", lang), t("adoption.err.unknown_step", lang, step=record.step), lang=lang)
        )
    if record.done_on > today:
        c.add(
            _field("done_on", lang),
            t("adoption.err.future", lang, date=fmt_date(record.done_on, lang=lang)),
            lang=lang,
        )
    done = latest(records)
    i = STEPS.index(record.step)
    expected = next_step(records)
    # A step already reached may be corrected; otherwise only the next one may be recorded.
    if (
        record.step not in done
        and record.step != expected
        and not (record.step == "submitted_ngo" and status(records) == "returned")
    ):
        name = t(f"adoption.step.{expected}", lang) if expected else t("adoption.err.road_done", lang)
        c.add(_field("step", lang), t("adoption.err.out_of_order", lang, expected=name), lang=lang)
    if i > 0:
        prev = done.get(STEPS[i - 1])
        if prev is not None and record.done_on < prev.done_on:
            c.add(
                _field("done_on", lang),
                t(
                    "adoption.err.before_previous",
                    lang,
                    date=fmt_date(record.done_on, lang=lang),
                    previous=fmt_date(prev.done_on, lang=lang),
                ),
            )
    if record.step == "ngo_review" and record.outcome not in NGO_OUTCOMES:
        c.add(_field("outcome", lang), t("adoption.err.outcome", lang), lang=lang)
    if record.step in TEXT_STEPS and not record.text.strip():
        key = "text_ieeag" if record.step == "ieeag_opinion" else "text_reports"
        c.add(_field(key, lang), t("adoption.err.text", lang), lang=lang)
    if record.step == "adopted":
        if record.session_type not in SESSION_TYPES:
            c.add(_field("session_type", lang), t("adoption.err.session_type", lang), lang=lang)
        counts = (record.votes_for, record.votes_against, record.votes_abstain)
        names = tuple(_field(k, lang) for k in ("votes_for", "votes_against", "votes_abstain"))
        for name, n in zip(names, counts, strict=True):
            if n is None:
                c.add(name, t("adoption.err.count_needed", lang), lang=lang)
            elif n < 0:
                c.add(name, t("adoption.err.count_negative", lang, n=n), lang=lang)
        if all(n is not None and n >= 0 for n in counts) and (record.votes_for or 0) <= (
            record.votes_against or 0
        ):
            c.add(
                names[0],
                t(
                    "adoption.err.not_adopted",
                    lang,
                    votes_for=record.votes_for,
                    votes_against=record.votes_against,
                ),
            )
    c.raise_if_any()


# --------------------------------------------------------------------------- rules the checklist uses


def covers_six_years(start_year: int, end_year: int) -> bool:
    """LO 113-14 art. 78 (décret art. 3): a PAC covers six years."""
    return end_year - start_year + 1 == vocab.PLAN_YEARS


def notice_days(sent_on: dt.date, session_on: dt.date) -> int:
    return (session_on - sent_on).days


def notice_ok(sent_on: dt.date, session_on: dt.date) -> bool:
    """Décret art. 10: the draft reaches the committees at least 30 days before the session."""
    return notice_days(sent_on, session_on) >= COMMITTEE_NOTICE_DAYS


def mandate_of(session_on: dt.date, mandates: Iterable[Mandate]) -> Mandate | None:
    """The mandate in course on that day: the latest election on or before it."""
    before = [m for m in mandates if m.elected_on is not None and m.elected_on <= session_on]
    return max(before, key=lambda m: m.elected_on or dt.date.min, default=None)


def first_year_end(elected_on: dt.date) -> dt.date:
    """The last day of the mandate's first year (29 February falls back to 28)."""
    try:
        return elected_on.replace(year=elected_on.year + 1) - dt.timedelta(days=1)
    except ValueError:
        return dt.date(elected_on.year + 1, 2, 28)


def within_first_year(session_on: dt.date, mandates: Iterable[Mandate]) -> bool | None:
    """LO art. 78: adopted within the first year of the council's mandate; None when no mandate is known."""
    m = mandate_of(session_on, mandates)
    if m is None or m.elected_on is None:
        return None
    return session_on <= first_year_end(m.elected_on)


def parse_mandates(rows: Iterable[dict[str, str]]) -> list[Mandate]:
    """The mandates catalogue's rows (code, elected_on as YYYY-MM-DD or empty, source)."""
    out = []
    for r in rows:
        raw = (r.get("elected_on") or "").strip()
        out.append(
            Mandate(
                (r.get("code") or "").strip(),
                dt.date.fromisoformat(raw) if raw else None,
                r.get("source", ""),
            )
        )
    return out
