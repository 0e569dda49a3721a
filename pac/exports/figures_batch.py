"""Plotly figures to PNG, one document's figures in one batch, with one renderer kept warm.

plotly's `to_image` launches a browser for each call when no kaleido server runs (3.2–3.6 s per figure
here).  kaleido 1.x keeps one browser open behind `kaleido.start_sync_server()`; the first figure then
costs about 2.5 s (the browser starts) and each next one about 0.2 s.  So the app starts the server in a
background thread once it is up (`warm_up_in_background`, never on the first page's path) and draws a
tiny figure to open the browser; documents then render their figures in one batch (`render`).

kaleido finds the browser through choreographer: the BROWSER_PATH environment variable if set, else
`chromium`, `google-chrome`… on PATH (Debian's /usr/bin/chromium).  Nothing is downloaded at run time.
A figure that cannot be drawn (no browser) is left out of the result: the document says so.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections.abc import Mapping
from typing import Any

log = logging.getLogger(__name__)

WIDTH, SCALE = 900, 2.0  # px at 2× for print: sharp at the text width of an A4 page
_lock = threading.Lock()  # one batch at a time through the one browser
_started = False
_warm = threading.Event()


def _start() -> bool:
    global _started
    if _started:
        return True
    try:
        import kaleido

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kaleido.start_sync_server(silence_warnings=True)
        _started = True
    except Exception as exc:  # noqa: BLE001 - no renderer: documents go without charts, and say so
        log.warning("kaleido could not start: %s", exc)
    return _started


def warm_up() -> float:
    """Start the renderer and draw one tiny figure (opens the browser); returns the seconds it took."""
    t0 = time.perf_counter()
    import plotly.graph_objects as go

    render({"warm": go.Figure(go.Bar(x=[1], y=[1]))}, width=100, scale=1.0)
    _warm.set()
    return time.perf_counter() - t0


def warm_up_in_background() -> threading.Thread:
    """Warm the renderer in a daemon thread (the app calls this once it is up)."""
    thread = threading.Thread(target=warm_up, name="figures-warm-up", daemon=True)
    thread.start()
    return thread


def is_warm() -> bool:
    return _warm.is_set()


def render(figures: Mapping[str, Any], width: int = WIDTH, scale: float = SCALE) -> dict[str, bytes]:
    """PNG bytes of each figure (key -> png), drawn one after the other by the one warm browser."""
    out: dict[str, bytes] = {}
    if not figures:
        return out
    with _lock:
        if not _start():
            return out
        import kaleido

        for key, fig in figures.items():
            height = (getattr(fig, "layout", None) and fig.layout.height) or 450
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    out[key] = kaleido.calc_fig_sync(
                        fig, opts={"format": "png", "width": width, "height": height, "scale": scale}
                    )
            except Exception as exc:  # noqa: BLE001 - one bad figure must not lose the document
                log.warning("figure %s not drawn: %s", key, exc)
    return out
