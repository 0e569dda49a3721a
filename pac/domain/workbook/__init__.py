"""The commune workbook: its layout (one sheet per object, one column per field) and the checks of an import.

The workbook is a commune's whole dataset, readable by a person (`.xlsx`) or a
program (`.json`, the same content).  Internal database ids never appear: rows
point to each other by natural keys — the commune's slug, a douar's name, a
plan's first year, axis / objective / project codes — and, for objects that
have no natural key (findings, SWOT items, workshops, voting rounds and their
options, criteria and participants, indicators), by a `ref` number assigned at
export, unique in the workbook.

Pure: no I/O.  One declarative table, `SHEETS` (sheets.py and its sheets_*.py,
built from the `Sheet` and `Column` of columns.py), from which everything else derives: cell
typing (coerce.py), the checks of an import (checks.py, `check_workbook` turns
the raw cells of either format into typed rows, or collects every problem —
sheet, row, column, French message — so that an import can refuse the whole
file before changing anything), the reference part of docs/workbook.md
(docs.py), the Excel file (`pac.exports.workbook_xlsx`) and the export and
import of each sheet (`pac.services.workbook`).
"""

from pac.domain.workbook.checks import check_workbook, plan_year, row_key
from pac.domain.workbook.coerce import canonical, coerce
from pac.domain.workbook.columns import (
    AMOUNT,
    BOOL,
    CATALOGUES,
    CHOICE,
    CODES,
    DATE,
    DATETIME,
    EVALUATION_TYPES,
    FIGURE_SEXES,
    INT,
    KIND_LABELS,
    LANGUAGES,
    LONG,
    ME_EVENT_KINDS,
    NUMBER,
    OPTION_KINDS,
    PARTNER_ROLES,
    PLAN_STATUSES,
    REF,
    TEXT,
    YEAR,
    YEAR_MAX,
    YEAR_MIN,
    Catalogue,
    Column,
    Sheet,
    Unique,
)
from pac.domain.workbook.docs import allowed_text, render_markdown, with_layout
from pac.domain.workbook.rows import Catalogues, Checked, RawSheet, RawWorkbook, Row, Taken, raw_from_json
from pac.domain.workbook.sheets import FORMAT, README_SHEET, SHEET_BY_NAME, SHEETS, VERSION

__all__ = [
    "AMOUNT",
    "BOOL",
    "CATALOGUES",
    "CHOICE",
    "CODES",
    "DATE",
    "DATETIME",
    "EVALUATION_TYPES",
    "FIGURE_SEXES",
    "FORMAT",
    "INT",
    "KIND_LABELS",
    "LANGUAGES",
    "LONG",
    "ME_EVENT_KINDS",
    "NUMBER",
    "OPTION_KINDS",
    "PARTNER_ROLES",
    "PLAN_STATUSES",
    "README_SHEET",
    "REF",
    "SHEETS",
    "SHEET_BY_NAME",
    "TEXT",
    "VERSION",
    "YEAR",
    "YEAR_MAX",
    "YEAR_MIN",
    "Catalogue",
    "Catalogues",
    "Checked",
    "Column",
    "RawSheet",
    "RawWorkbook",
    "Row",
    "Sheet",
    "Taken",
    "Unique",
    "allowed_text",
    "canonical",
    "check_workbook",
    "coerce",
    "plan_year",
    "raw_from_json",
    "render_markdown",
    "row_key",
    "with_layout",
]
