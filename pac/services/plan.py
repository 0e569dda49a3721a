"""The triennial plan (page « Plan triennal »): priorities, years of execution, cost per year,
funding lines, the commune's share against its investment capacity, and the what-if of moving
projects to another year (computed in memory; written only by `apply_moves`).

A little over 600 lines: the plan page's four views (priorities, schedule and funding, the commune's
share and the what-if, the plan table) are one step's actions; the rules are in pac.domain.plan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import plan as b
from pac.domain import vocab
from pac.domain.conflict import Clash, ConflictError
from pac.domain.errors import Collector, DomainError, NotFound, Problem
from pac.domain.finance import CapacityEstimate, YearFigures, capacity_for_years
from pac.domain.plan import location
from pac.i18n import t
from pac.i18n import vocab as label
from pac.models import (
    Axis,
    Competence,
    Douar,
    Funding,
    Indicator,
    Objective,
    Partner,
    Plan,
    Project,
    ProjectDouar,
    ProjectYearCost,
    Sector,
)
from pac.services.common import budget_rows, get_or_404, shown_text
from pac.services.communes import PlanView, plan_view
from pac.services.diagnostic import finance_years

MARKER_FIELDS = {m: f"marker_{m}" for m in vocab.MARKERS}


@dataclass(frozen=True)
class PlanProject:
    """A project as the plan page shows it: its place, its priority, its money."""

    id: int
    code: str
    title: str
    axis_code: str
    axis_title: str
    objective_code: str
    objective_title: str
    sector_code: str | None
    competence_code: str | None
    lead_partner_code: str | None
    owner: str
    douars: tuple[str, ...]
    whole_commune: bool
    beneficiaries: tuple[int | None, int | None, int | None]  # women, men, youth
    estimated_cost: float
    status: str
    in_plan: bool
    vote_rank: int | None
    vote_score: float | None
    priority_override: int | None
    priority_override_reason: str
    markers: dict[str, int | None]
    indicators: tuple[tuple[str, str], ...]  # names of its indicators, (French, Arabic)
    budget: b.ProjectBudget
    priority_override_reason_ar: str = ""

    rank: int | None = None  # the plan's rank 1, 2, 3… (vote, or the facilitator's override)
    # The Arabic versions of the texts above (the French ones are `title`, `axis_title`, `objective_title`).
    title_ar: str = ""
    axis_title_ar: str = ""
    objective_title_ar: str = ""
    owner_ar: str = ""  # the maître d'ouvrage in Arabic (`owner` is the French one)
    douars_ar: tuple[str, ...] = ()  # `douars` by their Arabic names (the French one where none)

    @property
    def priority(self) -> int | None:
        return self.rank

    @property
    def start_year(self) -> int | None:
        return self.budget.start_year

    @property
    def end_year(self) -> int | None:
        return self.budget.end_year

    def label(self, lang: str = "fr") -> str:
        """« #3 · P07 — title » in the reader's language (the other version, marked, when it lacks)."""
        rank = f"#{self.priority} · " if self.priority is not None else ""
        return f"{rank}{self.code} — {shown_text(self, 'title', lang)}"

    def axis_name(self, lang: str = "fr") -> str:
        return f"{self.axis_code} {shown_text(self, 'axis_title', lang)}".strip()

    def objective_name(self, lang: str = "fr") -> str:
        return f"{self.objective_code} {shown_text(self, 'objective_title', lang)}".strip()


