"""Budget rules of the triennial plan (pure): schedule, cost per year, funding lines, commune share vs capacity."""

from __future__ import annotations

import pytest

from pac.domain import plan as b
from pac.domain.errors import Collector, DomainError
from pac.domain.finance import CapacityEstimate, YearFigures, capacity_for_years

YEARS = b.plan_years(2027)


def project(pid: int = 1, start: int | None = 2027, end: int | None = 2028, costs=None, lines=(), axis="A1"):
    return b.ProjectBudget(
        pid,
        f"P{pid:02d}",
        start,
        end,
        costs if costs is not None else {2027: 600_000, 2028: 400_000},
        tuple(b.FundingLine(*x) for x in lines),
        axis,
    )


def fields(c: Collector) -> set[str]:
    return {p.field for p in c.problems}


# --------------------------------------------------------------------------- plan years


def test_plan_years_first_three_budgeted_then_indicative() -> None:
    assert YEARS == [2027, 2028, 2029, 2030, 2031, 2032]
    assert [b.year_number(2027, y) for y in (2027, 2029, 2032)] == [1, 3, 6]
    assert not b.is_indicative(2027, 2029)
    assert b.is_indicative(2027, 2030)


# --------------------------------------------------------------------------- schedule


def test_schedule_accepts_years_and_costs_in_french_typing() -> None:
    c = Collector()
    start, end, costs = b.validate_schedule(
        c, YEARS, "2027", 2028, {2027: "1 200 000", "2028": 300_000.5, 2029: 0}
    )
    assert not c
    assert (start, end) == (2027, 2028)
    assert costs == {2027: 1_200_000, 2028: 300_000.5}  # zero years are dropped


@pytest.mark.parametrize(
    ("start", "end", "costs", "field"),
    [
        (2026, 2027, {}, "Année de début"),  # before the plan
        (2027, 2033, {}, "Année de fin"),  # after the plan
        (2029, 2028, {}, "Année de fin"),  # end before start
        (None, 2028, {}, "Année de début"),  # required
        (2027, 2028, {2027: -5}, "Coût 2027 (DH)"),  # negative amount
        (2027, 2028, {2027: "beaucoup"}, "Coût 2027 (DH)"),  # not a number
        (2027, 2028, {2030: 100}, "Coût 2030 (DH)"),  # outside the years of execution
        (2027, 2028, {2035: 100}, "Coût par année"),  # outside the plan
    ],
)
def test_schedule_refuses_bad_values_naming_the_field(start, end, costs, field) -> None:
    c = Collector()
    b.validate_schedule(c, YEARS, start, end, costs)
    assert field in fields(c), [str(p) for p in c.problems]


def test_spread_splits_an_estimate_evenly_to_the_dirham() -> None:
    assert b.spread(1_000_000, [2027, 2028, 2029]) == {2027: 333_333, 2028: 333_333, 2029: 333_334}
    assert sum(b.spread(999_999.0, [2027, 2028]).values()) == 999_999
    assert b.spread(0, [2027]) == {}


# --------------------------------------------------------------------------- funding lines


def test_funding_lines_are_checked_row_by_row_with_the_row_number() -> None:
    c = Collector()
    rows = [
        {"partner_code": "COMMUNE", "year": 2027, "amount": 100_000, "status": "secured"},
        {"partner_code": "NOPE", "year": 2027, "amount": 100_000, "status": "secured"},
        {"partner_code": "INDH", "year": 2031, "amount": 100_000, "status": "secured"},
        {"partner_code": "INDH", "year": 2027, "amount": -3, "status": "secured"},
        {"partner_code": "INDH", "year": 2027, "amount": 0, "status": "secured"},
        {"partner_code": "INDH", "year": 2027, "amount": 10, "status": "promised"},
        {"partner_code": None, "year": None, "amount": None, "status": "to_find"},  # an empty row: ignored
    ]
    lines = b.validate_fundings(c, YEARS, {2027: 600_000}, rows, {"COMMUNE", "INDH"})
    by_row = {(p.row, p.field) for p in c.problems}
    assert by_row == {
        (2, "Partenaire"),
        (3, "Année"),
        (4, "Montant (DH)"),
        (5, "Montant (DH)"),
        (6, "Statut"),
    }
    assert "Ligne 3, champ « Année »" in str(next(p for p in c.problems if p.row == 3))
    assert lines[0] == b.FundingLine("COMMUNE", 2027, 100_000, "secured")


