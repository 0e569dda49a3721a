"""Rules of the SWOT (AFOM): which quadrant a finding feeds, drafts, numbering, order, merge.

The quadrant rule (internal / external)
---------------------------------------
A SWOT separates what the commune holds in its own hands (internal: strengths,
weaknesses) from what comes from its environment (external: opportunities,
threats).  The diagnostic reports already sort their findings by kind, and the
kind says on which side a finding stands, whatever its source:

======================  =========================  ===================
kind of finding         side                       quadrant
======================  =========================  ===================
atout (asset)           internal, favourable       S — Forces
contrainte (constraint) internal, unfavourable     W — Faiblesses
besoin (need)           internal, unfavourable     W — Faiblesses
potentialité (potential) external, favourable      O — Opportunités
risque (risk)           external, unfavourable     T — Menaces
======================  =========================  ===================

*Needs are weaknesses*: a need voiced in a workshop (« un dispensaire au douar
X ») states a lack of the commune's own services, i.e. an internal gap the plan
must close; it is not an external event.  *Potentials are opportunities*: in
the reports they name resources and trends the commune can seize (argan,
tourism, the diaspora's savings, a regional programme) rather than capacities
it already masters, which the reports call atouts.  The source does not change
the side: the institutional and financial analysis speaks of the commune
itself, so its findings are mostly atouts and contraintes, and fall internal by
their kind anyway.  The rule only *proposes*: the facilitator moves any item to
another quadrant, and a draft is never written without being accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pac.domain import vocab

KIND_TO_QUADRANT: dict[str, str] = {
    "asset": "S",
    "constraint": "W",
    "need": "W",
    "potential": "O",
    "risk": "T",
}
INTERNAL = frozenset({"S", "W"})
TEXT_MAX = 600
GROUP_TEXT_MAX = 500  # a draft that gathers several findings stays short enough to read on the wall
SEPARATOR = " ; "


def quadrant_for(kind: str) -> str:
    """The quadrant a finding of `kind` feeds (see the module docstring for the rule)."""
    return KIND_TO_QUADRANT[kind]


def is_internal(quadrant: str) -> bool:
    return quadrant in INTERNAL


@dataclass(frozen=True)
class DraftFinding:
    id: int
    kind: str
    sector_code: str | None
    text: str


@dataclass(frozen=True)
class Proposal:
    """A SWOT item suggested from findings, waiting for the facilitator's decision."""

    key: str  # stable while the same findings are grouped the same way: a rejection sticks
    quadrant: str
    sector_code: str | None
    text: str
    finding_ids: tuple[int, ...]


def propose(
    findings: Iterable[DraftFinding],
    *,
    already_linked: Iterable[int] = (),
    sector_order: Sequence[str] = (),
    sector_labels: Mapping[str, str] | None = None,
) -> list[Proposal]:
    """One proposal per quadrant and sector, from the findings no SWOT item cites yet.

    A group of one finding proposes its text; a larger group proposes « Secteur : text ; text … »
    (distinct texts, cut at a separator) for the facilitator to rewrite.  Order: S, W, O, T, then
    sectors in `sector_order` (unknown and transversal last).
    """
    linked = set(already_linked)
    labels = dict(sector_labels or {})
    groups: dict[tuple[str, str | None], list[DraftFinding]] = {}
    for f in findings:
        if f.id in linked or f.kind not in KIND_TO_QUADRANT:
            continue
        groups.setdefault((quadrant_for(f.kind), f.sector_code or None), []).append(f)
    rank = {code: i for i, code in enumerate(sector_order)}

    def order(key: tuple[str, str | None]) -> tuple[int, int, str]:
        q, sector = key
        return vocab.QUADRANTS.index(q), rank.get(sector or "", len(rank) + (sector is None)), sector or ""

    out: list[Proposal] = []
    for q, sector in sorted(groups, key=order):
        members = sorted(groups[(q, sector)], key=lambda f: f.id)
        ids = tuple(f.id for f in members)
        texts = _distinct(f.text for f in members)
        text = texts[0] if len(texts) == 1 else _summary(labels.get(sector or "", ""), texts)
        out.append(Proposal(f"{q}:{sector or '-'}:{','.join(map(str, ids))}", q, sector, text, ids))
    return out


def _distinct(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for t in texts:
        t = " ".join(t.split()).rstrip(" .;")
        if t and t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def _summary(label: str, texts: list[str]) -> str:
    head = f"{label} : " if label else ""
    kept: list[str] = []
    for t in texts:
        candidate = head + SEPARATOR.join([*kept, t])
        if len(candidate) > GROUP_TEXT_MAX and kept:
            break
        kept.append(t if len(head) + len(t) <= GROUP_TEXT_MAX else t[: GROUP_TEXT_MAX - len(head) - 1] + "…")
    rest = len(texts) - len(kept)
    return head + SEPARATOR.join(kept) + (f" (+{rest})" if rest else "")


# --------------------------------------------------------------------------- numbering and order


@dataclass(frozen=True)
class Placed:
    id: int
    quadrant: str
    position: int


def ordered(items: Iterable[Placed]) -> dict[str, list[int]]:
    """Item ids per quadrant in display order (position, then creation order)."""
    out: dict[str, list[int]] = {q: [] for q in vocab.QUADRANTS}
    for it in sorted(items, key=lambda i: (i.position, i.id)):
        out[it.quadrant].append(it.id)
    return out


def numbers(items: Iterable[Placed], prefixes: Mapping[str, str]) -> dict[int, str]:
    """The label of each item as read aloud in the room: the quadrant's prefix and its rank (F1, Fa2…)."""
    return {
        item_id: f"{prefixes.get(q, q)}{i}"
        for q, ids in ordered(items).items()
        for i, item_id in enumerate(ids, start=1)
    }


def shifted(order: Sequence[int], item_id: int, delta: int) -> list[int]:
    """`order` with `item_id` moved `delta` places (clamped at both ends)."""
    ids = list(order)
    i = ids.index(item_id)
    j = max(0, min(len(ids) - 1, i + delta))
    ids.insert(j, ids.pop(i))
    return ids


def merged_text(keep: str, absorb: str) -> str:
    """The text of two items merged: the first, then the second unless it says nothing new."""
    a, b = keep.strip().rstrip(" ;"), absorb.strip().rstrip(" ;")
    if not b or b.lower() in a.lower():
        return a
    if a.lower() in b.lower():
        return b
    return a + SEPARATOR + b


def merged_findings(keep: Iterable[int], absorb: Iterable[int]) -> list[int]:
    out = list(dict.fromkeys([*keep, *absorb]))
    return out


def unsupported(links: Mapping[int, Sequence[int]]) -> set[int]:
    """Items that cite no finding: flagged, since every claim of the SWOT must be traceable."""
    return {item_id for item_id, found in links.items() if not found}
