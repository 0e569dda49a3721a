"""Rerun time of the pages « Diagnostic » and « AFOM / SWOT » at a large workshop's volume.

    python bench/diagnostic.py [--runs 10] [--findings 500] [--items 80]

Builds a commune with 60 douars, that many findings (imported in one go, as from a facilitator's
spreadsheet), six years of finances, the monograph's key figures and a plan whose SWOT has that
many items each citing a few findings; then measures with Streamlit's AppTest the rerun of each
tab of both pages (the whole script: frame + page), after one warm-up run.  The AgGrid itself
renders in the browser: what is timed here is the Python side of every rerun (queries, the
frame sent to the grid, charts).

`seed_diagnostic` is also usable by tests that need these volumes.
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

SECTORS = (
    "water",
    "sanitation",
    "electricity",
    "roads",
    "education",
    "health",
    "agriculture",
    "livestock",
    "environment",
    "local_economy",
    "tourism",
    "youth_sport",
    "social",
    "governance",
    "migration",
)
KINDS = ("asset", "constraint", "need", "potential", "risk")
SOURCES = ("monograph", "institutional", "diagnostic_workshop", "thematic_workshop")
VOICES = ("women", "youth", "elected", "diaspora", "civil_society", "", "")
WORDS = (
    "accès",
    "eau",
    "piste",
    "école",
    "dispensaire",
    "coopérative",
    "argan",
    "femmes",
    "jeunes",
    "douar",
    "sécheresse",
    "crue",
    "souk",
    "transport",
    "éclairage",
    "déchets",
    "irrigation",
    "tourisme",
    "diaspora",
)


def seed_diagnostic(db: Database, *, findings: int = 500, items: int = 80, seed: int = 3) -> tuple[int, int]:
    """A commune with `findings` findings and a plan with `items` SWOT items; returns (commune_id, plan_id)."""
    import pandas as pd

    from pac.domain import swot as rules
    from pac.services import catalogues, communes, diagnostic, swot

    rnd = random.Random(seed)
    catalogues.load_if_empty(db)
    c = communes.create_commune(
        db,
        {
            "name_fr": "Commune d'essai du diagnostic",
            "province": "Taroudant",
            "population": 9000,
            "population_women": 4600,
            "population_men": 4400,
        },
    )
    plan = communes.create_plan(db, c.id, {"start_year": 2027})
    douars = [f"Douar {i:02d}" for i in range(1, 61)]
    diagnostic.save_douars(db, c.id, [{"name": n, "population": rnd.randint(40, 600)} for n in douars])
    rows = [
        {
            "Constat": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 18))).capitalize(),
            "Type": rnd.choice(KINDS),
            "Source": rnd.choice(SOURCES),
            "Secteur": rnd.choice(SECTORS),
            "Douars": ", ".join(rnd.sample(douars, rnd.randint(0, 3))),
            "Exprimé par": rnd.choice(VOICES),
        }
        for _ in range(findings)
    ]
    mapping = {
        "text": "Constat",
        "kind": "Type",
        "source": "Source",
        "sector": "Secteur",
        "douars": "Douars",
        "raised_by": "Exprimé par",
    }
    diagnostic.import_findings(db, c.id, pd.DataFrame(rows, index=range(2, findings + 2)), mapping, "bench")
    diagnostic.save_finances(
        db,
        c.id,
        [
            {
                "year": y,
                "own_revenues": 1_000_000 + 50_000 * i,
                "vat_share": 7_500_000 + 200_000 * i,
                "other_transfers": 300_000,
                "operating_expenses": 6_400_000 + 150_000 * i,
                "debt_service": 400_000,
                "is_forecast": y > 2025,
            }
            for i, y in enumerate(range(2020, 2026))
        ],
    )
    figures = diagnostic.key_figures_frame(db, c.id).to_dict("records")
    for f in figures:
        f["value"] = rnd.randint(20, 98)
    diagnostic.save_key_figures(db, c.id, figures)
    by_kind: dict[str, list[int]] = {}
    for f in diagnostic.list_findings(db, c.id):
        by_kind.setdefault(rules.quadrant_for(f.kind), []).append(f.id)
    for i in range(items):
        q = "SWOT"[i % 4]
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 12))).capitalize()
        links = rnd.sample(by_kind[q], rnd.randint(0, 4))
        swot.add_item(
            db,
            plan.id,
            {"quadrant": q, "text": text, "sector_code": rnd.choice(SECTORS), "finding_ids": links},
            "bench",
        )
    return c.id, plan.id


def main() -> None:
    parser = bench_parser(__doc__)
    parser.add_argument("--findings", type=int, default=500)
    parser.add_argument("--items", type=int, default=80)
    args = parser.parse_args()
    url, db = bench_database()
    t0 = time.perf_counter()
    commune_id, _ = seed_diagnostic(db, findings=args.findings, items=args.items)
    print(f"seed: {args.findings} findings, {args.items} SWOT items ({time.perf_counter() - t0:.2f} s)")
    db.dispose()

    cases = [
        ("pages/diagnostic.py", "diag__tabs", tab, False)
        for tab in ("Constats", "Importer un fichier", "Chiffres clés", "Finances", "Synthèse")
    ]
    cases += [
        ("pages/swot.py", "swot__tabs", tab, False)
        for tab in ("Ajouter", "Modifier, déplacer, fusionner", "Proposer depuis les constats", "Historique")
    ]
    cases.append(("pages/swot.py", "swot__tabs", "Ajouter", True))
    print_tab_timings(url, commune_id, cases, args.runs, width=40)


if __name__ == "__main__":
    main()
