"""Cold start: time from `streamlit run app.py` on an empty database to the first page shown in a browser.

    python bench/startup.py

The first start migrates the database, loads the catalogues and the demo commune.
A second start on the same database shows the warm figure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, live_server  # noqa: E402


def first_page(db_file: Path) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    with live_server(db_file) as server, sync_playwright() as p:
        listening = time.perf_counter() - t0
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(server.url)
        page.get_by_text("PAC Atelier").first.wait_for(timeout=120_000)
        page.get_by_role("button").first.wait_for(timeout=120_000)
        shown = time.perf_counter() - t0
        browser.close()
    return listening, shown


def main() -> None:
    db_file = Path(tempfile.mkdtemp()) / "cold.db"
    listening, shown = first_page(db_file)
    print(f"cold start (empty database): server listening {listening:.1f} s, first page shown {shown:.1f} s")
    listening, shown = first_page(db_file)
    print(f"warm start (existing database): server listening {listening:.1f} s, first page shown {shown:.1f} s")


if __name__ == "__main__":
    main()