def test_funding_above_the_cost_of_a_year_is_refused() -> None:
    c = Collector()
    rows = [
        {"partner_code": "COMMUNE", "year": 2027, "amount": 400_000, "status": "secured"},
        {"partner_code": "INDH", "year": 2027, "amount": 300_000, "status": "negotiation"},
    ]
    b.validate_fundings(c, YEARS, {2027: 600_000}, rows, {"COMMUNE", "INDH"})
    [problem] = c.problems
    assert problem.field == "Montant (DH)" and "dépasser le coût" in problem.message


def test_funding_exactly_the_cost_and_a_partner_typed_by_its_name_are_accepted() -> None:
    c = Collector()
    rows = [{"partner_code": "La commune", "year": 2027, "amount": 600_000, "status": "secured"}]
    lines = b.validate_fundings(c, YEARS, {2027: 600_000}, rows, {"COMMUNE"}, {"COMMUNE": "La commune"})
    assert not c and lines == [b.FundingLine("COMMUNE", 2027, 600_000, "secured")]


def test_new_costs_must_still_cover_the_funding_lines() -> None:
    lines = [b.FundingLine("COMMUNE", 2027, 500_000, "secured")]
    assert b.check_costs_cover_fundings({2027: 500_000}, lines) == []
    [p] = b.check_costs_cover_fundings({2027: 400_000, 2028: 100_000}, lines)
    assert p.field == "Coût 2027 (DH)"


# --------------------------------------------------------------------------- gaps and status


def test_gap_is_cost_not_covered_per_year_and_in_total() -> None:
    p = project(lines=[("COMMUNE", 2027, 100_000, "secured"), ("INDH", 2027, 300_000, "negotiation")])
    assert p.total_cost == 1_000_000
    assert p.funded == 400_000
    assert p.gap == 600_000
    assert p.gap_in(2027) == 200_000 and p.gap_in(2028) == 400_000
    assert p.commune_share == 100_000 and p.share_in(2027) == 100_000 and p.share_in(2028) == 0


def test_funding_status_is_the_least_secure_state() -> None:
    full = [("COMMUNE", 2027, 600_000, "secured"), ("INDH", 2028, 400_000, "secured")]
    assert b.funding_status(project(lines=full)) == "secured"
    assert (
        b.funding_status(project(lines=[*full[:1], ("INDH", 2028, 400_000, "negotiation")])) == "negotiation"
    )
    assert b.funding_status(project(lines=[*full[:1], ("INDH", 2028, 400_000, "to_find")])) == "to_find"
    assert b.funding_status(project(lines=full[:1])) == b.GAP
    assert b.funding_status(project(costs={})) == ""


def test_half_a_dirham_is_not_a_gap() -> None:
    assert project(costs={2027: 1000.4}, lines=[("COMMUNE", 2027, 1000, "secured")]).gap == 0


# --------------------------------------------------------------------------- priority


def test_override_wins_over_the_vote_and_ranked_projects_come_first() -> None:
    assert b.effective_priority(3, None) == 3
    assert b.effective_priority(3, 1) == 1
    assert b.effective_priority(None, None) is None
    keys = sorted(
        [(None, 5.0, "P09"), (2, 1.0, "P02"), (1, 0.0, "P07"), (None, 9.0, "P01")],
        key=lambda x: b.priority_sort_key(*x),
    )
    assert [k[2] for k in keys] == ["P07", "P02", "P01", "P09"]


