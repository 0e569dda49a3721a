"""Cold start, side by side: the app's first page against a bare Streamlit page, in the same run.

    python bench/startup.py [--runs 5] [--app OTHER_CHECKOUT]

With one headless Debian chromium already open (as on a facilitator's laptop), each repetition starts,
in turn, three servers with `streamlit run … --server.headless true` on a free loopback port:

- bare: a temporary one-file script that shows one `st.button`;
- app, fresh database: the app on a database file that does not exist yet (the very first start:
  migrations, catalogues, demo commune);
- app, existing database: the app on a database already set up, with a facilitator account.

Each figure is the time from the process start to the first button visible in the browser (for the app:
the button of the login page, or of the first-account form on a fresh database: what a facilitator sees
first).  Printed: the median of the repetitions, its ratio to the bare page's, the median of the ratios
of each repetition (app / the bare page started just before it), and the CPU time of the server process
until the button showed.  The three variants are interleaved so that the machine's load weighs on each
alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

BARE_SCRIPT = 'import streamlit as st\n\nst.button("Bouton")\n'
# The first button widget of a page, whether a plain button or a form's submit button.
FIRST_BUTTON = '[data-testid="stButton"] button, [data-testid="stFormSubmitButton"] button'
# Checked in the page every 10 ms: Playwright's own wait_for polls with a back-off that reaches 500 ms
# between two looks, which would add up to half a second to whichever page is slower to come.
BUTTON_SHOWN = """selector => {
  const b = document.querySelector(selector);
  if (!b) return false;
  const r = b.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== "hidden";
}"""
# Same server options for both, so that only the scripts differ (the app's own come from its config.toml).
SERVER_OPTIONS = [
    "--server.headless",
    "true",
    "--server.address",
    "127.0.0.1",
    "--server.fileWatcherType",
    "none",
    "--browser.gatherUsageStats",
    "false",
]
TIMEOUT_S = 120


def first_button(  # type: ignore[no-untyped-def]
    browser, script: Path, cwd: Path, env: dict[str, str], logs: Path
) -> tuple[float, float]:
    """Seconds from `streamlit run script` to its first button visible in a fresh browser context, and the
    CPU seconds the server process spent until then (steadier than the wall time on a loaded machine)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    context = browser.new_context()
    page = context.new_page()
    log = open(logs / f"server-{port}.log", "w")  # noqa: SIM115 — closed below
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), *SERVER_OPTIONS],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_listening(url, proc)
        page.goto(url)
        page.wait_for_function(BUTTON_SHOWN, arg=FIRST_BUTTON, polling=10, timeout=TIMEOUT_S * 1000)
        return time.perf_counter() - t0, _cpu_seconds(proc.pid)
    finally:
        context.close()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_listening(url: str, proc: subprocess.Popen) -> None:
    # A short poll: a browser pointed at a closed port would show an error page, not retry.
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {proc.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.01)
    raise RuntimeError("the server did not start")


def existing_database(path: Path) -> None:
    """A database as a facilitator leaves it: set up (schema, catalogues, demo) with one account."""
    from pac.db import Database
    from pac.services.setup import bootstrap
    from tests.apptest_utils import facilitator

    db = Database(f"sqlite:///{path}")
    bootstrap(db)
    db.dispose()
    facilitator(f"sqlite:///{path}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--app", type=Path, default=ROOT, help="the app's folder (another checkout, to compare)"
    )
    args = parser.parse_args()
    app_dir = args.app.resolve()

    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="pac-startup-"))
    bare_dir = tmp / "bare"
    bare_dir.mkdir()
    bare = bare_dir / "bare.py"
    bare.write_text(BARE_SCRIPT)
    existing = tmp / "existing.db"
    existing_database(existing)
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    def app_fresh(i: int) -> dict[str, str]:
        return {**base_env, "DATABASE_URL": f"sqlite:///{tmp / f'fresh-{i}.db'}"}

    def app_existing(_: int) -> dict[str, str]:
        return {**base_env, "DATABASE_URL": f"sqlite:///{existing}"}

    variants: dict[str, tuple[Path, Path, Callable[[int], dict[str, str]]]] = {
        "bare Streamlit page": (bare, bare_dir, lambda _: base_env),
        "app, fresh database": (app_dir / "app.py", app_dir, app_fresh),
        "app, existing database": (app_dir / "app.py", app_dir, app_existing),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # One untimed start of each, so that the disk cache of Python's files is warm for all alike.
            for script, cwd, env in variants.values():
                first_button(browser, script, cwd, env(-1), tmp)
            for i in range(args.runs):
                for name, (script, cwd, env) in variants.items():
                    wall, used = first_button(browser, script, cwd, env(i), tmp)
                    times[name].append(wall)
                    cpu[name].append(used)
        finally:
            browser.close()
    shutil.rmtree(tmp, ignore_errors=True)

    bare = "bare Streamlit page"
    print(
        f"process start → first button visible, {args.runs} runs, load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"  {'':<24} {'median s':>8} {'ratio':>6} {'paired':>6} {'server CPU s':>12}   each run (s)")
    for name, values in times.items():
        median = statistics.median(values)
        # Each run's app against the bare page started just before it: the machine's load weighs alike.
        paired = statistics.median(v / b for v, b in zip(values, times[bare], strict=True))
        runs = " ".join(f"{v:.2f}" for v in values)
        print(
            f"  {name:<24} {median:8.2f} {median / statistics.median(times[bare]):6.2f} {paired:6.2f} "
            f"{statistics.median(cpu[name]):12.2f}   {runs}"
        )


if __name__ == "__main__":
    main()
