"""Rerun time of a page with Streamlit's AppTest, shared by the page benchmarks of this folder.

Not a benchmark itself (run_all.py skips the modules whose name starts with "_").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pac.db import Database  # noqa: E402

# (page file, session-state key of its tabs, tab label, projection mode)
TabCase = tuple[str, str, str, bool]


def bench_parser(doc: str | None) -> argparse.ArgumentParser:
    """The command line of a page benchmark (its docstring as help), with --runs; add its own options."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    return parser


def bench_database() -> tuple[str, Database]:
    """A fresh, migrated SQLite file in a temporary folder, made the app's database (DATABASE_URL), with
    the repository as the working folder, as `streamlit run app.py` would have it: (its URL, the database
    to seed, to be disposed of before the pages run)."""
    from pac.db import upgrade

    os.chdir(ROOT)
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    os.environ["DATABASE_URL"] = url
    db = Database(url)
    upgrade(db)
    return url, db


def time_reruns(at: Any, runs: int, warm_up: bool = True) -> tuple[float, float, float]:
    """Median and worst wall time, and median CPU time of the process (all threads: the script runs in its
    own), in ms, of `runs` reruns of `at` (after one warm-up run unless `warm_up` is False).  On a busy
    machine the CPU time is the steadier figure."""
    if warm_up:
        at.run()
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        at.run()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    assert not at.exception, at.exception
    return statistics.median(wall), max(wall), statistics.median(cpu)


def print_tab_timings(url: str, commune_id: int, cases: Iterable[TabCase], runs: int, width: int) -> None:
    """One line per page tab (the whole script: frame + page), after a reference line for the frame
    around a light page; `width` is that of the first column."""
    from pac.ui.kit import state
    from tests.apptest_utils import logged_in_app

    def line(name: str, at: Any) -> None:
        med, worst, cpu = time_reruns(at, runs)
        print(f"{name:<{width}}{med:>10.0f}{worst:>10.0f}{cpu:>10.0f}")

    print(f"{'page / tab':<{width}}{'median ms':>10}{'max ms':>10}{'cpu ms':>10}")
    line("(reference) catalogues", logged_in_app(url, "pages/catalogues.py", commune_id=commune_id))
    for path, key, tab, projection in cases:
        at = logged_in_app(url, path, commune_id=commune_id)
        at.session_state[key] = tab
        if projection:
            at.session_state[state.PROJECTION] = True
        line(f"{path.split('/')[1][:-3]} / {tab}" + (" (projection)" if projection else ""), at)