@dataclass(frozen=True)
class TriennialBoard:
    plan: PlanView
    projects: tuple[PlanProject, ...]  # every project of the plan, by priority
    capacities: dict[int, CapacityEstimate]
    finance_years: int  # how many years of figures the financial analysis holds
    partners: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (fr, ar)
    sectors: dict[str, tuple[str, str]] = field(default_factory=dict)
    competences: dict[str, tuple[str, str]] = field(default_factory=dict)
    axes: dict[str, str] = field(default_factory=dict)  # code -> title (French)
    axes_ar: dict[str, str] = field(default_factory=dict)  # code -> title (Arabic)

    @property
    def years(self) -> list[int]:
        return self.plan.years

    @property
    def retained(self) -> list[PlanProject]:
        return [p for p in self.projects if p.in_plan]

    def budgets(self, moves: Mapping[int, int] | None = None) -> list[b.ProjectBudget]:
        """The retained projects' budgets, as they are or as they would be after `moves`."""
        out = [p.budget for p in self.retained]
        return b.apply_moves(out, self.years, moves) if moves else out

    def balances(self, moves: Mapping[int, int] | None = None) -> list[b.YearBalance]:
        return b.balances(self.budgets(moves), self.years, self.capacities)

    def axis_name(self, code: str, lang: str = "fr") -> str:
        """« A1 title » in the reader's language (the other version, marked, when it lacks)."""
        title = shown_text(
            {"title": self.axes.get(code, ""), "title_ar": self.axes_ar.get(code, "")}, "title", lang
        )
        return f"{code} {title}".strip()

    def partner_name(self, code: str, lang: str = "fr") -> str:
        fr, ar = self.partners.get(code, (code, ""))
        return (ar or fr) if lang == "ar" else fr

    def project(self, project_id: int, lang: str = "fr") -> PlanProject:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise NotFound(t("plan.err.not_found", lang))


# --------------------------------------------------------------------------- reading


def _budget(p: Project, axis_code: str) -> b.ProjectBudget:
    return b.ProjectBudget(
        project_id=p.id,
        code=p.code,
        start_year=p.start_year,
        end_year=p.end_year,
        costs={c.year: c.amount for c in p.year_costs if c.amount},
        fundings=tuple(b.FundingLine(f.partner_code, f.year, f.amount, f.status) for f in p.fundings),
        axis=axis_code,
    )


_PROJECT_COLUMNS = (
    Project.id,
    Project.code,
    Project.title,
    Project.title_ar,
    Project.objective_id,
    Project.sector_code,
    Project.competence_code,
    Project.lead_partner_code,
    Project.owner,
    Project.owner_ar,
    Project.whole_commune,
    Project.beneficiaries_women,
    Project.beneficiaries_men,
    Project.beneficiaries_youth,
    Project.total_cost,
    Project.status,
    Project.in_plan,
    Project.vote_rank,
    Project.vote_score,
    Project.priority_override,
    Project.priority_override_reason,
    Project.priority_override_reason_ar,
    Project.start_year,
    Project.end_year,
    *(getattr(Project, f) for f in MARKER_FIELDS.values()),
)


