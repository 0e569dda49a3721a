"""The commune workbook: export a commune's whole dataset, import one back (backup and exchange format).

The layout and every check live in `pac.domain.workbook`; the Excel file in
`pac.exports.workbook_xlsx`.  Here: reading the database into the workbook's
plain tables, and writing checked tables back in one transaction.  Both walk
`wb.SHEETS`: a sheet's model is the one of its `table`, a plain column fills
its `attr`, a reference column its `fk` (an id found by the natural key or
`ref` number of the row it names, or a catalogue code).  Only two sheets are
written by hand here, and say so: `commune` (the commune itself, kept on
replace) and `projets_criteres_migration` (a list inside each project).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import workbook as wb
from pac.domain.errors import DomainError, Problem
from pac.i18n import vocab_labels
from pac.models import (
    Base,
    Commune,
    Competence,
    Douar,
    FinancialYear,
    Finding,
    KeyFigure,
    MigrationCriterion,
    Participant,
    Partner,
    Plan,
    Sector,
    VotingRound,
    Workshop,
)
from pac.services.common import find_commune

FORMATS = ("xlsx", "json")
OWNER = "commune"  # the sheet of the commune itself: one row, the one every `commune` column names
MIGRATION_CRITERIA = "projets_criteres_migration"  # not a table: the list in projects.migration_criteria
_MODELS: dict[str, type[Any]] = {m.local_table.name: m.class_ for m in Base.registry.mappers}


def _fk_target(col: wb.Column) -> str:
    """The sheet whose row a reference column's `fk` holds the id of ("" for a catalogue code)."""
    if col.also_in:
        return col.also_in
    return col.target[0] if col.target else ""


# Sheets whose rows others point to by id: their ids are kept while exporting and importing.
_TARGETS = {_fk_target(c) for sheet in wb.SHEETS for c in sheet.columns if c.fk} - {""}


def _named_column(col: wb.Column) -> str:
    """The column of the named row that a reference column holds the value of."""
    if col.also_in:
        return col.name  # a ballot is named by the same (scrutin, participant) as the vote
    return col.target[1] if col.target else ""


def _implied(sheet: wb.Sheet, col: wb.Column) -> list[str]:
    """The columns of a row that a reference fills besides its own: the other parts of the key of the row
    it names that this row shows but does not store (an objective's plan is its axis's)."""
    if not _fk_target(col):
        return []  # a catalogue code
    target = wb.SHEET_BY_NAME[_fk_target(col)]
    named = _named_column(col)
    return [
        k
        for k in target.key
        if k != named and k in sheet.names and not sheet.column(k).attr and not sheet.column(k).fk
    ]


def _batches() -> list[list[wb.Sheet]]:
    """The sheets an import writes, in batches that point only to rows of earlier batches: one flush per
    batch gives the next one every id it needs (six flushes rather than one per sheet)."""
    depth: dict[str, int] = {}
    for sheet in wb.SHEETS:  # a sheet points only to sheets before it
        targets = [_fk_target(c) for c in sheet.columns if c.fk and _fk_target(c)]
        depth[sheet.name] = 1 + max((depth[t] for t in targets), default=-1)
    batches: list[list[wb.Sheet]] = [[] for _ in range(max(depth.values()) + 1)]
    for sheet in wb.SHEETS:
        if sheet.name not in (OWNER, MIGRATION_CRITERIA):
            batches[depth[sheet.name]].append(sheet)
    return [batch for batch in batches if batch]


