"""Scale: the eleven mission communes, each at five times the demo, on one SQLite file.

    python bench/scale.py [--runs 7] [--no-documents] [--no-write] [--profile]

Builds the database the way a real one is filled: `bootstrap` (catalogues, the demo commune and the eleven
communes of data/communes.csv), then each mission commune receives, through the commune workbook's import
(`pac.services.workbook.import_workbook`, replace), the demo's workbook **multiplied by five**: its
findings, SWOT items, projects (with their douars, partners, yearly costs, funding lines, progress and
migration criteria) and indicators (with targets and measurements) are copied four more times under new
references and codes; the commune's own frame (douars, key figures, finances, plan, axes, objectives,
workshops, the voting round) stays as in the demo.

Then it measures, on the first mission commune, signed in as a facilitator:
- every page's rerun (the whole script: app.py's frame + the page, its default tab) with Streamlit's
  AppTest, median / max / CPU over `--runs` reruns after a warm-up, beside a bare Streamlit page (one
  button) rerun the same way in the same run — target ≤ 300 ms a rerun;
- every document export (pac.services.documents.produce, each document × format × language), not
  written to disk.

Unless --no-write, the table goes into bench/README.md (section « Scale », replaced each run) with the
date and the machine, each figure compared with the previous run (bench/history/scale-last.json): a
median more than 20 % slower is flagged « regression ».  --profile prints a cProfile of the slowest page.
"""

from __future__ import annotations

import argparse
import ast
import copy
import cProfile
import csv
import datetime as dt
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._reruns import bench_database  # noqa: E402

FACTOR = 5
TARGET_MS = 300.0
REGRESSION = 0.20  # a figure slower than the previous run's by more than this is flagged…
NOISE_MS = 5.0  # …when it is also slower by this much at least
HISTORY = HERE / "history" / "scale-last.json"
README = HERE / "README.md"
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"

# Sheets copied FACTOR times, and how each copy's references are renamed.
_PROJECT_SHEETS = (
    "projets_douars",
    "projets_partenaires",
    "projets_couts",
    "financements",
    "avancement",
    "projets_criteres_migration",
)


def multiplied(book: dict[str, Any], slug: str, row: dict[str, str], factor: int = FACTOR) -> dict[str, Any]:
    """The demo's workbook as the commune `slug` (names from data/communes.csv), with its findings, SWOT
    items, projects and indicators (and what hangs on them) `factor` times."""
    out = copy.deepcopy(book)
    out["commune"] = slug
    sheets = out["sheets"]
    c = sheets["commune"][0]
    c.update(
        slug=slug,
        nom_fr=row["name_fr"],
        nom_ar=row["name_ar"],
        province=row["province"],
        region=row["region"],
        type=row["kind"] or "rural",
        demo=False,
    )
    for rows in sheets.values():
        for r in rows:
            if "commune" in r:
                r["commune"] = slug
    # The join code and the participants' tokens are unique in the whole database: one per commune.
    n = int.from_bytes(slug.encode()[:4].ljust(4, b"_"), "big")
    for rnd in sheets.get("scrutins", []):
        rnd["code_acces"] = _join_code(n)
    for p in sheets.get("participants", []):
        p["jeton"] = f"{p['jeton'][:20]}{slug[:10]}"[:43]
        if p.get("numero_carte"):
            p["numero_carte"] = f"{p['numero_carte']}"
    finding_refs = max(r["ref"] for r in sheets["constats"]) + 1
    swot_refs = max(r["ref"] for r in sheets["afom"]) + 1
    swot_pos = max(r["position"] for r in sheets["afom"])
    ind_refs = max(r["ref"] for r in sheets["indicateurs"]) + 1
    base = {name: list(sheets[name]) for name in sheets}
    for k in range(1, factor):
        fref = {r["ref"]: r["ref"] + k * finding_refs for r in base["constats"]}
        sref = {r["ref"]: r["ref"] + k * swot_refs for r in base["afom"]}
        pcode = {r["code"]: f"{r['code']}-{k + 1}" for r in base["projets"]}
        iref = {r["ref"]: r["ref"] + k * ind_refs for r in base["indicateurs"]}
        tag = f" ({k + 1})"
        for r in base["constats"]:
            sheets["constats"].append(r | {"ref": fref[r["ref"]], "texte": _tagged(r["texte"], tag)})
        for r in base["constats_douars"]:
            sheets["constats_douars"].append(r | {"constat": fref[r["constat"]]})
        for r in base["afom"]:
            sheets["afom"].append(
                r
                | {
                    "ref": sref[r["ref"]],
                    "position": r["position"] + k * swot_pos,
                    "texte": _tagged(r["texte"], tag),
                }
            )
        for r in base["afom_constats"]:
            sheets["afom_constats"].append({"afom": sref[r["afom"]], "constat": fref[r["constat"]]})
        for r in base["objectifs_afom"]:
            sheets["objectifs_afom"].append(r | {"afom": sref[r["afom"]]})
        for r in base["projets"]:
            sheets["projets"].append(
                r
                | {
                    "code": pcode[r["code"]],
                    "titre": _tagged(r["titre"], tag),
                    "rang_vote": None,
                    "score_vote": None,
                    "priorite_forcee": None,
                    "motif_priorite": "",
                }
            )
        for name in _PROJECT_SHEETS:
            for r in base[name]:
                sheets[name].append(r | {"projet": pcode[r["projet"]]})
        for r in base["indicateurs"]:
            sheets["indicateurs"].append(
                r
                | {
                    "ref": iref[r["ref"]],
                    "code": f"{r['code']}-{k + 1}",
                    "projet": pcode.get(r["projet"], r["projet"]) if r["projet"] else r["projet"],
                }
            )
        for name in ("cibles", "mesures"):
            for r in base[name]:
                sheets[name].append(r | {"indicateur": iref[r["indicateur"]]})
    return out


