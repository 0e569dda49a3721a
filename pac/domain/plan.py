"""Budget rules of the triennial plan: schedule, cost per year, funding lines, commune share vs capacity.

The plan covers six years; years 1–3 are budgeted (LO 113-14 art. 78), years 4–6 are
indicative.  A project's cost is its cost per year; its funding lines (partner, year,
amount, status) must add up to that cost: what they do not cover is a *gap*, always
shown.  The commune's share is the sum of the lines of the partner ``COMMUNE``; per
year it is compared with the commune's investment capacity (pac.domain.finance).

Pure: plain values in, plain values out.  Validators add problems naming the field, in the reader's
language (`lang`), to a Collector, so that a form is refused as a whole and nothing is half-saved.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pac.domain import validate as v
from pac.domain import vocab
from pac.domain.errors import Collector, DomainError, Problem
from pac.domain.finance import CapacityEstimate
from pac.domain.fmt import money, number
from pac.i18n import t

COMMUNE_PARTNER = "COMMUNE"  # the commune itself, as funder of its own projects
TOLERANCE = 0.5  # DH: amounts are typed by hand; half a dirham is not a gap
MAX_AMOUNT = 10_000_000_000  # 10 billion DH: beyond any commune's project, surely a typing slip
GAP = "gap"  # pseudo-status of what no funding line covers
# Arabic-Indic and Eastern Arabic-Indic digits, as a phone or an Arabic keyboard may type them.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# ar_MA groups thousands with a dot (1.200.000) as the Arabic pages show amounts; a dot followed by groups of
# exactly three digits is read that way in Arabic, never as a decimal point.
_AR_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")


def read_amount(value: Any, lang: str = "fr") -> Any:
    """An amount as typed in the reader's language, made readable by the number validator.

    French writes « 1 200 000,50 » (the validator reads it as is); Arabic (ar_MA) writes « 1.200.000,50 »,
    also with the Arabic separators « ٬ » and « ٫ » or Arabic-Indic digits.  Anything else is passed on
    unchanged, so that the validator refuses it quoting what was typed."""
    if not isinstance(value, str):
        return value
    s = value.strip().translate(_DIGITS).replace("\u066c", "").replace("\u066b", ",")
    for space in (" ", "\u202f", "\xa0"):
        s = s.replace(space, "")
    if lang == "ar" and _AR_GROUPED.match(s):
        return s.replace(".", "")
    return s if s != value.strip() else value


# --------------------------------------------------------------------------- plan years


def plan_years(start_year: int, years: int = vocab.PLAN_YEARS) -> list[int]:
    return list(range(start_year, start_year + years))


def year_number(plan_start: int, year: int) -> int:
    """1 for the plan's first year, 2 for the second..."""
    return year - plan_start + 1


def is_indicative(plan_start: int, year: int) -> bool:
    """Years 4–6 of the plan are indicative; only years 1–3 are budgeted."""
    return year_number(plan_start, year) > vocab.TRIENNIAL_YEARS


# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class FundingLine:
    partner_code: str
    year: int
    amount: float
    status: str = "to_find"


@dataclass(frozen=True)
class ProjectBudget:
    """What the budget rules need of a project: its years, its cost per year, its funding lines."""

    project_id: int
    code: str
    start_year: int | None = None
    end_year: int | None = None
    costs: Mapping[int, float] = field(default_factory=dict)
    fundings: tuple[FundingLine, ...] = ()
    axis: str = ""  # axis code, for the charts by axis

    @property
    def scheduled(self) -> bool:
        return self.start_year is not None and self.end_year is not None

    @property
    def years(self) -> list[int]:
        if self.start_year is None or self.end_year is None:
            return []
        return list(range(self.start_year, self.end_year + 1))

    @property
    def total_cost(self) -> float:
        return sum(self.costs.values())

    @property
    def funded(self) -> float:
        return sum(f.amount for f in self.fundings)

    @property
    def gap(self) -> float:
        """Cost not covered by any funding line (negative would mean over-funding, which is refused)."""
        g = self.total_cost - self.funded
        return 0.0 if abs(g) < TOLERANCE else g

    def funded_in(self, year: int) -> float:
        return sum(f.amount for f in self.fundings if f.year == year)

    def gap_in(self, year: int) -> float:
        g = self.costs.get(year, 0.0) - self.funded_in(year)
        return 0.0 if abs(g) < TOLERANCE else g

    def share_in(self, year: int, partner: str = COMMUNE_PARTNER) -> float:
        return sum(f.amount for f in self.fundings if f.year == year and f.partner_code == partner)

    @property
    def commune_share(self) -> float:
        return sum(f.amount for f in self.fundings if f.partner_code == COMMUNE_PARTNER)

    def shifted(self, delta: int) -> ProjectBudget:
        """The same project executed `delta` years later (earlier when negative): costs and lines move too."""
        if delta == 0 or not self.scheduled:
            return self
        assert self.start_year is not None and self.end_year is not None
        return replace(
            self,
            start_year=self.start_year + delta,
            end_year=self.end_year + delta,
            costs={y + delta: a for y, a in self.costs.items()},
            fundings=tuple(replace(f, year=f.year + delta) for f in self.fundings),
        )


