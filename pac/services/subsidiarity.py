"""Who does what: competence, lead actor and partners of each project (page « Subsidiarité »).

A suggestion from the catalogue is computed for every project but never written by itself:
`save_subsidiarity` records what the facilitator confirmed.  Rules and the definition of the
commune's own share live in pac.domain.subsidiarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from pac.db import Database
from pac.domain import subsidiarity as rules
from pac.domain import vocab
from pac.domain.errors import Collector, DomainError, Problem
from pac.i18n import t
from pac.models import Axis, Competence, Objective, Partner, Project, ProjectPartner
from pac.services.common import get_or_404


@dataclass(frozen=True)
class SubsidiarityRow:
    project_id: int
    code: str
    title: str
    axis_code: str
    sector_code: str | None
    total_cost: float
    status: str
    competence_code: str | None
    level: str | None
    lead_code: str | None
    partners: tuple[tuple[str, str], ...]
    confirmed: bool
    warnings: tuple[str, ...]
    suggestion: rules.Suggestion | None
    title_ar: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} · {self.title}"

    @property
    def serious(self) -> tuple[str, ...]:
        return tuple(w for w in self.warnings if w in rules.SERIOUS)

    @property
    def differs_from_suggestion(self) -> bool:
        s = self.suggestion
        return s is not None and (s.competence_code != self.competence_code or s.lead_code != self.lead_code)


@dataclass(frozen=True)
class Summary:
    by_level: tuple[rules.Group, ...]
    by_lead: tuple[rules.Group, ...]
    own: rules.OwnShare
    warning_counts: dict[str, int]


@lru_cache(maxsize=8)
def _refs(rows: tuple[tuple[str, str, str | None, str, str], ...]) -> tuple[rules.CompetenceRef, ...]:
    # The catalogue rarely changes: keep its parsed form (and compiled keyword patterns) between reruns.
    return tuple(
        rules.CompetenceRef(
            code, level, sector, tuple(k.strip() for k in keywords.split(";") if k.strip()), domain
        )
        for code, level, sector, keywords, domain in rows
    )


def _competences(s: Any) -> tuple[rules.CompetenceRef, ...]:
    rank = {lvl: i for i, lvl in enumerate(vocab.COMPETENCE_LEVELS)}
    rows = sorted(
        s.execute(
            select(
                Competence.code,
                Competence.level,
                Competence.sector_code,
                (Competence.keywords + ";" + Competence.keywords_ar).label(
                    "keywords"
                ),  # French and Arabic titles
                Competence.domain_fr,
            )
        ).tuples(),
        key=lambda r: (rank.get(r[1], len(rank)), r[0]),
    )
    return _refs(tuple(rows))


def list_rows(db: Database, plan_id: int, *, suggestions: bool = True) -> list[SubsidiarityRow]:
    """Every project of the plan with its competence, lead, partners, warnings and (unless told not to)
    the catalogue's suggestion; the page asks for one project's suggestion only (`with_suggestion`)."""
    with db.read() as s:
        comps = _competences(s)
        partner_codes = set(s.scalars(select(Partner.code)))
        projects = list(
            s.scalars(
                select(Project)
                .where(Project.plan_id == plan_id)
                .join(Objective, Objective.id == Project.objective_id)
                .join(Axis, Axis.id == Objective.axis_id)
                .order_by(Axis.position, Objective.position, Project.code)
                .options(
                    selectinload(Project.partners),
                    selectinload(Project.objective).selectinload(Objective.axis),
                )
            )
        )
        return [_row(p, comps, partner_codes, suggestions) for p in projects]


def with_suggestion(db: Database, row: SubsidiarityRow) -> SubsidiarityRow:
    """The same row with the catalogue's suggestion for its project."""
    with db.read() as s:
        p = get_or_404(s, Project, row.project_id, "Projet")
        suggestion = _suggest(p, _competences(s), set(s.scalars(select(Partner.code))))
    return replace(row, suggestion=suggestion)


def _suggest(
    p: Project, comps: Sequence[rules.CompetenceRef], partner_codes: set[str]
) -> rules.Suggestion | None:
    """The catalogue's suggestion read from both versions of the title and description: an Arabic-only
    project gets the same suggestion as its French twin (the catalogue has keywords in both languages)."""
    return rules.suggest(
        f"{p.title or ''} {p.title_ar or ''}",
        p.sector_code,
        comps,
        f"{p.description or ''} {p.description_ar or ''}",
        partner_codes,
    )


