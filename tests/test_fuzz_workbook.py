"""Fuzzed commune workbooks (hypothesis): damaged files and hostile cell values never reach the user as a
traceback — always a French message naming the sheet, row and column — and a refused import leaves the
database exactly as it was (a dump of every table compared before and after)."""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, text

from pac.db import Database
from pac.domain.errors import DomainError
from pac.services import workbook
from pac.services.demo import DEMO_SLUG

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what « unchanged » means."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
            out[table] = sorted(tuple(map(repr, r)) for r in rows)
    return out


# Strings a spreadsheet or a hand-edited JSON can hold: control characters, bidi marks, markdown, HTML,
# Tifinagh, Arabic-Indic digits, huge texts.
NASTY_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "\x00\x01\x1b[31m",
            "\u202e\u200fرتب\u202c",
            "<script>alert(1)</script>",
            "[lien](http://x.test) **gras** # titre",
            "ⵜⴰⵎⴰⵣⵉⵖⵜ",
            "١٢٣٤",
            "1 200 000,50",
            "1.200.000",
            "-0",
            "x" * 100_000,
            "   ",
            "=SOMME(A1:A9)",
        ]
    ),
)
NASTY_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([float("nan"), float("inf"), -1e308, 1e308, -5, 0, 2**63]),
)
NASTY = st.one_of(NASTY_TEXT, NASTY_NUMBER, st.booleans(), st.none(), st.lists(st.integers(), max_size=3))


@pytest.fixture
def book(demo_db: Database) -> dict[str, Any]:
    return workbook.workbook_dict(demo_db, DEMO_SLUG)


def _try(db: Database, data: bytes, fmt: str) -> None:
    before = dump(db)
    try:
        workbook.import_workbook(db, data, fmt, replace=True, backup=False)
    except DomainError as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)
        assert dump(db) == before, "a refused import changed the database"


def _cells(book: dict[str, Any]) -> list[tuple[str, int, str]]:
    return [
        (sheet, i, col)
        for sheet, rows in book["sheets"].items()
        for i, row in enumerate(rows[:3])
        for col in row
    ]


@SETTINGS
@given(data=st.data())
def test_hostile_cell_values_are_refused_in_french_or_imported(
    demo_db: Database, book: dict[str, Any], data: st.DataObject
) -> None:
    cells = _cells(book)
    broken = copy.deepcopy(book)
    for _ in range(data.draw(st.integers(1, 4))):
        sheet, i, col = data.draw(st.sampled_from(cells))
        broken["sheets"][sheet][i][col] = data.draw(NASTY)
    payload = json.dumps(broken, ensure_ascii=False, default=str, allow_nan=True).encode(
        "utf-8", "surrogatepass"
    )
    _try(demo_db, payload, "json")


@SETTINGS
@given(data=st.data())
def test_damaged_json_files_never_crash(demo_db: Database, book: dict[str, Any], data: st.DataObject) -> None:
    raw = json.dumps(book, ensure_ascii=False).encode("utf-8")
    how = data.draw(st.sampled_from(["truncate", "flip", "surrogate", "splice"]))
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "flip":
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:pos] + bytes([raw[pos] ^ data.draw(st.integers(1, 255))]) + raw[pos + 1 :]
    elif how == "surrogate":  # a lone surrogate written as a JSON escape: valid JSON, not storable text
        raw = raw.replace(b'"titre": "', b'"titre": "\\ud800', 1)
    else:
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:pos] + data.draw(st.binary(max_size=50)) + raw[pos:]
    _try(demo_db, raw, "json")


@pytest.fixture
def xlsx(demo_db: Database) -> bytes:
    return workbook.export_workbook(demo_db, DEMO_SLUG, "xlsx")


@SETTINGS
@given(data=st.data())
def test_damaged_xlsx_files_never_crash(demo_db: Database, xlsx: bytes, data: st.DataObject) -> None:
    how = data.draw(st.sampled_from(["truncate", "flip", "empty", "zip-of-nothing"]))
    raw = xlsx
    if how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "flip":
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:pos] + bytes([raw[pos] ^ 0xFF]) + raw[pos + 1 :]
    elif how == "empty":
        raw = b""
    else:
        import io
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("xl/workbook.xml", data.draw(st.text(max_size=100)))
        raw = buf.getvalue()
    _try(demo_db, raw, "xlsx")


def test_a_lone_surrogate_is_refused_naming_the_cell(demo_db: Database, book: dict[str, Any]) -> None:
    broken = copy.deepcopy(book)
    broken["sheets"]["projets"][0]["titre"] = "Piste \ud800"
    payload = json.dumps(broken, ensure_ascii=True).encode("ascii")  # \ud800 as an escape
    before = dump(demo_db)
    with pytest.raises(DomainError) as err:
        workbook.import_workbook(demo_db, payload, "json", replace=True, backup=False)
    assert any("projets" in str(p) and "titre" in str(p) for p in err.value.problems), err.value.messages
    assert dump(demo_db) == before


def test_infinite_amounts_are_refused(demo_db: Database, book: dict[str, Any]) -> None:
    """(NaN is how a reader gives an empty cell: it reads as blank, like the spreadsheet shows it.)"""
    for bad in (math.inf, -math.inf):
        broken = copy.deepcopy(book)
        broken["sheets"]["projets"][0]["cout_total"] = bad
        before = dump(demo_db)
        with pytest.raises(DomainError) as err:
            workbook.import_workbook(demo_db, json.dumps(broken).encode(), "json", replace=True, backup=False)
        assert any(p.field == "cout_total" for p in err.value.problems)
        assert dump(demo_db) == before

