"""A room of phones voting over real HTTP against a live server (`streamlit run serve.py`).

    python bench/phones.py [--no-browser] [--shapes all|burst|spread] [--hide-results]   # SQLite file
    TEST_DATABASE_URL=postgresql://… python bench/phones.py   # also on PostgreSQL

Each simulated phone loads the page, joins with a profile, then submits one valid ballot (JSON, with
its idempotency key, as voter.js sends it); loopback only, a bounded count and time.  Two shapes:
50, 100 and 200 phones released together (a barrier), and 200 phones arriving at random over 10 s.
In the same run, the raw SQLite insert rate of the same number of rows from the same number of
threads (a bare table, WAL, BEGIN IMMEDIATE).  Reported: ballots/s, p50/p95/max per ballot, the
ratio to the raw rate, the server's CPU seconds per ballot, the first-load size of the page, and the
wall lag (last commit → the wall's counter showing it, read in Debian chromium).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _cpu_seconds(pid: int) -> float:
    """utime + stime of the server process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Phone:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.first_load = 0
        self.token = ""

    def load_and_join(self, code: str) -> None:
        with self.opener.open(f"{self.base}/voter?code={code}", timeout=60) as r:
            self.first_load = len(r.read())  # the whole first load: one HTML answer, style and script inline
        data = urllib.parse.urlencode(
            {"action": "profile", "code": code, "role": "elected", "sex": "f"}
        ).encode()
        with self.opener.open(f"{self.base}/voter", data=data, timeout=60) as r:
            r.read()
            self.token = urllib.parse.parse_qs(urllib.parse.urlparse(r.url).query)["p"][0]

    def vote(self, code: str, options: list[int]) -> float:
        fields = {"action": "ballot", "code": code, "p": self.token, "key": os.urandom(16).hex()}
        fields[f"v{options[0]}_0"] = "2"
        fields[f"v{options[1]}_0"] = "2"
        fields[f"v{options[2]}_0"] = "1"
        req = urllib.request.Request(
            f"{self.base}/voter",
            data=urllib.parse.urlencode(fields).encode(),
            headers={"Accept": "application/json"},
        )
        t0 = time.perf_counter()
        with self.opener.open(req, timeout=60) as r:
            body = json.loads(r.read())
        dt = time.perf_counter() - t0
        assert "receipt" in body, body
        return dt


HIDE_RESULTS = False  # --hide-results: the wall shows the counter only (no results chart to redraw)


def _new_round(db_url: str, seed_plan: int, project_ids: list[int]):  # type: ignore[no-untyped-def]
    from pac.db import Database
    from pac.services.vote import rounds

    db = Database(db_url)
    try:
        r = rounds.create_round(
            db,
            seed_plan,
            {
                "title": "Banc d'essai",
                "method": "dots",
                "option_kind": "project",
                "option_refs": project_ids,
                "dots_per_participant": 5,
                "max_dots_per_option": 2,
                "hide_results": HIDE_RESULTS,
            },
        )
        rounds.open_round(db, r.id)
        return rounds.get_round(db, r.id)
    finally:
        db.dispose()


def _count(db_url: str, round_id: int) -> int:
    from sqlalchemy import func, select

    from pac.db import Database
    from pac.models import Ballot

    db = Database(db_url)
    try:
        with db.read() as s:
            return s.scalar(select(func.count()).select_from(Ballot).where(Ballot.round_id == round_id)) or 0
    finally:
        db.dispose()