def _board(s: Session, plan: Plan, history: list[YearFigures]) -> TriennialBoard:
    # Plain rows, not ORM objects: a large plan holds hundreds of lines and the page reruns on every click.
    in_plan = select(Project.id).where(Project.plan_id == plan.id)
    costs, lines = budget_rows(s, in_plan)
    douars: dict[int, list[str]] = {}
    douars_ar: dict[int, list[str]] = {}  # the same douars by their Arabic names (the French one if none)
    for pid, name, name_ar in s.execute(
        select(ProjectDouar.project_id, Douar.name, Douar.name_ar)
        .join(Douar)
        .where(ProjectDouar.project_id.in_(in_plan))
        .order_by(Douar.name)
    ):
        douars.setdefault(pid, []).append(name)
        douars_ar.setdefault(pid, []).append(name_ar or name)
    indicator_names: dict[int, list[tuple[str, str]]] = {}
    for pid, name, name_ar in s.execute(
        select(Indicator.project_id, Indicator.name, Indicator.name_ar)
        .where(Indicator.plan_id == plan.id, Indicator.project_id.is_not(None))
        .order_by(Indicator.code, Indicator.id)
    ):
        indicator_names.setdefault(pid, []).append((name or "", name_ar or ""))
    objectives = {
        oid: rest
        for oid, *rest in s.execute(
            select(
                Objective.id,
                Objective.code,
                Objective.title,
                Axis.code,
                Axis.title,
                Objective.title_ar,
                Axis.title_ar,
            )
            .join(Axis)
            .where(Axis.plan_id == plan.id)
        )
    }
    items = []
    for r in s.execute(select(*_PROJECT_COLUMNS).where(Project.plan_id == plan.id)):
        o_code, o_title, a_code, a_title, o_title_ar, a_title_ar = objectives.get(
            r.objective_id, ("", "", "", "", "", "")
        )
        items.append(
            PlanProject(
                id=r.id,
                code=r.code,
                title=r.title,
                axis_code=a_code,
                axis_title=a_title,
                objective_code=o_code,
                objective_title=o_title,
                sector_code=r.sector_code,
                competence_code=r.competence_code,
                lead_partner_code=r.lead_partner_code,
                owner=r.owner or "",
                owner_ar=r.owner_ar or "",
                douars=tuple(douars.get(r.id, ())),
                douars_ar=tuple(douars_ar.get(r.id, ())),
                whole_commune=bool(r.whole_commune),
                beneficiaries=(r.beneficiaries_women, r.beneficiaries_men, r.beneficiaries_youth),
                estimated_cost=r.total_cost or 0.0,
                status=r.status,
                in_plan=bool(r.in_plan),
                vote_rank=r.vote_rank,
                vote_score=r.vote_score,
                priority_override=r.priority_override,
                priority_override_reason=r.priority_override_reason or "",
                priority_override_reason_ar=r.priority_override_reason_ar or "",
                markers={m: getattr(r, f) for m, f in MARKER_FIELDS.items()},
                indicators=tuple(indicator_names.get(r.id, ())),
                budget=b.ProjectBudget(
                    r.id,
                    r.code,
                    r.start_year,
                    r.end_year,
                    costs.get(r.id, {}),
                    tuple(lines.get(r.id, ())),
                    a_code,
                ),
                title_ar=r.title_ar or "",
                axis_title_ar=a_title_ar or "",
                objective_title_ar=o_title_ar or "",
            )
        )
    ranks = b.final_ranks((x.id, x.vote_rank, x.priority_override, x.vote_score, x.code) for x in items)
    items = [replace(x, rank=ranks[x.id]) for x in items]
    items.sort(key=lambda x: (x.rank is None, x.rank or 0, -(x.vote_score or 0.0), x.code))
    years = plan_view(plan).years
    axes = s.execute(
        select(Axis.code, Axis.title, Axis.title_ar)
        .where(Axis.plan_id == plan.id)
        .order_by(Axis.position, Axis.code)
    ).all()
    return TriennialBoard(
        plan=plan_view(plan),
        projects=tuple(items),
        capacities=capacity_for_years(history, years),
        finance_years=len(history),
        partners={
            c: (fr, ar)
            for c, fr, ar in s.execute(
                select(Partner.code, Partner.name_fr, Partner.name_ar).order_by(Partner.name_fr)
            )
        },
        sectors={
            c: (fr, ar) for c, fr, ar in s.execute(select(Sector.code, Sector.label_fr, Sector.label_ar))
        },
        competences={
            c: (fr, ar)
            for c, fr, ar in s.execute(select(Competence.code, Competence.domain_fr, Competence.domain_ar))
        },
        axes={code: fr or "" for code, fr, _ in axes},
        axes_ar={code: ar or "" for code, _, ar in axes},
    )


def load_board(db: Database, plan_id: int) -> TriennialBoard:
    with db.read() as s:
        commune_id = get_or_404(s, Plan, plan_id, "Plan").commune_id
    history = finance_years(db, commune_id)  # the Diagnostic page's figures
    with db.read() as s:
        return _board(s, get_or_404(s, Plan, plan_id, "Plan"), history)


def _project(s: Session, project_id: int, lang: str = "fr") -> tuple[Project, Plan]:
    p = s.get(Project, project_id)
    if p is None:
        raise NotFound(t("plan.err.not_found", lang))
    return p, get_or_404(s, Plan, p.plan_id, "Plan")


