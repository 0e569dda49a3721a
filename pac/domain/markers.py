"""Cross-cutting markers of projects (gender, Rio markers, environment, migration & development).

Each marker is scored 0, 1 or 2 per project, or left unassessed (None).

Rules (DOMAIN-FACTS, OECD DAC gender marker):

* gender 1 or 2 needs a **gender analysis note**, **at least one explicit gender objective**, and that
  objective backed by **a gender-specific indicator AND data disaggregated by sex** (OECD DAC minimum
  criteria, 2016 handbook: one of the two is not enough) — each missing item is its own warning, so the
  room sees exactly what to add; the indicators are checked only once the plan has indicators at all
  (before the M&E step that rule is reported as pending, not as a fault);
* climate adaptation 1 or 2 needs the **climate vulnerability context** the project answers to be
  stated (Rio marker scoring: which risk, for whom, where);
* migration & development 1 or 2 needs at least one of its criteria ticked; criteria ticked with
  a score of 0 or no score is reported too (the score was probably forgotten).

Coverage: for each marker and value, the number and the cost of projects, per axis and overall.
A project "without marker" has no marker at 1 or 2 (it targets none of the lenses);
a project "not assessed" has no marker scored at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pac.domain import vocab
from pac.domain.errors import Collector

FIELD = {code: f"marker_{code}" for code in vocab.MARKERS}
TARGETED = (1, 2)

# Warning codes (labels in pac/i18n/projects.py under "projects.warn.<code>")
GENDER_NOTE = "gender_note"
GENDER_OBJECTIVE = "gender_objective"
GENDER_INDICATOR = "gender_indicator"
GENDER_SEX_DATA = "gender_sex_data"
GENDER_INDICATOR_PENDING = "gender_indicator_pending"
MIGRATION_NO_CRITERIA = "migration_no_criteria"
MIGRATION_CRITERIA_UNSCORED = "migration_criteria_unscored"
ADAPTATION_CONTEXT = "adaptation_context"
# Only these make the project "to fix"; the others are reminders.
BLOCKING = (
    GENDER_NOTE,
    GENDER_OBJECTIVE,
    GENDER_INDICATOR,
    GENDER_SEX_DATA,
    MIGRATION_NO_CRITERIA,
    ADAPTATION_CONTEXT,
)


@dataclass(frozen=True)
class IndicatorFact:
    """What the gender rule needs to know of one indicator."""

    disaggregation: tuple[str, ...] = ()
    is_gender: bool = False

    @property
    def gender_sensitive(self) -> bool:
        return self.is_gender or "sex" in self.disaggregation


@dataclass(frozen=True)
class MarkerState:
    project_id: int
    markers: Mapping[str, int | None]
    gender_note: str = ""  # either language's version: one stated is enough
    migration_criteria: tuple[str, ...] = ()
    indicators: tuple[IndicatorFact, ...] = ()
    gender_objective: str = ""
    vulnerability_context: str = ""


@dataclass(frozen=True)
class MarkerWarning:
    project_id: int
    code: str
    marker: str

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING


def check(p: MarkerState, plan_has_indicators: bool) -> list[MarkerWarning]:
    """The marker warnings of one project, in a stable order."""
    out: list[MarkerWarning] = []
    gender = p.markers.get("gender")
    if gender in TARGETED:
        if not p.gender_note.strip():
            out.append(MarkerWarning(p.project_id, GENDER_NOTE, "gender"))
        if not p.gender_objective.strip():
            out.append(MarkerWarning(p.project_id, GENDER_OBJECTIVE, "gender"))
        if not plan_has_indicators:
            out.append(MarkerWarning(p.project_id, GENDER_INDICATOR_PENDING, "gender"))
        else:
            if not any(i.is_gender for i in p.indicators):
                out.append(MarkerWarning(p.project_id, GENDER_INDICATOR, "gender"))
            if not any("sex" in i.disaggregation for i in p.indicators):
                out.append(MarkerWarning(p.project_id, GENDER_SEX_DATA, "gender"))
    if p.markers.get("climate_adaptation") in TARGETED and not p.vulnerability_context.strip():
        out.append(MarkerWarning(p.project_id, ADAPTATION_CONTEXT, "climate_adaptation"))
    migration = p.markers.get("migration")
    if migration in TARGETED and not p.migration_criteria:
        out.append(MarkerWarning(p.project_id, MIGRATION_NO_CRITERIA, "migration"))
    if migration not in TARGETED and p.migration_criteria:
        out.append(MarkerWarning(p.project_id, MIGRATION_CRITERIA_UNSCORED, "migration"))
    return out


def check_all(projects: Iterable[MarkerState], plan_has_indicators: bool) -> list[MarkerWarning]:
    return [w for p in projects for w in check(p, plan_has_indicators)]


def clean_markers(
    c: Collector, values: Mapping[str, Any], labels: Mapping[str, str] | None = None, *, lang: str = "fr"
) -> dict[str, int | None]:
    """Marker scores as typed: 0, 1, 2 or blank (not assessed); anything else refused naming the marker."""
    from pac.i18n import t

    out: dict[str, int | None] = {}
    for code in vocab.MARKERS:
        raw = values.get(code)
        name = t("projects.marker_named", lang, name=(labels or {}).get(code, code))
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            out[code] = None
            continue
        try:
            x = float(str(raw).strip().replace(",", ".")) if not isinstance(raw, bool) else None
        except ValueError:
            x = None
        if x is None or x not in vocab.MARKER_VALUES:
            c.add(name, t("projects.err.marker_value", lang, value=raw), lang=lang)
            out[code] = None
        else:
            out[code] = int(x)
    unknown = sorted(set(values) - set(vocab.MARKERS))
    if unknown:
        c.add(
            t("projects.col.markers", lang),
            t("projects.err.marker_unknown", lang, codes=", ".join(unknown)),
            lang=lang,
        )
    return out


def clean_criteria(
    c: Collector, codes: Iterable[Any], allowed: Iterable[str], *, lang: str = "fr"
) -> list[str]:
    from pac.i18n import t

    allowed = list(allowed)
    out: list[str] = []
    for code in codes or ():
        if code not in allowed:
            c.add(
                t("projects.migration_criteria", lang),
                t("projects.err.criterion", lang, code=code),
                lang=lang,
            )
        elif code not in out:
            out.append(code)
    return [a for a in allowed if a in out]  # catalogue order, whatever the order ticked


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class ProjectMarkers:
    project_id: int
    axis_id: int
    cost: float
    markers: Mapping[str, int | None]


@dataclass(frozen=True)
class CoverageCell:
    axis_id: int | None  # None: the whole programme
    marker: str
    value: int | None  # None: not assessed
    projects: int
    cost: float
    share_projects: float | None  # of the axis's (or programme's) projects; None when there are none
    share_cost: float | None  # of the axis's cost; None when that cost is 0


@dataclass(frozen=True)
class Coverage:
    cells: tuple[CoverageCell, ...]
    without_marker: tuple[int, ...]  # project ids with no marker at 1 or 2
    not_assessed: tuple[int, ...]  # project ids with no marker scored at all
    axis_totals: dict[int | None, tuple[int, float]] = field(default_factory=dict)  # axis -> (projects, cost)


VALUES: tuple[int | None, ...] = (*vocab.MARKER_VALUES, None)


def coverage(projects: Sequence[ProjectMarkers], axis_ids: Sequence[int] | None = None) -> Coverage:
    """Share of projects and of cost per marker value, for each axis (in `axis_ids` order) and overall."""
    axes: list[int | None] = [
        None,
        *(axis_ids if axis_ids is not None else sorted({p.axis_id for p in projects})),
    ]
    cells: list[CoverageCell] = []
    totals: dict[int | None, tuple[int, float]] = {}
    for axis in axes:
        group = [p for p in projects if axis is None or p.axis_id == axis]
        n_all = len(group)
        cost_all = sum(max(p.cost, 0.0) for p in group)
        totals[axis] = (n_all, cost_all)
        for marker in vocab.MARKERS:
            for value in VALUES:
                chosen = [p for p in group if p.markers.get(marker) == value]
                cost = sum(max(p.cost, 0.0) for p in chosen)
                cells.append(
                    CoverageCell(
                        axis,
                        marker,
                        value,
                        len(chosen),
                        cost,
                        len(chosen) / n_all if n_all else None,
                        cost / cost_all if cost_all else None,
                    )
                )
    without = tuple(
        p.project_id for p in projects if not any(p.markers.get(m) in TARGETED for m in vocab.MARKERS)
    )
    unassessed = tuple(p.project_id for p in projects if all(p.markers.get(m) is None for m in vocab.MARKERS))
    return Coverage(tuple(cells), without, unassessed, totals)
