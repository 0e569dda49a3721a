"""Monitoring and evaluation rules: indicators, targets, measurements, project progress, the M&E calendar.

Décret 2-16-301 art. 6 asks for a project monitoring system with objectives and
performance indicators per project.  An indicator has a level (réalisation, résultat,
impact), a unit, a baseline and its year, a target per plan year and at the end, a
source and means of verification, a frequency, a responsible body and its
disaggregation (sex, age, douar).  A project marked for gender (DAC marker 1 or 2)
needs at least one gender or sex-disaggregated indicator.

After the workshop, commune staff record measured values per year and each project's
progress (status, % done, amount spent); a project is *late* when its progress is
behind the share of its cost planned up to that year, *over budget* when its spending
exceeds its cost or runs ahead of its progress.

Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.errors import Collector
from pac.i18n import t

INDICATOR_STATUSES = ("proposed", "validated")
MEASUREMENT_SEXES = ("all", "f", "m")
PROGRESS_STATUSES = ("not_started", "in_progress", "done", "suspended", "cancelled")
ME_EVENT_KINDS = ("annual_report", "mid_term", "final", "other")
EVALUATION_TYPES = ("internal", "external", "participatory")
LATE_MARGIN = 10.0  # percentage points of progress behind plan before a project is called late
OVERRUN_MARGIN = 0.10  # spending may run 10 % ahead of progress before a project is called over budget
MAY_SESSION_DEADLINE = (
    4,
    30,
)  # the yearly report is ready before the council's May session (LO 113-14 art. 33)
MAX_VALUE = 1e12


# --------------------------------------------------------------------------- indicators


def _f(key: str, lang: str, **fmt: Any) -> str:
    """A field's name in the reader's language, for the messages that name it."""
    return t(f"monitoring.field.{key}", lang, **fmt)


def bilingual_text(
    c: Collector,
    values: Mapping[str, Any],
    field: str,
    key: str,
    lang: str,
    *,
    required: bool = False,
    max_len: int = 300,
    **where: Any,
) -> dict[str, str]:
    """Both versions of a text the commune writes (`field` in French, `field_ar` in Arabic), each checked and
    named with its language.  Neither is required by itself; when the text is `required`, one of the two is."""
    out = {}
    for col, version in ((field, "fr"), (f"{field}_ar", "ar")):
        name = _f("of_lang", lang, field=_f(key, lang), version=t(f"monitoring.lang.{version}", lang))
        out[col] = v.text(c, name, values.get(col), max_len=max_len, **where)
    if required and not out[field] and not out[f"{field}_ar"]:
        c.add(_f(key, lang), t("monitoring.err.one_version_needed", lang), **where, lang=lang)
    return out


def validate_indicator(
    c: Collector, values: Mapping[str, Any], years: Sequence[int], lang: str = "fr"
) -> dict[str, Any]:
    """The fields of one indicator, each refused with a message naming it in the reader's language.
    Its name, definition, unit, source and responsible body have a French and an Arabic version; the name
    needs at least one."""
    first, last = years[0], years[-1]
    out: dict[str, Any] = {
        "code": v.text(c, _f("code", lang), values.get("code"), max_len=30),
        "level": v.choice(c, _f("level", lang), values.get("level"), vocab.INDICATOR_LEVELS),
        **bilingual_text(c, values, "name", "name", lang, required=True, max_len=300),
        **bilingual_text(c, values, "definition", "definition", lang, max_len=2000),
        **bilingual_text(c, values, "unit", "unit", lang, max_len=60),
        "baseline_value": v.number(
            c, _f("baseline_value", lang), values.get("baseline_value"), minimum=None, maximum=MAX_VALUE
        ),
        "baseline_year": v.year(
            c, _f("baseline_year", lang), values.get("baseline_year"), first=1990, last=last
        ),
        "target_final": v.number(
            c, _f("target_final", lang), values.get("target_final"), minimum=None, maximum=MAX_VALUE
        ),
        **bilingual_text(c, values, "source", "source", lang, max_len=1000),
        "frequency": v.choice(
            c, _f("frequency", lang), values.get("frequency") or "yearly", vocab.FREQUENCIES
        ),
        **bilingual_text(c, values, "responsible", "responsible", lang, max_len=200),
        "is_gender": bool(values.get("is_gender")),
        "status": v.choice(c, _f("status", lang), values.get("status") or "proposed", INDICATOR_STATUSES),
        "comment": v.text(c, _f("comment", lang), values.get("comment"), max_len=2000),
    }
    dis = values.get("disaggregation") or []
    if isinstance(dis, str):
        dis = [d.strip() for d in dis.split(",") if d.strip()]
    bad = [d for d in dis if d not in vocab.DISAGGREGATIONS]
    if bad:
        c.add(
            _f("disaggregation", lang),
            t("monitoring.err.bad_disaggregation", lang, values=", ".join(map(str, bad))),
            lang=lang,
        )
    out["disaggregation"] = [d for d in vocab.DISAGGREGATIONS if d in dis]
    if out["baseline_value"] is not None and out["baseline_year"] is None:
        c.add(_f("baseline_year", lang), t("monitoring.err.baseline_year_needed", lang), lang=lang)
    targets: dict[int, float] = {}
    for raw_year, raw in (values.get("targets") or {}).items():
        y = v.year(c, _f("targets", lang), raw_year, first=first, last=last)
        if y is None:
            continue
        x = v.number(c, _f("target_of", lang, year=y), raw, minimum=None, maximum=MAX_VALUE)
        if x is not None:
            targets[y] = x
    out["targets"] = targets
    return out


def is_gender_sensitive(is_gender: bool, disaggregation: Iterable[str]) -> bool:
    """A gender indicator, or one disaggregated by sex, counts for the gender marker."""
    return bool(is_gender) or "sex" in set(disaggregation)


@dataclass(frozen=True)
class ProjectCoverage:
    """What the M&E rules need of a retained project."""

    project_id: int
    code: str
    title: str
    marker_gender: int | None
    indicators: int
    gender_indicators: int

    @property
    def needs_gender_indicator(self) -> bool:
        return (self.marker_gender or 0) >= 1 and self.gender_indicators == 0


def without_indicator(projects: Iterable[ProjectCoverage]) -> list[ProjectCoverage]:
    return [p for p in projects if p.indicators == 0]


def missing_gender_indicator(projects: Iterable[ProjectCoverage]) -> list[ProjectCoverage]:
    return [p for p in projects if p.needs_gender_indicator]


# --------------------------------------------------------------------------- measurements


def validate_measurement(
    c: Collector,
    years: Sequence[int],
    year: Any,
    sex: Any,
    value: Any,
    disaggregation: Iterable[str],
    lang: str = "fr",
) -> tuple[int | None, str | None, float | None]:
    y = v.year(c, _f("year", lang), year, first=years[0], last=years[-1], required=True)
    s = v.choice(c, _f("sex", lang), sex or "all", MEASUREMENT_SEXES)
    if s in ("f", "m") and "sex" not in set(disaggregation):
        c.add(_f("sex", lang), t("monitoring.err.not_by_sex", lang), lang=lang)
        s = None
    x = v.number(c, _f("measured", lang), value, minimum=None, maximum=MAX_VALUE)
    return y, s, x


@dataclass(frozen=True)
class TargetPoint:
    year: int
    target: float | None
    actual: float | None

    @property
    def gap(self) -> float | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual - self.target


def achievement(baseline: float | None, target: float | None, actual: float | None) -> float | None:
    """Share of the way from baseline to target covered by the actual value (1.0 = target met).

    Works for indicators that must go down (a rate of dropout) as for those that go up.
    """
    if target is None or actual is None:
        return None
    start = baseline if baseline is not None else 0.0
    if target == start:
        return 1.0 if actual == target else None
    return (actual - start) / (target - start)


def target_series(
    years: Sequence[int], targets: Mapping[int, float], actuals: Mapping[int, float]
) -> list[TargetPoint]:
    return [TargetPoint(y, targets.get(y), actuals.get(y)) for y in years]


# --------------------------------------------------------------------------- project progress


def validate_progress(
    c: Collector, years: Sequence[int], values: Mapping[str, Any], lang: str = "fr"
) -> dict[str, Any]:
    out = {
        "year": v.year(
            c, _f("year", lang), values.get("year"), first=years[0], last=years[-1], required=True
        ),
        "status": v.choice(
            c, _f("progress_status", lang), values.get("status") or "not_started", PROGRESS_STATUSES
        ),
        "percent_done": v.number(c, _f("percent_done", lang), values.get("percent_done"), maximum=100) or 0.0,
        "spent": v.number(c, _f("spent", lang), values.get("spent"), maximum=1e10) or 0.0,
        "comment": v.text(c, _f("comment", lang), values.get("comment"), max_len=2000),
    }
    if out["status"] == "done" and out["percent_done"] < 100:
        c.add(_f("percent_done", lang), t("monitoring.err.done_is_100", lang), lang=lang)
    if out["status"] == "not_started" and (out["percent_done"] > 0 or out["spent"] > 0):
        c.add(_f("progress_status", lang), t("monitoring.err.not_started", lang), lang=lang)
    return out


def expected_percent(
    costs: Mapping[int, float], year: int, start_year: int | None, end_year: int | None
) -> float:
    """Progress expected at the end of `year`: the share of the project's cost planned up to that year.

    Without costs per year, time elapsed over the years of execution stands in for it.
    """
    total = sum(costs.values())
    if total > 0:
        return 100.0 * sum(a for y, a in costs.items() if y <= year) / total
    if start_year is None or end_year is None:
        return 0.0
    if year < start_year:
        return 0.0
    return 100.0 * min(year - start_year + 1, end_year - start_year + 1) / (end_year - start_year + 1)


@dataclass(frozen=True)
class ProgressFlags:
    expected: float
    late: bool
    over_budget: bool
    projected_cost: float | None  # spending / progress: the cost at completion if the pace holds


def progress_flags(
    costs: Mapping[int, float],
    start_year: int | None,
    end_year: int | None,
    year: int,
    status: str,
    percent_done: float,
    spent: float,
) -> ProgressFlags:
    expected = expected_percent(costs, year, start_year, end_year)
    total = sum(costs.values())
    finished = status in ("done", "cancelled")
    late = not finished and percent_done + LATE_MARGIN < expected
    projected = spent / (percent_done / 100.0) if percent_done > 0 else None
    over = total > 0 and (
        spent > total + 0.5 or (projected is not None and projected > total * (1 + OVERRUN_MARGIN))
    )
    return ProgressFlags(expected, late, over, projected)


# --------------------------------------------------------------------------- M&E calendar


@dataclass(frozen=True)
class EventDraft:
    kind: str
    year: int
    due_on: dt.date
    evaluation_type: str
    description: str
    description_ar: str = ""


def standard_calendar(years: Sequence[int]) -> list[EventDraft]:
    """The customary calendar: a yearly execution report before the council's May session of the
    following year, a mid-term evaluation in year 3 to prepare the update, a final evaluation; each
    described in French and in Arabic."""
    month, day = MAY_SESSION_DEADLINE

    def both(key: str, **fmt: Any) -> tuple[str, str]:
        return t(key, "fr", **fmt), t(key, "ar", **fmt)

    out = [
        EventDraft(
            "annual_report",
            y,
            dt.date(y + 1, month, day),
            "internal",
            *both("monitoring.std.annual_report", year=y, next=y + 1),
        )
        for y in years
    ]
    mid = years[min(2, len(years) - 1)]
    out.append(
        EventDraft("mid_term", mid, dt.date(mid, 12, 31), "participatory", *both("monitoring.std.mid_term"))
    )
    out.append(
        EventDraft("final", years[-1], dt.date(years[-1], 9, 30), "external", *both("monitoring.std.final"))
    )
    return sorted(out, key=lambda e: (e.due_on, e.kind))


# The columns a user fills in each table of the M&E system.  A row is left out of a save only when every one
# of them is empty (a box left unticked counts as empty): any other row is checked, and one that lacks a
# required field is refused by name, never dropped.
MEMBER_COLUMNS = ("name", "name_ar", "role", "sex", "organisation", "organisation_ar", "is_ieeag")
TOOL_COLUMNS = (
    "name",
    "name_ar",
    "description",
    "description_ar",
    "frequency",
    "responsible",
    "responsible_ar",
)
EVENT_COLUMNS = ("kind", "year", "due_on", "evaluation_type", "description", "description_ar")


def is_empty_row(values: Mapping[str, Any], columns: Iterable[str]) -> bool:
    """True when the row `values` of an edited table holds nothing: each of `columns`, and any other column
    the row carries, is blank (None, NaN, spaces) or an unticked box (False), as a table's new row is."""
    return all(_empty_cell(values.get(k)) for k in {*columns, *values})