_BATCHES = _batches()


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: the commune, whether it replaced one, and the rows read per sheet."""

    commune_id: int
    slug: str
    name: str
    replaced: bool
    counts: dict[str, int]
    backup_problem: str | None = None  # the automatic backup before the import could not be written

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# --------------------------------------------------------------------------- export


def workbook_dict(db: Database, commune_ref: int | str) -> dict[str, Any]:
    """The whole dataset of a commune as plain JSON-ready data: {"format", "version", "commune", "sheets"}."""
    with db.read() as s:
        commune = find_commune(s, commune_ref)
        return {
            "format": wb.FORMAT,
            "version": wb.VERSION,
            "commune": commune.slug,
            "sheets": _Exporter(s, commune).run(),
        }


def sheets_in_session(s: Session, commune_id: int) -> dict[str, list[dict[str, Any]]]:
    """Inside a transaction: the commune's sheets as `workbook_dict` gives them, changes not yet committed
    included (the road to adoption freezes the adopted plan in the transaction that records it)."""
    return _Exporter(s, find_commune(s, commune_id)).run()


def export_workbook(db: Database, commune_ref: int | str, fmt: str) -> bytes:
    """The commune workbook as `.xlsx` or `.json` bytes."""
    fmt = _check_format(fmt)
    data = workbook_dict(db, commune_ref)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    from pac.exports.workbook_xlsx import write_xlsx

    commune_row = data["sheets"]["commune"][0]
    meta = {
        "format": data["format"],
        "version": data["version"],
        "commune": commune_row["slug"],
        "name": commune_row["nom_fr"],
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }
    return write_xlsx(data["sheets"], meta=meta)


def _check_format(fmt: str) -> str:
    f = (fmt or "").lower().lstrip(".")
    if f not in FORMATS:
        raise DomainError(
            Problem("format", f"format de classeur inconnu « {fmt} » (permis : .xlsx ou .json).")
        )
    return f


class _Shown(NamedTuple):
    """How an export shows a reference column: from its fk, the value of the row it names."""

    col: wb.Column
    at: int  # position of its fk among the selected attributes
    target: str  # the sheet named, "" for a catalogue code (shown as it is)
    shown: str  # the column of the named row this column shows
    implied: tuple[str, ...]  # the other columns of this row it fills (an objective's plan, its axis's)


@dataclass(frozen=True)
class _Layout:
    """How the rows of a sheet are read from its table: the attributes selected, and where each column's
    value is among them (worked out once per sheet)."""

    fields: tuple[str, ...]  # model attributes selected, in this order
    plain: tuple[tuple[wb.Column, int], ...]  # (column, position of its attribute)
    own_ref: tuple[str, ...]  # columns holding the row's own `ref` number
    references: tuple[_Shown, ...]
    id_at: int | None  # position of the id, for a sheet others point to


def _layout(sheet: wb.Sheet) -> _Layout:
    fields = ["id"] if sheet.name in _TARGETS else []
    fields += [c.attr for c in sheet.columns if c.attr]
    fields += [c.fk for c in sheet.columns if c.fk]
    if sheet.name == "projets":
        fields.append("migration_criteria")  # for the special sheet MIGRATION_CRITERIA
    at = {f: i for i, f in enumerate(fields)}
    return _Layout(
        tuple(fields),
        tuple((c, at[c.attr]) for c in sheet.columns if c.attr),
        tuple(c.name for c in sheet.columns if c.kind == wb.REF and not c.refers),
        tuple(
            _Shown(c, at[c.fk], _fk_target(c), _named_column(c), tuple(_implied(sheet, c)))
            for c in sheet.columns
            if c.fk
        ),
        at.get("id"),
    )


_LAYOUTS = {sheet.name: _layout(sheet) for sheet in wb.SHEETS if sheet.name != MIGRATION_CRITERIA}


class _Exporter:
    """Reads one commune, sheet by sheet, each in primary key order (an import recreates rows in that order).
    Plain tuples of the selected attributes rather than ORM objects: a third less time for a json export."""

    def __init__(self, s: Session, commune: Commune) -> None:
        self.s = s
        self.commune = commune
        self.by_id: dict[str, dict[Any, dict[str, Any]]] = {}  # target sheet → database id → exported row
        self.projects: list[tuple[Any, ...]] = []

    def run(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for sheet in wb.SHEETS:
            if sheet.name == MIGRATION_CRITERIA:
                out[sheet.name] = self._migration_criteria(sheet)
                continue
            layout = _LAYOUTS[sheet.name]
            if sheet.name == OWNER:
                records = [tuple(getattr(self.commune, f) for f in layout.fields)]
            else:
                records = self._select(sheet, layout)
            if sheet.name == "projets":
                self.projects = records
            out[sheet.name] = self._rows(sheet, layout, records)
        return out

    def _select(self, sheet: wb.Sheet, layout: _Layout) -> list[tuple[Any, ...]]:
        """The commune's rows of a sheet's table: those whose first reference names an exported row."""
        model = _MODELS[sheet.table]
        parent = next(c for c in sheet.columns if c.fk and _fk_target(c))
        column = getattr(model, parent.fk)
        target = _fk_target(parent)
        where = column == self.commune.id if target == OWNER else column.in_(list(self.by_id[target]))
        stmt = select(*(getattr(model, f) for f in layout.fields)).where(where)
        return [tuple(r) for r in self.s.execute(stmt.order_by(*model.__mapper__.primary_key))]

    def _rows(self, sheet: wb.Sheet, layout: _Layout, records: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        names = sheet.names
        canonical = wb.canonical
        by_id: dict[Any, dict[str, Any]] = {}
        rows = []
        for number, record in enumerate(records, 1):
            row: dict[str, Any] = dict.fromkeys(names)
            for col, i in layout.plain:
                row[col.name] = canonical(col, record[i])
            for name in layout.own_ref:
                row[name] = number  # the `ref` number: the rank in the export
            for col, i, target, shown, implied in layout.references:
                value = record[i]
                if value is None or not target:
                    row[col.name] = canonical(col, value)  # a catalogue code, or no reference
                    continue
                named = self.by_id[target][value]
                row[col.name] = named[shown]
                for k in implied:
                    row[k] = named[k]
            rows.append(row)
            if layout.id_at is not None:
                by_id[record[layout.id_at]] = row
        if layout.id_at is not None:
            self.by_id[sheet.name] = by_id
        return rows

    def _migration_criteria(self, sheet: wb.Sheet) -> list[dict[str, Any]]:
        """Special: not a table but each project's ordered list of criteria codes, one row per code."""
        layout = _LAYOUTS["projets"]
        projects = self.by_id["projets"]
        at = layout.fields.index("migration_criteria")
        rows = []
        for record in self.projects:
            named = projects[record[layout.id_at]]  # type: ignore[index]
            for code in record[at] or []:
                values = {"plan": named["plan"], "projet": named["code"], "critere": code}
                rows.append({c.name: wb.canonical(c, values[c.name]) for c in sheet.columns})
        return rows