def test_final_ranks_number_the_plan_with_overrides_taking_their_place() -> None:
    items = [
        (1, 1, None, 50.0, "P01"),
        (2, 2, None, 40.0, "P02"),
        (3, 3, 1, 30.0, "P03"),
        (4, None, None, 9.0, "P04"),
        (5, 4, None, 20.0, "P05"),
    ]
    assert b.final_ranks(items) == {3: 1, 1: 2, 2: 3, 5: 4, 4: None}
    assert b.final_ranks([(1, None, None, None, "P01"), (2, None, 7, None, "P02")]) == {2: 1, 1: None}


def test_an_override_needs_a_reason_which_is_kept() -> None:
    c = Collector()
    assert b.validate_override(c, 2, "Urgence sanitaire signalée par les femmes") == (
        2,
        "Urgence sanitaire signalée par les femmes",
    )
    assert not c
    b.validate_override(c, 2, "  ", of="P04")
    assert fields(c) == {"Motif de la modification — projet P04"}
    c = Collector()
    b.validate_override(c, 0, "x")
    b.validate_override(c, "premier", "x")
    assert fields(c) == {"Rang retenu"}
    assert b.validate_override(Collector(), None, "ignored") == (None, "ignored")


# --------------------------------------------------------------------------- moves (what-if)


def test_a_move_shifts_costs_and_funding_lines_together() -> None:
    p = project(lines=[("COMMUNE", 2027, 100_000, "secured")])
    moved = b.apply_moves([p], YEARS, {1: 2029})[0]
    assert (moved.start_year, moved.end_year) == (2029, 2030)
    assert moved.costs == {2029: 600_000, 2030: 400_000}
    assert moved.fundings == (b.FundingLine("COMMUNE", 2029, 100_000, "secured"),)
    assert p.start_year == 2027  # the original is untouched: a what-if writes nothing


def test_a_move_out_of_the_plan_or_of_an_unscheduled_project_is_refused() -> None:
    with pytest.raises(DomainError, match="hors du plan 2027–2032"):
        b.move_delta(YEARS, project(), 2032)  # two years from 2032 would end in 2033
    with pytest.raises(DomainError, match="hors du plan"):
        b.move_delta(YEARS, project(), 2026)
    with pytest.raises(DomainError, match="pas encore d'années"):
        b.move_delta(YEARS, project(start=None, end=None, costs={}), 2028)
    assert b.move_delta(YEARS, project(), 2031) == 4


# --------------------------------------------------------------------------- share against capacity


def test_commune_share_per_year_against_capacity_gives_the_shortfall() -> None:
    ps = [
        project(1, lines=[("COMMUNE", 2027, 500_000, "secured"), ("COMMUNE", 2028, 100_000, "secured")]),
        project(2, lines=[("COMMUNE", 2027, 300_000, "secured"), ("INDH", 2027, 300_000, "secured")]),
    ]
    caps = {
        2027: CapacityEstimate(2027, 600_000, "actual"),
        2028: CapacityEstimate(2028, 600_000, "forecast"),
    }
    bal = {x.year: x for x in b.balances(ps, YEARS, caps)}
    assert b.commune_share_by_year(ps, YEARS)[2027] == 800_000
    assert bal[2027].share == 800_000 and bal[2027].over and bal[2027].shortfall == 200_000
    assert bal[2027].ratio == pytest.approx(800_000 / 600_000)
    assert bal[2028].share == 100_000 and not bal[2028].over and bal[2028].shortfall == 0
    assert bal[2027].cost == 1_200_000 and bal[2027].gap == 100_000 + 0
    assert bal[2029].basis == "none" and bal[2029].capacity == 0 and not bal[2029].over
    assert not bal[2029].indicative and bal[2030].indicative


