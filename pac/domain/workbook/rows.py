"""The workbook between a file and the database: raw cells as read, typed rows once checked.

`RawWorkbook` is what a reader (`.xlsx` or `.json`) produces; `Checked` is what
`check_workbook` returns and what the import writes.  `Catalogues` and `Taken`
say what the target database already holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pac.domain.errors import Problem


@dataclass
class RawSheet:
    """A sheet as read from a file: its header (None when unknown: an empty JSON list) and its rows."""

    columns: list[str] | None
    rows: list[dict[str, Any]]
    row_numbers: list[int]  # the spreadsheet row (xlsx) or the rank in the list (json) of each row
    header_row: int | None = None  # 1 in a spreadsheet; JSON has no header row


@dataclass
class RawWorkbook:
    sheets: dict[str, RawSheet]
    format: str | None = None
    version: int | None = None


@dataclass(frozen=True)
class Catalogues:
    """Codes of the reference catalogues of the target database."""

    sectors: frozenset[str] = frozenset()
    competences: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    migration_criteria: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Taken:
    """Globally unique values already used by OTHER communes of the target database."""

    join_codes: frozenset[str] = frozenset()
    tokens: frozenset[str] = frozenset()


@dataclass
class Row:
    number: int  # spreadsheet row (or rank in the JSON list), for messages
    values: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass
class Checked:
    """Typed rows of every sheet, all references verified."""

    sheets: dict[str, list[Row]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.sheets.items()}


def raw_from_json(obj: Any) -> tuple[RawWorkbook, list[Problem]]:
    """The raw workbook inside a decoded JSON document (see `workbook_dict` for its shape)."""
    problems: list[Problem] = []
    if not isinstance(obj, dict) or not isinstance(obj.get("sheets"), dict):
        problems.append(
            Problem(
                "",
                "le fichier JSON n'a pas la forme d'un classeur de commune "
                "(un objet avec « format », « version » et « sheets »).",
            )
        )
        return RawWorkbook({}), problems
    version = obj.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        problems.append(Problem("version", f"« {version} » n'est pas un numéro de version."))
        version = None
    sheets: dict[str, RawSheet] = {}
    for name, rows in obj["sheets"].items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            problems.append(
                Problem("", "la feuille doit être une liste d'objets (une ligne par objet).", sheet=str(name))
            )
            continue
        columns: list[str] | None = None
        if rows:
            columns = []
            for r in rows:
                columns.extend(k for k in r if k not in columns)
        sheets[str(name)] = RawSheet(columns, list(rows), list(range(1, len(rows) + 1)))
    fmt = obj.get("format")
    return RawWorkbook(sheets, None if fmt is None else str(fmt), version), problems
