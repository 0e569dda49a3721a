"""The SWOT (AFOM) of a plan (page « AFOM / SWOT »): items, their order, links to findings, drafts.

SWOT items belong to a plan; the findings they cite belong to the plan's commune.
Every change is written to the audit trail (entity « swot_item ») and the last
one can be undone (`undo_last`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pac.db import Database
from pac.domain import swot as rules
from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.bilingual import sort_by_script
from pac.domain.conflict import merge
from pac.domain.errors import Collector, DomainError, Problem
from pac.i18n import t
from pac.models import Finding, ObjectiveSwot, Plan, Sector, SwotFinding, SwotItem
from pac.services import audit
from pac.services.common import get_or_404

ENTITY = "swot_item"
F_TEXT = "Texte de l'élément"
F_TEXT_AR = "Texte de l'élément (arabe)"
F_QUADRANT = "Case"
F_SECTOR = "Secteur"
F_FINDINGS = "Constats"


@dataclass(frozen=True)
class SwotItemView:
    id: int
    plan_id: int
    quadrant: str
    position: int
    number: str  # as read aloud: F1, Fa2, O3, M1 (prefixes from the translation table)
    text: str
    sector_code: str | None
    finding_ids: tuple[int, ...]
    text_ar: str = ""  # the Arabic version of `text` (pac.domain.bilingual)

    @property
    def supported(self) -> bool:
        return bool(self.finding_ids)


def prefixes(lang: str = "fr") -> dict[str, str]:
    return {q: t(f"swot.prefix.{q}", lang) for q in vocab.QUADRANTS}


def _items(s: Session, plan_id: int, lang: str) -> list[SwotItemView]:
    rows = s.execute(
        select(
            SwotItem.id,
            SwotItem.quadrant,
            SwotItem.position,
            SwotItem.text,
            SwotItem.text_ar,
            SwotItem.sector_code,
        ).where(SwotItem.plan_id == plan_id)
    ).all()
    links: dict[int, list[int]] = {}
    for item_id, fid in s.execute(
        select(SwotFinding.swot_item_id, SwotFinding.finding_id)
        .join(SwotItem)
        .where(SwotItem.plan_id == plan_id)
        .order_by(SwotFinding.finding_id)
    ):
        links.setdefault(item_id, []).append(fid)
    numbers = rules.numbers([rules.Placed(r.id, r.quadrant, r.position) for r in rows], prefixes(lang))
    order = rules.ordered(rules.Placed(r.id, r.quadrant, r.position) for r in rows)
    rank = {
        item_id: (vocab.QUADRANTS.index(q), i) for q, ids in order.items() for i, item_id in enumerate(ids)
    }
    views = [
        SwotItemView(
            r.id,
            plan_id,
            r.quadrant,
            r.position,
            numbers[r.id],
            r.text,
            r.sector_code,
            tuple(links.get(r.id, ())),
            r.text_ar or "",
        )
        for r in rows
    ]
    return sorted(views, key=lambda x: rank[x.id])


def list_items(db: Database, plan_id: int, lang: str = "fr") -> list[SwotItemView]:
    """The plan's items, quadrant by quadrant (S, W, O, T) in display order, numbered."""
    with db.read() as s:
        return _items(s, plan_id, lang)


def _view(s: Session, item: SwotItem, lang: str = "fr") -> SwotItemView:
    s.flush()
    return next(x for x in _items(s, item.plan_id, lang) if x.id == item.id)


# --------------------------------------------------------------------------- checks