# --------------------------------------------------------------------------- import


def read_workbook(data: bytes, fmt: str) -> tuple[wb.RawWorkbook, list[Problem]]:
    """The raw cells of a workbook file (DomainError when it cannot be read at all)."""
    fmt = _check_format(fmt)
    if fmt == "xlsx":
        from pac.exports.workbook_xlsx import read_xlsx

        return read_xlsx(data)
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DomainError("Le fichier JSON n'est pas encodé en UTF-8.") from exc
    except json.JSONDecodeError as exc:
        raise DomainError(
            f"Le fichier n'est pas un JSON lisible (ligne {exc.lineno}, colonne {exc.colno} : {exc.msg})."
        ) from exc
    return wb.raw_from_json(obj)


def import_workbook(
    db: Database, data: bytes, fmt: str, replace: bool = False, *, backup: bool = True
) -> ImportSummary:
    """Check the whole workbook, then write it in one transaction; on any problem write nothing and raise
    DomainError listing every problem (sheet, row, column).  A commune whose slug exists is refused unless
    `replace`, which replaces that commune's data (keeping its id).  A backup of the database is taken
    first (`backup`; a backup that cannot be written is reported in the summary, never blocks)."""
    raw, problems = read_workbook(data, fmt)
    backup_problem = None
    if backup and not problems:
        from pac.services.backups import auto_backup

        backup_problem = auto_backup(db, "import")
    slug = _raw_slug(raw)
    with db.write() as s:
        existing = s.scalar(select(Commune).where(Commune.slug == slug)) if slug else None
        checked, found = wb.check_workbook(
            raw,
            catalogues=_catalogues(s),
            taken=_taken(s, existing.id if existing else None),
            labels=_labels(),
        )
        problems = problems + found
        if existing is not None and not replace:
            commune_row = checked.sheets["commune"][0] if checked.sheets.get("commune") else None
            problems.insert(
                0,
                Problem(
                    "slug",
                    f"la commune « {slug} » existe déjà dans cette base : importez avec l'option --replace "
                    "(remplacer) pour remplacer ses données, ou changez son identifiant dans le classeur.",
                    sheet="commune",
                    row=commune_row.number if commune_row else None,
                ),
            )
        if problems:
            raise DomainError(problems)
        if existing is not None:
            _clear(s, existing.id)
        commune = _Importer(s, checked, existing).run()
        return ImportSummary(
            commune.id, commune.slug, commune.name_fr, existing is not None, checked.counts(), backup_problem
        )


def _raw_slug(raw: wb.RawWorkbook) -> str:
    sheet = raw.sheets.get("commune")
    if not sheet or not sheet.rows:
        return ""
    value = sheet.rows[0].get("slug")
    return str(value).strip() if value is not None else ""


def _catalogues(s: Session) -> wb.Catalogues:
    return wb.Catalogues(
        sectors=frozenset(s.scalars(select(Sector.code))),
        competences=frozenset(s.scalars(select(Competence.code))),
        partners=frozenset(s.scalars(select(Partner.code))),
        migration_criteria=frozenset(s.scalars(select(MigrationCriterion.code))),
    )


def _taken(s: Session, commune_id: int | None) -> wb.Taken:
    """Join codes and participant tokens used by other communes (they are unique in the whole database)."""
    codes = select(VotingRound.join_code).join(Plan, VotingRound.plan_id == Plan.id)
    tokens = select(Participant.token)
    if commune_id is not None:
        codes = codes.where(Plan.commune_id != commune_id)
        tokens = tokens.where(Participant.commune_id != commune_id)
    return wb.Taken(join_codes=frozenset(s.scalars(codes)), tokens=frozenset(s.scalars(tokens)))


