"""The one table of the commune workbook: every sheet, every column, in the workbook's order.

The Excel layout, the JSON keys, the import checks, the export and import of
each sheet and docs/workbook.md all derive from `SHEETS`.  Its sheets are
written down by workshop step, one file each, and assembled here in the order
the workbook has always had (a format: never reorder).
"""

from __future__ import annotations

from pac.domain.workbook.columns import Sheet
from pac.domain.workbook.sheets_adoption import ADOPTION_SHEETS
from pac.domain.workbook.sheets_commune import COMMUNE_SHEETS
from pac.domain.workbook.sheets_monitoring import MONITORING_SHEETS
from pac.domain.workbook.sheets_projects import PROJECT_SHEETS
from pac.domain.workbook.sheets_vote import VOTE_SHEETS

FORMAT = "pac-atelier/classeur-commune"
VERSION = 1
README_SHEET = "LISEZ-MOI"

SHEETS: tuple[Sheet, ...] = (
    *COMMUNE_SHEETS,
    *PROJECT_SHEETS,
    *VOTE_SHEETS,
    *MONITORING_SHEETS,
    *ADOPTION_SHEETS,
)
SHEET_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