def _empty_cell(value: Any) -> bool:
    if v.is_blank(value):
        return True
    # An unticked box: Python's False, or numpy's (a table's column of booleans), without importing numpy.
    return type(value).__name__ in ("bool", "bool_") and not value


def validate_event(
    c: Collector, years: Sequence[int], values: Mapping[str, Any], row: int | None = None, lang: str = "fr"
) -> dict[str, Any]:
    where: dict[str, Any] = {"row": row} if row is not None else {}
    return {
        "kind": v.choice(c, _f("kind", lang), values.get("kind"), ME_EVENT_KINDS, **where),
        "year": v.year(
            c, _f("year", lang), values.get("year"), first=years[0], last=years[-1], required=True, **where
        ),
        "due_on": v.date(c, _f("due_on", lang), values.get("due_on"), **where),
        "evaluation_type": v.choice(
            c,
            _f("evaluation_type", lang),
            values.get("evaluation_type"),
            EVALUATION_TYPES,
            required=False,
            **where,
        )
        or "",
        **bilingual_text(c, values, "description", "description", lang, max_len=2000, **where),
    }


def validate_member(
    c: Collector, values: Mapping[str, Any], row: int | None = None, lang: str = "fr"
) -> dict[str, Any]:
    where: dict[str, Any] = {"row": row} if row is not None else {}
    role = v.choice(c, _f("role", lang), values.get("role"), vocab.ROLES, **where)
    return {
        **bilingual_text(c, values, "name", "member_name", lang, max_len=200, **where),
        "role": role,
        "sex": v.choice(c, _f("sex", lang), values.get("sex"), vocab.SEXES, required=False, **where) or "",
        **bilingual_text(c, values, "organisation", "organisation", lang, max_len=200, **where),
        "is_ieeag": role == "ieeag" or bool(values.get("is_ieeag")),
    }


