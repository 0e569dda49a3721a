"""The checks of an import, driven by what each sheet and column of `SHEETS` declares.

Four stages, each listing every problem it finds (sheet, row, column, French
message) so that an import can refuse the whole file before changing anything:

1. structure: the file's format and version, every sheet and every column present;
2. cells: each cell typed by its column (`coerce`);
3. keys: a sheet's `key` unique in the sheet, and exactly one commune;
4. references, sheet by sheet, row by row, column by column: a `refers` target
   that exists (a row of another sheet, or a code of a catalogue), a code in the
   plan that `scope` gives, a row that `also_in` holds too, a referenced row of
   the `same` round, a year `within` its plan, a year `not_before` another, a
   value `unique` in the whole database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pac.domain.bilingual import is_arabic
from pac.domain.errors import Collector, Problem
from pac.domain.workbook.coerce import coerce
from pac.domain.workbook.columns import CATALOGUES, Catalogue, Column, Sheet
from pac.domain.workbook.rows import Catalogues, Checked, RawSheet, RawWorkbook, Row, Taken
from pac.domain.workbook.sheets import FORMAT, SHEET_BY_NAME, SHEETS, VERSION

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OWNER = "commune"  # the sheet of the commune the workbook describes: every `commune` column names it
PLANS = next(s for s in SHEETS if s.period)  # the sheet whose rows have a period: the plans
_PLAN_KEY = (PLANS.name, PLANS.key[0])  # what a column naming a plan refers to


def check_workbook(
    raw: RawWorkbook,
    *,
    catalogues: Catalogues,
    taken: Taken | None = None,
    labels: dict[str, dict[str, str]] | None = None,
) -> tuple[Checked, list[Problem]]:
    """Every problem of a raw workbook (structure, types, closed lists, references), and its typed rows.

    The rows are usable only when no problem is returned."""
    checker = _Checker(catalogues, taken or Taken(), labels or {})
    return checker.run(raw)


def row_key(sheet: Sheet, row: Mapping[str, Any] | Row) -> Any:
    """How other rows name a row of `sheet`: the value of its key, or the tuple of its key's values."""
    if len(sheet.key) == 1:
        return row[sheet.key[0]]
    return tuple(row[k] for k in sheet.key)


def is_blank(value: Any) -> bool:
    return value is None or value == ""


@cache
def plan_column(sheet_name: str) -> str:
    """The column of a sheet that names its plan (a reference to the plans sheet)."""
    sheet = SHEET_BY_NAME[sheet_name]
    return next(c.name for c in sheet.columns if c.target and c.target[0] == PLANS.name)


def plan_year(
    index: Callable[[str], Mapping[Any, Any]], sheet: Sheet, row: Mapping[str, Any] | Row, column: str
) -> Any:
    """The first year of the plan that `column` of a row gives: the plan itself, or the plan of the row
    it refers to (an option's plan is its round's).  `index(name)` maps the keys of a sheet to its rows."""
    target = sheet.column(column).target
    if target == _PLAN_KEY:
        return row[column]
    assert target is not None, f"{sheet.name}.{column} names no plan"  # a programming error in SHEETS
    parent = SHEET_BY_NAME[target[0]]
    found = index(parent.name).get(row[column])
    return None if found is None else plan_year(index, parent, found, plan_column(parent.name))


@dataclass(frozen=True)
class _Check:
    """A column that carries a check, with what its declaration resolves to (worked out once per sheet)."""

    col: Column
    needs: tuple[str, ...] = ()  # columns of the row the reference depends on: checked once they are valid
    catalogue: Catalogue | None = None
    parent: Sheet | None = None  # the sheet whose row the reference names
    holder: Sheet | None = None  # the sheet that must hold the row too (`also_in`)
    scope_is_plan: bool = True  # the code's plan is a column of this row (not its round's)
    lookup: bool = False  # a plain lookup of the value: in a catalogue, or among the keys of a sheet
    within_plan: bool = False  # the year's plan is a column of this row (not its indicator's)