def _clean(
    s: Session, plan: Plan, values: Mapping[str, Any], c: Collector, lang: str = "fr"
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "quadrant" in values:
        out["quadrant"] = v.choice(c, F_QUADRANT, values.get("quadrant"), vocab.QUADRANTS)
    if "text" in values or "text_ar" in values:
        # Bilingual: at least one version.  A caller giving one text only (no `text_ar` key) has it filed
        # by its script; given both, each is kept as typed.
        if "text_ar" in values:
            raw_fr, raw_ar = values.get("text"), values.get("text_ar")
        else:
            one = values.get("text")
            raw_fr, raw_ar = (one, None) if v.is_blank(one) else sort_by_script(str(one))
        if lang != "fr":  # a form read in Arabic: the text's problems said in Arabic, naming the field
            from pac.domain.vision import bi_text  # the shared rule of bilingual texts

            out["text"], out["text_ar"] = bi_text(
                c, t("swot.text", lang), raw_fr, raw_ar, lang=lang, required=True, max_len=rules.TEXT_MAX
            )
        else:
            out["text"] = v.text(c, F_TEXT, raw_fr, max_len=rules.TEXT_MAX)
            out["text_ar"] = v.text(c, F_TEXT_AR, raw_ar, max_len=rules.TEXT_MAX)
            if v.is_blank(raw_fr) and v.is_blank(raw_ar):
                c.add(F_TEXT, "ce champ est obligatoire (en français, en arabe ou les deux).")
    if "sector_code" in values:
        code = values.get("sector_code") or None
        if code is not None and (not v.storable(code) or s.get(Sector, code) is None):
            c.add(F_SECTOR, f"secteur inconnu « {code} ».")
        out["sector_code"] = code
    if "finding_ids" in values:
        out["finding_ids"] = _findings_of_commune(s, plan.commune_id, values.get("finding_ids") or (), c)
    return out


def _findings_of_commune(s: Session, commune_id: int, ids: Iterable[Any], c: Collector) -> list[int]:
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return []
    found = set(s.scalars(select(Finding.id).where(Finding.id.in_(wanted), Finding.commune_id == commune_id)))
    missing = [i for i in wanted if i not in found]
    if missing:
        c.add(F_FINDINGS, f"constat(s) n° {', '.join(map(str, missing))} introuvable(s) dans cette commune.")
    return [i for i in wanted if i in found]


def _spec(ids: Sequence[int]) -> audit.Spec:
    return {
        "swot_items": ("id", ids),
        "swot_item_findings": ("swot_item_id", ids),
        "objective_swot_items": ("swot_item_id", ids),
    }


def _label(s: Session, item: SwotItem) -> dict[str, Any]:
    """The item as a summary names it: its number (F1 / ق1) and its text, in the reader's language."""
    number = _view(s, item).number
    rank = number[len(prefixes("fr")[item.quadrant]) :]
    return audit.phrase(
        "swot.audit.item",
        number=audit.phrase("swot.number", prefix=audit.phrase(f"swot.prefix.{item.quadrant}"), rank=rank),
        text=audit.both(item.text, item.text_ar, 50),
    )


def _record(
    s: Session,
    plan: Plan,
    user: str,
    ids: Sequence[int],
    action: str,
    summary: str,
    before: audit.Rows,
    entity_id: int | None = None,
) -> None:
    audit.record(
        s,
        commune_id=plan.commune_id,
        username=user,
        entity=ENTITY,
        entity_id=entity_id,
        action=action,
        summary=summary,
        before=before,
        after=audit.snapshot(s, _spec(ids)),
    )


def _item(s: Session, item_id: int) -> tuple[SwotItem, Plan]:
    item = get_or_404(s, SwotItem, item_id, "Élément de l'AFOM")
    return item, s.get(Plan, item.plan_id)  # type: ignore[return-value]


def _end_of(s: Session, plan_id: int, quadrant: str) -> int:
    top = s.scalar(
        select(func.max(SwotItem.position)).where(SwotItem.plan_id == plan_id, SwotItem.quadrant == quadrant)
    )
    return 0 if top is None else int(top) + 1


def _link(s: Session, item_id: int, finding_ids: Iterable[int]) -> None:
    s.execute(delete(SwotFinding).where(SwotFinding.swot_item_id == item_id))
    s.add_all(SwotFinding(swot_item_id=item_id, finding_id=f) for f in finding_ids)


# --------------------------------------------------------------------------- actions


def add_item(
    db: Database, plan_id: int, values: Mapping[str, Any], user: str = "", lang: str = "fr"
) -> SwotItemView:
    """A new item at the end of its quadrant; `values`: quadrant, text (and text_ar), sector_code,
    finding_ids.  `lang`: the reader's language, that of the text's problems."""
    with db.write() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        c = Collector()
        data = _clean(
            s,
            plan,
            {"quadrant": None, "text": None, "sector_code": None, "finding_ids": (), **values},
            c,
            lang,
        )
        c.raise_if_any()
        item = SwotItem(
            plan_id=plan_id,
            quadrant=data["quadrant"],
            text=data["text"],
            text_ar=data["text_ar"],
            sector_code=data["sector_code"],
            position=_end_of(s, plan_id, data["quadrant"]),
        )
        s.add(item)
        s.flush()
        _link(s, item.id, data["finding_ids"])
        _record(
            s,
            plan,
            user,
            [item.id],
            "create",
            audit.message("swot.audit.added", item=_label(s, item)),
            audit.snapshot(s, _spec([])),
            item.id,
        )
        return _view(s, item)


def update_item(
    db: Database,
    item_id: int,
    values: Mapping[str, Any],
    user: str = "",
    lang: str = "fr",
    *,
    base: Mapping[str, Any] | None = None,
) -> SwotItemView:
    """Change the text, sector, quadrant and/or supporting findings (only the keys given).

    `base`: the item as the form showed it when opened; then only what the user changed is written, and a
    field a colleague changed meanwhile too refuses the save with ConflictError (pac.domain.conflict)."""
    with db.write() as s:
        item, plan = _item(s, item_id)
        if base is not None:
            now = _view(s, item)
            stored = {
                k: list(v) if isinstance(v, tuple) else v
                for k, v in ((k, getattr(now, k, None)) for k in values)
            }
            values = merge(t("swot.conflict_what", lang, number=now.number), base, stored, values)
            if not values:
                return now
        c = Collector()
        data = _clean(s, plan, values, c, lang)
        c.raise_if_any()
        before = audit.snapshot(s, _spec([item.id]))
        label = _label(s, item)
        if "quadrant" in data and data["quadrant"] != item.quadrant:
            item.position = _end_of(s, plan.id, data["quadrant"])
            item.quadrant = data["quadrant"]
        for k in ("text", "text_ar", "sector_code"):
            if k in data:
                setattr(item, k, data[k])
        if "finding_ids" in data:
            _link(s, item.id, data["finding_ids"])
        s.flush()
        summary = audit.message("swot.audit.updated", item=label)
        if values.get("quadrant") and before["swot_items"][0]["quadrant"] != item.quadrant:
            summary = audit.message(
                "swot.audit.moved", item=label, quadrant=audit.label("quadrants", item.quadrant)
            )
        _record(s, plan, user, [item.id], "update", summary, before, item.id)
        return _view(s, item)


def move_item(db: Database, item_id: int, quadrant: str, user: str = "") -> SwotItemView:
    """Move an item to the end of another quadrant."""
    return update_item(db, item_id, {"quadrant": quadrant}, user)


def set_links(db: Database, item_id: int, finding_ids: Iterable[int], user: str = "") -> SwotItemView:
    return update_item(db, item_id, {"finding_ids": list(finding_ids)}, user)


def shift_item(db: Database, item_id: int, delta: int, user: str = "") -> SwotItemView:
    """Move an item up (delta < 0) or down within its quadrant; positions are renumbered 0, 1, 2…"""
    with db.write() as s:
        item, plan = _item(s, item_id)
        peers = list(
            s.scalars(select(SwotItem).where(SwotItem.plan_id == plan.id, SwotItem.quadrant == item.quadrant))
        )
        order = rules.ordered(rules.Placed(p.id, p.quadrant, p.position) for p in peers)[item.quadrant]
        new = rules.shifted(order, item.id, delta)
        if new == order:
            return _view(s, item)
        ids = sorted(p.id for p in peers)
        before = audit.snapshot(s, _spec(ids))
        label = _label(s, item)
        by_id = {p.id: p for p in peers}
        for i, pid in enumerate(new):
            by_id[pid].position = i
        s.flush()
        _record(
            s,
            plan,
            user,
            ids,
            "reorder",
            audit.message("swot.audit.up" if delta < 0 else "swot.audit.down", item=label),
            before,
            item.id,
        )
        return _view(s, item)


def merge_items(db: Database, keep_id: int, absorb_id: int, user: str = "") -> SwotItemView:
    """Merge `absorb_id` into `keep_id`: texts joined, findings and objective links united, the second removed."""
    if keep_id == absorb_id:
        raise DomainError(Problem("Fusion", "choisissez deux éléments différents."))
    with db.write() as s:
        keep, plan = _item(s, keep_id)
        absorb, _ = _item(s, absorb_id)
        if absorb.plan_id != keep.plan_id:
            raise DomainError(Problem("Fusion", "les deux éléments n'appartiennent pas au même plan."))
        # Each version with its own: the French texts together, the Arabic ones together.
        text = rules.merged_text(keep.text, absorb.text)
        text_ar = rules.merged_text(keep.text_ar, absorb.text_ar, arabic=True)
        for field, merged in ((F_TEXT, text), (F_TEXT_AR, text_ar)):
            if len(merged) > rules.TEXT_MAX:
                raise DomainError(
                    Problem(
                        field,
                        f"le texte fusionné dépasserait {rules.TEXT_MAX} caractères "
                        f"({len(merged)}) : raccourcissez d'abord l'un des deux éléments.",
                    )
                )
        ids = sorted([keep.id, absorb.id])
        before = audit.snapshot(s, _spec(ids))
        summary = audit.message("swot.audit.merged", absorbed=_label(s, absorb), kept=_label(s, keep))
        findings = rules.merged_findings(
            s.scalars(select(SwotFinding.finding_id).where(SwotFinding.swot_item_id == keep.id)),
            s.scalars(select(SwotFinding.finding_id).where(SwotFinding.swot_item_id == absorb.id)),
        )
        objectives = set(
            s.scalars(select(ObjectiveSwot.objective_id).where(ObjectiveSwot.swot_item_id == keep.id))
        )
        moved = [
            o
            for o in s.scalars(
                select(ObjectiveSwot.objective_id).where(ObjectiveSwot.swot_item_id == absorb.id)
            )
            if o not in objectives
        ]
        keep.text = text
        keep.text_ar = text_ar
        keep.sector_code = keep.sector_code or absorb.sector_code
        s.delete(absorb)
        s.flush()
        _link(s, keep.id, findings)
        s.add_all(ObjectiveSwot(objective_id=o, swot_item_id=keep.id) for o in moved)
        s.flush()
        _record(s, plan, user, ids, "merge", summary, before, keep.id)
        return _view(s, keep)


def delete_item(db: Database, item_id: int, user: str = "") -> int:
    """Delete an item (its links go with it); returns its id.  Undoable from the history."""
    with db.write() as s:
        item, plan = _item(s, item_id)
        before = audit.snapshot(s, _spec([item.id]))
        summary = audit.message("swot.audit.deleted", item=_label(s, item))
        s.delete(item)
        s.flush()
        _record(s, plan, user, [item_id], "delete", summary, before, item_id)
        return item_id


# --------------------------------------------------------------------------- drafts from findings


def proposals(db: Database, plan_id: int, lang: str = "fr") -> list[rules.Proposal]:
    """SWOT items suggested from the findings that no item of the plan cites yet (nothing is written)."""
    with db.read() as s:
        plan = get_or_404(s, Plan, plan_id, "Plan")
        findings = [
            rules.DraftFinding(r.id, r.kind, r.sector_code, r.text, r.text_ar or "")
            for r in s.execute(
                select(Finding.id, Finding.kind, Finding.sector_code, Finding.text, Finding.text_ar).where(
                    Finding.commune_id == plan.commune_id
                )
            )
        ]
        linked = s.scalars(select(SwotFinding.finding_id).join(SwotItem).where(SwotItem.plan_id == plan_id))
        sectors = s.execute(
            select(Sector.code, Sector.label_fr, Sector.label_ar).order_by(Sector.position)
        ).all()
        return rules.propose(
            findings,
            already_linked=linked,
            sector_order=[c for c, _, _ in sectors],
            sector_labels={c: fr for c, fr, _ in sectors},
            sector_labels_ar={c: ar or fr for c, fr, ar in sectors},
        )


def accept_proposal(
    db: Database,
    plan_id: int,
    quadrant: str,
    text: str,
    sector_code: str | None,
    finding_ids: Sequence[int],
    user: str = "",
    text_ar: str = "",
    lang: str = "fr",
) -> SwotItemView:
    """Write one proposal, as the facilitator may have edited it, as a new item citing its findings."""
    values = {
        "quadrant": quadrant,
        "text": text,
        "text_ar": text_ar,
        "sector_code": sector_code,
        "finding_ids": list(finding_ids),
    }
    return add_item(db, plan_id, values, user, lang)


# --------------------------------------------------------------------------- history


def history(db: Database, commune_id: int, limit: int = 30) -> list[audit.AuditView]:
    return audit.history(db, commune_id, [ENTITY], limit)


def undo_last(db: Database, commune_id: int, user: str = "") -> audit.AuditView:
    return audit.undo_last(db, commune_id, [ENTITY], user)
