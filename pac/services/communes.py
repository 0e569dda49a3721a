"""Communes, their plan period and their workshops (page « Communes & ateliers »)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.errors import Collector, DomainError, Problem
from pac.models import Attendance, Commune, Plan, Workshop
from pac.services.common import current_plan, find_commune, get_or_404


@dataclass(frozen=True)
class CommuneView:
    id: int
    slug: str
    name_fr: str
    name_ar: str
    province: str
    region: str
    kind: str
    population: int | None
    population_women: int | None
    population_men: int | None
    households: int | None
    area_km2: float | None
    census_year: int | None
    is_demo: bool
    archived: bool
    notes: str
    douar_count: int = 0

    def name(self, lang: str = "fr") -> str:
        return (self.name_ar or self.name_fr) if lang == "ar" else self.name_fr


@dataclass(frozen=True)
class PlanView:
    id: int
    commune_id: int
    start_year: int
    end_year: int
    title: str
    status: str
    mission: str
    vision: str
    title_ar: str = ""  # the Arabic version of `title` (pac.domain.bilingual)

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def triennial_years(self) -> list[int]:
        return self.years[: vocab.TRIENNIAL_YEARS]

    @property
    def label(self) -> str:
        return f"PAC {self.start_year}–{self.end_year}"


@dataclass(frozen=True)
class WorkshopView:
    id: int
    commune_id: int
    plan_id: int | None
    title: str
    kind: str
    held_on: dt.date | None
    place: str
    facilitators: str
    notes: str
    attendance: dict[str, tuple[int, int]] = field(default_factory=dict)  # role -> (women, men)
    # Bilingual texts (pac.domain.bilingual): French in `title`, `notes`, `decisions`, Arabic in `*_ar`.
    title_ar: str = ""
    notes_ar: str = ""
    decisions: str = ""
    decisions_ar: str = ""
    place_ar: str = ""  # the Arabic versions of `place` and `facilitators`
    facilitators_ar: str = ""

    @property
    def women(self) -> int:
        return sum(w for w, _ in self.attendance.values())

    @property
    def men(self) -> int:
        return sum(m for _, m in self.attendance.values())


def commune_view(c: Commune) -> CommuneView:
    return CommuneView(
        c.id,
        c.slug,
        c.name_fr,
        c.name_ar,
        c.province,
        c.region,
        c.kind,
        c.population,
        c.population_women,
        c.population_men,
        c.households,
        c.area_km2,
        c.census_year,
        c.is_demo,
        c.archived,
        c.notes,
        len(c.douars),
    )


def plan_view(p: Plan) -> PlanView:
    return PlanView(
        p.id, p.commune_id, p.start_year, p.end_year, p.title, p.status, p.mission, p.vision, p.title_ar or ""
    )


def _workshop_view(w: Workshop) -> WorkshopView:
    return WorkshopView(
        w.id,
        w.commune_id,
        w.plan_id,
        w.title,
        w.kind,
        w.held_on,
        w.place,
        w.facilitators,
        w.notes,
        {a.role: (a.women, a.men) for a in w.attendance},
        title_ar=w.title_ar or "",
        notes_ar=w.notes_ar or "",
        decisions=w.decisions or "",
        decisions_ar=w.decisions_ar or "",
        place_ar=w.place_ar or "",
        facilitators_ar=w.facilitators_ar or "",
    )


# --------------------------------------------------------------------------- communes


def list_communes(db: Database, include_archived: bool = False) -> list[CommuneView]:
    with db.read() as s:
        q = select(Commune).order_by(Commune.is_demo.desc(), Commune.name_fr)
        if not include_archived:
            q = q.where(Commune.archived.is_(False))
        return [commune_view(c) for c in s.scalars(q)]


def get_commune(db: Database, ref: int | str) -> CommuneView:
    with db.read() as s:
        return commune_view(find_commune(s, ref))


def _validate_commune(values: dict[str, Any]) -> dict[str, Any]:
    c = Collector()
    out = {
        "name_fr": v.text(c, "Nom (français)", values.get("name_fr"), required=True, max_len=200),
        "name_ar": v.text(c, "Nom (arabe)", values.get("name_ar"), max_len=200),
        "province": v.text(c, "Province", values.get("province"), required=True, max_len=120),
        "region": v.text(c, "Région", values.get("region"), max_len=120),
        "kind": v.choice(c, "Type", values.get("kind") or "rural", vocab.COMMUNE_KINDS),
        "population": v.integer(c, "Population", values.get("population"), maximum=5_000_000),
        "population_women": v.integer(
            c, "Population féminine", values.get("population_women"), maximum=5_000_000
        ),
        "population_men": v.integer(
            c, "Population masculine", values.get("population_men"), maximum=5_000_000
        ),
        "households": v.integer(c, "Ménages", values.get("households"), maximum=2_000_000),
        "area_km2": v.number(c, "Superficie (km²)", values.get("area_km2"), maximum=100_000),
        "census_year": v.year(c, "Année du recensement", values.get("census_year"), first=1960, last=2100),
        "notes": v.text(c, "Notes", values.get("notes"), max_len=4000),
    }
    w, m, total = out["population_women"], out["population_men"], out["population"]
    if w is not None and m is not None and total is not None and w + m != total:
        c.add("Population", f"femmes ({w}) + hommes ({m}) ne font pas la population totale ({total}).")
    c.raise_if_any()
    return out


def create_commune(db: Database, values: dict[str, Any], slug: str | None = None) -> CommuneView:
    data = _validate_commune(values)
    wanted = v.slugify(slug or data["name_fr"])
    if not wanted:
        raise DomainError(Problem("Nom (français)", "le nom doit contenir au moins une lettre latine."))
    with db.write() as s:
        _check_name_free(s, data["name_fr"], None)
        final, n = wanted, 2
        while s.scalar(select(Commune.id).where(Commune.slug == final)) is not None:
            if slug:  # an explicit slug must be free
                raise DomainError(
                    Problem("Identifiant court", f"« {slug} » est déjà utilisé par une autre commune.")
                )
            final, n = f"{wanted}-{n}", n + 1
        commune = Commune(slug=final, **data)
        s.add(commune)
        s.flush()
        return commune_view(commune)


def _check_name_free(s: Session, name_fr: str, commune_id: int | None) -> None:
    """Two communes of the same name could not be told apart in any list (issue 10: « Tinzert » created
    beside the reference « Tinzert »). Same name means same letters, whatever the case and accents."""
    key = v.slugify(name_fr)
    for other in s.scalars(select(Commune).where(Commune.id != (commune_id or -1))):
        if v.slugify(other.name_fr) == key:
            where = f"province {other.province}, " if other.province else ""
            archived = ", archivée" if other.archived else ""
            raise DomainError(
                Problem(
                    "Nom (français)",
                    f"la commune « {other.name_fr} » existe déjà ({where}identifiant {other.slug}{archived}) : "
                    "choisissez-la dans la barre latérale, ou donnez un nom qui la distingue.",
                )
            )


def update_commune(db: Database, commune_id: int, values: dict[str, Any]) -> CommuneView:
    data = _validate_commune(values)
    with db.write() as s:
        commune = get_or_404(s, Commune, commune_id, "Commune")
        _check_name_free(s, data["name_fr"], commune_id)
        for k, value in data.items():
            setattr(commune, k, value)
        s.flush()
        return commune_view(commune)


def set_archived(db: Database, commune_id: int, archived: bool) -> CommuneView:
    with db.write() as s:
        commune = get_or_404(s, Commune, commune_id, "Commune")
        commune.archived = archived
        return commune_view(commune)


# --------------------------------------------------------------------------- plans


def list_plans(db: Database, commune_id: int) -> list[PlanView]:
    with db.read() as s:
        q = select(Plan).where(Plan.commune_id == commune_id).order_by(Plan.start_year)
        return [plan_view(p) for p in s.scalars(q)]


def get_current_plan(db: Database, commune_id: int) -> PlanView | None:
    with db.read() as s:
        p = current_plan(s, commune_id)
        return plan_view(p) if p else None


def _validate_plan(values: dict[str, Any]) -> dict[str, Any]:
    c = Collector()
    start = v.year(
        c, "Première année du plan", values.get("start_year"), first=2015, last=2100, required=True
    )
    title = v.text(c, "Intitulé", values.get("title"), max_len=300)
    status = v.choice(c, "Statut", values.get("status") or "draft", ("draft", "adopted", "archived"))
    title_ar = v.text(c, "Intitulé (arabe)", values.get("title_ar"), max_len=300)
    c.raise_if_any()
    assert start is not None
    out = {"start_year": start, "end_year": start + vocab.PLAN_YEARS - 1, "title": title, "status": status}
    if "title_ar" in values:  # bilingual title (a caller giving only the French one leaves the Arabic as is)
        out["title_ar"] = title_ar
    return out


def create_plan(db: Database, commune_id: int, values: dict[str, Any]) -> PlanView:
    """A six-year plan (LO 113-14 art. 78): the end year follows from the first."""
    data = _validate_plan(values)
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        _check_overlap(s, commune_id, data["start_year"], data["end_year"], None)
        plan = Plan(commune_id=commune_id, **data)
        s.add(plan)
        s.flush()
        return plan_view(plan)


def update_plan(db: Database, plan_id: int, values: dict[str, Any]) -> PlanView:
    data = _validate_plan(values)
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        _check_overlap(s, plan.commune_id, data["start_year"], data["end_year"], plan.id)
        if data["start_year"] != plan.start_year:
            _check_years_still_fit(s, plan, data["start_year"], data["end_year"])
        for k, value in data.items():
            setattr(plan, k, value)
        return plan_view(plan)


def _check_overlap(s: Session, commune_id: int, start: int, end: int, plan_id: int | None) -> None:
    for other in s.scalars(select(Plan).where(Plan.commune_id == commune_id)):
        if other.id != plan_id and other.start_year <= end and start <= other.end_year:
            raise DomainError(
                Problem(
                    "Première année du plan",
                    f"la période {start}–{end} chevauche le plan {other.start_year}–{other.end_year} de cette commune.",
                )
            )


def _check_years_still_fit(s: Session, plan: Plan, start: int, end: int) -> None:
    """Moving a plan's period may not strand scheduled projects or funding outside it."""
    from pac.models import Funding, Project, ProjectYearCost

    used: set[int] = set()
    for p in s.scalars(select(Project).where(Project.plan_id == plan.id)):
        used.update(y for y in (p.start_year, p.end_year) if y is not None)
    used.update(s.scalars(select(ProjectYearCost.year).join(Project).where(Project.plan_id == plan.id)))
    used.update(s.scalars(select(Funding.year).join(Project).where(Project.plan_id == plan.id)))
    outside = sorted(y for y in used if not start <= y <= end)
    if outside:
        raise DomainError(
            Problem(
                "Première année du plan",
                f"des projets sont programmés ou financés en {', '.join(map(str, outside))}, hors de la nouvelle période "
                f"{start}–{end} ; reprogrammez-les d'abord dans « Plan triennal ».",
            )
        )