@cache
def _checks(sheet_name: str) -> tuple[tuple[_Check, ...], tuple[str, ...]]:
    """The columns of a sheet that carry a check, in order, and the other columns those depend on."""
    sheet = SHEET_BY_NAME[sheet_name]
    checks: list[_Check] = []
    needed: set[str] = set()
    for col in sheet.columns:
        owner = col.target is not None and col.target[0] == OWNER  # checked first, on its own
        if not ((col.refers and not owner) or col.within or col.not_before or col.unique):
            continue
        needs = tuple(n for n in (col.scope, col.same) if n)
        if col.also_in:
            needs += tuple(k for k in SHEET_BY_NAME[col.also_in].key if k != col.name)
        years = (col.within, col.not_before[0] if col.not_before else "")
        needed.update(needs, [n for n in years if n])
        checks.append(
            _Check(
                col,
                needs,
                CATALOGUES.get(col.refers),
                SHEET_BY_NAME[col.target[0]] if col.target else None,
                SHEET_BY_NAME[col.also_in] if col.also_in else None,
                not col.scope or sheet.column(col.scope).target == _PLAN_KEY,
                bool(col.refers) and not (needs or col.scope or col.also_in or col.same),
                bool(col.within) and sheet.column(col.within).target == _PLAN_KEY,
            )
        )
    names = {c.col.name for c in checks}
    return tuple(checks), tuple(n for n in sheet.names if n in needed and n not in names)


def _show(value: Any) -> str:
    if isinstance(value, tuple):
        return " / ".join(_show(x) for x in value)
    return str(value)


