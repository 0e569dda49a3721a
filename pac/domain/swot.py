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
SEPARATOR_AR = "؛ "  # the Arabic semicolon, as an Arabic text joins its parts


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
    text_ar: str = ""


@dataclass(frozen=True)
class Proposal:
    """A SWOT item suggested from findings, waiting for the facilitator's decision."""

    key: str  # stable while the same findings are grouped the same way: a rejection sticks
    quadrant: str
    sector_code: str | None
    text: str
    finding_ids: tuple[int, ...]
    text_ar: str = ""  # the Arabic version, drawn from the findings' Arabic texts the same way


def propose(
    findings: Iterable[DraftFinding],
    *,
    already_linked: Iterable[int] = (),
    sector_order: Sequence[str] = (),
    sector_labels: Mapping[str, str] | None = None,
    sector_labels_ar: Mapping[str, str] | None = None,
) -> list[Proposal]:
    """One proposal per quadrant and sector, from the findings no SWOT item cites yet.

    A group of one finding proposes its text; a larger group proposes « Secteur : text ; text … »
    (distinct texts, cut at a separator) for the facilitator to rewrite.  Order: S, W, O, T, then
    sectors in `sector_order` (unknown and transversal last).  Both versions are drawn alike: the French
    one from the findings' French texts with `sector_labels`, the Arabic one from their Arabic texts with
    `sector_labels_ar`; a version no finding has stays empty.
    """
    linked = set(already_linked)
    labels = dict(sector_labels or {})
    labels_ar = dict(sector_labels_ar or labels)
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
        text = _drafted([f.text for f in members], labels.get(sector or "", ""))
        text_ar = _drafted([f.text_ar for f in members], labels_ar.get(sector or "", ""), arabic=True)
        key = f"{q}:{sector or '-'}:{','.join(map(str, ids))}"
        out.append(Proposal(key, q, sector, text, ids, text_ar))
    return out


def _drafted(texts: list[str], label: str, arabic: bool = False) -> str:
    distinct = _distinct(texts)
    if not distinct:
        return ""
    return distinct[0] if len(distinct) == 1 else _summary(label, distinct, arabic)


def _distinct(texts: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for t in texts:
        t = " ".join((t or "").split()).rstrip(" .;")
        if t and t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out


def _summary(label: str, texts: list[str], arabic: bool = False) -> str:
    sep = SEPARATOR_AR if arabic else SEPARATOR
    head = (f"{label}: " if arabic else f"{label} : ") if label else ""
    kept: list[str] = []
    for t in texts:
        candidate = head + sep.join([*kept, t])
        if len(candidate) > GROUP_TEXT_MAX and kept:
            break
        kept.append(t if len(head) + len(t) <= GROUP_TEXT_MAX else t[: GROUP_TEXT_MAX - len(head) - 1] + "…")
    rest = len(texts) - len(kept)
    return head + sep.join(kept) + (f" (+{rest})" if rest else "")


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


def merged_text(keep: str, absorb: str, arabic: bool = False) -> str:
    """The text of two items merged: the first, then the second unless it says nothing new.

    Used for each version alike (the French texts together, the Arabic ones with the Arabic semicolon)."""
    a, b = (keep or "").strip().rstrip(" ;؛"), (absorb or "").strip().rstrip(" ;؛")
    if not b or b.lower() in a.lower():
        return a
    if a.lower() in b.lower():
        return b
    return a + (SEPARATOR_AR if arabic else SEPARATOR) + b


def merged_findings(keep: Iterable[int], absorb: Iterable[int]) -> list[int]:
    out = list(dict.fromkeys([*keep, *absorb]))
    return out


def unsupported(links: Mapping[int, Sequence[int]]) -> set[int]:
    """Items that cite no finding: flagged, since every claim of the SWOT must be traceable."""
    return {item_id for item_id, found in links.items() if not found}
