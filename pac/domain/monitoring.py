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


def validate_indicator(c: Collector, values: Mapping[str, Any], years: Sequence[int]) -> dict[str, Any]:
    """The fields of one indicator, each refused with a French message naming it."""
    first, last = years[0], years[-1]
    out: dict[str, Any] = {
        "code": v.text(c, "Code", values.get("code"), max_len=30),
        "level": v.choice(c, "Niveau", values.get("level"), vocab.INDICATOR_LEVELS),
        "name": v.text(c, "Intitulé", values.get("name"), required=True, max_len=300),
        "definition": v.text(c, "Définition", values.get("definition"), max_len=2000),
        "unit": v.text(c, "Unité", values.get("unit"), max_len=60),
        "baseline_value": v.number(
            c, "Valeur de référence", values.get("baseline_value"), minimum=None, maximum=MAX_VALUE
        ),
        "baseline_year": v.year(c, "Année de référence", values.get("baseline_year"), first=1990, last=last),
        "target_final": v.number(
            c, "Cible finale", values.get("target_final"), minimum=None, maximum=MAX_VALUE
        ),
        "source": v.text(c, "Source et moyens de vérification", values.get("source"), max_len=1000),
        "frequency": v.choice(
            c, "Fréquence de collecte", values.get("frequency") or "yearly", vocab.FREQUENCIES
        ),
        "responsible": v.text(c, "Responsable", values.get("responsible"), max_len=200),
        "is_gender": bool(values.get("is_gender")),
        "status": v.choice(c, "Statut", values.get("status") or "proposed", INDICATOR_STATUSES),
        "comment": v.text(c, "Commentaire", values.get("comment"), max_len=2000),
    }
    dis = values.get("disaggregation") or []
    if isinstance(dis, str):
        dis = [d.strip() for d in dis.split(",") if d.strip()]
    bad = [d for d in dis if d not in vocab.DISAGGREGATIONS]
    if bad:
        c.add("Ventilation", f"« {', '.join(map(str, bad))} » n'est pas permis (sexe, âge, douar).")
    out["disaggregation"] = [d for d in vocab.DISAGGREGATIONS if d in dis]
    if out["baseline_value"] is not None and out["baseline_year"] is None:
        c.add("Année de référence", "indiquez l'année de la valeur de référence.")
    targets: dict[int, float] = {}
    for raw_year, raw in (values.get("targets") or {}).items():
        y = v.year(c, "Cible par année", raw_year, first=first, last=last)
        if y is None:
            continue
        x = v.number(c, f"Cible {y}", raw, minimum=None, maximum=MAX_VALUE)
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
    c: Collector, years: Sequence[int], year: Any, sex: Any, value: Any, disaggregation: Iterable[str]
) -> tuple[int | None, str | None, float | None]:
    y = v.year(c, "Année", year, first=years[0], last=years[-1], required=True)
    s = v.choice(c, "Sexe", sex or "all", MEASUREMENT_SEXES)
    if s in ("f", "m") and "sex" not in set(disaggregation):
        c.add("Sexe", "cet indicateur n'est pas ventilé par sexe ; saisissez la valeur totale.")
        s = None
    x = v.number(c, "Valeur mesurée", value, minimum=None, maximum=MAX_VALUE)
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


def validate_progress(c: Collector, years: Sequence[int], values: Mapping[str, Any]) -> dict[str, Any]:
    out = {
        "year": v.year(c, "Année", values.get("year"), first=years[0], last=years[-1], required=True),
        "status": v.choice(c, "État", values.get("status") or "not_started", PROGRESS_STATUSES),
        "percent_done": v.number(c, "Avancement (%)", values.get("percent_done"), maximum=100) or 0.0,
        "spent": v.number(c, "Dépensé (DH)", values.get("spent"), maximum=1e10) or 0.0,
        "comment": v.text(c, "Commentaire", values.get("comment"), max_len=2000),
    }
    if out["status"] == "done" and out["percent_done"] < 100:
        c.add("Avancement (%)", "un projet achevé est avancé à 100 %.")
    if out["status"] == "not_started" and (out["percent_done"] > 0 or out["spent"] > 0):
        c.add("État", "un projet non démarré n'a ni avancement ni dépense ; choisissez « En cours ».")
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


