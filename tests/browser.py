"""A live app server and a Debian-chromium browser for the few tests only a browser can do.

Playwright cannot download its own browsers here; it drives Debian's chromium.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PAC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"

needs_browser = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and not os.environ.get("CI"),
    reason="Debian chromium is not installed (make test installs it; CI always has it)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    db_url: str
    process: subprocess.Popen


@contextmanager
def live_server(db_file: Path, extra_env: dict[str, str] | None = None) -> Iterator[LiveServer]:
    """`streamlit run app.py` on a free port over `db_file`; stopped at the end."""
    port = free_port()
    db_url = f"sqlite:///{db_file}"
    env = {**os.environ, "DATABASE_URL": db_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
           **(extra_env or {})}
    log = open(db_file.with_suffix(".server.log"), "w")  # noqa: SIM115 — closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the app server did not start: " + db_file.with_suffix(".server.log").read_text())
        yield LiveServer(url, db_url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def server(demo_file: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """A live server over a private copy of the demo database."""
    path = tmp_path / "live.db"
    shutil.copy(demo_file, path)
    with live_server(path) as s:
        yield s


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def login(page, base_url: str, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """Log in as the facilitator (created first if needed) through the real login form."""
    from tests.apptest_utils import PASSWORD, facilitator

    facilitator(db_url)
    page.goto(base_url)
    # the first render of a cold server can be slow on a loaded 2-core machine
    page.get_by_label("Identifiant").wait_for(timeout=90_000)
    page.get_by_label("Identifiant").fill("animateur")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Tableau de bord").first.wait_for(timeout=90_000)


def wait_idle(page, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script (no 'Running…' indicator)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
