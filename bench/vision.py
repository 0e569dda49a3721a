"""Rerun time of the pages « Vision & axes », « Projets » and « Subsidiarité » with 80 projects.

    python bench/vision_service.py [--runs 10] [--projects 80]

Builds a commune with 40 douars and a plan with 6 axes, 4 objectives each, 60 SWOT items linked to
the objectives, that many projects (sectors, douars, beneficiaries, costs, markers, migration
criteria, about two thirds with a confirmed competence, lead and partners) and 60 indicators; then
measures with Streamlit's AppTest the rerun of each tab of the three pages (the whole script:
frame + page), after one warm-up run.  The AgGrid itself draws in the browser: what is timed is
the Python side of every rerun (queries, rules, suggestions, the frame sent to the grid, charts).

`seed_strategy` is also usable by tests that need these volumes.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._reruns import bench_database, bench_parser, print_tab_timings  # noqa: E402
from pac.db import Database  # noqa: E402

TITLES = (
    ("water", "Adduction d'eau potable du douar {d}"),
    ("water", "Réhabilitation des séguias de {d}"),
    ("sanitation", "Assainissement liquide du centre de {d}"),
    ("sanitation", "Collecte des déchets ménagers à {d}"),
    ("electricity", "Éclairage public solaire de {d}"),
    ("roads", "Ouverture de piste vers {d}"),
    ("roads", "Aménagement de la route régionale vers {d}"),
    ("education", "Construction d'une école primaire à {d}"),
    ("education", "Transport scolaire rural pour les collégiennes de {d}"),
    ("health", "Entretien du dispensaire de {d}"),
    ("agriculture", "Irrigation goutte-à-goutte des parcelles de {d}"),
    ("environment", "Plantation d'arganiers autour de {d}"),
    ("local_economy", "Appui aux coopératives féminines de {d}"),
    ("youth_sport", "Terrain de sport de proximité à {d}"),
    ("social", "Foyer féminin de {d}"),
    ("culture", "Restauration du grenier collectif (agadir) de {d}"),
)
CRITERIA = ("diaspora_diagnosis", "diaspora_contribution", "remittances_investment", "youth_out_migration")


def seed_strategy(db: Database, *, projects: int = 80, seed: int = 11) -> tuple[int, int]:
    """A commune and its plan at a large workshop's volume; returns (commune_id, plan_id)."""
    from pac.models import Douar, Indicator, SwotItem
    from pac.services import catalogues, communes, subsidiarity
    from pac.services import projects as svc
    from pac.services import vision as vision_service

    rng = random.Random(seed)
    catalogues.load_if_empty(db)
    commune = communes.create_commune(db, {"name_fr": "Commune de mesure", "province": "Taroudant"})
    plan = communes.create_plan(db, commune.id, {"start_year": 2028})
    with db.write() as s:
        douars = [Douar(commune_id=commune.id, name=f"Douar {i:02d}") for i in range(1, 41)]
        items = [
            SwotItem(
                plan_id=plan.id,
                quadrant="SWOT"[i % 4],
                text=f"Élément AFOM n° {i} : constat du diagnostic",
                position=i,
            )
            for i in range(60)
        ]
        s.add_all(douars + items)
        s.flush()
        douar_ids = [d.id for d in douars]
        swot_ids = [x.id for x in items]
    vision_service.save_statement(
        db, plan.id, "mission", "Servir chaque douar, avec les femmes, les jeunes et la diaspora."
    )
    vision_service.save_statement(
        db, plan.id, "vision", "En 2033, une commune désenclavée où l'eau arrive partout."
    )
    vision_service.save_values(db, plan.id, ["Équité", "Transparence", "Participation", "Durabilité"])
    objectives = []
    for a in range(1, 7):
        axis = vision_service.save_axis(db, plan.id, {"code": f"A{a}", "title": f"Axe stratégique {a}"})
        for o in range(1, 5):
            obj = vision_service.save_objective(
                db, plan.id, axis.id, {"code": f"O{a}.{o}", "title": f"Objectif {a}.{o}"}
            )
            vision_service.set_objective_swot(db, plan.id, obj.id, rng.sample(swot_ids, rng.randint(0, 3)))
            objectives.append(obj.id)
    partners = [p.code for p in catalogues.partners(db)]
    made = []
    for i in range(projects):
        sector, title = TITLES[i % len(TITLES)]
        p = svc.create_project(
            db,
            plan.id,
            {
                "objective_id": objectives[i % len(objectives)],
                "title": title.format(d=f"{i + 1:02d}"),
                "description": "Projet issu des ateliers de diagnostic participatif.",
                "sector_code": sector,
                "douar_ids": rng.sample(douar_ids, rng.randint(1, 6)),
                "total_cost": rng.randint(3, 200) * 100_000,
                "beneficiaries_women": rng.randint(50, 900),
                "beneficiaries_men": rng.randint(50, 900),
                "beneficiaries_youth": rng.randint(20, 400),
                "owner": "Commune",
                "status": rng.choice(("proposed", "retained", "retained", "rejected")),
            },
        )
        made.append(p.id)
        markers = {
            m: rng.choice((None, 0, 0, 1, 2))
            for m in (
                "gender",
                "climate_adaptation",
                "climate_mitigation",
                "desertification",
                "biodiversity",
                "environment",
                "migration",
            )
        }
        svc.save_markers(
            db,
            p.id,
            markers,
            rng.sample(CRITERIA, rng.randint(0, 2)),
            "Analyse de genre faite en atelier femmes." if rng.random() < 0.6 else "",
        )
    rows = subsidiarity.list_rows(db, plan.id)
    for r in rows[: int(len(rows) * 2 / 3)]:
        s = r.suggestion
        if s is not None:
            subsidiarity.save_subsidiarity(
                db, plan.id, r.project_id, s.competence_code, s.lead_code, s.partners
            )
        else:
            subsidiarity.save_subsidiarity(
                db, plan.id, r.project_id, None, "COMMUNE", [(rng.choice(partners[1:]), "funder")]
            )
    with db.write() as s:
        s.add_all(
            Indicator(
                plan_id=plan.id,
                project_id=rng.choice(made),
                level="output",
                name=f"Indicateur {i}",
                disaggregation=rng.choice(([], ["sex"], ["sex", "douar"])),
                is_gender=False,
            )
            for i in range(60)
        )
    return commune.id, plan.id


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--projects", type=int, default=80)
    args = parser.parse_args()
    url, db = bench_database()
    t0 = time.perf_counter()
    commune_id, _ = seed_strategy(db, projects=args.projects)
    print(
        f"seed: {args.projects} projects, 6 axes, 24 objectives, 60 SWOT items ({time.perf_counter() - t0:.2f} s)"
    )
    db.dispose()

    cases = [
        ("pages/vision.py", "strategy__tabs", tab, False)
        for tab in ("Mission, vision, valeurs", "Axes et objectifs", "Liens avec l'AFOM", "Arbre stratégique")
    ]
    cases += [
        ("pages/projects.py", "projects__tabs", tab, False)
        for tab in ("Liste", "Fiche projet", "Marqueurs transversaux", "Couverture des marqueurs")
    ]
    cases += [("pages/subsidiarity.py", "subsidiarity__tabs", tab, False) for tab in ("Projets", "Synthèse")]
    cases += [
        ("pages/vision.py", "strategy__tabs", "Arbre stratégique", True),
        ("pages/projects.py", "projects__tabs", "Couverture des marqueurs", True),
        ("pages/subsidiarity.py", "subsidiarity__tabs", "Synthèse", True),
    ]
    print_tab_timings(url, commune_id, cases, args.runs, width=46)


if __name__ == "__main__":
    main()
