"""Audit trail of the workshop and undo of the last change — generic, for any table.

How a service uses it, inside its one write transaction::

    spec = {"swot_items": ("id", [item_id]), "swot_item_findings": ("swot_item_id", [item_id])}
    before = audit.snapshot(s, spec)
    ...change the rows...
    audit.record(s, commune_id=c, username=user, entity="swot_item", entity_id=item_id,
                 action="update", summary=audit.message("swot.audit.updated", …), before=before, after=audit.snapshot(s, spec))

A snapshot is ``{table: [row, …]}`` with every column of every row the change may
touch, JSON-ready.  Undoing an entry puts the rows back as they were: rows only
in `after` are deleted (they were created), rows only in `before` are inserted
again with their old ids (they were deleted), rows in both get their old values.
Before touching anything, undo checks that the rows are still exactly as the
change left them; if someone changed them since, it refuses in French rather
than overwrite that later work.  Undo applies to the latest change not yet
undone of the given kinds of entity, so pressing it again walks further back.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, Table, and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain.errors import DomainError
from pac.models import AuditEntry, Base

Rows = dict[str, list[dict[str, Any]]]
Spec = Mapping[
    str, tuple[str, Iterable[Any]]
]  # table -> (column, values): the rows whose column is in values
UNDO = "undo"

# A summary is written once and read in French or Arabic, so it is stored as a translation key with its
# arguments (`message`), rendered in the reader's language when shown (`render`).  Arguments may be plain
# values or nested pieces: `phrase` (another key), `label` (a closed-list label), `both` (a user text in
# its two versions) and `quoted` (another stored summary).  Entries written before this are plain French.
_MARK = "@i18n "


def message(key: str, **args: Any) -> str:
    """The stored form of the summary `key` (a translation key) with its arguments."""
    return _MARK + json.dumps({"k": key, "a": args}, ensure_ascii=False, sort_keys=True)


def phrase(key: str, **args: Any) -> dict[str, Any]:
    return {"t": key, "a": args}


def label(list_name: str, code: str) -> dict[str, Any]:
    return {"v": [list_name, code]}


def both(fr: str, ar: str = "", width: int = 60) -> dict[str, Any]:
    """A user text in its two versions, each cut to `width` characters for a one-line summary."""
    return {"bi": [_cut(fr or "", width), _cut(ar or "", width)]}


def quoted(summary: str) -> dict[str, Any]:
    return {"s": summary}


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _arg(value: Any, lang: str) -> Any:
    from pac.domain.bilingual import isolate, pick
    from pac.i18n import t, vocab

    if isinstance(value, list):  # an enumeration, with the comma of the language
        return ("، " if lang == "ar" else ", ").join(str(_arg(v, lang)) for v in value)
    if not isinstance(value, dict):
        return value
    if "t" in value:
        return t(value["t"], lang, **{k: _arg(v, lang) for k, v in value.get("a", {}).items()})
    if "v" in value:
        return vocab(value["v"][0], value["v"][1], lang)
    if "bi" in value:
        shown = pick(value["bi"][0], value["bi"][1], lang)
        # The other language's text inside a sentence: isolated so neither direction scrambles the other.
        return isolate(shown.text) if shown.fallback else shown.text
    if "s" in value:
        return render(value["s"], lang)
    return str(value)


def render(summary: str, lang: str = "fr") -> str:
    """A stored summary as the reader of `lang` reads it."""
    if not summary.startswith(_MARK):
        return summary
    try:
        data = json.loads(summary[len(_MARK) :])
    except ValueError:
        return summary
    from pac.i18n import t

    return t(data["k"], lang, **{k: _arg(v, lang) for k, v in data.get("a", {}).items()})


@dataclass(frozen=True)
class AuditView:
    id: int
    at: dt.datetime  # UTC
    username: str
    entity: str
    entity_id: int | None
    action: str
    stored: str  # the summary as stored (see `message`); `summary` and `text(lang)` read it
    undone: bool

    @property
    def summary(self) -> str:
        """The summary in French."""
        return render(self.stored, "fr")

    def text(self, lang: str = "fr") -> str:
        """The summary in the reader's language."""
        return render(self.stored, lang)

    @property
    def local_time(self) -> dt.datetime:
        """The time as the laptop's clock shows it (entries are stored in UTC)."""
        return self.at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _from_json(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        col = table.c[key]
        if value is not None and isinstance(col.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(col.type, Date):
            value = dt.date.fromisoformat(value)
        out[key] = value
    return out


def snapshot(s: Session, spec: Spec) -> Rows:
    """Every column of the rows selected by `spec`, per table, sorted by primary key (JSON-ready)."""
    s.flush()
    out: Rows = {}
    for name, (column, values) in spec.items():
        table = _table(name)
        wanted = list(dict.fromkeys(values))
        rows: list[dict[str, Any]] = []
        for chunk in range(0, len(wanted), 500):  # stay under SQLite's parameter limit
            part = wanted[chunk : chunk + 500]
            if not part:
                continue
            result = s.execute(select(table).where(table.c[column].in_(part)))
            rows += [{k: _jsonable(v) for k, v in r._mapping.items()} for r in result]
        pk = [c.name for c in table.primary_key.columns]
        out[name] = sorted(rows, key=lambda r: tuple(r[k] for k in pk))
    return out


def record(
    s: Session,
    *,
    commune_id: int | None,
    username: str,
    entity: str,
    entity_id: int | None,
    action: str,
    summary: str,
    before: Rows | None,
    after: Rows | None,
) -> None:
    """Write one line of the trail (in the caller's transaction)."""
    s.add(
        AuditEntry(
            commune_id=commune_id,
            username=username or "",
            entity=entity,
            entity_id=entity_id,
            action=action,
            summary=summary,
            before=before,
            after=after,
        )
    )


def _view(e: AuditEntry) -> AuditView:
    return AuditView(e.id, e.at, e.username, e.entity, e.entity_id, e.action, e.summary, e.undone)


def history(db: Database, commune_id: int, entities: Sequence[str], limit: int = 50) -> list[AuditView]:
    """The latest changes of these kinds of entity in the commune, newest first."""
    with db.read() as s:
        q = (
            select(AuditEntry)
            .where(AuditEntry.commune_id == commune_id, AuditEntry.entity.in_(list(entities)))
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
        return [_view(e) for e in s.scalars(q)]


def last_undoable(db: Database, commune_id: int, entities: Sequence[str]) -> AuditView | None:
    with db.read() as s:
        e = _last(s, commune_id, entities)
        return _view(e) if e else None


def _last(s: Session, commune_id: int, entities: Sequence[str]) -> AuditEntry | None:
    q = (
        select(AuditEntry)
        .where(
            AuditEntry.commune_id == commune_id,
            AuditEntry.entity.in_(list(entities)),
            AuditEntry.undone.is_(False),
            AuditEntry.action != UNDO,
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    return s.scalar(q)


def undo_last(db: Database, commune_id: int, entities: Sequence[str], username: str = "") -> AuditView:
    """Put back the rows of the latest change (see the module docstring); returns the entry undone."""
    with db.write() as s:
        entry = _last(s, commune_id, entities)
        if entry is None:
            raise DomainError("Rien à annuler : aucune modification enregistrée ici.")
        said = render(entry.summary, "fr")
        if entry.before is None and entry.after is None:
            raise DomainError(f"« {said} » ne peut pas être annulé depuis l'historique.")
        before: Rows = entry.before or {}
        after: Rows = entry.after or {}
        _check_unchanged(s, before, after, said)
        try:
            _restore(s, before, after)
            s.flush()
        except IntegrityError as e:
            raise DomainError(
                f"Impossible d'annuler « {said} » : des éléments liés ont été supprimés depuis."
            ) from e
        entry.undone = True
        s.add(
            AuditEntry(
                commune_id=commune_id,
                username=username or "",
                entity=entry.entity,
                entity_id=entry.entity_id,
                action=UNDO,
                summary=message("audit.undo_of", what=quoted(entry.summary)),
                before=None,
                after=None,
            )
        )
        s.flush()
        return _view(entry)


def _pk(table: Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _where_pk(table: Table, key: tuple[Any, ...]):  # type: ignore[no-untyped-def]
    return and_(*(c == k for c, k in zip(table.primary_key.columns, key, strict=True)))


def _check_unchanged(s: Session, before: Rows, after: Rows, summary: str) -> None:
    """The rows must be as the change left them: present and equal if in `after`, absent if only in `before`."""
    for name in set(before) | set(after):
        table = _table(name)
        now_rows = after.get(name, [])
        gone = {_pk(table, r) for r in before.get(name, [])} - {_pk(table, r) for r in now_rows}
        for row in now_rows:
            current = s.execute(select(table).where(_where_pk(table, _pk(table, row)))).first()
            if current is None or {k: _jsonable(v) for k, v in current._mapping.items()} != row:
                raise DomainError(
                    f"Impossible d'annuler « {summary} » : ces éléments ont été modifiés depuis. "
                    "Corrigez-les directement."
                )
        for key in gone:
            if s.execute(select(table).where(_where_pk(table, key))).first() is not None:
                raise DomainError(
                    f"Impossible d'annuler « {summary} » : ces éléments ont été recréés depuis."
                )


def _restore(s: Session, before: Rows, after: Rows) -> None:
    tables = [t for t in Base.metadata.sorted_tables if t.name in set(before) | set(after)]
    old = {t.name: {_pk(t, r): r for r in before.get(t.name, [])} for t in tables}
    new = {t.name: {_pk(t, r): r for r in after.get(t.name, [])} for t in tables}
    for t in reversed(tables):  # children first: created rows go away
        for key in new[t.name].keys() - old[t.name].keys():
            s.execute(delete(t).where(_where_pk(t, key)))
    for t in tables:  # parents first: deleted rows come back with their ids, changed rows get old values
        for key, row in old[t.name].items():
            values = _from_json(t, row)
            if key in new[t.name]:
                s.execute(update(t).where(_where_pk(t, key)).values(values))
            else:
                s.execute(insert(t).values(values))
