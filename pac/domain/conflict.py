"""No silent overwrite: a save made from a form or a grid opened before someone else's save.

The page keeps what it showed when the record was opened (`base`); the service reads the record as it is
now (`current`) and what the user wants (`mine`).  A three-way merge: a field the user did not change keeps
the current value (someone else's edit is never reverted by a stale form); a field the user changed is
written, unless someone else changed it too, to something else — then nothing is written and the user sees
both versions and chooses (`ConflictError`).  Works the same on SQLite and PostgreSQL: no version column,
the comparison is on the values, inside the write transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pac.domain.errors import DomainError, Problem


@dataclass(frozen=True)
class Clash:
    field: str
    base: Any  # what the user saw when they opened the record
    theirs: Any  # what is stored now (someone else's save)
    mine: Any  # what the user wants to save


class ConflictError(DomainError):
    """Someone else saved the same fields since the record was opened: nothing was written."""

    def __init__(self, what: str, clashes: list[Clash], current: Mapping[str, Any]) -> None:
        self.clashes = clashes
        self.current = dict(current)
        names = ", ".join(f"« {c.field} »" for c in clashes)
        super().__init__(
            Problem(
                clashes[0].field if len(clashes) == 1 else "",
                f"{what} a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert ({names}) : "
                "rien n'a été enregistré. Comparez les deux versions et choisissez.",
            )
        )


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (list, tuple, set)) and isinstance(b, (list, tuple, set)):
        return sorted(map(str, a)) == sorted(map(str, b))
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b


def merge(
    what: str, base: Mapping[str, Any] | None, current: Mapping[str, Any], mine: Mapping[str, Any]
) -> dict[str, Any]:
    """The values to write: every field of `mine` when there is no `base` (a new record, or a caller that
    does not track it); else only the fields the user changed, refused with ConflictError when one of them
    was changed by someone else too."""
    if base is None:
        return dict(mine)
    out: dict[str, Any] = {}
    clashes: list[Clash] = []
    for field, value in mine.items():
        seen = base.get(field)
        now = current.get(field)
        if _same(value, seen):
            continue  # not touched here: whatever is stored stays
        if not _same(now, seen) and not _same(now, value):
            clashes.append(Clash(field, seen, now, value))
        out[field] = value
    if clashes:
        raise ConflictError(what, clashes, current)
    # A text and its Arabic twin are checked and written together by the services: when one is written,
    # its twin goes with it at its stored value (never the form's older copy, never blank).
    for field in list(out):
        twin = field[:-3] if field.endswith("_ar") else f"{field}_ar"
        if twin in mine and twin not in out:
            out[twin] = current.get(twin, mine[twin])
    return out