def _labels() -> dict[str, dict[str, str]]:
    """French labels accepted in place of codes (a facilitator may type « Forces » for S)."""
    out: dict[str, dict[str, str]] = {}
    for sheet in wb.SHEETS:
        for col in sheet.columns:
            if col.vocab and col.vocab not in out:
                out[col.vocab] = {
                    a: lbl for a, lbl in vocab_labels(col.vocab, col.allowed).items() if a != ""
                }
    return out


def _clear(s: Session, commune_id: int) -> None:
    """Delete a commune's data, keeping the commune row (its id, its users' bookmarks, its audit trail).
    The database's ON DELETE CASCADE removes what hangs below each deleted row."""
    for model in (Plan, Workshop, Finding, Participant, Douar, KeyFigure, FinancialYear):
        s.execute(delete(model).where(model.commune_id == commune_id))
    s.expire_all()


class _Lookup(NamedTuple):
    """How an import finds the row a reference column names among those it wrote."""

    fk: str
    name: str
    named: dict[Any, Any] | None  # the new objects of the named sheet by key; None for a catalogue code
    key_cols: tuple[str, ...] = ()  # the named row's key, read from this row (a vote's ballot)
    scope: str = ""  # a code in the plan that this column gives (the plan, or the option's round)


class _Importer:
    """Writes checked rows in batches of sheets (see `_batches`), each sheet in its rows' order (so ids
    follow the rows and a second export gives the same `ref` numbers)."""

    def __init__(self, s: Session, checked: wb.Checked, existing: Commune | None) -> None:
        self.s = s
        self.rows = checked.sheets
        self.existing = existing
        self.made: dict[str, dict[Any, Any]] = {}  # target sheet → row key → the new object
        self.criteria: dict[Any, list[str]] = defaultdict(list)  # (plan, project code) → criteria codes
        self._index: dict[str, dict[Any, wb.Row]] = {}

    def index(self, name: str) -> dict[Any, wb.Row]:
        """The checked rows of a sheet by their key (to find the plan of an option's round)."""
        if name not in self._index:
            sheet = wb.SHEET_BY_NAME[name]
            self._index[name] = {wb.row_key(sheet, r): r for r in self.rows[name]}
        return self._index[name]

    def run(self) -> Commune:
        # Special: the commune row is updated in place on replace (its id, bookmarks and audit trail stay).
        sheet = wb.SHEET_BY_NAME[OWNER]
        crow = self.rows[OWNER][0]
        commune = self.existing or Commune()
        for col in sheet.columns:
            setattr(commune, col.attr, crow[col.name])
        self.s.add(commune)
        self.s.flush()
        self.made[OWNER] = {wb.row_key(sheet, crow): commune}
        # Special: a project's migration criteria are a list inside the project, written with it.
        for r in self.rows[MIGRATION_CRITERIA]:
            self.criteria[(r["plan"], r["projet"])].append(r["critere"])
        for batch in _BATCHES:
            for sheet in batch:
                self._write(sheet)
            self.s.flush()  # the ids the next batch points to
        return commune

    def _write(self, sheet: wb.Sheet) -> None:
        model = _MODELS[sheet.table]
        plain = [(c.attr, c.name) for c in sheet.columns if c.attr]
        references = [self._lookup(c) for c in sheet.columns if c.fk]
        made: dict[Any, Any] | None = {} if sheet.name in _TARGETS else None
        for r in self.rows[sheet.name]:
            cells = r.values
            values = {attr: cells[name] for attr, name in plain}
            for fk, name, named, key_cols, scope in references:
                value = cells[name]
                if value is None or value == "" or named is None:
                    values[fk] = value or None  # no reference, or a catalogue code
                elif key_cols:  # a ballot, named by the vote's own (scrutin, participant)
                    values[fk] = named[tuple(cells[k] for k in key_cols)].id
                elif scope:  # a code, unique in its plan
                    values[fk] = named[(wb.plan_year(self.index, sheet, cells, scope), value)].id
                else:
                    values[fk] = named[value].id
            if sheet.name == "projets":  # special: see run()
                values["migration_criteria"] = list(self.criteria.get(wb.row_key(sheet, cells), []))
            obj = model(**values)
            self.s.add(obj)
            if made is not None:
                made[wb.row_key(sheet, cells)] = obj
        if made is not None:
            self.made[sheet.name] = made

    def _lookup(self, col: wb.Column) -> _Lookup:
        target = _fk_target(col)
        if not target:
            return _Lookup(col.fk, col.name, None)
        named = self.made[target]
        if col.also_in:
            return _Lookup(col.fk, col.name, named, key_cols=wb.SHEET_BY_NAME[target].key)
        return _Lookup(col.fk, col.name, named, scope=col.scope)
