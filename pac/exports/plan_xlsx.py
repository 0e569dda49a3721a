"""The triennial plan and the indicators as an Excel workbook a consultant keeps working in.

Two sheets: « Plan triennal » (the usual columns of DOMAIN-FACTS, one per partner, as the plan page's
table has them) and « Indicateurs » (level, baseline, targets per year, source, frequency, responsible).
Totals are live SUM formulas, so that a consultant who corrects an amount sees the totals follow; headers
are frozen and filtered; amounts carry a number format; the print set-up is landscape, fit to the page
width, the title rows repeated on every page.  In Arabic the sheets read right to left.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pac.exports.documents.common import Views, bi, label
from pac.i18n import t

HEADER_ROW = 3  # row 1: title; row 2: commune and period; row 3: column headers
MONEY_FORMAT = "#,##0"
NUMBER_FORMAT = "#,##0.##"
HEADER_FILL = PatternFill("solid", fgColor="1F6F8B")
TOTAL_FILL = PatternFill("solid", fgColor="E8EEF1")
THIN = Side(style="thin", color="BBBBBB")


def plan_workbook(views: Views, lang: str) -> bytes:
    """The workbook's bytes.  `views` as gathered for the PAC document (board, plan_table, indicators)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    period = t("docs.cover.period", lang, start=views.plan.start_year, end=views.plan.end_year)
    commune = views.commune.name(lang)
    _plan_sheet(ws, views, lang, commune, period)
    _indicator_sheet(wb.create_sheet(), views, lang, commune, period)
    wb.properties.creator = "PAC Atelier"
    wb.properties.title = t("docs.kind.plan", lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _setup(ws: Worksheet, title: str, subtitle: str, columns: list[str], lang: str) -> None:
    ws.sheet_view.rightToLeft = lang == "ar"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = subtitle
    ws["A2"].font = Font(italic=True, color="555555")
    for j, name in enumerate(columns, start=1):
        c = ws.cell(HEADER_ROW, j, name)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = HEADER_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = Border(bottom=THIN)
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)  # headers and the code / project columns stay in view
    # One column per funder makes the plan wide (thirty partners in the demo): A3 landscape, two pages
    # across at most, the code and project columns repeated on each, so that a printed page stays readable.
    wide = len(columns) > 20
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if wide else ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 2 if wide else 1
    ws.page_setup.fitToHeight = 0  # as many pages as needed down
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{HEADER_ROW}"
    if wide:
        ws.print_title_cols = "A:D"
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "&P / &N"


def _widths(ws: Worksheet, columns: list[str], wide: set[int]) -> None:
    for j, name in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = (
            45 if j in wide else max(11, min(22, len(name) * 0.8))
        )


def _value(x: Any) -> Any:
    if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NA:
        return None
    if hasattr(x, "item"):  # numpy scalars
        return x.item()
    return x


def _plan_sheet(ws: Worksheet, views: Views, lang: str, commune: str, period: str) -> None:
    ws.title = t("docs.xlsx.sheet_plan", lang)
    table: pd.DataFrame | None = views.plan_table
    if table is None or not len(table):
        _setup(ws, t("docs.xlsx.title_plan", lang, commune=commune, period=period), "", [], lang)
        ws.cell(HEADER_ROW + 1, 1, t("docs.missing.triennial", lang))
        return
    board = views.board
    table = table.copy()
    code_col, project_col = t("plan.col.code", lang), t("plan.col.project", lang)
    by_code = {p.code: p for p in board.retained}
    pv = {p.id: p for p in views.projects}
    table[project_col] = [bi(pv.get(by_code[c].id, by_code[c]), "title", lang) for c in table[code_col]]
    columns = list(table.columns)
    first_money = columns.index(t("plan.col.total_cost", lang))
    last_money = columns.index(t("plan.col.gap", lang))
    money = set(range(first_money + 1, last_money + 2))  # 1-based column numbers
    counts = {columns.index(t(f"plan.col.{k}", lang)) + 1 for k in ("women", "men", "youth")}
    _setup(
        ws,
        t("docs.xlsx.title_plan", lang, commune=commune, period=period),
        t("docs.amounts_dh", lang),
        columns,
        lang,
    )
    _widths(ws, columns, {columns.index(project_col) + 1, columns.index(t("plan.col.objective", lang)) + 1})
    first = HEADER_ROW + 1
    for i, row in enumerate(table.itertuples(index=False), start=first):
        for j, x in enumerate(row, start=1):
            c = ws.cell(i, j, _value(x))
            if j in money:
                c.number_format = MONEY_FORMAT
            elif j in counts:
                c.number_format = "#,##0"
            else:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    last = first + len(table) - 1
    total_row = last + 1
    ws.cell(total_row, 1, t("docs.xlsx.total", lang)).font = Font(bold=True)
    for j in sorted(money | counts):
        letter = get_column_letter(j)
        c = ws.cell(total_row, j, f"=SUM({letter}{first}:{letter}{last})")
        c.number_format = MONEY_FORMAT
        c.font = Font(bold=True)
    for j in range(1, len(columns) + 1):
        ws.cell(total_row, j).fill = TOTAL_FILL
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"


def _indicator_sheet(ws: Worksheet, views: Views, lang: str, commune: str, period: str) -> None:
    ws.title = t("docs.xlsx.sheet_indicators", lang)
    board = views.indicators
    years = list(views.plan.years)
    columns = [
        t("docs.col.code", lang),
        t("docs.xlsx.level", lang),
        t("docs.col.indicator", lang),
        t("docs.xlsx.measures", lang),
        t("docs.col.unit", lang),
        t("docs.col.baseline", lang),
        t("docs.xlsx.baseline_year", lang),
        *(str(y) for y in years),
        t("docs.col.target_final", lang),
        t("docs.col.source", lang),
        t("docs.col.frequency", lang),
        t("docs.col.responsible", lang),
        t("docs.col.disaggregation", lang),
    ]
    _setup(ws, t("docs.xlsx.title_indicators", lang, commune=commune, period=period), "", columns, lang)
    _widths(ws, columns, {3, 4})
    items = board.indicators if board is not None else ()
    if not items:
        ws.cell(HEADER_ROW + 1, 1, t("docs.missing.indicators", lang))
        return
    first = HEADER_ROW + 1
    numeric = set(range(6, 6 + 2 + len(years) + 1))
    for i, ind in enumerate(items, start=first):
        values = [
            ind.code,
            label("indicator_levels", ind.level, lang),
            bi(ind, "name", lang),
            (getattr(ind, "anchor_ar", "") if lang == "ar" else "") or ind.anchor,
            bi(ind, "unit", lang),
            ind.baseline_value,
            ind.baseline_year,
            *(ind.targets.get(y) for y in years),
            ind.target_final,
            bi(ind, "source", lang),
            label("frequencies", ind.frequency, lang) if ind.frequency else "",
            bi(ind, "responsible", lang),
            ", ".join(label("disaggregations", d, lang) for d in ind.disaggregation),
        ]
        for j, x in enumerate(values, start=1):
            c = ws.cell(i, j, _value(x))
            if j in numeric and j != 7:
                c.number_format = NUMBER_FORMAT
            elif j not in numeric:
                c.alignment = Alignment(wrap_text=True, vertical="top")
    last = first + len(items) - 1
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"
