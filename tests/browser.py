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

from pac.db import Database

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PAC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
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
def live_server(
    db_file: Path, extra_env: dict[str, str] | None = None, db_url: str | None = None
) -> Iterator[LiveServer]:
    """`streamlit run serve.py` (the app and its phone page) on a free port over `db_file`; stopped at the end."""
    port = free_port()
    db_url = db_url or f"sqlite:///{db_file}"  # another database (PostgreSQL): db_file names the log
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        **(extra_env or {}),
    }
    log = open(db_file.with_suffix(".server.log"), "w")  # noqa: SIM115 — closed below
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
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
            raise RuntimeError(
                "the app server did not start: " + db_file.with_suffix(".server.log").read_text()
            )
        yield LiveServer(url, db_url, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(demo_file: Path, tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """A live server over a private copy of the demo database, shared by the tests of one module.

    A server's start and its first page cost seconds; the tests of a module read what they change
    from the database (before and after), so none depends on another's leftovers.  Its first session
    may open any address (tests/test_frame_deep_link.py)."""
    path = tmp_path_factory.mktemp("live") / "live.db"
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


def signed_in_page(browser, server: LiveServer, path: str | None = "", **options):  # type: ignore[no-untyped-def]
    """A new page (in its own context, made with `options`) of a facilitator already signed in, opened at
    `path`, e.g. "plan-triennal" (None: nothing opened yet).

    The context gets the sign-in cookie a login leaves in the browser, and the app signs the facilitator
    back in from it, as after a refresh: tests whose subject is not the login skip the form and the home
    page (test_browser_home goes through both)."""
    from pac.services import auth
    from pac.ui.kit.state import COOKIE
    from tests.apptest_utils import facilitator

    user = facilitator(server.db_url)
    db = Database(server.db_url)
    try:
        token = auth.open_session(db, user.id)
    finally:
        db.dispose()
    page = browser.new_page(**options)
    page.context.add_cookies([{"name": COOKIE, "value": token, "url": server.url, "sameSite": "Strict"}])
    if path is None:
        return page
    page.goto(f"{server.url}/{path}")
    # The sidebar is drawn for a signed-in facilitator only (attached, not visible: projection hides it).
    # The first render of a cold server can be slow on a loaded 2-core machine.
    page.locator('[data-testid="stSidebar"]').wait_for(state="attached", timeout=90_000)
    return page


def poll(page, check, timeout_s: float = 20, what: str = "the edit never reached the database") -> None:  # type: ignore[no-untyped-def]
    """Wait until `check()` is true (asked every quarter of a second), e.g. until an edit made in the page
    is in the database."""
    for _ in range(int(timeout_s * 4)):
        if check():
            return
        page.wait_for_timeout(250)
    raise AssertionError(what)


def wait_idle(*pages, timeout: float = 30_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script on every page: the app says it is not running
    (the 'Running…' indicator shows only after a while) and shows no such indicator.

    The pause first lets the rerun that a click asked for begin; it is waited once for all the pages."""
    pages[0].wait_for_timeout(300)
    for page in pages:
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
            state="attached", timeout=timeout
        )
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=timeout)


def settled(page, timeout: float = 60_000, still_ms: int = 250) -> None:  # type: ignore[no-untyped-def]
    """Wait until the run is over and everything has drawn, for a true screenshot or a measure of where
    things are: no grey placeholder left, every chart drawn, images and fonts loaded, and nothing on the
    page moving any more (charts redraw themselves a moment after a resize)."""
    wait_idle(page, timeout=timeout)
    page.wait_for_function(
        """() => document.querySelectorAll('[data-testid="stSkeleton"]').length === 0
              && Array.from(document.querySelectorAll('.js-plotly-plot')).every(p => p.querySelector('.main-svg'))
              && Array.from(document.images).every(i => i.complete)
              && document.fonts.status === 'loaded'""",
        timeout=timeout,
    )
    page.wait_for_function(_STILL, arg=still_ms, timeout=timeout, polling=50)


# True once the boxes of the page's blocks have not changed for `ms` milliseconds (state kept on window).
_STILL = """ms => {
    const now = JSON.stringify(Array.from(document.querySelectorAll(
        '[data-testid="stMain"] [data-testid="stElementContainer"], .js-plotly-plot, img'
    )).map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }));
    if (window.__pacBoxes !== now) { window.__pacBoxes = now; window.__pacSince = performance.now(); }
    return performance.now() - window.__pacSince >= ms;
}"""


def resize(page, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """The same page on another screen size (no new session, no login), once everything has moved."""
    page.set_viewport_size({"width": width, "height": height})
    settled(page)


def shot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def grid_type(  # type: ignore[no-untyped-def]
    page,
    grid,
    row: int,
    col: int,
    text: str,
    *,
    x_first: float = 60,
    first_col: int = 0,
    choose: bool = False,
    tries: int = 6,
) -> None:
    """Type `text` into the cell (`row`, `col`) of a data editor (`grid`, its stDataFrame), as a user does:
    click the cell of column `first_col` in that row (1 in a table whose column 0 is the row marker), move
    right with the arrow keys, open the editor with Enter, replace its text (`choose`: a select cell, where
    the text typed picks the option), Enter.  Each step is checked (the cell selected, the editor open, the
    value shown) and the whole is done again if a loaded machine dropped a key: the grid takes keys only
    once drawn."""
    cell = grid.locator(f"#glide-cell-{col}-{row}")
    for _ in range(tries):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + x_first, box["y"] + 35 + 35 * row + 35 / 2)
        for _ in range(col - first_col):
            page.keyboard.press("ArrowRight")
        try:  # the grid moves its focus to the cell it selects, a moment after the key
            page.wait_for_function(
                "id => document.activeElement && document.activeElement.id === id",
                arg=f"glide-cell-{col}-{row}",
                timeout=3_000,
            )
        except Exception:  # noqa: BLE001 - the click or a key was lost: try again
            page.keyboard.press("Escape")
            page.wait_for_timeout(400)
            continue
        page.keyboard.press("Enter")
        editor = page.locator("#portal .gdg-input:not([disabled]), #portal input:not([disabled])").first
        try:
            editor.wait_for(state="visible", timeout=3_000)
        except Exception:  # noqa: BLE001 - the editor did not open: try again
            page.keyboard.press("Escape")
            continue
        if not choose:
            page.keyboard.press("Control+a")
        page.keyboard.type(text, delay=40)
        page.wait_for_timeout(300 if choose else 0)  # the list shows the option typed
        page.keyboard.press("Enter")
        for _ in range(12):  # the grid writes the value into its cell a moment later
            page.wait_for_timeout(250)
            if cell.inner_text().strip() == text:
                return
        page.keyboard.press("Escape")  # not taken: try again
    raise AssertionError(
        f"« {text} » typed in the grid's cell ({row}, {col}) never showed: {cell.inner_text()!r}"
    )
