"""Rules of the strategy: codes of axes, objectives and projects, ordering, and the SWOT links.

An objective should answer at least one SWOT item, and every weakness or threat
should be answered by at least one objective: `swot_links` finds both gaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pac.domain import validate as v
from pac.domain.errors import Collector

CODE_MAX = 20
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")
_TRAILING_NUMBER = re.compile(r"(\d+)$")
# Quadrants an objective is expected to answer (a strength or an opportunity may stay unused).
MUST_ANSWER = ("W", "T")


def code(c: Collector, field: str, value: Any, lang: str = "fr", **where: Any) -> str:
    """A short code (A1, O1.2, P1.2.3): letters without accents, digits, '.', '-', '_'."""
    from pac.i18n import t

    if lang != "fr" and not where:
        if v.is_blank(value):
            c.add(field, t("vision.code_required", lang), lang=lang)
            return ""
        s = str(value).strip()
        if len(s) > CODE_MAX:
            c.add(field, t("bitext.too_long", lang, max=CODE_MAX, n=len(s)), lang=lang)
    else:
        s = v.text(c, field, value, required=True, max_len=CODE_MAX, **where)
    if s and not _CODE.match(s):
        c.add(field, t("vision.code_invalid", lang, code=s), lang=lang if not where else "fr", **where)
    return s


def next_code(prefix: str, existing: Iterable[str]) -> str:
    """`prefix` followed by one more than the highest number already used after it (A1, A2 → A3)."""
    highest = 0
    for c in existing:
        if c.startswith(prefix):
            rest = c[len(prefix) :]
            if rest.isdigit():
                highest = max(highest, int(rest))
    return f"{prefix}{highest + 1}"


def _number_of(code_: str, letter: str) -> str:
    """The numbering part of a code: A2 → '2', O2.3 → '2.3'; a free code is kept as it is."""
    if code_[:1].upper() == letter and len(code_) > 1 and code_[1:2].isdigit():
        return code_[1:]
    return code_


def increment(code_: str) -> str:
    """The code with its last number one higher, keeping its width: P09 → P10, A1.O2 → A1.O3."""
    m = _TRAILING_NUMBER.search(code_)
    if not m:
        return f"{code_}1"
    digits = m.group(1)
    return code_[: m.start()] + str(int(digits) + 1).zfill(len(digits))


def axis_code(existing: Iterable[str]) -> str:
    """A1, A2… or, when the plan numbers its axes otherwise (AXE-1, I, …), the next of its own numbers."""
    codes = [c for c in existing if c]
    if not codes or any(re.fullmatch(r"A\d+", c) for c in codes):
        return next_code("A", codes)
    return _free(increment(max(codes, key=natural_key)), codes)


def _free(candidate: str, taken: Iterable[str]) -> str:
    used = set(taken)
    while candidate in used:
        candidate = increment(candidate)
    return candidate


def _belongs(parent: str, child: str, letter: str) -> bool:
    """Does the child's code spell its parent's (A1 → A1.O2, or O1.2 → P1.2.3)?"""
    return child.startswith(parent) or child[1:].startswith(_number_of(parent, letter) + ".")


def child_code(parent: str, family: Sequence[tuple[str, str]], letter: str, child_letter: str) -> str:
    """The next code for a child of `parent`, following the plan's own numbering.

    `family` lists (parent code, child code) for every child of this level in the plan.  When the
    children spell their parent's code (A1.O1, A1.O2 or O1.2 → P1.2.1) the next sibling is numbered
    after the last one; when they are numbered through the plan (P01…P44) the plan's next number
    is used; with nothing yet, <child letter><parent number>.1.
    """
    taken = [c for _, c in family]
    siblings = [c for p, c in family if p == parent]
    hierarchical = bool(family) and all(_belongs(p, c, letter) for p, c in family)
    if family and not hierarchical:
        return _free(increment(max(taken, key=natural_key)), taken)
    if siblings:
        return _free(increment(max(siblings, key=natural_key)), taken)
    for p, c in family:
        if c.startswith(p):  # A2.O1 → A3.O1
            return _free(parent + re.sub(r"\d+$", "1", c[len(p) :]), taken)
    return _free(f"{child_letter}{_number_of(parent, letter)}.1", taken)


def objective_code(axis_code_: str, family: Sequence[tuple[str, str]] = ()) -> str:
    """Next objective code of an axis (see `child_code`): O2.1, O2.2… by default."""
    return child_code(axis_code_, family, "A", "O")


def project_code(objective_code_: str, family: Sequence[tuple[str, str]] = ()) -> str:
    """Next project code of an objective (see `child_code`): P2.1.1, P2.1.2… by default."""
    return child_code(objective_code_, family, "O", "P")


def moved(ids: Sequence[int], item: int, step: int) -> list[int]:
    """The order `ids` with `item` moved `step` places (-1 up, +1 down), clamped at both ends."""
    order = list(ids)
    if item not in order:
        return order
    i = order.index(item)
    j = max(0, min(len(order) - 1, i + step))
    order.insert(j, order.pop(i))
    return order


def natural_key(code_: str) -> tuple[Any, ...]:
    """Sort key reading the numbers of a code as numbers: P1.2 before P1.10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code_))


