"""Voting under load: a room of phones submitting at once, the wall's live refresh, page reruns,
and the server memory each connected participant costs.

    python bench/vote.py [--voters 100] [--sessions 20] [--no-browser]

1. 100 voters submit in the same instant through the service layer (one thread each, a barrier
   releases them together): ballots per second and p50/p95/max submit latency, on a SQLite file
   (and on PostgreSQL when TEST_DATABASE_URL is set).
2. The live wall's work per refresh (counter + results with splits) at 100 ballots x 12 options.
3. Rerun time of the « Vote » page and of the participant's « Voter » page (AppTest).
4. A live server: resident memory before and after N participant pages (Debian chromium) are
   connected to /voter, divided by N.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _room(db, n_projects: int = 12):  # type: ignore[no-untyped-def]
    from pac.services.vote import rounds
    from tests.test_vote_data import seed_workshop

    seed = seed_workshop(db, n_projects=n_projects)
    r = rounds.create_round(
        db,
        seed.plan_id,
        {
            "title": "Banc d'essai",
            "method": "dots",
            "option_kind": "project",
            "option_refs": seed.project_ids,
            "dots_per_participant": 5,
            "max_dots_per_option": 2,
        },
    )
    rounds.open_round(db, r.id)
    return seed, rounds.get_round(db, r.id)


def burst(db, voters: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """`voters` participants submit at the same instant; every ballot must be recorded once."""
    from pac.services.vote import ballot, rounds

    _, r = _room(db)
    roles = ("elected", "ieeag", "staff", "civil_society")
    tokens = [
        ballot.save_profile(db, r.id, None, {"role": roles[i % 4], "sex": "fm"[i % 2]}).token
        for i in range(voters)
    ]
    o = [x.id for x in r.options]
    barrier = threading.Barrier(voters)
    latencies: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def vote(i: int) -> None:
        chosen = {
            (o[i % len(o)], None): 2,
            (o[(i * 7 + 3) % len(o)], None): 2,
            (o[(i * 5 + 1) % len(o)], None): 1,
        }
        barrier.wait()
        t = time.perf_counter()
        try:
            ballot.submit_ballot(db, r.id, tokens[i], chosen)
        except BaseException as e:  # noqa: BLE001 — reported below
            with lock:
                errors.append(e)
            return
        with lock:
            latencies.append(time.perf_counter() - t)

    threads = [threading.Thread(target=vote, args=(i,)) for i in range(voters)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    recorded = rounds.counter(db, r.id).phone
    assert not errors and recorded == voters, (errors[:3], recorded)
    return {
        "seconds": wall,
        "per_s": voters / wall,
        "p50": _percentile(latencies, 0.5) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "max": max(latencies) * 1000,
        "round_id": r.id,
    }


def wall_refresh(db, round_id: int, runs: int = 20) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from pac.services.vote import rounds

    out = {}
    for name, fn in (("counter", rounds.counter), ("results", rounds.results)):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn(db, round_id)
            times.append((time.perf_counter() - t) * 1000)
        out[name] = statistics.median(times)
    return out


def page_reruns(db_url: str, runs: int) -> dict[str, float]:
    """Median rerun (ms) of the facilitator's « Vote » page and of a participant's ballot page."""
    from streamlit.testing.v1 import AppTest

    from pac.db import Database
    from pac.services.setup import bootstrap
    from pac.services.vote import ballot
    from tests.apptest_utils import logged_in_app

    os.environ["DATABASE_URL"] = db_url
    db = Database(db_url)
    bootstrap(db, with_demo=False)
    seed, r = _room(db)
    tokens = []
    for i in range(100):
        tok = ballot.save_profile(db, r.id, None, {"role": "elected", "sex": "fm"[i % 2]}).token
        ballot.submit_ballot(
            db, r.id, tok, {(r.options[i % 12].id, None): 2, (r.options[(i + 5) % 12].id, None): 2}
        )
        tokens.append(tok)
    db.dispose()
    out = {}
    at = logged_in_app(db_url, "pages/vote.py", commune_id=seed.commune_id)
    next(s for s in at.selectbox if s.label == "Tour de vote").set_value(r.id).run()
    out["vote page, wall tab (100 ballots, 12 options)"] = _median_rerun(at, runs)
    at.session_state["vote_tab"] = "Résultats"
    at.run()
    out["vote page, results tab with splits"] = _median_rerun(at, runs)
    voter = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    voter.query_params["code"] = r.join_code
    voter.query_params["p"] = tokens[0]
    voter.switch_page("pages/voter.py")
    voter.run()
    out["voter page (ballot of 12 options)"] = _median_rerun(voter, runs)
    return out


def _median_rerun(at, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - t) * 1000)
    assert not at.exception, at.exception
    return statistics.median(times)


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def session_memory(sessions: int) -> dict[str, float] | None:
    """Server RSS growth per connected participant page (each one a Streamlit session)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, live_server

    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    from pac.db import Database
    from pac.services.setup import bootstrap

    tmp = Path(tempfile.mkdtemp())
    path = tmp / "mem.db"
    db = Database(f"sqlite:///{path}")
    bootstrap(db, with_demo=False)
    _, r = _room(db)
    from pac.services.vote import ballot

    tokens = [
        ballot.save_profile(db, r.id, None, {"role": "elected", "sex": "fm"[i % 2]}).token
        for i in range(sessions)
    ]
    db.dispose()
    with live_server(path) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
        warm.goto(f"{server.url}/voter?code={r.join_code}")
        warm.locator('[data-testid="stRadio"]').first.wait_for(timeout=60_000)
        time.sleep(2)
        before = _rss_kib(server.process.pid)
        pages = []
        for token in tokens:  # each phone on its ballot of 12 options
            page = browser.new_context(viewport={"width": 360, "height": 780}).new_page()
            page.goto(f"{server.url}/voter?code={r.join_code}&p={token}")
            pages.append(page)
        for page in pages:
            page.locator('[data-testid="pac-left"]').wait_for(timeout=120_000)
        time.sleep(2)
        after = _rss_kib(server.process.pid)
        browser.close()
    return {
        "before_mib": before / 1024,
        "after_mib": after / 1024,
        "per_session_kib": (after - before) / sessions,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voters", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    os.chdir(ROOT)

    from pac.db import Database, upgrade

    tmp = Path(tempfile.mkdtemp())
    targets = [("SQLite file", f"sqlite:///{tmp / 'burst.db'}")]
    if os.environ.get("TEST_DATABASE_URL"):
        targets.append(("PostgreSQL", os.environ["TEST_DATABASE_URL"]))
    print(f"1. {args.voters} voters submitting at the same instant (service layer, one thread each)")
    for name, url in targets:
        db = Database(url)
        if url.startswith("postgres"):
            from sqlalchemy import text

            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade(db)
        b = burst(db, args.voters)
        print(
            f"   {name:<12} {b['per_s']:>6.0f} ballots/s   p50 {b['p50']:>5.0f} ms   p95 {b['p95']:>5.0f} ms   "
            f"max {b['max']:>5.0f} ms   (all {args.voters} recorded once)"
        )
        w = wall_refresh(db, int(b["round_id"]))
        print(
            f"   {'':<12} wall refresh at {args.voters} ballots x 12 options: counter {w['counter']:.1f} ms, "
            f"results with splits {w['results']:.1f} ms (median)"
        )
        db.dispose()

    print("2. page reruns (AppTest, median)")
    for name, ms in page_reruns(f"sqlite:///{tmp / 'pages.db'}", args.runs).items():
        print(f"   {name:<48} {ms:>6.0f} ms")

    if not args.no_browser:
        print(f"3. server memory per connected participant ({args.sessions} phone pages, Debian chromium)")
        mem = session_memory(args.sessions)
        if mem is None:
            print("   skipped: chromium not installed")
        else:
            print(
                f"   server RSS {mem['before_mib']:.0f} MiB -> {mem['after_mib']:.0f} MiB: "
                f"{mem['per_session_kib']:.0f} KiB per participant session"
            )


if __name__ == "__main__":
    main()
