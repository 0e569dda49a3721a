"""Number formatting as read in Morocco's French documents: 1 250 000 DH, 12,5 %."""

from __future__ import annotations

import math

NBSP = "\u202f"


def number(x: float | int | None, decimals: int = 0) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    s = f"{x:,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return s


def money(x: float | int | None, unit: str = "DH") -> str:
    return "—" if x is None else f"{number(x)} {unit}"


def mdh(x: float | int | None, decimals: int = 2) -> str:
    """Millions of dirhams, as large figures are usually given."""
    return "—" if x is None else f"{number(x / 1_000_000, decimals)} MDH"


def percent(x: float | None, decimals: int = 0) -> str:
    return "—" if x is None else f"{number(x * 100, decimals)} %"