# --------------------------------------------------------------------------- SWOT links


@dataclass(frozen=True)
class SwotRef:
    id: int
    quadrant: str
    text: str


@dataclass(frozen=True)
class ObjectiveRef:
    id: int
    code: str
    swot_ids: frozenset[int]


@dataclass(frozen=True)
class SwotLinkReport:
    """Objectives that answer no SWOT item; weaknesses and threats that no objective answers."""

    objectives_without_link: tuple[int, ...]
    unanswered: tuple[int, ...]  # SWOT item ids, in the order given
    answered_by: dict[int, tuple[int, ...]]  # SWOT item id -> objective ids

    @property
    def ok(self) -> bool:
        return not self.objectives_without_link and not self.unanswered


def swot_links(objectives: Sequence[ObjectiveRef], items: Sequence[SwotRef]) -> SwotLinkReport:
    """Check the links both ways; a link to an item that no longer exists counts for nothing."""
    known = {i.id for i in items}
    answered: dict[int, list[int]] = {}
    lonely: list[int] = []
    for o in objectives:
        live = [sid for sid in o.swot_ids if sid in known]
        if not live:
            lonely.append(o.id)
        for sid in live:
            answered.setdefault(sid, []).append(o.id)
    unanswered = tuple(i.id for i in items if i.quadrant in MUST_ANSWER and i.id not in answered)
    return SwotLinkReport(tuple(lonely), unanswered, {k: tuple(x) for k, x in answered.items()})


def clean_values(c: Collector, lines: Iterable[Any], field: str = "Valeurs") -> list[str]:
    """The plan's values, one per entry: trimmed, blanks dropped, duplicates refused."""
    out: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, start=1):
        s = v.text(c, f"{field} (n° {n})", line, max_len=300)
        if not s:
            continue
        if s.casefold() in seen:
            c.add(f"{field} (n° {n})", f"« {s} » figure déjà dans la liste.")
            continue
        seen.add(s.casefold())
        out.append(s)
    if len(out) > 30:
        c.add(field, f"30 valeurs au plus ({len(out)} saisies).")
    return out


def bi_text(
    c: Collector,
    field: str,
    fr: Any,
    ar: Any,
    *,
    lang: str = "fr",
    required: bool = False,
    max_len: int = 300,
) -> tuple[str, str]:
    """Both versions of a text the commune writes: each trimmed, bounded and never HTML; when `required`,
    at least one of them.  Messages name the field (and the version) in the reader's language."""
    from pac.i18n import t

    out: list[str] = []
    for value, which in ((fr, "fr"), (ar, "ar")):
        name = f"{field} ({t(f'bitext.lang.{which}', lang)})"
        if v.is_blank(value):
            out.append("")
            continue
        if not isinstance(value, str | int | float):
            c.add(name, t("bitext.bad_type", lang), lang=lang)
            out.append("")
            continue
        s = str(value).strip()
        if len(s) > max_len:
            c.add(name, t("bitext.too_long", lang, max=max_len, n=len(s)), lang=lang)
        if v._TAG.search(s):  # the same rule as every other text field
            c.add(name, t("bitext.no_html", lang), lang=lang)
        bad = v._UNSTORABLE.search(s)  # a lone surrogate or a control character: named, never stored
        if bad:
            c.add(name, t("validate.bad_char", lang, code=f"U+{ord(bad.group()):04X}"), lang=lang)
        out.append(s)
    if required and not (out[0] or out[1]):
        c.add(field, t("bitext.need_one", lang), lang=lang)
    return out[0], out[1]


def clean_value_pairs(
    c: Collector, lines: Sequence[Any], lines_ar: Sequence[Any] | None = None, *, lang: str = "fr"
) -> list[tuple[str, str]]:
    """The plan's values as (French, Arabic) pairs: line n of each list is one value; a line blank in
    both is dropped; duplicates (in either language) and more than 30 values are refused."""
    from pac.i18n import t

    ar_lines = list(lines_ar or [])
    fr_lines = list(lines)
    n_lines = max(len(fr_lines), len(ar_lines))
    fr_lines += [""] * (n_lines - len(fr_lines))
    ar_lines += [""] * (n_lines - len(ar_lines))
    name = t("vision.values_field", lang)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for n, (fr, ar) in enumerate(zip(fr_lines, ar_lines, strict=True), start=1):
        pair = bi_text(c, t("vision.value_n", lang, field=name, n=n), fr, ar, lang=lang, max_len=300)
        if not (pair[0] or pair[1]):
            continue
        dup = next((x for x in pair if x and x.casefold() in seen), None)
        if dup is not None:
            c.add(
                t("vision.value_n", lang, field=name, n=n),
                t("vision.value_duplicate", lang, text=dup),
                lang=lang,
            )
            continue
        seen.update(x.casefold() for x in pair if x)
        out.append(pair)
    if len(out) > 30:
        c.add(name, t("vision.values_too_many", lang, n=len(out)), lang=lang)
    return out
