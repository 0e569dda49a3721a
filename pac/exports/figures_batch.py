"""Plotly figures to PNG, one document's figures in one batch, with one renderer kept warm.

plotly's `to_image` launches a browser for each call when no kaleido server runs (3.2–3.6 s per figure
here).  kaleido 1.x keeps one browser open behind `kaleido.start_sync_server()`; the first figure then
costs about 2.5 s (the browser starts) and each next one about 0.2 s.  So the app starts the server in a
background thread once it is up (`warm_up_in_background`, never on the first page's path) and draws a
tiny figure to open the browser; documents then render their figures in one batch (`render`).

kaleido finds the browser through choreographer: the BROWSER_PATH environment variable if set, else
`chromium`, `google-chrome`… on PATH (Debian's /usr/bin/chromium).  Nothing is downloaded at run time.
A figure that cannot be drawn (no browser) is left out of the result: the document says so.

Stopping (`shutdown`).  kaleido registers its `stop_sync_server` with atexit: it hands its thread a stop
sentinel and joins that thread with no time limit, and the thread closes the browser by sending it
`Browser.close` and awaiting the reply.  When the reply and the line "{bye}" that choreographer's chromium
wrapper prints once chromium has exited are both in the pipe before choreographer's reader thread reads it
(a reader scheduled late, on a loaded machine), the reader takes them in one read, then waits for an end of
message that never comes (choreographer 1.4 `Pipe.read_jsons`): the reply is never delivered, kaleido's
thread never ends, and the process, its file already written, never exits.  So `shutdown` stops kaleido's
server itself, in a helper thread joined with a time limit; if the limit runs out it signals whatever is
left of the browser and marks kaleido's server closed, so that kaleido's own exit handler returns at once
(its daemon thread is left behind, and ends with the process).  `shutdown` is idempotent, registered with
atexit after kaleido's handler (so it runs before it), and the command line calls it when it is done.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import signal
import threading
import time
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

WIDTH, SCALE = 900, 2.0  # px at 2× for print: sharp at the text width of an A4 page
_lock = threading.Lock()  # one batch at a time through the one browser
_started = False
_warm = threading.Event()
_STOP_SECONDS = 5.0  # the longest `shutdown` waits for kaleido's thread (a clean close takes 0.2–1 s)
_WRAPPER = b"_unix_pipe_chromium_wrapper"  # choreographer's process between us and chromium


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
        # atexit runs the last registered first: ours, registered after kaleido's, stops the server
        # before kaleido's handler would join its thread with no time limit.
        atexit.unregister(shutdown)
        atexit.register(shutdown)
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


def shutdown(timeout: float = _STOP_SECONDS) -> bool:
    """Close the warm renderer (kaleido's thread and its browser), waiting at most about `timeout` seconds;
    idempotent.

    Returns True when it closed cleanly or was not running; False when kaleido's thread did not end in
    time: the browser is then signalled, and kaleido's exit handler no longer waits for the thread.
    """
    global _started
    got_lock = _lock.acquire(timeout=timeout)  # let a batch being drawn finish, but not forever
    try:
        if not _started:
            return True
        _started = False
        _warm.clear()
        import kaleido

        server = getattr(kaleido, "_global_server", None)
        if server is None or not server.is_running():
            return True
        closer = threading.Thread(
            target=kaleido.stop_sync_server,
            kwargs={"silence_warnings": True},
            name="figures-stop",
            daemon=True,
        )
        closer.start()
        closer.join(timeout)
        if not closer.is_alive():
            return True
        log.warning("kaleido did not stop within %.0f s: its browser is signalled, its thread left", timeout)
        _signal_browsers()
        server._initialized = False  # noqa: SLF001 - kaleido's atexit handler then returns at once
        return False
    finally:
        if got_lock:
            _lock.release()


def _signal_browsers(wait: float = 1.0) -> None:
    """SIGTERM to choreographer's chromium wrappers started by this process (the wrapper stops chromium,
    SIGKILL after 5 s, and exits), waiting a moment for them to go."""
    pids = _browser_wrappers()
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while pids and time.monotonic() < deadline:
        time.sleep(0.05)
        pids = [pid for pid in pids if _alive(pid)]


def _browser_wrappers() -> list[int]:
    """The live child processes of this process that are choreographer's chromium wrappers (Linux /proc;
    elsewhere none)."""
    me, found = os.getpid(), []
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != me or fields[0] == "Z":
                continue
            if _WRAPPER in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie (an exited child not yet reaped counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
