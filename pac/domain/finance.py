"""The commune's means, from the institutional and financial analysis.

Surplus (épargne brute) = revenues − operating expenses;
investment capacity = surplus − debt service, unless the analysis states the
capacity itself (override).  For a plan year without figures, the capacity is
a forecast year's figure when one was entered, else the mean of the last
three known years (a prudent, stated assumption the facilitator can replace by
entering a forecast year).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class YearFigures:
    year: int
    own_revenues: float = 0.0
    vat_share: float = 0.0
    other_transfers: float = 0.0
    operating_expenses: float = 0.0
    debt_service: float = 0.0
    capacity_override: float | None = None
    is_forecast: bool = False

    @property
    def revenues(self) -> float:
        return self.own_revenues + self.vat_share + self.other_transfers

    @property
    def surplus(self) -> float:
        return self.revenues - self.operating_expenses

    @property
    def investment_capacity(self) -> float:
        if self.capacity_override is not None:
            return self.capacity_override
        return self.surplus - self.debt_service


@dataclass(frozen=True)
class CapacityEstimate:
    year: int
    amount: float
    basis: str  # "actual" | "forecast" | "average" | "none"
    averaged: tuple[int, ...] = ()  # with "average": the past years whose mean stands in for this one


def capacity_for_years(
    history: Iterable[YearFigures], years: Iterable[int], window: int = 3
) -> dict[int, CapacityEstimate]:
    """The investment capacity expected for each of `years` (see module docstring for the rule)."""
    by_year: Mapping[int, YearFigures] = {f.year: f for f in history}
    actual = sorted((f for f in by_year.values() if not f.is_forecast), key=lambda f: f.year)
    recent = actual[-window:]
    mean = sum(f.investment_capacity for f in recent) / len(recent) if recent else None
    out: dict[int, CapacityEstimate] = {}
    for y in years:
        f = by_year.get(y)
        if f is not None:
            out[y] = CapacityEstimate(y, f.investment_capacity, "forecast" if f.is_forecast else "actual")
        elif mean is not None:
            out[y] = CapacityEstimate(y, mean, "average", tuple(f.year for f in recent))
        else:
            out[y] = CapacityEstimate(y, 0.0, "none")
    return out