def standard_calendar(years: Sequence[int]) -> list[EventDraft]:
    """The customary calendar: a yearly execution report before the council's May session of the
    following year, a mid-term evaluation in year 3 to prepare the update, a final evaluation."""
    month, day = MAY_SESSION_DEADLINE
    out = [
        EventDraft(
            "annual_report",
            y,
            dt.date(y + 1, month, day),
            "internal",
            f"Rapport annuel d'exécution {y}, présenté au conseil à sa session de mai {y + 1}.",
        )
        for y in years
    ]
    mid = years[min(2, len(years) - 1)]
    out.append(
        EventDraft(
            "mid_term",
            mid,
            dt.date(mid, 12, 31),
            "participatory",
            "Évaluation à mi-parcours : bilan des trois premières années et mise à jour du plan.",
        )
    )
    out.append(
        EventDraft(
            "final",
            years[-1],
            dt.date(years[-1], 9, 30),
            "external",
            "Évaluation finale du plan, avant l'élaboration du plan suivant.",
        )
    )
    return sorted(out, key=lambda e: (e.due_on, e.kind))


def validate_event(
    c: Collector, years: Sequence[int], values: Mapping[str, Any], row: int | None = None
) -> dict[str, Any]:
    where = {"row": row} if row is not None else {}
    return {
        "kind": v.choice(c, "Type", values.get("kind"), ME_EVENT_KINDS, **where),
        "year": v.year(
            c, "Année", values.get("year"), first=years[0], last=years[-1], required=True, **where
        ),
        "due_on": v.date(c, "Échéance", values.get("due_on"), **where),
        "evaluation_type": v.choice(
            c, "Type d'évaluation", values.get("evaluation_type"), EVALUATION_TYPES, required=False, **where
        )
        or "",
        "description": v.text(c, "Description", values.get("description"), max_len=2000, **where),
    }


def validate_member(c: Collector, values: Mapping[str, Any], row: int | None = None) -> dict[str, Any]:
    where = {"row": row} if row is not None else {}
    role = v.choice(c, "Rôle", values.get("role"), vocab.ROLES, **where)
    return {
        "name": v.text(c, "Nom", values.get("name"), max_len=200, **where),
        "role": role,
        "sex": v.choice(c, "Sexe", values.get("sex"), vocab.SEXES, required=False, **where) or "",
        "organisation": v.text(c, "Organisme", values.get("organisation"), max_len=200, **where),
        "is_ieeag": role == "ieeag" or bool(values.get("is_ieeag")),
    }


def validate_tool(c: Collector, values: Mapping[str, Any], row: int | None = None) -> dict[str, Any]:
    where = {"row": row} if row is not None else {}
    return {
        "name": v.text(c, "Outil", values.get("name"), required=True, max_len=200, **where),
        "description": v.text(c, "Description", values.get("description"), max_len=2000, **where),
        "frequency": v.choice(
            c, "Fréquence", values.get("frequency"), vocab.FREQUENCIES, required=False, **where
        )
        or "",
        "responsible": v.text(c, "Responsable", values.get("responsible"), max_len=200, **where),
    }


STANDARD_TOOLS = (
    (
        "Tableau de bord de suivi du PAC",
        "Indicateurs et avancement des projets, mis à jour par le service de planification.",
        "quarterly",
        "Service de planification de la commune",
    ),
    (
        "Rapport annuel d'exécution",
        "Présenté au conseil avant sa session de mai.",
        "yearly",
        "Président·e du conseil, direction des services",
    ),
    (
        "Visites de terrain",
        "Visites des chantiers et des douars bénéficiaires, avec fiche de visite.",
        "quarterly",
        "Comité de suivi",
    ),
    (
        "Réunions du comité de suivi",
        "Revue des indicateurs, des retards et des financements.",
        "half_yearly",
        "Comité de suivi",
    ),
)