# --------------------------------------------------------------------------- priorities


def set_in_plan(db: Database, project_id: int, in_plan: bool, lang: str = "fr") -> None:
    """Retain a project for the plan (its status becomes « retenu ») or take it out (its work is kept)."""
    with db.write() as s:
        p, _ = _project(s, project_id, lang)
        _retain(p, bool(in_plan))


def save_priorities(db: Database, plan_id: int, rows: Iterable[Mapping[str, Any]], lang: str = "fr") -> int:
    """Save the priority table as edited: for each row (`id`, `in_plan`, `priority_override`,
    `priority_override_reason`), whether the project is retained and the facilitator's rank and reason.
    All rows are checked first; one refused value and nothing changes.  Returns how many projects changed."""
    rows = list(rows)
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        projects = {p.id: p for p in s.scalars(select(Project).where(Project.plan_id == plan.id))}
        c = Collector()
        planned: list[tuple[Project, bool, int | None, str]] = []
        for row in rows:
            p = projects.get(int(row["id"]))
            if p is None:
                c.add(t("plan.field.project", lang), t("plan.err.row_gone", lang), lang=lang)
                continue
            # The grid edits the reason in the reader's language; the other version stays as stored.
            column = "priority_override_reason_ar" if lang == "ar" else "priority_override_reason"
            other = p.priority_override_reason if lang == "ar" else p.priority_override_reason_ar
            typed = row.get(column, row.get("priority_override_reason"))
            rank, why = b.validate_override(
                c, row.get("priority_override"), typed, of=p.code, lang=lang, other_reason=other
            )
            planned.append((p, bool(row.get("in_plan")), rank, why))
        c.raise_if_any()
        changed = 0
        column = "priority_override_reason_ar" if lang == "ar" else "priority_override_reason"
        for p, in_plan, rank, why in planned:
            why = why if rank is not None else ""
            before = (p.in_plan, p.priority_override, getattr(p, column) or "")
            if before == (in_plan, rank, why):
                continue
            _retain(p, in_plan)
            p.priority_override = rank
            setattr(p, column, why)
            if rank is None:  # back to the vote: no reason kept, in either language
                p.priority_override_reason = p.priority_override_reason_ar = ""
            changed += 1
        return changed


def _retain(p: Project, in_plan: bool) -> None:
    if p.in_plan == in_plan:
        return
    p.in_plan = in_plan
    if in_plan:
        p.status = "retained"
    elif p.status == "retained":
        p.status = "proposed"


def set_priority(db: Database, project_id: int, rank: Any, reason: Any, lang: str = "fr") -> None:
    """The facilitator's rank, which replaces the vote's; its reason is kept.  A blank rank goes back to the vote."""
    c = Collector()
    r, why = b.validate_override(c, rank, reason, lang=lang)
    c.raise_if_any()
    with db.write() as s:
        p, _ = _project(s, project_id, lang)
        p.priority_override = r
        p.priority_override_reason = why if r is not None else ""


# --------------------------------------------------------------------------- schedule and funding


def save_schedule(
    db: Database,
    project_id: int,
    start_year: Any,
    end_year: Any,
    costs: Mapping[Any, Any],
    lang: str = "fr",
) -> float:
    """Years of execution and cost per year.  The project's total cost becomes the sum of its years (returned).
    Amounts may be typed the way `lang` writes them; refusals name the field in `lang`."""
    with db.write() as s:
        p, plan = _project(s, project_id, lang)
        years = b.plan_years(plan.start_year, plan.end_year - plan.start_year + 1)
        c = Collector()
        start, end, clean = b.validate_schedule(c, years, start_year, end_year, costs, lang)
        c.raise_if_any()
        lines = [b.FundingLine(f.partner_code, f.year, f.amount, f.status) for f in p.fundings]
        problems = b.check_costs_cover_fundings(clean, lines, lang)
        if problems:
            raise DomainError(problems)
        p.start_year, p.end_year = start, end
        p.year_costs = []
        s.flush()
        p.year_costs = [ProjectYearCost(year=y, amount=a) for y, a in sorted(clean.items())]
        if clean:
            p.total_cost = sum(clean.values())
        return sum(clean.values())


