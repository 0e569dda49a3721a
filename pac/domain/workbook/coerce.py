"""Cell typing: the typed value of a cell (import side) and the canonical value of a model field (export side).

Both sides agree on one value type per column kind, so that an export, an
import and a second export compare equal.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from pac.domain import validate as v
from pac.domain.errors import Collector
from pac.domain.workbook.columns import (
    AMOUNT,
    BOOL,
    CHOICE,
    CODES,
    DATE,
    DATETIME,
    INT,
    NUMBER,
    REF,
    TEXT,
    YEAR,
    YEAR_MAX,
    YEAR_MIN,
    Column,
)

_TRUE = {"oui", "o", "vrai", "true", "yes", "y", "x", "1"}
_FALSE = {"non", "n", "faux", "false", "no", "0"}


def coerce(
    c: Collector, col: Column, value: Any, *, sheet: str, row: int, labels: dict[str, str] | None = None
) -> Any:
    """The typed value of one cell, or its default; problems go to the collector."""
    if isinstance(value, str):
        value = value.strip()
    # v.is_blank, spelled out once the text is stripped: this runs for every cell of a workbook.
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        if col.required:
            c.add(col.name, "ce champ est obligatoire.", sheet=sheet, row=row)
            return None
        return list(col.default) if isinstance(col.default, list) else col.default
    kind = col.kind
    if kind == TEXT:
        if isinstance(value, bool):
            value = "oui" if value else "non"
        elif isinstance(value, float) and value.is_integer():
            value = int(value)  # a code typed in a spreadsheet cell becomes a number
        elif isinstance(value, dt.date):  # a datetime too
            value = value.isoformat()
        return v.text(c, col.name, value, required=col.required, max_len=col.max_len, sheet=sheet, row=row)
    if kind in (INT, REF):
        low, high = col.minimum, col.maximum
        return v.integer(
            c,
            col.name,
            value,
            minimum=None if low is None else int(low),
            maximum=None if high is None else int(high),
            sheet=sheet,
            row=row,
        )
    if kind == YEAR:
        return v.year(c, col.name, value, first=YEAR_MIN, last=YEAR_MAX, sheet=sheet, row=row)
    if kind in (NUMBER, AMOUNT):
        minimum = 0 if kind == AMOUNT else col.minimum
        return v.number(c, col.name, value, minimum=minimum, maximum=col.maximum, sheet=sheet, row=row)
    if kind == BOOL:
        return _boolean(c, col, value, {"sheet": sheet, "row": row})
    if kind == DATE:
        return v.date(c, col.name, value, sheet=sheet, row=row)
    if kind == DATETIME:
        return _datetime(c, col, value, {"sheet": sheet, "row": row})
    if kind == CHOICE:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.isdigit() and any(isinstance(a, int) for a in col.allowed):
            value = int(value)
        return v.choice(c, col.name, value, col.allowed, required=False, labels=labels, sheet=sheet, row=row)
    if kind == CODES:
        return _codes(c, col, value, {"sheet": sheet, "row": row}, labels)
    raise ValueError(f"unknown column kind {kind!r}")  # a programming error in SHEETS


def _boolean(c: Collector, col: Column, value: Any, where: dict[str, Any]) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    s = str(value).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    c.add(col.name, f"« {value} » n'est pas oui ou non.", **where)
    return None


def _datetime(c: Collector, col: Column, value: Any, where: dict[str, Any]) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        # A spreadsheet stores times as fractions of a day: round off the float noise.
        return (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    s = str(value).strip()
    for fmt in (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d",
        "%d/%m/%Y",
    ):
        try:
            return dt.datetime.strptime(s, fmt)
        except ValueError:
            continue
    c.add(col.name, f"« {value} » n'est pas une date et heure (format attendu AAAA-MM-JJ HH:MM:SS).", **where)
    return None


def _codes(
    c: Collector, col: Column, value: Any, where: dict[str, Any], labels: dict[str, str] | None
) -> list[str]:
    items = value if isinstance(value, list) else [p for p in re.split(r"[,;]", str(value))]
    out: list[str] = []
    for item in items:
        if v.is_blank(item):
            continue
        code = v.choice(c, col.name, str(item).strip(), col.allowed, required=False, labels=labels, **where)
        if code is not None and code not in out:
            out.append(code)
    return out


# --------------------------------------------------------------------------- canonical values (export side)


def canonical(col: Column, value: Any) -> Any:
    """The workbook value of a model value: what the JSON holds and what a round trip compares."""
    if value is None:
        if col.kind == TEXT:
            return ""
        if col.kind == BOOL:
            return False
        if col.kind == CODES:
            return ""
        if col.kind == CHOICE and "" in col.allowed:
            return ""
        return None
    kind = col.kind
    if kind == TEXT:
        return str(value)
    if kind in (INT, REF, YEAR):
        return int(value)
    if kind in (NUMBER, AMOUNT):
        x = float(value)
        return None if math.isnan(x) else x
    if kind == BOOL:
        return bool(value)
    if kind == DATE:
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if kind == DATETIME:
        return value.replace(microsecond=0).isoformat(sep=" ")
    if kind == CODES:
        return ", ".join(str(x) for x in value)
    return value