def funding_status(p: ProjectBudget) -> str:
    """One word for the plan table: the least secure state of the project's money.

    ``gap`` when lines do not cover the cost, else ``to_find`` / ``negotiation`` when a
    line is, else ``secured``; ``""`` for a project with neither cost nor line.
    """
    if p.total_cost <= 0 and not p.fundings:
        return ""
    if p.gap > 0:
        return GAP
    statuses = {f.status for f in p.fundings}
    for s in ("to_find", "negotiation"):
        if s in statuses:
            return s
    return "secured"


# --------------------------------------------------------------------------- validation


def validate_schedule(
    c: Collector,
    years: Sequence[int],
    start_year: Any,
    end_year: Any,
    costs: Mapping[Any, Any],
    lang: str = "fr",
) -> tuple[int | None, int | None, dict[int, float]]:
    """Years of execution and cost per year of one project.

    Both years inside the plan, the end not before the start, every cost a number ≥ 0
    and no cost outside the years of execution.
    """
    first, last = years[0], years[-1]
    start = v.year(c, t("plan.field.start", lang), start_year, first=first, last=last, required=True)
    end = v.year(c, t("plan.field.end", lang), end_year, first=first, last=last, required=True)
    if start is not None and end is not None and end < start:
        c.add(
            t("plan.field.end", lang), t("plan.err.end_before_start", lang, end=end, start=start), lang=lang
        )
    out: dict[int, float] = {}
    for raw_year, raw_amount in costs.items():
        y = v.year(c, t("plan.field.cost_year", lang), raw_year, first=first, last=last)
        if y is None:
            continue
        label = t("plan.field.cost_of", lang, year=y)
        amount = v.number(c, label, read_amount(raw_amount, lang), maximum=MAX_AMOUNT)
        if not amount:
            continue
        if start is not None and end is not None and not start <= y <= end:
            c.add(label, t("plan.err.cost_outside", lang, year=y, start=start, end=end), lang=lang)
            continue
        out[y] = amount
    return start, end, out