funding_signature = b.funding_signature  # the UI keeps what its grid showed


def save_fundings(
    db: Database,
    project_id: int,
    rows: Iterable[Mapping[str, Any]],
    lang: str = "fr",
    *,
    base: Iterable[Any] | None = None,
) -> int:
    """Replace the project's funding lines by `rows` (partner, year, amount, status), all or nothing.
    Returns how many lines the project now has.  Amounts may be typed the way `lang` writes them.

    `base`: the lines the grid showed when opened.  When someone else saved this grid meanwhile (the stored
    lines are no longer `base`) and the new lines differ from theirs, nothing is written: ConflictError
    (pac.domain.conflict) carries both versions, and the user chooses."""
    rows = list(rows)
    with db.write() as s:
        p, plan = _project(s, project_id, lang)
        years = b.plan_years(plan.start_year, plan.end_year - plan.start_year + 1)
        partners = {
            r.code: ((r.name_ar or r.name_fr) if lang == "ar" else r.name_fr)
            for r in s.scalars(select(Partner))
        }
        c = Collector()
        lines = b.validate_fundings(
            c,
            years,
            {x.year: x.amount for x in p.year_costs},
            rows,
            partners,
            {code: name for code, name in partners.items()},
            lang,
        )
        c.raise_if_any()
        if base is not None:
            now, mine = b.funding_signature(p.fundings), b.funding_signature(lines)
            if now != b.funding_signature(base) and mine != now:
                names = {code: name for code, name in partners.items()}
                # Only the lines that differ between the two versions: the others are the same on both sides.
                theirs_only = [x for x in now if x not in mine]
                mine_only = [x for x in mine if x not in now]
                clash = Clash(
                    t("plan.fund.conflict_lines", lang, same=len(now) - len(theirs_only)),
                    b.describe_fundings(b.funding_signature(base), names, lang),
                    b.describe_fundings(theirs_only, names, lang),
                    b.describe_fundings(mine_only, names, lang),
                )
                raise ConflictError(t("plan.fund.conflict_what", lang, code=p.code), [clash], {})
        p.fundings = [
            Funding(partner_code=f.partner_code, year=f.year, amount=f.amount, status=f.status) for f in lines
        ]
        return len(lines)


def apply_moves(db: Database, plan_id: int, moves: Mapping[int, int], lang: str = "fr") -> int:
    """Write the what-if: each project starts in its new year, its costs and funding lines moving with it.

    All moves are checked first; one refused move refuses them all.  Returns how many projects moved.
    """
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        years = b.plan_years(plan.start_year, plan.end_year - plan.start_year + 1)
        todo: list[tuple[Project, int]] = []
        problems: list[Problem] = []
        for pid, new_start in moves.items():
            p = s.get(Project, pid)
            if p is None or p.plan_id != plan.id:
                problems.append(
                    Problem(t("plan.field.project", lang), t("plan.err.move_gone", lang), lang=lang)
                )
                continue
            try:
                delta = b.move_delta(years, _budget(p, ""), int(new_start), lang)
            except DomainError as e:
                problems += e.problems
                continue
            if delta:
                todo.append((p, delta))
        if problems:
            raise DomainError(problems)
        for p, delta in todo:
            assert p.start_year is not None and p.end_year is not None
            shifted = [(c.year + delta, c.amount) for c in p.year_costs]
            p.year_costs = []
            s.flush()
            p.year_costs = [ProjectYearCost(year=y, amount=a) for y, a in shifted]
            for f in p.fundings:
                f.year += delta
            p.start_year, p.end_year = p.start_year + delta, p.end_year + delta
        return len(todo)


# --------------------------------------------------------------------------- the plan table