# --------------------------------------------------------------------------- workshops


def list_workshops(db: Database, commune_id: int) -> list[WorkshopView]:
    with db.read() as s:
        q = select(Workshop).where(Workshop.commune_id == commune_id).order_by(Workshop.held_on, Workshop.id)
        return [_workshop_view(w) for w in s.scalars(q)]


def _validate_workshop(
    values: dict[str, Any], lang: str = "fr"
) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    c = Collector()
    data = {
        "title": v.text(c, "Intitulé", values.get("title"), max_len=300),
        "title_ar": v.text(c, "Intitulé (arabe)", values.get("title_ar"), max_len=300),
        "kind": v.choice(c, "Type d'atelier", values.get("kind") or "planning", vocab.WORKSHOP_KINDS),
        "held_on": v.date(c, "Date", values.get("held_on")),
        "notes": v.text(c, "Notes", values.get("notes"), max_len=4000),
        "notes_ar": v.text(c, "Notes (arabe)", values.get("notes_ar"), max_len=4000),
        "decisions": v.text(c, "Décisions", values.get("decisions"), max_len=8000),
        "decisions_ar": v.text(c, "Décisions (arabe)", values.get("decisions_ar"), max_len=8000),
    }
    # The title is required in one language at least: an Arabic-only workshop is as complete as a French one.
    if v.is_blank(values.get("title")) and v.is_blank(values.get("title_ar")):
        c.add("Intitulé", "ce champ est obligatoire (en français, en arabe ou les deux).")
    from pac.domain.vision import bi_text  # the shared rule of bilingual texts
    from pac.i18n import t

    # The place and the facilitators, in French and in Arabic, each bounded like the French column; a
    # caller giving only the French version (the workbook of an older version) leaves the Arabic as is.
    for col, key, max_len in (
        ("place", "communes.ws_place", 300),
        ("facilitators", "communes.ws_facilitators", 1000),
    ):
        fr, ar = bi_text(
            c, t(key, lang), values.get(col), values.get(f"{col}_ar"), lang=lang, max_len=max_len
        )
        data[col] = fr
        if f"{col}_ar" in values:
            data[f"{col}_ar"] = ar
    if lang != "fr":  # a form read in Arabic: the bilingual texts' problems said in Arabic, naming the field
        c.problems = [p for p in c.problems if not p.field.startswith(("Intitulé", "Notes", "Décisions"))]
        for field, key, max_len, required in (
            ("title", "communes.ws_title", 300, True),
            ("notes", "communes.notes", 4000, False),
            ("decisions", "communes.ws_decisions", 8000, False),
        ):
            data[field], data[f"{field}_ar"] = bi_text(
                c,
                t(key, lang),
                values.get(field),
                values.get(f"{field}_ar"),
                lang=lang,
                required=required,
                max_len=max_len,
            )
    attendance: dict[str, tuple[int, int]] = {}
    for role, (women, men) in (values.get("attendance") or {}).items():
        if role not in vocab.ROLES:
            c.add("Participation", f"rôle inconnu « {role} ».")
            continue
        from pac.i18n import vocab as label

        w = v.integer(c, f"Femmes — {label('roles', role)}", women, maximum=10_000) or 0
        m = v.integer(c, f"Hommes — {label('roles', role)}", men, maximum=10_000) or 0
        if w or m:
            attendance[role] = (w, m)
    c.raise_if_any()
    return data, attendance