def _tagged(text: str, tag: str) -> str:
    return (text or "")[: 300 - len(tag)] + tag if text else text


def _join_code(n: int) -> str:
    import random

    from pac.domain import vote as vote_rules

    return vote_rules.new_join_code(random.Random(n))


def build(db: Any) -> tuple[list[tuple[str, int]], dict[str, int]]:
    """Fill `db`: (slug, id) of every mission commune, and the sizes of one of them."""
    from pac.domain.validate import slugify
    from pac.services import catalogues, workbook
    from pac.services.communes import list_communes
    from pac.services.demo import DEMO_FILE
    from pac.services.setup import bootstrap

    bootstrap(db)
    with (catalogues.DATA_DIR / "communes.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {slugify(r["name_fr"]): r for r in csv.DictReader(f)}
    book = json.loads(DEMO_FILE.read_bytes())
    made = []
    sizes: dict[str, int] = {}
    for c in list_communes(db):
        if c.slug not in rows:
            continue
        data = multiplied(book, c.slug, rows[c.slug])
        summary = workbook.import_workbook(
            db, json.dumps(data, ensure_ascii=False).encode("utf-8"), "json", replace=True, backup=False
        )
        made.append((c.slug, summary.commune_id))
        sizes = dict(summary.counts)
    return made, sizes


BARE = """
import streamlit as st
st.title("Page nue")
st.button("Bouton")
"""


def time_reruns(at: Any, runs: int) -> tuple[float, float, float, float]:
    """Median and worst wall time, median and least CPU time of the process (ms) of `runs` reruns after a
    warm-up.  The least CPU time is the figure compared from run to run: other work on the machine only
    ever adds to it (bench/_reruns.py gives the first three)."""
    at.run()
    wall, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        at.run()
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    assert not at.exception, at.exception
    return statistics.median(wall), max(wall), statistics.median(cpu), min(cpu)


def _views(page: str) -> tuple[str, ...]:
    """The views of a page's `view_selector`: its `VIEWS = (...)`, or its step's `sections.VIEWS`."""
    for path in (ROOT / page, ROOT / "pac" / "ui" / Path(page).stem / "sections.py"):
        if path.exists():
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Assign) and any(
                    getattr(t, "id", "") == "VIEWS" for t in node.targets
                ):
                    return tuple(ast.literal_eval(node.value))
    return ()


def _app(url: str, page: str, commune_id: int, preset: dict[str, Any]) -> Any:
    """The whole app signed in on `page`, with `preset` in the session before the page first runs (the
    tab or view it opens on)."""
    from streamlit.testing.v1 import AppTest

    from pac.ui.kit import state
    from tests.apptest_utils import APP, facilitator

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[state.USER] = facilitator(url)
    at.session_state[state.COMMUNE] = commune_id
    for key, value in preset.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    return at


def _cases(url: str, page: str, commune_id: int) -> list[tuple[str, dict[str, Any]]]:
    """(name, preset) of every tab or view of `page`, found in the session after a first run: a kept
    `tab_…` (pac.ui.kit.tabs.lazy_tabs, one entry per tab drawn) or a kept view (view_selector)."""
    at = _app(url, page, commune_id, {})
    kept = at.session_state._state._state  # AppTest's own accessor has no listing of the keys
    keys = [k for k in kept.filtered_state if k.startswith("_keep_")]
    for key in keys:
        if key.startswith("_keep_tab_"):
            return [(f"{page} / {tab.label}", {key: i}) for i, tab in enumerate(at.tabs)]
        views = _views(page)
        if kept[key] in views:
            return [(f"{page} / {view}", {key: view}) for view in views]
    if page in EXTRA:
        return [(page, {}), *EXTRA[page]]
    return [(page, {})]