def _row(
    p: Project, comps: Sequence[rules.CompetenceRef], partner_codes: set[str], suggestions: bool = True
) -> SubsidiarityRow:
    levels = {c.code: c.level for c in comps}
    partners = tuple(sorted((x.partner_code, x.role) for x in p.partners))
    level = levels.get(p.competence_code) if p.competence_code else None
    state = rules.SubsidiarityState(
        p.id,
        p.total_cost,
        p.status,
        p.competence_code,
        level,
        p.lead_partner_code,
        partners,
        p.subsidiarity_confirmed,
    )
    return SubsidiarityRow(
        p.id,
        p.code,
        p.title,
        p.objective.axis.code,
        p.sector_code,
        p.total_cost,
        p.status,
        p.competence_code,
        level,
        p.lead_partner_code,
        partners,
        p.subsidiarity_confirmed,
        tuple(rules.warnings(state)),
        _suggest(p, comps, partner_codes) if suggestions else None,
        p.title_ar or "",
    )


def summary(rows: Sequence[SubsidiarityRow], partner_order: Sequence[str] = ()) -> Summary:
    """Number and cost by competence level and by lead actor, and the commune's own share."""
    states = [_state(r) for r in rows]
    counts = {code: 0 for code in rules.WARNING_CODES}
    for r in rows:
        if r.status == rules.REJECTED:
            continue
        for w in r.warnings:
            counts[w] += 1
    return Summary(
        tuple(rules.by_level(states, vocab.COMPETENCE_LEVELS)),
        tuple(rules.by_lead(states, partner_order)),
        rules.own_share(states),
        counts,
    )


def summary_frames(summary_: Summary) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two summary tables (by level, by lead) with codes, for the page and the documents."""

    def frame(groups: Sequence[rules.Group]) -> pd.DataFrame:
        return pd.DataFrame(
            [{"key": g.key, "projects": g.projects, "cost": g.cost} for g in groups],
            columns=["key", "projects", "cost"],
        )

    return frame(summary_.by_level), frame(summary_.by_lead)


def _state(r: SubsidiarityRow) -> rules.SubsidiarityState:
    return rules.SubsidiarityState(
        r.project_id, r.total_cost, r.status, r.competence_code, r.level, r.lead_code, r.partners, r.confirmed
    )


def save_subsidiarity(
    db: Database,
    plan_id: int,
    project_id: int,
    competence_code: str | None,
    lead_code: str | None,
    partners: Sequence[tuple[str, str]] = (),
    *,
    lang: str = "fr",
) -> SubsidiarityRow:
    """Record the competence, lead and partners the facilitator confirmed for one project."""
    c = Collector()
    field = {k: t(f"subsidiarity.col.{k}", lang) for k in ("competence", "lead", "partners")}
    # Confirming says who does what: with no competence or no lead there is nothing to confirm, and a
    # confirmed row with nothing chosen left the « Avec alerte » list (issue 10, item 6).
    if not competence_code:
        c.add(field["competence"], t("subsidiarity.err.need_competence", lang), lang=lang)
    if not lead_code:
        c.add(field["lead"], t("subsidiarity.err.need_lead", lang), lang=lang)
    clean_partners = [(str(code).strip(), str(role).strip()) for code, role in partners if code]
    for problem in rules.check_partners(lead_code or None, clean_partners, lang=lang):
        c.add(field["partners"], problem, lang=lang)
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        if p.plan_id != plan_id:
            raise DomainError(Problem("", "ce projet appartient à un autre plan."))
        known = set(s.scalars(select(Partner.code)))
        if competence_code and s.get(Competence, competence_code) is None:
            c.add(
                field["competence"],
                t("subsidiarity.err.unknown_competence", lang, code=competence_code),
                lang=lang,
            )
        if lead_code and lead_code not in known:
            c.add(field["lead"], t("subsidiarity.err.unknown_partner", lang, code=lead_code), lang=lang)
        for code, _ in clean_partners:
            if code not in known:
                c.add(field["partners"], t("subsidiarity.err.unknown_partner", lang, code=code), lang=lang)
        c.raise_if_any()
        p.competence_code = competence_code or None
        p.lead_partner_code = lead_code or None
        p.partners = [ProjectPartner(partner_code=code, role=role) for code, role in clean_partners]
        p.subsidiarity_confirmed = True
        s.flush()
        s.refresh(p, ["partners"])
        return _row(p, _competences(s), known)


def unconfirm(db: Database, plan_id: int, project_id: int) -> None:
    """Mark a project's subsidiarity as to be reviewed again (nothing else changes)."""
    with db.write() as s:
        p = get_or_404(s, Project, project_id, "Projet")
        if p.plan_id != plan_id:
            raise DomainError(Problem("", "ce projet appartient à un autre plan."))
        p.subsidiarity_confirmed = False