def validate_fundings(
    c: Collector,
    years: Sequence[int],
    costs: Mapping[int, float],
    rows: Iterable[Mapping[str, Any]],
    partners: Iterable[str],
    partner_labels: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> list[FundingLine]:
    """Funding lines of one project: each refused with its row number and field when wrong.

    A line needs a known partner, a year in which the project has a cost, an amount > 0
    and a status; the lines of a year may not add up to more than that year's cost.
    """
    known = set(partners)
    labels = dict(partner_labels or {})
    first, last = years[0], years[-1]
    lines: list[FundingLine] = []
    for i, row in enumerate(rows, start=1):
        if all(v.is_blank(row.get(k)) for k in ("partner_code", "year", "amount")):
            continue  # an empty row left at the bottom of the table
        partner = v.choice(
            c, t("plan.field.partner", lang), row.get("partner_code"), sorted(known), labels=labels, row=i
        )
        y = v.year(
            c, t("plan.field.year", lang), row.get("year"), first=first, last=last, required=True, row=i
        )
        amount_field = t("plan.field.amount", lang)
        amount = v.number(
            c, amount_field, read_amount(row.get("amount"), lang), required=True, maximum=MAX_AMOUNT, row=i
        )
        if amount is not None and amount <= 0:
            c.add(amount_field, t("plan.err.amount_positive", lang), row=i, lang=lang)
            amount = None
        status = v.choice(
            c, t("plan.field.status", lang), row.get("status") or "to_find", vocab.FUNDING_STATUSES, row=i
        )
        if y is not None and costs.get(y, 0) <= 0:
            c.add(t("plan.field.year", lang), t("plan.err.no_cost_that_year", lang, year=y), row=i, lang=lang)
            continue
        if partner is not None and y is not None and amount is not None and status is not None:
            lines.append(FundingLine(partner, y, amount, status))
    for y in sorted({f.year for f in lines}):
        funded = sum(f.amount for f in lines if f.year == y)
        if funded - costs.get(y, 0) >= TOLERANCE:
            c.add(
                t("plan.field.amount", lang),
                t(
                    "plan.err.funding_over_cost",
                    lang,
                    year=y,
                    funded=number(funded, lang=lang),
                    cost=number(costs.get(y, 0), lang=lang),
                ),
                lang=lang,
            )
    return lines


def check_costs_cover_fundings(
    costs: Mapping[int, float], fundings: Iterable[FundingLine], lang: str = "fr"
) -> list[Problem]:
    """When a schedule changes, the funding lines already entered must still fit the new costs."""
    problems: list[Problem] = []
    by_year: dict[int, float] = {}
    for f in fundings:
        by_year[f.year] = by_year.get(f.year, 0.0) + f.amount
    for y, funded in sorted(by_year.items()):
        cost = costs.get(y, 0.0)
        if funded - cost >= TOLERANCE:
            problems.append(
                Problem(
                    t("plan.field.cost_of", lang, year=y),
                    t(
                        "plan.err.fundings_over_new_cost",
                        lang,
                        year=y,
                        funded=number(funded, lang=lang),
                        cost=number(cost, lang=lang),
                    ),
                    lang=lang,
                )
            )
    return problems


def spread(total: float, years: Sequence[int]) -> dict[int, float]:
    """An even split of an estimated cost over the years of execution (rounded to the dirham)."""
    if not years or total <= 0:
        return {}
    share = round(total / len(years))
    out = {y: float(share) for y in years}
    out[years[-1]] = float(round(total - share * (len(years) - 1)))
    return out


# --------------------------------------------------------------------------- priority


def effective_priority(vote_rank: int | None, override: int | None) -> int | None:
    """The rank the plan uses: the facilitator's override when set, else the vote's."""
    return override if override is not None else vote_rank


def priority_sort_key(
    priority: int | None, score: float | None, code: str, overridden: bool = False
) -> tuple[Any, ...]:
    """Ranked projects first (1, 2, ...; a rank set by the facilitator before the same rank from the vote),
    then unranked by score, then by code."""
    return (priority is None, priority or 0, not overridden, -(score or 0.0), code)


def final_ranks(
    items: Iterable[tuple[int, int | None, int | None, float | None, str]],
) -> dict[int, int | None]:
    """The plan's ranks 1, 2, 3… from (id, vote rank, override, score, code).

    A project moved to rank 2 by the facilitator takes rank 2 and the others move down one,
    as the room expects; projects that neither the vote nor the facilitator ranked get none.
    """
    keyed = sorted(
        items, key=lambda x: priority_sort_key(effective_priority(x[1], x[2]), x[3], x[4], x[2] is not None)
    )
    out: dict[int, int | None] = {}
    n = 0
    for pid, vote, override, _, _ in keyed:
        if effective_priority(vote, override) is None:
            out[pid] = None
        else:
            n += 1
            out[pid] = n
    return out


def validate_override(
    c: Collector, rank: Any, reason: Any, of: str = "", lang: str = "fr", *, other_reason: Any = None
) -> tuple[int | None, str]:
    """An override of the vote's rank needs a reason (in either language: `other_reason` is the version
    of the other language, already stored or typed), which is kept with it.

    `of` names the project in the messages when several are checked at once.
    """

    def field(key: str) -> str:
        name = t(key, lang)
        return t("plan.field.of_project", lang, field=name, code=of) if of else name

    r = v.integer(c, field("plan.field.rank"), rank, minimum=1, maximum=10_000)
    why = v.text(c, field("plan.field.reason"), reason, max_len=1000)
    if r is not None and not why and v.is_blank(other_reason):
        c.add(field("plan.field.reason"), t("plan.err.reason_needed", lang), lang=lang)
    return r, why


# --------------------------------------------------------------------------- moves (what-if)


def move_delta(years: Sequence[int], p: ProjectBudget, new_start: int, lang: str = "fr") -> int:
    """How many years `p` moves to start in `new_start`, refused when it would leave the plan."""
    field = t("plan.field.start", lang)
    if not p.scheduled:
        raise DomainError(Problem(field, t("plan.err.not_scheduled", lang, code=p.code), lang=lang))
    assert p.start_year is not None and p.end_year is not None
    delta = int(new_start) - p.start_year
    if new_start < years[0] or p.end_year + delta > years[-1]:
        raise DomainError(
            Problem(
                field,
                t(
                    "plan.err.move_outside",
                    lang,
                    start=new_start,
                    code=p.code,
                    end=p.end_year + delta,
                    first=years[0],
                    last=years[-1],
                ),
            )
        )
    return delta


def apply_moves(
    projects: Iterable[ProjectBudget], years: Sequence[int], moves: Mapping[int, int]
) -> list[ProjectBudget]:
    """The projects as they would be with each project of `moves` starting in its new year."""
    out = []
    for p in projects:
        if p.project_id in moves:
            p = p.shifted(move_delta(years, p, moves[p.project_id]))
        out.append(p)
    return out


# --------------------------------------------------------------------------- totals and capacity


def commune_share_by_year(projects: Iterable[ProjectBudget], years: Sequence[int]) -> dict[int, float]:
    ps = list(projects)
    return {y: sum(p.share_in(y) for p in ps) for y in years}


def cost_by_year(projects: Iterable[ProjectBudget], years: Sequence[int]) -> dict[int, float]:
    ps = list(projects)
    return {y: sum(p.costs.get(y, 0.0) for p in ps) for y in years}


def totals_by(
    projects: Iterable[ProjectBudget], years: Sequence[int], key: str
) -> dict[str, dict[int, float]]:
    """Per year, the amounts by funder (`key="partner"`), by funding status (`"status"`) or the cost by
    axis (`"axis"`).  Funder and status views carry the uncovered gap under the key ``gap``."""
    out: dict[str, dict[int, float]] = {}

    def add(k: str, y: int, amount: float) -> None:
        if y in years and amount:
            out.setdefault(k, {yy: 0.0 for yy in years})[y] += amount

    for p in projects:
        if key == "axis":
            for y, a in p.costs.items():
                add(p.axis or "—", y, a)
            continue
        for f in p.fundings:
            add(f.partner_code if key == "partner" else f.status, f.year, f.amount)
        for y in p.costs:
            g = p.gap_in(y)
            if g > 0:
                add(GAP, y, g)
    return out


@dataclass(frozen=True)
class YearBalance:
    """The commune's share of one plan year against its investment capacity."""

    year: int
    index: int  # 1..6 within the plan
    share: float
    capacity: float
    basis: str  # actual | forecast | average | none (see pac.domain.finance)
    cost: float = 0.0
    gap: float = 0.0

    @property
    def indicative(self) -> bool:
        return self.index > vocab.TRIENNIAL_YEARS

    @property
    def shortfall(self) -> float:
        """What the plan asks of the commune beyond what it can pay (0 when it can)."""
        s = self.share - max(self.capacity, 0.0)
        return s if s >= TOLERANCE else 0.0

    @property
    def over(self) -> bool:
        return self.shortfall > 0

    @property
    def ratio(self) -> float | None:
        return self.share / self.capacity if self.capacity > 0 else None


def balances(
    projects: Iterable[ProjectBudget], years: Sequence[int], capacities: Mapping[int, CapacityEstimate]
) -> list[YearBalance]:
    ps = list(projects)
    out = []
    for y in years:
        cap = capacities.get(y)
        out.append(
            YearBalance(
                year=y,
                index=year_number(years[0], y),
                share=sum(p.share_in(y) for p in ps),
                capacity=cap.amount if cap else 0.0,
                basis=cap.basis if cap else "none",
                cost=sum(p.costs.get(y, 0.0) for p in ps),
                gap=sum(max(p.gap_in(y), 0.0) for p in ps),
            )
        )
    return out


# --------------------------------------------------------------------------- two versions of a funding grid

FundingKey = tuple[str, int, float, str]


def funding_signature(lines: Iterable[Any]) -> list[FundingKey]:
    """The funding lines (models, views or (partner, year, amount, status) tuples) in a comparable form."""
    out: list[FundingKey] = []
    for f in lines:
        if isinstance(f, (tuple, list)):
            partner, year, amount, status = f
        else:
            partner, year, amount, status = f.partner_code, f.year, f.amount, f.status
        out.append((str(partner), int(year), round(float(amount), 2), str(status)))
    return sorted(out)


def describe_fundings(lines: list[FundingKey], partners: Mapping[str, str], lang: str) -> str:
    """Funding lines in one line of text, for a reader comparing two versions of a grid."""
    from pac.i18n import t
    from pac.i18n import vocab as vocab_label

    if not lines:
        return t("plan.fund.none", lang)
    return " ; ".join(
        f"{partners.get(p, p)} · {y} · {money(a, lang=lang)} · {vocab_label('funding_statuses', st_, lang)}"
        for p, y, a, st_ in lines
    )


def location(p: Any, lang: str = "fr") -> str:
    """Where a project is (`p` has `whole_commune`, `douars` and `douars_ar`), named as a reader of `lang`
    knows the douars: their Arabic names in Arabic.  Empty when no douar is named."""
    if p.whole_commune:
        return t("plan.whole_commune", lang)
    arabic = lang == "ar" and getattr(p, "douars_ar", None)
    return ("، " if lang == "ar" else ", ").join(p.douars_ar if arabic else p.douars)