class _Checker:
    def __init__(self, catalogues: Catalogues, taken: Taken, labels: dict[str, dict[str, str]]) -> None:
        self.c = Collector()
        self.cat = catalogues
        self.taken = taken
        self.labels = labels
        self.out = Checked()
        self.broken: set[str] = set()  # sheets missing or missing a column: their references are not checked
        self._index: dict[str, dict[Any, Row]] = {}

    # -- helpers
    def add(self, sheet: str, row: Row | None, column: str, message: str) -> None:
        self.c.add(column, message, sheet=sheet, row=row.number if row else None)

    def rows(self, sheet: str) -> list[Row]:
        return self.out.sheets.get(sheet, [])

    def index(self, name: str) -> dict[Any, Row]:
        """The rows of a sheet by their key (the last of equal keys wins: the duplicate is reported)."""
        found = self._index.get(name)
        if found is None:
            sheet = SHEET_BY_NAME[name]
            found = {}
            for row in self.rows(name):
                if sheet.period and any(row.values[c] is None for c in sheet.period):
                    continue  # a plan without its years can hold nothing
                found[row_key(sheet, row.values)] = row
            self._index[name] = found
        return found

    # -- stages
    def run(self, raw: RawWorkbook) -> tuple[Checked, list[Problem]]:
        if raw.format is not None and raw.format != FORMAT:
            self.c.add(
                "format",
                f"« {raw.format} » : ce fichier n'est pas un classeur de commune PAC Atelier "
                f"(format attendu « {FORMAT} »).",
            )
        if raw.version is not None and raw.version > VERSION:
            self.c.add(
                "version",
                f"ce classeur est au format {raw.version}, plus récent que celui que cette "
                f"version de l'application sait lire ({VERSION}).",
            )
        if not any(sheet.name in raw.sheets for sheet in SHEETS):
            self.c.add(
                "",
                "ce fichier n'est pas un classeur de commune : il n'a aucune des feuilles attendues "
                f"({', '.join(s.name for s in SHEETS[:4])}…). Voir docs/workbook.md.",
            )
            return self.out, self.c.problems
        for sheet in SHEETS:
            self._type_sheet(sheet, raw.sheets.get(sheet.name))
        self._check_keys()
        self._check_owner()
        for sheet in SHEETS:
            if sheet.name not in self.broken:
                self._check_references(sheet)
        return self.out, self.c.problems

    def _type_sheet(self, sheet: Sheet, raw: RawSheet | None) -> None:
        self.out.sheets[sheet.name] = []
        if raw is None and sheet.optional:
            return
        if raw is None:
            self.c.add("", "feuille manquante.", sheet=sheet.name)
            self.broken.add(sheet.name)
            return
        if raw.columns is not None:
            present = {str(h).strip() for h in raw.columns if h is not None}
            missing = [col.name for col in sheet.columns if col.name not in present and not col.added]
            for name in missing:
                self.c.add(name, "colonne manquante.", sheet=sheet.name, row=raw.header_row)
            if missing:
                self.broken.add(sheet.name)
                return
        labels = [self.labels.get(col.vocab) if col.vocab else None for col in sheet.columns]
        # Headers as the readers give them are clean names; only other ones need trimming, row by row.
        clean = raw.columns is not None and all(isinstance(h, str) and h == h.strip() for h in raw.columns)
        out = self.out.sheets[sheet.name]
        bilingual = [col for col in sheet.columns if col.arabic]
        for number, cells in zip(raw.row_numbers, raw.rows, strict=True):
            if not clean:
                cells = {str(k).strip(): val for k, val in cells.items() if k is not None}
            values = {
                col.name: coerce(self.c, col, cells.get(col.name), sheet=sheet.name, row=number, labels=lbl)
                for col, lbl in zip(sheet.columns, labels, strict=True)
            }
            for col in bilingual:
                self._bilingual(sheet, col, cells, values, number)
            out.append(Row(number, values))

    def _bilingual(
        self, sheet: Sheet, col: Column, cells: Mapping[str, Any], values: dict, number: int
    ) -> None:
        """A text and its Arabic twin: an older workbook (no Arabic column) files its text by script;
        a required text needs one version or the other."""
        fr, ar = values.get(col.name), values.get(col.arabic)
        if col.arabic not in cells and fr and is_arabic(fr):
            values[col.name], values[col.arabic] = "", fr
        elif col.either_required and is_blank(fr) and is_blank(ar):
            self.c.add(
                col.name,
                f"ce champ est obligatoire (en français, ou en arabe dans « {col.arabic} »).",
                sheet=sheet.name,
                row=number,
            )

    def _check_keys(self) -> None:
        for sheet in SHEETS:
            if not sheet.key or sheet.name in self.broken:
                continue
            seen: dict[tuple[Any, ...], int] = {}
            required = [k for k in sheet.key if sheet.column(k).required]
            for row in self.rows(sheet.name):
                key = tuple(row[k] for k in sheet.key)
                if any(row[k] in (None, "") for k in required):
                    continue  # an empty required cell was already reported
                if key in seen:
                    shown = ", ".join(f"{k} = {_show(val)}" for k, val in zip(sheet.key, key, strict=True))
                    self.add(
                        sheet.name,
                        row,
                        sheet.key[-1],
                        f"doublon : la même clé ({shown}) figure déjà ligne {seen[key]}.",
                    )
                else:
                    seen[key] = row.number
        # The one rule of a single sheet: the workbook describes exactly one commune, named by a slug.
        communes = self.rows(OWNER)
        if OWNER not in self.broken:
            if len(communes) != 1:
                self.c.add(
                    "",
                    f"la feuille doit contenir exactement une commune (elle en contient {len(communes)}).",
                    sheet=OWNER,
                )
                self.broken.add(OWNER)
            elif communes[0]["slug"] and not _SLUG.match(communes[0]["slug"]):
                self.add(
                    OWNER,
                    communes[0],
                    "slug",
                    f"« {communes[0]['slug']} » : seulement des minuscules sans accent, des chiffres et des "
                    "tirets (ex. azaghar-n-irs).",
                )

    def _check_owner(self) -> None:
        """Every row that names its commune names the workbook's own (checked first, for every sheet)."""
        slug = None if OWNER in self.broken else self.rows(OWNER)[0]["slug"]
        if not slug:
            return
        unknown = SHEET_BY_NAME[OWNER].unknown
        for sheet in SHEETS:
            if sheet.name == OWNER or sheet.name in self.broken:
                continue
            for col in sheet.columns:
                if col.target and col.target[0] == OWNER:
                    for row in self.rows(sheet.name):
                        value = row[col.name]
                        if value and value != slug:
                            self.add(sheet.name, row, col.name, unknown.format(value=value, slug=slug))

    def _check_references(self, sheet: Sheet) -> None:
        checks, plain = _checks(sheet.name)
        if not checks:
            return
        # The rows or codes each plain lookup searches, fetched once for the sheet (the common case:
        # thousands of cells, where a call per cell would make this stage several times slower).
        pools: dict[str, Any] = {}
        for check in checks:
            if check.catalogue is not None:
                pools[check.col.name] = getattr(self.cat, check.catalogue.field)
            elif check.parent is not None:
                pools[check.col.name] = self.index(check.parent.name)
        periods = self.periods()
        seen: dict[str, dict[Any, int]] = {c.col.name: {} for c in checks if c.col.unique}
        for row in self.rows(sheet.name):
            values = row.values
            # What other checks of the row depend on: a reference found, or a plain value present.
            valid = {name: not is_blank(values[name]) for name in plain}
            for check in checks:
                col = check.col
                value = values[col.name]
                present = value is not None and value != ""
                if not col.refers:
                    valid[col.name] = present
                elif check.lookup:
                    found = present and value in pools[col.name]
                    if present and not found:
                        self._unknown(sheet, row, check, value)
                    valid[col.name] = found
                else:
                    valid[col.name] = self._reference(sheet, row, check, valid, pools.get(col.name))
                if not present:
                    continue
                if col.within and valid[col.within]:
                    year = (
                        values[col.within]
                        if check.within_plan
                        else plan_year(self.index, sheet, row, col.within)
                    )
                    period = periods.get(year)
                    if period is not None and not period[0] <= value <= period[1] + col.after:
                        first, last = period[0], period[1] + col.after
                        message = f"l'année {value} est hors de la période du plan ({first}–{last})."
                        self.add(sheet.name, row, col.name, message)
                if col.not_before and valid[col.not_before[0]]:
                    other, message = col.not_before
                    if value < values[other]:
                        self.add(sheet.name, row, col.name, message.format(value=value, other=values[other]))
                    elif col.span and value - values[other] + 1 != col.span:
                        # LO 113-14 art. 78: refused rather than imported as a plan of another length.
                        span = value - values[other] + 1
                        self.add(
                            sheet.name,
                            row,
                            col.name,
                            f"le plan {values[other]}–{value} couvre {span} ans ; un PAC couvre {col.span} ans "
                            f"(loi organique 113-14, art. 78) : la dernière année doit être "
                            f"{values[other] + col.span - 1}.",
                        )
                if col.unique:
                    self._unique(sheet, row, col, seen[col.name])

    def periods(self) -> dict[Any, tuple[int, int]]:
        """The first and last year of each plan, by its first year."""
        first, last = PLANS.period
        return {key: (row[first], row[last]) for key, row in self.index(PLANS.name).items()}

    def _unknown(self, sheet: Sheet, row: Row, check: _Check, value: Any) -> None:
        if check.catalogue is not None:
            self.add(sheet.name, row, check.col.name, check.catalogue.unknown.format(value=value))
        elif check.parent is not None:
            self.add(
                sheet.name, row, check.col.name, check.parent.unknown.format(value=_show(value), plan=None)
            )

    def _reference(
        self, sheet: Sheet, row: Row, check: _Check, valid: dict[str, bool], pool: Any = None
    ) -> bool:
        """Whether the row or code a reference names exists (and fits); a problem when it does not."""
        col = check.col
        value = row.values[col.name]
        for name in check.needs:
            if not valid[name]:
                return False
        if check.catalogue is not None:
            if is_blank(value):
                return False
            if value not in getattr(self.cat, check.catalogue.field):
                self.add(sheet.name, row, col.name, check.catalogue.unknown.format(value=value))
                return False
            return True
        parent = check.parent
        if parent is None:  # the row's own ref
            return not is_blank(value)
        plan: Any = None
        if col.scope:
            plan = (
                row.values[col.scope] if check.scope_is_plan else plan_year(self.index, sheet, row, col.scope)
            )
            if is_blank(value) and not col.required:
                return False
            # A required code left blank is also named unknown: the message says in which plan.
            key: Any = (plan, value)
            if not check.scope_is_plan:
                plan = f"{plan} du {col.scope}"  # the plan of the round, not a column of this row
        elif is_blank(value):
            return False
        else:
            key = value
        found = (self.index(parent.name) if pool is None else pool).get(key)
        if found is None:
            self.add(sheet.name, row, col.name, parent.unknown.format(value=_show(key), plan=plan))
            return False
        if check.holder is not None:
            pair = row_key(check.holder, row)
            if pair not in self.index(check.holder.name):
                self.add(sheet.name, row, col.name, check.holder.unknown.format(value=_show(pair)))
                return False
        if col.same and found[col.same] != row[col.same]:
            message = parent.belongs.format(value=value, theirs=found[col.same], ours=row[col.same])
            self.add(sheet.name, row, col.name, message)
            return False
        return True

    def _unique(self, sheet: Sheet, row: Row, col: Column, seen: dict[Any, int]) -> None:
        """A value unique in the whole database: not used by another commune, nor twice in the sheet."""
        assert col.unique is not None
        value = row[col.name]
        subject = col.unique.subject.format(value=value)
        if value in getattr(self.taken, col.unique.taken):
            self.add(sheet.name, row, col.name, f"{subject} {col.unique.elsewhere}.")
        if value in seen:
            self.add(sheet.name, row, col.name, f"doublon : {subject} figure déjà ligne {seen[value]}.")
        else:
            seen[value] = row.number
