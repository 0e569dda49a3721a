"""The commune workbook as an Excel file: tables of plain values in, `.xlsx` bytes out, and back.

The layout (sheets, columns, types) is `pac.domain.workbook.SHEETS`.  The file
opens on a « LISEZ-MOI » sheet describing every sheet and column; each data
sheet has a styled, frozen header whose cells carry the column's description
as a comment, drop-down lists on closed-list columns, and real date cells.
Reading takes one pass over the file; only a file that holds a formula is
read a second time, for the values Excel saved (reading every file three
times took about half the time of an import of the demo commune).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pac.domain import workbook as wb
from pac.domain.errors import DomainError, Problem
from pac.i18n import vocab as vocab_label

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="1F4E79")
SECTION_FONT = Font(bold=True, size=12, color="1F4E79")
NUMBER_FORMATS = {
    wb.DATE: "yyyy-mm-dd",
    wb.DATETIME: "yyyy-mm-dd hh:mm:ss",
    wb.AMOUNT: "#,##0.00",
    wb.YEAR: "0",
}
MIN_WIDTH, MAX_WIDTH = 8, 60
VALIDATION_ROWS = 5000  # drop-down lists cover this many data rows


def write_xlsx(tables: dict[str, list[dict[str, Any]]], *, meta: dict[str, Any]) -> bytes:
    """The workbook file of a commune.  `tables` maps each sheet name to its rows (plain values);
    `meta` gives what the LISEZ-MOI sheet states (format, version, commune slug and name, exported_at)."""
    book = Workbook()
    readme = book.active
    readme.title = wb.README_SHEET
    _write_readme(readme, tables, meta)
    for sheet in wb.SHEETS:
        _write_sheet(book.create_sheet(sheet.name), sheet, tables.get(sheet.name, []))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(ws: Worksheet, sheet: wb.Sheet, rows: list[dict[str, Any]]) -> None:
    widths = [len(c.name) + 2 for c in sheet.columns]
    for j, col in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=j, value=col.name)
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
        cell.alignment = Alignment(vertical="center")
        note = f"{col.doc}\nType : {col.type_label}.\nObligatoire : {'oui' if col.required else 'non'}."
        allowed = wb.allowed_text(col)
        if allowed:
            note += f"\nValeurs : {allowed}."
        cell.comment = Comment(note, "PAC Atelier", width=320, height=140)
    for i, row in enumerate(rows, start=2):
        for j, col in enumerate(sheet.columns, start=1):
            value = _cell_value(col, row.get(col.name))
            if value is None:
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # a text that starts with "=" stays a text, never a formula
            fmt = NUMBER_FORMATS.get(col.kind)
            if fmt:
                cell.number_format = fmt
            if i < 202:  # widths from the first rows are enough
                widths[j - 1] = max(widths[j - 1], min(len(str(value)), MAX_WIDTH) + 2)
    for j, col in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(MIN_WIDTH, min(widths[j - 1], MAX_WIDTH))
        if col.kind == wb.CHOICE and col.allowed:
            _add_list_validation(ws, j, col)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{max(1, len(rows) + 1)}"


def _cell_value(col: wb.Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if col.kind == wb.DATE and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if col.kind == wb.DATETIME and isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    if isinstance(value, str):
        # Control characters cannot be stored in an xlsx file (openpyxl refuses them).
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _add_list_validation(ws: Worksheet, j: int, col: wb.Column) -> None:
    codes = [str(a) for a in col.allowed if a != ""]
    formula = '"' + ",".join(codes) + '"'
    if len(formula) > 255:  # Excel's limit for an inline list
        return
    dv = DataValidation(type="list", formula1=formula, allow_blank=True)
    dv.error = f"Valeurs permises : {', '.join(codes)}."
    dv.errorTitle = col.name
    dv.prompt = col.doc
    dv.showErrorMessage = True
    letter = get_column_letter(j)
    dv.add(f"{letter}2:{letter}{VALIDATION_ROWS + 1}")
    ws.add_data_validation(dv)


def _write_readme(ws: Worksheet, tables: dict[str, list[dict[str, Any]]], meta: dict[str, Any]) -> None:
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 22
    ws.column_dimensions["D"].width = 12
    ws.column_dimensions["E"].width = 40
    ws.column_dimensions["F"].width = 70
    ws["A1"] = "Classeur de commune — PAC Atelier"
    ws["A1"].font = TITLE_FONT
    facts = [
        ("format", meta.get("format", wb.FORMAT)),
        ("version", meta.get("version", wb.VERSION)),
        ("commune", meta.get("commune", "")),
        ("nom", meta.get("name", "")),
        ("exporté le", meta.get("exported_at", "")),
    ]
    r = 3
    for label, value in facts:
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        ws.cell(row=r, column=2, value=value)
        r += 1
    r += 1
    intro = [
        "Ce classeur contient toutes les données d'une commune : une feuille par objet, une colonne par champ.",
        "La première ligne de chaque feuille donne le nom des colonnes : ne les renommez pas (le commentaire de "
        "chaque en-tête la décrit).",
        "Les lignes se désignent entre elles par des clés naturelles (nom du douar, première année du plan, code "
        "de l'axe, de l'objectif ou du projet) ou par le numéro « ref » attribué à l'export.",
        "Les listes fermées s'écrivent par leur code (ex. S, W, O, T) ; le libellé français est aussi accepté.",
        "L'import vérifie tout avant d'écrire : au moindre problème, rien n'est importé et chaque problème est "
        "listé avec sa feuille, sa ligne et sa colonne.",
        "Pour réimporter : python -m pac import-workbook FICHIER.xlsx (--replace pour remplacer une commune "
        "existante).",
    ]
    for line in intro:
        ws.cell(row=r, column=1, value=line)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="Feuilles").font = SECTION_FONT
    r += 1
    for j, title in enumerate(("feuille", "titre", "", "lignes", "description"), start=1):
        _header(ws.cell(row=r, column=j, value=title or None))
    r += 1
    for sheet in wb.SHEETS:
        ws.cell(row=r, column=1, value=sheet.name)
        ws.cell(row=r, column=2, value=sheet.title)
        ws.cell(row=r, column=4, value=len(tables.get(sheet.name, [])))
        ws.cell(
            row=r, column=5, value=sheet.doc + (f" Unique : {', '.join(sheet.key)}." if sheet.key else "")
        )
        r += 1
    r += 1
    ws.cell(row=r, column=1, value="Colonnes").font = SECTION_FONT
    r += 1
    for j, title in enumerate(
        ("feuille", "colonne", "type", "obligatoire", "valeurs permises", "description"), 1
    ):
        _header(ws.cell(row=r, column=j, value=title))
    r += 1
    for sheet in wb.SHEETS:
        for col in sheet.columns:
            ws.cell(row=r, column=1, value=sheet.name)
            ws.cell(row=r, column=2, value=col.name)
            ws.cell(row=r, column=3, value=col.type_label)
            ws.cell(row=r, column=4, value="oui" if col.required else "non")
            ws.cell(row=r, column=5, value=_allowed_with_labels(col))
            ws.cell(row=r, column=6, value=col.doc)
            r += 1


def _header(cell: Any) -> None:
    cell.fill = HEADER_FILL
    cell.font = HEADER_FONT


def _allowed_with_labels(col: wb.Column) -> str:
    if col.allowed and col.vocab:
        shown = [f"{a} ({vocab_label(col.vocab, a)})" for a in col.allowed if a != ""]
        return ", ".join(shown) + (" ou vide" if "" in col.allowed else "")
    return wb.allowed_text(col)


# --------------------------------------------------------------------------- reading


def read_xlsx(data: bytes) -> tuple[wb.RawWorkbook, list[Problem]]:
    """The raw cells of a workbook file; DomainError (in French) when the file cannot be read at all."""
    try:
        return _read_xlsx(data)
    except DomainError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged file fails deep in zlib, zipfile or the XML parser
        raise DomainError(
            f"Le fichier n'est pas un classeur Excel (.xlsx) lisible : il est endommagé ({type(exc).__name__})."
        ) from exc


def _read_xlsx(data: bytes) -> tuple[wb.RawWorkbook, list[Problem]]:
    # The cells as written: without a formula that is all there is to read, in one pass over the file.
    formulas = _open(data, data_only=False)
    try:
        problems: list[Problem] = []
        raw, has_formula = _read_book(formulas, problems)
        if not has_formula:
            return raw, problems
        # A formula: read the value Excel saved for it instead, and name each one never computed.
        values = _open(data, data_only=True)
        try:
            problems = []
            _uncomputed_formulas(values, formulas, problems)
            return _read_book(values, problems)[0], problems
        finally:
            values.close()
    finally:
        formulas.close()


def _open(data: bytes, *, data_only: bool) -> Any:
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as exc:
        raise DomainError(
            f"Le fichier n'est pas un classeur Excel (.xlsx) lisible ({type(exc).__name__})."
        ) from exc


def _read_book(book: Any, problems: list[Problem]) -> tuple[wb.RawWorkbook, bool]:
    """The raw workbook, and whether a cell holds a formula (then only a book read with data_only has
    its value)."""
    raw = wb.RawWorkbook({})
    has_formula = False
    for ws in book.worksheets:
        if ws.title == wb.README_SHEET:
            raw.format, raw.version, formula = _read_readme(ws)
        else:
            raw.sheets[ws.title], formula = _read_sheet(ws, problems)
        has_formula = has_formula or formula
    return raw, has_formula


_PLAIN = (str, int, float, bool, dt.date, dt.time, dt.timedelta)  # what a cell holds, formulas aside


def _is_formula(value: Any) -> bool:
    """A cell read as written that holds a formula: "=…" text, or an array formula object.  (A text cell
    that starts with "=" counts too: reading it again with data_only changes nothing.)"""
    if isinstance(value, str):
        return value[:1] == "="
    return value is not None and not isinstance(value, _PLAIN)


def _uncomputed_formulas(values: Any, formulas: Any, problems: list[Problem]) -> None:
    """A formula whose result was never saved (a file written by a program, not by Excel) reads as empty:
    say so rather than import an empty cell."""
    for ws in formulas.worksheets:
        if ws.title == wb.README_SHEET:
            continue
        cached = values[ws.title].iter_rows(values_only=True)
        header: tuple[Any, ...] = ()
        for number, (row, computed) in enumerate(
            zip(ws.iter_rows(values_only=True), cached, strict=False), 1
        ):
            if number == 1:
                header = row
                continue
            for i, (cell, value) in enumerate(zip(row, computed, strict=False)):
                if isinstance(cell, str) and cell.startswith("=") and value is None:
                    name = str(header[i]) if i < len(header) and header[i] is not None else f"n° {i + 1}"
                    problems.append(
                        Problem(
                            name,
                            f"formule {cell} sans valeur calculée : ouvrez et "
                            "enregistrez le fichier dans Excel, ou saisissez la valeur.",
                            sheet=ws.title,
                            row=number,
                        )
                    )


def _read_sheet(ws: Any, problems: list[Problem]) -> tuple[wb.RawSheet, bool]:
    ws.reset_dimensions()  # files written by other tools may state wrong dimensions
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        return wb.RawSheet([], [], [], header_row=1), False
    has_formula = any(_is_formula(h) for h in header)
    columns: list[str | None] = []
    for h in header:
        name = str(h).strip() if h is not None and str(h).strip() else None
        if name is not None and name in columns:
            problems.append(Problem(name, "colonne en double dans l'en-tête.", sheet=ws.title, row=1))
            name = None
        columns.append(name)
    out = wb.RawSheet([c for c in columns if c is not None], [], [], header_row=1)
    for number, values in enumerate(rows, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        has_formula = has_formula or any(_is_formula(v) for v in values)
        out.rows.append({name: val for name, val in zip(columns, values, strict=False) if name is not None})
        out.row_numbers.append(number)
    return out, has_formula


def _read_readme(ws: Any) -> tuple[str | None, int | None, bool]:
    fmt: str | None = None
    version: int | None = None
    has_formula = False
    for row in ws.iter_rows(min_row=1, max_row=12, max_col=2, values_only=True):
        has_formula = has_formula or any(_is_formula(v) for v in row)
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip().lower()
        value = row[1] if len(row) > 1 else None
        if key == "format" and value is not None:
            fmt = str(value).strip()
        elif key == "version" and value is not None:
            try:
                version = int(value)
            except (TypeError, ValueError):
                version = None
    return fmt, version, has_formula