# Views opened by a widget rather than a tab: the dashboard's comparison of every commune for the NGO.
EXTRA: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "pages/home.py": [("pages/home.py / NGO comparison of all communes", {"home_ngo_view": True})],
}


def measure_pages(
    url: str, commune_id: int, runs: int, errors: list[str], presets: dict[str, dict[str, Any]]
) -> dict[str, tuple[float, float, float, float]]:
    """Rerun times of every tab or view of every page; the cases that raised are appended to `errors`,
    the session each case opens on goes to `presets`."""
    from streamlit.testing.v1 import AppTest

    from pac.ui.kit.nav import STEPS

    out: dict[str, tuple[float, float, float, float]] = {}
    bare = AppTest.from_string(BARE, default_timeout=60)
    out["(reference) bare Streamlit page"] = time_reruns(bare, runs)
    for step in STEPS:
        if not (ROOT / step.path).exists():
            continue
        try:
            cases = _cases(url, step.path, commune_id)
        except Exception as exc:  # noqa: BLE001 — a page that cannot even start: in the table, not a crash
            errors.append(step.path)
            print(f"  {step.path:<28}   ERROR {exc}", flush=True)
            continue
        for name, preset in cases:
            presets[name] = preset
            at = _app(url, step.path, commune_id, preset)
            try:
                out[name] = time_reruns(at, runs)
            except AssertionError:  # the page raised: say so in the table, measure the others
                errors.append(name)
                print(f"  {name:<50}   ERROR {at.exception}", flush=True)
                continue
            print(f"  {name:<50}{out[name][0]:>8.0f} ms{out[name][2]:>8.0f} CPU", flush=True)
    return out


def measure_documents(db: Any, commune_id: int) -> dict[str, tuple[float, float]]:
    """Wall and CPU time (ms) of every document export of the commune, not written to disk.  The CPU is
    this process's: the charts' browser (kaleido) runs in its own processes, not counted."""
    from pac.exports import figures_batch
    from pac.services import documents

    figures_batch.warm_up()  # the app opens the charts' browser once at start; not the first document's cost
    out: dict[str, tuple[float, float]] = {}
    for kind, fmt, lang in documents.every_request():
        t, c = time.perf_counter(), time.process_time()
        produced = documents.produce(db, commune_id, kind, fmt, lang, write=False)
        ms, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
        assert produced.data, (kind, fmt, lang)
        name = f"{kind}.{fmt} ({lang})"
        out[name] = (ms, cpu)
        print(f"  {name:<28}{ms:>8.0f} ms{cpu:>8.0f} CPU  {len(produced.data) // 1024} KiB", flush=True)
    return out


def profile_page(url: str, commune_id: int, name: str, preset: dict[str, Any], top: int = 30) -> str:
    """cProfile of three reruns of one page.  AppTest runs the script in its own thread, out of a profiler
    started here: the profiler wraps the script's execution inside that thread instead."""
    from streamlit.runtime.scriptrunner import script_runner

    page = name.split(" / ")[0]
    prof = cProfile.Profile()
    original = script_runner.exec_func_with_error_handling
    at = _app(url, page, commune_id, preset)
    at.run()

    def profiled(func: Any, ctx: Any) -> Any:
        return prof.runcall(original, func, ctx)

    script_runner.exec_func_with_error_handling = profiled
    try:
        for _ in range(3):
            at.run()
    finally:
        script_runner.exec_func_with_error_handling = original
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at the end"
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}{load}"


def compare(now: dict[str, float], before: dict[str, float]) -> dict[str, str]:
    """« +35 % **regression** » / « −12 % » per figure against the previous run.  A figure is flagged when
    it is more than 20 % slower *and* at least NOISE_MS slower: on a shared 2-core machine a 10 ms page
    moves by 2–3 ms from one run to the next without any change of code."""
    out = {}
    for name, ms in now.items():
        old = before.get(name)
        if not old:
            out[name] = "new"
            continue
        change = ms / old - 1
        flagged = change > REGRESSION and ms - old >= NOISE_MS
        out[name] = f"{change:+.0%}" + (" **regression**" if flagged else "")
    return out


