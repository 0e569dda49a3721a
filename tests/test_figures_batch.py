"""The documents' chart renderer stops cleanly and never keeps a process from exiting (pac.exports.figures_batch).

kaleido's own exit handler joins its thread with no time limit; that thread can wait forever for the
browser's reply to `Browser.close` (choreographer's reader takes the reply and the wrapper's "{bye}" in one
read and waits for an end of message that never comes).  `figures_batch.shutdown` stops it first, bounded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pac.exports import figures_batch

ROOT = Path(__file__).resolve().parent.parent

needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not shutil.which("chromium"), reason="no chromium"
)


def test_shutdown_without_a_renderer_does_nothing() -> None:
    figures_batch.shutdown()
    assert figures_batch.shutdown() is True
    assert figures_batch.shutdown(timeout=0.1) is True
    assert not figures_batch.is_warm()


@needs_chromium
def test_shutdown_closes_the_browser_and_the_renderer_starts_again() -> None:
    kaleido = pytest.importorskip("kaleido")
    import plotly.graph_objects as go

    figures_batch.warm_up()
    assert figures_batch.is_warm() and kaleido._global_server.is_running()
    assert figures_batch._browser_wrappers()  # choreographer's chromium wrapper, a child of this process
    t0 = time.perf_counter()
    assert figures_batch.shutdown() is True
    assert time.perf_counter() - t0 < 5
    assert not figures_batch.is_warm() and not kaleido._global_server.is_running()
    assert figures_batch._browser_wrappers() == []
    assert figures_batch.shutdown() is True  # idempotent
    # stopped is not broken: the next batch starts the renderer again
    pngs = figures_batch.render({"a": go.Figure(go.Bar(x=[1, 2], y=[3, 4]))}, width=200, scale=1.0)
    assert pngs["a"].startswith(b"\x89PNG")
    assert figures_batch.shutdown() is True
    assert figures_batch._browser_wrappers() == []


# A process that draws a figure, then exits with choreographer's pipe reader made late: every message read
# after the drawing is handed over only with what follows, up to the wrapper's "{bye}" (what a reader thread
# scheduled late on a loaded machine sees).  Before the fix this process never exited (kaleido's exit
# handler at `self._thread.join()`); now `shutdown`, run by atexit before kaleido's handler, gives up after
# its time limit and the process exits.
_LATE_READER = """
import os, select, sys, time
import choreographer.channels.pipe as pipe
from pac.exports import figures_batch

late = []
real_read = os.read

class _Os:
    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def read(fd, n):
        data = real_read(fd, n)
        if late and data and b"{bye}" not in data:
            end = time.time() + 3
            while time.time() < end and b"{bye}" not in data:
                if select.select([fd], [], [], 0.1)[0]:
                    more = real_read(fd, n)
                    if not more:
                        break
                    data += more
        return data

pipe.os = _Os()
figures_batch.warm_up()
assert figures_batch.is_warm()
late.append(True)
print("drawn", flush=True)
"""


@needs_chromium
def test_a_browser_that_never_answers_its_close_does_not_keep_the_process_alive() -> None:
    pipe = pytest.importorskip("choreographer.channels.pipe")
    if not hasattr(pipe, "os"):
        pytest.skip("choreographer's pipe no longer reads through its module's os")
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_LATE_READER)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=90,  # before the fix: never ends, TimeoutExpired
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "drawn"
    assert time.perf_counter() - t0 < 60
