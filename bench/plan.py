"""Rerun time of the pages « Plan triennal » and « Suivi-évaluation » at a large workshop's volume.

    python bench/plan.py [--runs 10] [--projects 80] [--fundings 300] [--indicators 150]

Builds a commune with that many projects, funding lines and indicators (plus finances, a
committee, a calendar, measurements and progress), then measures with Streamlit's AppTest the
rerun of each view of both pages (the whole script: frame + page), after one warm-up run.

`seed_plan` is also what the tests of these pages use to build realistic data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._reruns import time_reruns  # noqa: E402
from pac.db import Database  # noqa: E402

SECTORS = ("water", "sanitation", "electricity", "roads", "education", "health", "agriculture", "culture")
FUNDERS = (
    "INDH",
    "FDR",
    "CONSEIL_PROV",
    "CONSEIL_REG",
    "ONEE_EAU",
    "ONEE_ELEC",
    "ABH_SM",
    "DPA",
    "ANDZOA",
    "ASSOC_DIASPORA",
    "ENTRAIDE",
    "DP_EDUCATION",
)


def seed_plan(
    db: Database,
    *,
    projects: int = 80,
    fundings: int = 300,
    indicators: int = 150,
    seed: int = 7,
    start_year: int = 2027,
    name: str = "Commune d'essai",
    tracking: bool = True,
) -> tuple[int, int]:
    """A commune and its plan with `projects` projects (about three quarters retained, ranked, scheduled and
    costed), `fundings` funding lines that never exceed a year's cost, `indicators` indicators, finances of
    six past years, an M&E committee, tools and calendar.  Returns (commune_id, plan_id)."""
    from pac.models import (
        Axis,
        FinancialYear,
        Finding,
        Funding,
        Indicator,
        IndicatorTarget,
        Measurement,
        MeCommitteeMember,
        MeEvent,
        MeTool,
        Objective,
        Project,
        ProjectProgress,
        ProjectYearCost,
    )
    from pac.services import catalogues, communes

    rng = random.Random(seed)
    catalogues.load_if_empty(db)
    c = communes.create_commune(db, {"name_fr": name, "province": "Tiznit", "region": "Souss-Massa"})
    plan = communes.create_plan(db, c.id, {"start_year": start_year})
    years = plan.years
    with db.write() as s:
        for y in range(start_year - 6, start_year):
            s.add(
                FinancialYear(
                    commune_id=c.id,
                    year=y,
                    own_revenues=1_200_000,
                    vat_share=6_500_000,
                    other_transfers=300_000,
                    operating_expenses=5_600_000 + rng.randint(0, 400_000),
                    debt_service=200_000,
                )
            )
        s.add(
            Finding(
                commune_id=c.id, source="monograph", kind="need", text="Accès à l'eau potable insuffisant"
            )
        )
        axes = []
        for a in range(1, 6):
            axis = Axis(plan_id=plan.id, code=f"A{a}", title=f"Axe {a} : développement {a}", position=a)
            axis.objectives = [
                Objective(code=f"O{a}.{o}", title=f"Objectif {a}.{o}", position=o) for o in range(1, 4)
            ]
            axes.append(axis)
            s.add(axis)
        s.flush()
        objectives = [o for a in axes for o in a.objectives]
        rows: list[Project] = []
        for i in range(1, projects + 1):
            o = objectives[(i - 1) % len(objectives)]
            retained = i <= round(projects * 0.75)
            p = Project(
                plan_id=plan.id,
                objective_id=o.id,
                code=f"P{i:02d}",
                title=f"Projet {i} : aménagement {i}",
                sector_code=SECTORS[i % len(SECTORS)],
                status="retained" if retained else "proposed",
                in_plan=retained,
                vote_rank=i,
                vote_score=float(200 - i),
                whole_commune=i % 3 == 0,
                marker_gender=i % 3 if i % 7 else None,
                beneficiaries_women=100 + i,
                beneficiaries_men=90 + i,
                total_cost=float(rng.randint(3, 40) * 100_000),
            )
            if retained:
                first = rng.choice(years[:3] if i % 4 else years[3:5])
                last = min(first + rng.randint(0, 2), years[-1])
                p.start_year, p.end_year = first, last
                span = list(range(first, last + 1))
                p.year_costs = [ProjectYearCost(year=y, amount=round(p.total_cost / len(span))) for y in span]
                p.total_cost = float(sum(x.amount for x in p.year_costs))
            rows.append(p)
            s.add(p)
        s.flush()
        retained_rows = [p for p in rows if p.in_plan]
        # Funding lines: the commune's share first, then other funders, never above a year's cost.
        made = 0
        left = {(p.id, yc.year): yc.amount for p in retained_rows for yc in p.year_costs}
        slots = list(left)
        k = 0
        while made < fundings and slots:
            pid, y = slots[k % len(slots)]
            remaining = left[(pid, y)]
            if remaining <= 1000:
                slots.remove((pid, y))
                continue
            commune_turn = k < len(slots)
            share = 0.12 if commune_turn else rng.choice((0.3, 0.5, 0.8))
            amount = round(remaining * share) if made < fundings - 1 else round(remaining * 0.9)
            partner = "COMMUNE" if commune_turn else FUNDERS[k % len(FUNDERS)]
            status = "secured" if commune_turn else rng.choice(("secured", "negotiation", "to_find"))
            s.add(Funding(project_id=pid, partner_code=partner, year=y, amount=float(amount), status=status))
            left[(pid, y)] -= amount
            made += 1
            k += 1
        # Indicators: one per retained project first, then per objective, then more per project.
        levels = ("output", "outcome", "impact")
        for n in range(indicators):
            if n < len(retained_rows):
                p, obj = retained_rows[n], None
            elif n % 2:
                p, obj = None, objectives[n % len(objectives)]
            else:
                p, obj = retained_rows[n % len(retained_rows)], None
            ind = Indicator(
                plan_id=plan.id,
                project_id=p.id if p else None,
                objective_id=p.objective_id if p else obj.id,
                code=f"I{n + 1:03d}",
                level=levels[0] if p else levels[1 + n % 2],
                name=f"Indicateur {n + 1}",
                unit="ménages",
                baseline_value=10.0,
                baseline_year=start_year - 1,
                target_final=100.0,
                source="Rapport du service technique",
                frequency="yearly",
                responsible="Service de planification",
                disaggregation=["sex"] if n % 3 == 0 else [],
                is_gender=n % 5 == 0,
                status="validated",
            )
            ind.targets = [IndicatorTarget(year=y, value=10.0 + 15 * (j + 1)) for j, y in enumerate(years)]
            if tracking:
                ind.measurements = [
                    Measurement(year=y, sex="all", value=10.0 + 12 * (j + 1)) for j, y in enumerate(years[:2])
                ]
            s.add(ind)
        if tracking:
            for p in retained_rows[: len(retained_rows) // 2]:
                s.add(
                    ProjectProgress(
                        project_id=p.id,
                        year=years[1],
                        status="in_progress",
                        percent_done=float(rng.randint(5, 90)),
                        spent=p.total_cost * rng.random() * 0.8,
                    )
                )
        s.add_all(
            [
                MeCommitteeMember(plan_id=plan.id, name="Président·e", role="elected", sex="m"),
                MeCommitteeMember(plan_id=plan.id, name="Membre IEEAG", role="ieeag", sex="f", is_ieeag=True),
                MeCommitteeMember(plan_id=plan.id, name="Directeur des services", role="staff", sex="m"),
                MeTool(plan_id=plan.id, name="Tableau de bord", frequency="quarterly"),
                MeEvent(
                    plan_id=plan.id, kind="annual_report", year=years[0], due_on=dt.date(years[0] + 1, 4, 30)
                ),
                MeEvent(plan_id=plan.id, kind="mid_term", year=years[2], evaluation_type="participatory"),
                MeEvent(plan_id=plan.id, kind="final", year=years[-1], evaluation_type="external"),
            ]
        )
    return c.id, plan.id


# --------------------------------------------------------------------------- the benchmark


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--projects", type=int, default=80)
    parser.add_argument("--fundings", type=int, default=300)
    parser.add_argument("--indicators", type=int, default=150)
    args = parser.parse_args()
    os.chdir(ROOT)
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite:///{tmp / 'bench.db'}"
    os.environ["DATABASE_URL"] = url

    from pac.db import upgrade
    from tests.apptest_utils import logged_in_app

    db = Database(url)
    upgrade(db)
    t0 = time.perf_counter()
    commune_id, plan_id = seed_plan(
        db, projects=args.projects, fundings=args.fundings, indicators=args.indicators
    )
    print(
        f"seed: {args.projects} projects, {args.fundings} funding lines, {args.indicators} indicators "
        f"({time.perf_counter() - t0:.2f} s)"
    )
    db.dispose()

    print(f"{'page / view':<34}{'median ms':>10}{'max ms':>10}{'cpu ms':>10}")
    # For comparison: the frame around every page (login, sidebar, commune selector) with a light page.
    med, worst, cpu = time_reruns(
        logged_in_app(url, "pages/catalogues.py", commune_id=commune_id), args.runs, warm_up=False
    )
    print(f"{'(reference) catalogues':<34}{med:>10.0f}{worst:>10.0f}{cpu:>10.0f}")
    for path, key, views in (
        ("pages/plan.py", f"plan_view_{plan_id}", ("priorities", "project", "budget", "charts", "table")),
        ("pages/monitoring.py", f"me_view_{plan_id}", ("indicators", "system", "tracking", "compliance")),
    ):
        for view in views:
            at = logged_in_app(url, path, commune_id=commune_id)
            at.segmented_control(key=f"_{key}").set_value(view).run()
            med, worst, cpu = time_reruns(at, args.runs, warm_up=False)
            print(f"{path.split('/')[1][:-3] + ' / ' + view:<34}{med:>10.0f}{worst:>10.0f}{cpu:>10.0f}")


if __name__ == "__main__":
    main()