def run_shape(server, db_url: str, seed, n: int, spread: float, wall=None) -> dict[str, float]:  # type: ignore[no-untyped-def]
    r = _new_round(db_url, seed.plan_id, seed.project_ids)
    options = [o.id for o in r.options]
    phones = [Phone(server.url) for _ in range(n)]
    for p in phones:
        p.load_and_join(r.join_code)
    if wall is not None:
        wall.show(r.id)
    lat: list[float] = [0.0] * n
    done_at: list[float] = [0.0] * n
    barrier = threading.Barrier(n + 1)
    offsets = [random.uniform(0, spread) for _ in range(n)] if spread else [0.0] * n

    def go(i: int) -> None:
        barrier.wait()
        if offsets[i]:
            time.sleep(offsets[i])
        lat[i] = phones[i].vote(r.join_code, options)
        done_at[i] = time.perf_counter()

    threads = [threading.Thread(target=go, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    cpu0 = _cpu_seconds(server.process.pid)
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = max(done_at) - t0
    cpu = _cpu_seconds(server.process.pid) - cpu0
    last_commit = max(done_at)
    lag = wall.lag(n, last_commit) if wall is not None else float("nan")
    assert _count(db_url, r.id) == n
    return {
        "n": n,
        "elapsed_s": elapsed,
        "per_s": n / elapsed,
        "p50_ms": 1000 * statistics.median(lat),
        "p95_ms": 1000 * _pct(lat, 0.95),
        "max_ms": 1000 * max(lat),
        "cpu_ms_per_ballot": 1000 * cpu / n,
        "first_load_bytes": max(p.first_load for p in phones),
        "wall_lag_s": lag,
    }


def raw_sqlite(n: int, threads: int) -> float:
    """Rows per second into a bare SQLite table (WAL, BEGIN IMMEDIATE), n rows from `threads` threads."""
    path = Path(tempfile.mkdtemp()) / "raw.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT)")
    con.close()
    barrier = threading.Barrier(threads)

    def work(k: int) -> None:
        c = sqlite3.connect(path, timeout=30, isolation_level=None)
        c.execute("PRAGMA synchronous=NORMAL")
        barrier.wait()
        for _ in range(n // threads):
            c.execute("BEGIN IMMEDIATE")
            c.execute("INSERT INTO t (a, b) VALUES (?, ?)", (k, "x" * 40))
            c.execute("COMMIT")
        c.close()

    ts = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return n / (time.perf_counter() - t0)


class Wall:
    """The facilitator's « Vote » page open in Debian chromium, its counter read as the room votes."""

    def __init__(self, server, db_url: str, commune_id: int) -> None:  # type: ignore[no-untyped-def]
        from playwright.sync_api import sync_playwright

        from pac.db import Database
        from pac.services import auth
        from tests.apptest_utils import facilitator
        from tests.browser import CHROMIUM, CHROMIUM_ARGS

        self.server = server
        self.pw = sync_playwright().start()
        self.browser = self.pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        user = facilitator(db_url)
        db = Database(db_url)
        try:
            token = auth.open_session(db, user.id)
            auth.remember_commune(db, user.id, commune_id)
        finally:
            db.dispose()
        self.page = self.browser.new_page(viewport={"width": 1920, "height": 1080})
        self.page.context.add_cookies([{"name": "pac_session", "value": token, "url": server.url}])

    def show(self, round_id: int) -> None:
        """Open the wall of the newest round (the page selects it) and wait for its counter at 0."""
        self.page.goto(f"{self.server.url}/vote")
        self.page.locator('[data-testid="pac-ballot-count"]').first.wait_for(timeout=120_000)

    def lag(self, n: int, last_commit: float) -> float:
        self.page.wait_for_function(
            f"() => [...document.querySelectorAll('[data-testid=pac-ballot-count]')].some(e => e.textContent.trim() === '{n}')",
            timeout=30_000,
            polling=20,
        )
        return time.perf_counter() - last_commit

    def close(self) -> None:
        self.browser.close()
        self.pw.stop()


def bench(db_url: str, db_file: Path, browser: bool, shapes: str = "all") -> list[dict[str, float]]:
    from pac.db import Database, upgrade
    from tests.browser import live_server
    from tests.test_vote_data import seed_workshop

    db = Database(db_url)
    upgrade(db)
    seed = seed_workshop(db, n_projects=12, slug=f"bench-phones-{os.getpid()}-{int(time.time())}")
    db.dispose()
    out = []
    with live_server(db_file, db_url=db_url) as server:
        wall = Wall(server, db_url, seed.commune_id) if browser else None
        try:
            run_shape(server, db_url, seed, 10, 0.0, None)  # warm-up: first connections, first queries
            if shapes in ("all", "burst"):
                for n in (50, 100, 200):
                    out.append({"shape": f"burst {n}", **run_shape(server, db_url, seed, n, 0.0, wall)})
            if shapes in ("all", "spread"):
                out.append({"shape": "200 over 10 s", **run_shape(server, db_url, seed, 200, 10.0, wall)})
        finally:
            if wall is not None:
                wall.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-browser", action="store_true", help="skip the wall lag (no chromium)")
    ap.add_argument("--shapes", choices=("all", "burst", "spread"), default="all", help="only these shapes")
    ap.add_argument("--hide-results", action="store_true", help="the wall shows its counter only")
    args = ap.parse_args()
    global HIDE_RESULTS
    HIDE_RESULTS = args.hide_results
    tmp = Path(tempfile.mkdtemp(prefix="pac-phones-"))
    runs = [("SQLite", f"sqlite:///{tmp / 'phones.db'}", tmp / "phones.db")]
    if os.environ.get("TEST_DATABASE_URL"):
        runs.append(("PostgreSQL", os.environ["TEST_DATABASE_URL"], tmp / "pg.db"))
    for name, url, file in runs:
        rows = bench(url, file, not args.no_browser, args.shapes)
        print(f"\n{name}")
        print(
            "| shape | ballots/s | raw rows/s | ratio | p50 ms | p95 ms | max ms | all acked s | CPU ms/ballot | first load B | wall lag s |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            raw = raw_sqlite(int(r["n"]), int(r["n"]))
            print(
                f"| {r['shape']} | {r['per_s']:.0f} | {raw:.0f} | {r['per_s'] / raw:.0%} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['max_ms']:.1f} | {r['elapsed_s']:.2f} | {r['cpu_ms_per_ballot']:.1f} | "
                f"{int(r['first_load_bytes'])} | {r['wall_lag_s']:.2f} |"
            )


if __name__ == "__main__":
    main()
