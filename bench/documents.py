"""Time and peak memory of each deliverable, at demo scale and at 5× (200 projects), in French and Arabic.

    python bench/documents.py [--kinds pac,suivi] [--formats pdf,docx,xlsx] [--langs fr,ar] [--scales demo,5x]
                              [--no-memory] [--no-cold]

* cold: the first document after start — a fresh Python process that makes the PAC document (PDF, French,
  with its charts): imports, kaleido's browser started, figures drawn, PDF written.
* warm: in this process, after the renderer is warm (`figures_batch.warm_up`), each document built from the
  database (views gathered, content written, figures drawn in one batch) and rendered; the time is the
  median of `--runs`; the peak memory is tracemalloc's peak of Python allocations during one more run
  (measured apart, since tracing slows the run).

Demo scale is the demo commune (data/demo-commune.json, 44 projects); 5× is a commune made by
bench/plan.py's `seed_plan` with 200 projects, 1 000 funding lines and 300 indicators.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pac.db import Database, upgrade  # noqa: E402

COLD = """
import time, resource
t0 = time.perf_counter()
from pac.db import Database
from pac.services import documents
db = Database({url!r})
made = documents.produce(db, {slug!r}, "pac", "pdf", "fr", write=False)
print(f"{{time.perf_counter() - t0:.2f}} {{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}}")
"""


def prepare(folder: Path) -> dict[str, tuple[str, str]]:
    """The two databases: scale -> (url, commune slug)."""
    from pac.services import communes
    from pac.services.demo import DEMO_SLUG
    from pac.services.setup import bootstrap

    demo = Database(f"sqlite:///{folder / 'demo.db'}")
    bootstrap(demo)
    big = Database(f"sqlite:///{folder / 'big.db'}")
    upgrade(big)
    from bench.plan import seed_plan

    cid, _ = seed_plan(big, projects=200, fundings=1000, indicators=300, name="Commune 5x")
    slug = communes.get_commune(big, cid).slug
    out = {"demo": (demo.url, DEMO_SLUG), "5x": (big.url, slug)}
    demo.dispose()
    big.dispose()
    return out


def one(db: Database, slug: str, kind: str, fmt: str, lang: str) -> int:
    from pac.services import documents

    return len(documents.produce(db, slug, kind, fmt, lang, write=False).data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kinds", default="synthese,diagnostic,pac,suivi,atelier,plan")
    ap.add_argument("--formats", default="pdf,docx,xlsx")
    ap.add_argument("--langs", default="fr,ar")
    ap.add_argument("--scales", default="demo,5x")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--no-memory", action="store_true")
    ap.add_argument("--no-cold", action="store_true")
    args = ap.parse_args()
    from pac.services import documents

    with tempfile.TemporaryDirectory() as tmp:
        dbs = prepare(Path(tmp))
        if not args.no_cold:
            url, slug = dbs["demo"]
            out = subprocess.run(
                [sys.executable, "-c", COLD.format(url=str(url), slug=slug)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                check=True,
            ).stdout.split()
            print(
                f"cold: first document after start (PAC, PDF, French, demo, with charts): {out[0]} s, "
                f"peak RSS {out[1]} MB"
            )
        from pac.exports import figures_batch

        print(f"renderer warm-up (kaleido + chromium, one tiny figure): {figures_batch.warm_up():.2f} s")
        print()
        print("| scale | document | format | lang | warm s | peak MB (Python) | size KB |")
        print("|---|---|---|---|---:|---:|---:|")
        for scale in args.scales.split(","):
            url, slug = dbs[scale]
            db = Database(str(url))
            for kind in args.kinds.split(","):
                for fmt in args.formats.split(","):
                    if fmt not in documents.FORMATS[kind]:
                        continue
                    for lang in args.langs.split(","):
                        times = []
                        size = 0
                        for _ in range(args.runs):
                            t0 = time.perf_counter()
                            size = one(db, slug, kind, fmt, lang)
                            times.append(time.perf_counter() - t0)
                        peak = ""
                        if not args.no_memory:
                            tracemalloc.start()
                            one(db, slug, kind, fmt, lang)
                            peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:.0f}"
                            tracemalloc.stop()
                        print(
                            f"| {scale} | {kind} | {fmt} | {lang} | {statistics.median(times):.2f} | {peak} | "
                            f"{size / 1024:.0f} |",
                            flush=True,
                        )
            db.dispose()


if __name__ == "__main__":
    main()