def validate_tool(
    c: Collector, values: Mapping[str, Any], row: int | None = None, lang: str = "fr"
) -> dict[str, Any]:
    """One M&E tool: its name (French, Arabic or both; one is needed), description and responsible body in
    both languages."""
    where: dict[str, Any] = {"row": row} if row is not None else {}
    return {
        **bilingual_text(c, values, "name", "tool", lang, required=True, max_len=200, **where),
        **bilingual_text(c, values, "description", "description", lang, max_len=2000, **where),
        "frequency": v.choice(
            c, _f("tool_frequency", lang), values.get("frequency"), vocab.FREQUENCIES, required=False, **where
        )
        or "",
        **bilingual_text(c, values, "responsible", "responsible", lang, max_len=200, **where),
    }


@dataclass(frozen=True)
class StandardTool:
    """A customary M&E tool, written in both languages."""

    name: str
    name_ar: str
    description: str
    description_ar: str
    frequency: str
    responsible: str
    responsible_ar: str = ""


def _standard_tool(key: str, frequency: str) -> StandardTool:
    k = f"monitoring.std.tool.{key}"
    return StandardTool(
        t(k, "fr"),
        t(k, "ar"),
        t(f"{k}.d", "fr"),
        t(f"{k}.d", "ar"),
        frequency,
        t(f"{k}.r", "fr"),
        t(f"{k}.r", "ar"),
    )


STANDARD_TOOLS = (
    _standard_tool("dashboard", "quarterly"),
    _standard_tool("report", "yearly"),
    _standard_tool("visits", "quarterly"),
    _standard_tool("meetings", "half_yearly"),
)