def plan_table(board: TriennialBoard, lang: str = "fr") -> pd.DataFrame:
    """The retained projects in the usual columns of a triennial action plan (DOMAIN-FACTS), by axis and
    objective, then by priority."""
    years = board.years
    tri = years[: vocab.TRIENNIAL_YEARS]
    later = years[vocab.TRIENNIAL_YEARS :]
    funders = sorted(
        {f.partner_code for p in board.retained for f in p.budget.fundings} - {b.COMMUNE_PARTNER},
        key=lambda c: board.partner_name(c, lang),
    )
    rows = []
    axis_order = {code: i for i, code in enumerate(board.axes)}
    ordered = sorted(
        board.retained,
        key=lambda p: (
            axis_order.get(p.axis_code, 999),
            p.objective_code,
            p.rank is None,
            p.rank or 0,
            p.code,
        ),
    )
    for p in ordered:
        bud = p.budget
        sector = board.sectors.get(p.sector_code or "", ("", ""))
        comp = board.competences.get(p.competence_code or "", ("", ""))
        row: dict[str, Any] = {
            t("plan.col.code", lang): p.code,
            t("plan.col.axis", lang): p.axis_name(lang),
            t("plan.col.objective", lang): p.objective_name(lang),
            t("plan.col.project", lang): shown_text(p, "title", lang),
            t("plan.col.sector", lang): (sector[1] or sector[0]) if lang == "ar" else sector[0],
            t("plan.col.competence", lang): (comp[1] or comp[0]) if lang == "ar" else comp[0],
            t("plan.col.location", lang): location(p, lang),
            t("plan.col.women", lang): p.beneficiaries[0],
            t("plan.col.men", lang): p.beneficiaries[1],
            t("plan.col.youth", lang): p.beneficiaries[2],
            t("plan.col.total_cost", lang): bud.total_cost,
        }
        for i, y in enumerate(tri, start=1):
            row[t("plan.col.cost_year", lang, n=i, year=y)] = bud.costs.get(y, 0.0)
        row[t("plan.col.cost_later", lang, first=later[0], last=later[-1])] = sum(
            bud.costs.get(y, 0.0) for y in later
        )
        row[t("plan.col.commune_share", lang)] = bud.commune_share
        for code in funders:
            row[board.partner_name(code, lang)] = sum(
                f.amount for f in bud.fundings if f.partner_code == code
            )
        row[t("plan.col.gap", lang)] = bud.gap
        st = b.funding_status(bud)
        row[t("plan.col.funding_status", lang)] = (
            t("plan.status.gap", lang) if st == b.GAP else label("funding_statuses", st, lang) if st else ""
        )
        # the maître d'ouvrage in the reader's language (the other version marked), else the lead partner
        row[t("plan.col.owner", lang)] = (
            shown_text(p, "owner", lang)
            if (p.owner or p.owner_ar).strip()
            else board.partner_name(p.lead_partner_code, lang)
            if p.lead_partner_code
            else ""
        )
        row[t("plan.col.priority", lang)] = p.priority
        row[t("plan.col.indicators", lang)] = t("plan.list_sep", lang).join(
            shown_text({"name": fr, "name_ar": ar}, "name", lang) for fr, ar in p.indicators[:3]
        )
        row[t("plan.col.markers", lang)] = ", ".join(
            f"{label('markers', m, lang)} {v}" for m, v in p.markers.items() if v
        )
        rows.append(row)
    return pd.DataFrame(rows)


def funding_lines(board: TriennialBoard, project_id: int, lang: str = "fr") -> pd.DataFrame:
    """The project's funding lines as the editor shows them (partner by name, status by label)."""
    p = board.project(project_id)
    return pd.DataFrame(
        [
            {
                "partner": board.partner_name(f.partner_code, lang),
                "year": f.year,
                "amount": f.amount,
                "status": label("funding_statuses", f.status, lang),
            }
            for f in p.budget.fundings
        ],
        columns=["partner", "year", "amount", "status"],
    )
