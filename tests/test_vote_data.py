"""Workshop data for the voting tests and bench: a commune, its plan, objectives and projects.

(Helpers only, no test here; the demo commune can replace them once every area has landed.)
"""

from __future__ import annotations

from dataclasses import dataclass

from pac.db import Database
from pac.models import Axis, Commune, Douar, Objective, Plan, Project

PROJECT_TITLES = (
    "Adduction d'eau potable des douars de l'amont",
    "Piste rurale Tizi – Igherm",
    "Maison de la femme et coopérative d'argan",
    "Terrain de sport de proximité",
    "Éclairage public solaire",
    "Transport scolaire rural",
    "Seuils de recharge de la nappe",
    "Centre de santé : maintenance et équipement",
    "Collecte des déchets ménagers",
    "Espace jeunes et formation numérique",
    "Réhabilitation des khettaras",
    "Marché hebdomadaire (souk) aménagé",
)


@dataclass(frozen=True)
class Seed:
    commune_id: int
    plan_id: int
    objective_ids: list[int]
    project_ids: list[int]
    douars: list[str]


def seed_workshop(db: Database, n_projects: int = 8, slug: str = "tafraout-test", n_douars: int = 6) -> Seed:
    with db.write() as s:
        commune = Commune(slug=slug, name_fr="Commune test", name_ar="جماعة تجريبية", province="Tiznit")
        s.add(commune)
        s.flush()
        douars = [f"Douar {i:02d}" for i in range(1, n_douars + 1)]
        s.add_all(Douar(commune_id=commune.id, name=d) for d in douars)
        plan = Plan(commune_id=commune.id, start_year=2028, end_year=2033, title="PAC test")
        s.add(plan)
        s.flush()
        axis = Axis(plan_id=plan.id, code="A1", title="Services de base")
        s.add(axis)
        s.flush()
        objectives = [
            Objective(axis_id=axis.id, code=f"O{i}", title=f"Objectif {i}", position=i) for i in (1, 2, 3)
        ]
        s.add_all(objectives)
        s.flush()
        projects = []
        for i in range(n_projects):
            title = PROJECT_TITLES[i % len(PROJECT_TITLES)] + ("" if i < len(PROJECT_TITLES) else f" ({i})")
            projects.append(
                Project(
                    plan_id=plan.id,
                    objective_id=objectives[i % 3].id,
                    code=f"P{i + 1:02d}",
                    title=title,
                    total_cost=1_000_000,
                )
            )
        s.add_all(projects)
        s.flush()
        return Seed(commune.id, plan.id, [o.id for o in objectives], [p.id for p in projects], douars)
