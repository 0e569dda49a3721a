"""Small workshop data for the strategy, projects and subsidiarity tests (no tests in this module).

Built through the services where they exist; douars, SWOT items and indicators belong to other
steps, so they are written directly as the diagnostic and M&E steps would leave them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pac.db import Database
from pac.models import Douar, Indicator, SwotItem
from pac.services import communes, projects, vision


@dataclass(frozen=True)
class Workshop:
    commune_id: int
    plan_id: int
    douars: dict[str, int]
    swot: dict[str, int]  # "W1" -> id
    axes: dict[str, int]
    objectives: dict[str, int]
    projects: dict[str, int]


SWOT = [
    ("S1", "S", "Arganeraie"),
    ("W1", "W", "Manque d'eau potable"),
    ("W2", "W", "Pistes dégradées"),
    ("O1", "O", "Diaspora engagée"),
    ("T1", "T", "Sécheresses répétées"),
]


def build(db: Database, *, with_projects: bool = True) -> Workshop:
    commune = communes.create_commune(db, {"name_fr": "Commune test", "province": "Tiznit"})
    plan = communes.create_plan(db, commune.id, {"start_year": 2028})
    with db.write() as s:
        ds = [Douar(commune_id=commune.id, name=n) for n in ("Agadir Ouzrou", "Imi n'Tala", "Tizi")]
        items = [
            SwotItem(plan_id=plan.id, quadrant=q, text=t, position=i) for i, (_, q, t) in enumerate(SWOT)
        ]
        s.add_all(ds + items)
        s.flush()
        douars = {d.name: d.id for d in ds}
        swot = {code: item.id for (code, _, _), item in zip(SWOT, items, strict=True)}
    a1 = vision.save_axis(db, plan.id, {"code": "A1", "title": "Services de base"})
    a2 = vision.save_axis(db, plan.id, {"code": "A2", "title": "Économie locale"})
    o11 = vision.save_objective(db, plan.id, a1.id, {"code": "O1.1", "title": "Eau potable pour tous"})
    o12 = vision.save_objective(db, plan.id, a1.id, {"code": "O1.2", "title": "Désenclaver les douars"})
    o21 = vision.save_objective(db, plan.id, a2.id, {"code": "O2.1", "title": "Valoriser l'argan"})
    vision.set_objective_swot(db, plan.id, o11.id, [swot["W1"], swot["T1"]])
    made: dict[str, int] = {}
    if with_projects:
        for oid, code, title, sector, cost in [
            (o11.id, "P1.1.1", "Adduction d'eau potable de 3 douars", "water", 2_000_000),
            (o12.id, "P1.2.1", "Construction d'une école primaire", "education", 1_500_000),
            (o12.id, "P1.2.2", "Ouverture de piste vers Tizi", "roads", 800_000),
            (o21.id, "P2.1.1", "Appui aux coopératives d'argan", "local_economy", 300_000),
        ]:
            p = projects.create_project(
                db,
                plan.id,
                {
                    "objective_id": oid,
                    "code": code,
                    "title": title,
                    "sector_code": sector,
                    "total_cost": cost,
                },
            )
            made[code] = p.id
    return Workshop(
        commune.id,
        plan.id,
        douars,
        swot,
        {"A1": a1.id, "A2": a2.id},
        {"O1.1": o11.id, "O1.2": o12.id, "O2.1": o21.id},
        made,
    )


def add_indicator(
    db: Database, plan_id: int, project_id: int | None, disaggregation: list[str], is_gender: bool = False
) -> int:
    with db.write() as s:
        ind = Indicator(
            plan_id=plan_id,
            project_id=project_id,
            level="output",
            name="Indicateur",
            disaggregation=disaggregation,
            is_gender=is_gender,
        )
        s.add(ind)
        s.flush()
        return ind.id
