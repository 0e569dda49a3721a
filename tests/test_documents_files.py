"""The produced files opened again: the Excel plan (openpyxl, and its formulas recomputed by LibreOffice),
the PAC document as PDF (text extracted) and Word (python-docx), and `python -m pac export`."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from pac.db import Database
from pac.i18n import t
from pac.services import communes, documents, monitoring, plan
from pac.services.demo import DEMO_SLUG
from tests.test_cli import pac as run_pac


@pytest.fixture
def board(demo_db: Database):  # type: ignore[no-untyped-def]
    cid = communes.get_commune(demo_db, DEMO_SLUG).id
    return plan.load_board(demo_db, communes.get_current_plan(demo_db, cid).id)


def _sheet_total(ws, header: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    col = next(c.column for c in ws[3] if c.value == header)
    return col, ws.max_row


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_excel_plan_reads_back_with_live_totals(demo_db: Database, board, lang: str) -> None:  # type: ignore[no-untyped-def]
    data = documents.plan_workbook(demo_db, DEMO_SLUG, lang)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws, ind = wb.worksheets
    assert ws.title == t("docs.xlsx.sheet_plan", lang) and ind.title == t("docs.xlsx.sheet_indicators", lang)
    assert ws.sheet_view.rightToLeft is (lang == "ar")
    assert ws.freeze_panes == "C4" and ws.auto_filter.ref.startswith("A3:")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 2  # A3, 2 pages across
    assert ws.print_title_cols == "$A:$D"
    assert ws.print_title_rows == "$1:$3"
    col, last = _sheet_total(ws, t("plan.col.total_cost", lang))
    total = ws.cell(last, col)
    assert total.value == f"=SUM({total.column_letter}4:{total.column_letter}{last - 1})"
    assert total.number_format == "#,##0"
    codes = [ws.cell(r, 1).value for r in range(4, last)]
    assert sorted(codes) == sorted(p.code for p in board.retained)
    indicators = monitoring.load_indicators(demo_db, board.plan.id).indicators
    assert [ind.cell(r, 1).value for r in range(4, ind.max_row + 1)] == [i.code for i in indicators]


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice absent (apt install libreoffice-calc-nogui)"
)
def test_excel_totals_are_right_when_libreoffice_recomputes_them(
    demo_db: Database, board, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "plan.xlsx"
    src.write_bytes(documents.plan_workbook(demo_db, DEMO_SLUG, "fr"))
    out = tmp_path / "out"
    converted = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        timeout=180,
    )
    if not (out / "plan.xlsx").exists():  # Writer alone cannot open a workbook: Calc is a separate package
        pytest.skip(
            f"LibreOffice Calc absent (apt install libreoffice-calc-nogui): {converted.stderr.strip()}"
        )
    ws = openpyxl.load_workbook(out / "plan.xlsx", data_only=True).worksheets[0]
    col, last = _sheet_total(ws, t("plan.col.total_cost", "fr"))
    assert ws.cell(last, col).value == pytest.approx(sum(p.budget.total_cost for p in board.retained))
    share_col, _ = _sheet_total(ws, t("plan.col.commune_share", "fr"))
    assert ws.cell(last, share_col).value == pytest.approx(
        sum(p.budget.commune_share for p in board.retained)
    )


def test_pac_pdf_and_docx_contain_titles_and_totals(demo_db: Database, board, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = documents.produce(demo_db, DEMO_SLUG, "pac", "pdf", "fr", write=False, charts=False).data
    path = tmp_path / "pac.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert t("docs.h.triennial", "fr") in text
    first = board.retained[0]
    assert first.code in text and first.title[:30] in " ".join(text.split())
    total = f"{sum(p.budget.total_cost for p in board.retained) / 1000:,.0f}".replace(",", "\u202f")  # kDH
    assert total.replace("\u202f", " ") in text.replace("\u202f", " ")

    import docx

    data = documents.produce(demo_db, DEMO_SLUG, "pac", "docx", "ar", write=False, charts=False).data
    d = docx.Document(io.BytesIO(data))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert t("docs.h.triennial", "ar") in headings
    assert len(d.tables) > 5
    assert b"w:bidi" in data or "bidi" in d.element.xml


def test_command_line_exports_and_refuses_bad_combinations(demo_file: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "cli.db"
    shutil.copy(demo_file, db_path)
    out = tmp_path / "plan.xlsx"
    run = run_pac(
        db_path, "export", DEMO_SLUG, "--doc", "plan", "--format", "xlsx", "--lang", "ar", "-o", str(out)
    )
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(out).worksheets[0].sheet_view.rightToLeft
    run = run_pac(
        db_path, "export", DEMO_SLUG, "--doc", "plan", "--format", "pdf", "-o", str(tmp_path / "x.pdf")
    )
    assert run.returncode == 1 and "se produit en xlsx" in run.stderr
    run = run_pac(
        db_path, "export", DEMO_SLUG, "--doc", "pac", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")
    )
    assert run.returncode == 1 and "pdf ou docx" in run.stderr
    run = run_pac(
        db_path, "export", DEMO_SLUG, "--doc", "pac", "--format", "pdf", "-o", str(tmp_path / "x.docx")
    )
    assert run.returncode == 1 and "devrait finir par .pdf" in run.stderr
    run = run_pac(db_path, "export", DEMO_SLUG, "--doc", "pac")
    assert run.returncode == 2 and "Il manque" in run.stderr
    run = run_pac(
        db_path, "export", "inconnue", "--doc", "suivi", "--format", "docx", "-o", str(tmp_path / "s.docx")
    )
    assert run.returncode == 1 and "Commune inconnue" in run.stderr
    run = run_pac(db_path, "export", "--all-communes")
    assert run.returncode == 1 and "--out DOSSIER" in run.stderr
    assert not list(tmp_path.glob("x.*"))  # nothing written on a refusal


def test_command_line_exports_every_document_of_every_commune(demo_file: Path, tmp_path: Path) -> None:
    """Two communes of the mission, without a plan yet (the demo's full documents are checked above; here,
    the batch: one folder per commune, every document and language, no Excel plan where no plan exists)."""
    db_path = tmp_path / "cli.db"
    shutil.copy(demo_file, db_path)
    db = Database(f"sqlite:///{db_path}")
    for c in communes.list_communes(db):
        if c.slug not in ("tinzert", "tafraout"):
            communes.set_archived(db, c.id, True)
    db.dispose()
    run = run_pac(db_path, "export", "--all-communes", "--out", str(tmp_path / "out"), "--sans-graphiques")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["tafraout", "tinzert"]
    files = sorted(p.name for p in (tmp_path / "out" / "tinzert").iterdir())
    assert len(files) == len(documents.every_request()) - 2 == 20  # every document but the Excel plan
    assert "pac-tinzert-ar.pdf" in files and "suivi-tinzert-fr.docx" in files
    assert "tinzert : pas encore de plan" in run.stdout


@pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists() and not shutil.which("chromium"), reason="no chromium"
)
def test_charts_are_drawn_in_one_batch_by_the_warm_renderer(demo_db: Database) -> None:
    from pac.exports import figures_batch
    from pac.exports.documents.model import Figure

    figures_batch.warm_up()
    assert figures_batch.is_warm()
    doc = documents.build(demo_db, DEMO_SLUG, "pac", "fr", figures_batch.render)
    figures = [b for b in doc.blocks if isinstance(b, Figure)]
    assert len(figures) == 3  # the calendar, the funders by year, the capacity gauges
    assert all(f.png.startswith(b"\x89PNG") for f in figures)
    assert [f.caption for f in figures] == [
        t("docs.fig.gantt", "fr"),
        t("docs.fig.by_funder", "fr"),
        t("docs.fig.gauges", "fr"),
    ]