def test_a_negative_capacity_means_the_whole_share_is_a_shortfall() -> None:
    caps = {2027: CapacityEstimate(2027, -50_000, "actual")}
    [x] = b.balances([project(lines=[("COMMUNE", 2027, 10_000, "secured")])], [2027], caps)
    assert x.shortfall == 10_000 and x.ratio is None


def test_what_if_relieves_an_overloaded_year() -> None:
    history = [YearFigures(y, own_revenues=700_000) for y in (2024, 2025, 2026)]
    caps = capacity_for_years(history, YEARS)
    ps = [
        project(
            1, costs={2027: 700_000}, start=2027, end=2027, lines=[("COMMUNE", 2027, 500_000, "secured")]
        ),
        project(
            2, costs={2027: 700_000}, start=2027, end=2027, lines=[("COMMUNE", 2027, 400_000, "secured")]
        ),
    ]
    before = {x.year: x for x in b.balances(ps, YEARS, caps)}
    after = {x.year: x for x in b.balances(b.apply_moves(ps, YEARS, {2: 2028}), YEARS, caps)}
    assert before[2027].over and before[2027].shortfall == 200_000
    assert not after[2027].over and not after[2028].over
    assert after[2028].share == 400_000


def test_totals_by_funder_status_and_axis_carry_the_gap() -> None:
    ps = [
        project(1, lines=[("COMMUNE", 2027, 100_000, "secured"), ("INDH", 2027, 300_000, "to_find")]),
        project(2, axis="A2", costs={2028: 50_000}, start=2028, end=2028),
    ]
    by_partner = b.totals_by(ps, YEARS, "partner")
    assert by_partner["COMMUNE"][2027] == 100_000 and by_partner["INDH"][2027] == 300_000
    assert by_partner[b.GAP][2027] == 200_000 and by_partner[b.GAP][2028] == 450_000
    assert b.totals_by(ps, YEARS, "status")["to_find"][2027] == 300_000
    by_axis = b.totals_by(ps, YEARS, "axis")
    assert by_axis["A1"][2027] == 600_000 and by_axis["A2"][2028] == 50_000
    assert b.cost_by_year(ps, YEARS)[2028] == 450_000


# --------------------------------------------------------------------------- amounts as each language writes them


@pytest.mark.parametrize(
    ("typed", "lang", "read"),
    [
        ("1 200 000", "fr", "1200000"),
        ("1\u202f200\u202f000", "fr", "1200000"),
        ("1.200.000", "ar", "1200000"),
        ("١٬٢٠٠٬٠٠٠", "ar", "1200000"),
        ("1.200.000,50", "ar", "1200000,50"),
        ("1.5", "ar", "1.5"),  # not a grouping: left to the number rules
        ("cent", "fr", "cent"),  # not a number: passed on, refused quoting what was typed
    ],
)
def test_an_amount_is_read_the_way_the_interface_writes_it(typed: str, lang: str, read: str) -> None:
    assert b.read_amount(typed, lang) == read


def test_funding_lines_typed_in_arabic_are_read_and_refused_in_arabic() -> None:
    c = Collector()
    lines = b.validate_fundings(
        c,
        YEARS,
        {2027: 2_000_000.0},
        [{"partner_code": "INDH", "year": 2027, "amount": "1.200.000", "status": "secured"}],
        ["INDH", "COMMUNE"],
        lang="ar",
    )
    assert not c and lines == [b.FundingLine("INDH", 2027, 1_200_000.0, "secured")]
    c = Collector()
    b.validate_fundings(
        c,
        YEARS,
        {2027: 2_000_000.0},
        [{"partner_code": "INDH", "year": 2028, "amount": "-5", "status": "secured"}],
        ["INDH"],
        lang="ar",
    )
    fields = {p.field for p in c.problems}
    assert fields <= {"المبلغ (درهم)", "السنة"} and fields  # named in Arabic, never made positive