def save_workshop(
    db: Database, commune_id: int, values: dict[str, Any], workshop_id: int | None = None, lang: str = "fr"
) -> WorkshopView:
    """Create or update a workshop; `lang`, the reader's language, is that of its texts' problems."""
    data, attendance = _validate_workshop(values, lang)
    with db.write() as s:
        get_or_404(s, Commune, commune_id, "Commune")
        if workshop_id is None:
            plan = current_plan(s, commune_id)
            w = Workshop(commune_id=commune_id, plan_id=plan.id if plan else None, **data)
            s.add(w)
        else:
            w = get_or_404(s, Workshop, workshop_id, "Atelier")
            if w.commune_id != commune_id:
                raise DomainError("Cet atelier appartient à une autre commune.")
            for k, value in data.items():
                setattr(w, k, value)
        existing = {a.role: a for a in w.attendance}
        for role, row in existing.items():  # update in place: (workshop, role) is unique
            if role not in attendance:
                w.attendance.remove(row)
        for role, (women, men) in sorted(attendance.items()):
            row = existing.get(role) or Attendance(role=role)
            row.women, row.men = women, men
            if role not in existing:
                w.attendance.append(row)
        s.flush()
        return _workshop_view(w)


def delete_workshop(db: Database, workshop_id: int) -> None:
    with db.write() as s:
        s.delete(get_or_404(s, Workshop, workshop_id, "Atelier"))