def table(
    pages: dict[str, tuple[float, float, float, float]],
    docs: dict[str, tuple[float, float]],
    sizes: dict[str, int],
    n_communes: int,
    before: dict[str, Any],
    when: str,
    errors: list[str],
) -> str:
    # Pages are compared by their CPU time, the steadier figure when other work shares the machine.
    pages_cmp = compare({k: v[3] for k, v in pages.items()}, before.get("pages_cpu_min", {}))
    docs_cmp = compare({k: v[1] for k, v in docs.items()}, before.get("documents_cpu", {}))
    keep = ("constats", "afom", "projets", "financements", "indicateurs", "cibles", "mesures")
    size = ", ".join(f"{sizes[k]} {k}" for k in keep if k in sizes)
    lines = [
        BEGIN,
        "## Scale: eleven communes at five times the demo (`python bench/scale.py`, `make bench`)",
        "",
        f"Written by the script: {when}, {machine()}.  {n_communes} communes in the database (the eleven of",
        "`data/communes.csv` and the demo); each mission commune is the demo's workbook with its findings, SWOT",
        f"items, projects and indicators multiplied by {FACTOR} ({size}), imported through the commune",
        "workbook.  Pages: whole-script AppTest rerun (frame + page) of each tab or view, as a signed-in facilitator",
        f"on the first mission commune, median of the runs after a warm-up; target ≤ {TARGET_MS:.0f} ms.",
        "« vs last » compares the CPU time (pages: the least of the runs, which other work can only raise;",
        "documents: the one export) with the previous run",
        f"(bench/history/scale-last.json): more than +{REGRESSION:.0%} and +{NOISE_MS:.0f} ms is flagged « regression ».",
        "",
        "| page | median ms | max ms | CPU ms | ≤ 300 ms | vs last |",
        "|---|---:|---:|---:|:---:|---:|",
    ]
    for name, (med, worst, cpu, _least) in pages.items():
        ok = "yes" if med <= TARGET_MS else "**no**"
        lines.append(f"| {name} | {med:.0f} | {worst:.0f} | {cpu:.0f} | {ok} | {pages_cmp[name]} |")
    lines += [f"| {name} | error | | | **no** | |" for name in errors]
    if docs:
        lines += [
            "",
            "| document export (not written to disk) | ms | CPU ms | vs last |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {name} | {ms:.0f} | {cpu:.0f} | {docs_cmp[name]} |" for name, (ms, cpu) in docs.items()]
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    README.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-documents", action="store_true", help="skip the document exports")
    parser.add_argument("--no-write", action="store_true", help="print only: neither README nor history")
    parser.add_argument("--profile", action="store_true", help="cProfile of the slowest page")
    args = parser.parse_args()

    url, db = bench_database()
    os.environ.setdefault("PAC_BACKUP_DIR", str(Path(url.removeprefix("sqlite:///")).parent / "backups"))
    t = time.perf_counter()
    made, sizes = build(db)
    print(f"built {len(made)} communes at {FACTOR}× the demo in {time.perf_counter() - t:.1f} s: {sizes}")
    from pac.services.communes import list_communes

    n_communes = len(list_communes(db))
    commune_id = made[0][1]
    docs: dict[str, tuple[float, float]] = {}
    if not args.no_documents:
        if (ROOT / "pac" / "services" / "documents.py").exists():
            print("documents:")
            docs = measure_documents(db, commune_id)
        else:
            print("documents: pac/services/documents.py is absent, skipped")
    db.dispose()
    print("pages:")
    errors: list[str] = []
    presets: dict[str, dict[str, Any]] = {}
    pages = measure_pages(url, commune_id, args.runs, errors, presets)
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    before = json.loads(HISTORY.read_text()) if HISTORY.exists() else {}
    section = table(pages, docs, sizes, n_communes, before, when, errors)
    print(section)
    if args.profile:
        slowest = max((k for k in pages if k.startswith("pages/")), key=lambda k: pages[k][2])
        print(f"cProfile of {slowest} (3 reruns):")
        print(profile_page(url, commune_id, slowest, presets[slowest]))
    if not args.no_write:
        write_readme(section)
        HISTORY.parent.mkdir(exist_ok=True)
        HISTORY.write_text(
            json.dumps(
                {
                    "when": when,
                    "machine": machine(),
                    "pages": {k: round(v[0], 1) for k, v in pages.items()},
                    "pages_cpu": {k: round(v[2], 1) for k, v in pages.items()},
                    "pages_cpu_min": {k: round(v[3], 1) for k, v in pages.items()},
                    "documents": {k: round(v[0], 1) for k, v in docs.items()},
                    "documents_cpu": {k: round(v[1], 1) for k, v in docs.items()},
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
    over = [k for k, v in pages.items() if v[0] > TARGET_MS]
    if over:
        print(f"over {TARGET_MS:.0f} ms: {', '.join(over)}")
    if errors:
        print(f"pages that raised: {', '.join(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
