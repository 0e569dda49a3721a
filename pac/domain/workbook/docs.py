"""docs/workbook.md's reference part, rendered from `SHEETS` so that it cannot drift from the code."""

from __future__ import annotations

from pac.domain.workbook.columns import AMOUNT, INT, LONG, REF, TEXT, Column
from pac.domain.workbook.sheets import SHEETS

LAYOUT_START = "<!-- layout:start -->\n"
LAYOUT_END = "<!-- layout:end -->"


def render_markdown() -> str:
    """The reference part of docs/workbook.md: every sheet, every column (generated, so it cannot drift)."""
    out: list[str] = []
    for sheet in SHEETS:
        out.append(f"### `{sheet.name}` — {sheet.title}\n")
        out.append(f"{sheet.doc}")
        if sheet.key:
            out.append(f" Unique : {', '.join(sheet.key)}.")
        out.append("\n\n| colonne | type | obligatoire | valeurs permises / référence | description |\n")
        out.append("|---|---|---|---|---|\n")
        for col in sheet.columns:
            out.append(
                f"| `{col.name}` | {col.type_label} | {_required(col)} | {allowed_text(col)} | {col.doc} |\n"
            )
        out.append("\n")
    return "".join(out)


def allowed_text(col: Column) -> str:
    """What a column accepts besides its type: its closed list, its bounds, or what it refers to."""
    parts: list[str] = []
    if col.allowed:
        codes = [str(a) for a in col.allowed if a != ""]
        parts.append(", ".join(codes) + (" ou vide" if "" in col.allowed else ""))
    if col.refers:
        parts.append(f"→ {col.refers}")
    if col.kind == AMOUNT or (col.kind in (INT, REF) and col.minimum is not None):
        lo = 1 if col.kind == REF else 0
        parts.append(f"≥ {lo}" + (f", ≤ {col.maximum:g}" if col.maximum is not None else ""))
    if col.kind == TEXT and not col.refers:
        parts.append("texte long" if col.max_len >= LONG else f"≤ {col.max_len} caractères")
    return " ; ".join(parts)


def _required(col: Column) -> str:
    if col.required:
        return "oui"
    if col.either_required:
        return f"l'une des deux : `{col.french or col.name}` ou `{col.arabic or col.name}`"
    return "non"


def with_layout(doc: str) -> str:
    """`doc` (the text of docs/workbook.md) with its generated part, between the layout markers, rendered anew."""
    head, rest = doc.split(LAYOUT_START, 1)
    _, tail = rest.split(LAYOUT_END, 1)
    return f"{head}{LAYOUT_START}{render_markdown()}{LAYOUT_END}{tail}"
