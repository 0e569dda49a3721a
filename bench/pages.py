"""Rerun time of every page on the demo commune, measured with Streamlit's AppTest.

    python bench/pages.py [--runs 10]

Prints, per page, the median and the worst rerun (the whole script: frame + page)
after one warm-up run.  Uses a private copy of a freshly bootstrapped database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    os.chdir(ROOT)
    tmp = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.db'}"

    from pac.db import Database
    from pac.services.communes import get_commune
    from pac.services.demo import DEMO_SLUG
    from pac.services.setup import bootstrap
    from pac.ui.kit.nav import STEPS
    from tests.apptest_utils import logged_in_app

    db = Database()
    t0 = time.perf_counter()
    bootstrap(db)
    print(f"bootstrap (migrations + catalogues + demo): {time.perf_counter() - t0:.2f} s")
    commune_id = get_commune(db, DEMO_SLUG).id
    db.dispose()

    print(f"{'page':<28}{'median ms':>10}{'max ms':>10}")
    for step in STEPS:
        if not (ROOT / step.path).exists():
            continue
        at = logged_in_app(os.environ["DATABASE_URL"], step.path, commune_id=commune_id)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - t) * 1000)
        assert not at.exception, (step.path, at.exception)
        print(f"{step.url_path:<28}{statistics.median(times):>10.0f}{max(times):>10.0f}")


if __name__ == "__main__":
    main()
