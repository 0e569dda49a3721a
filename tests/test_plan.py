"""The triennial plan through its services, on a real SQLite file: priorities, schedule, funding, moves."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from pac.db import Database
from pac.domain.errors import DomainError
from pac.models import Axis, FinancialYear, Funding, Objective, Project, ProjectYearCost
from pac.services import communes
from pac.services import plan as plan_service


@dataclass
class Plan:
    commune_id: int
    plan_id: int
    ids: dict[str, int]  # project code -> id


@pytest.fixture
def plan(catalogued_db: Database) -> Plan:
    """A commune, its 2027–2032 plan, one axis, one objective, four projects ranked by a vote, finances."""
    c = communes.create_commune(catalogued_db, {"name_fr": "Tinzert", "province": "Taroudant"})
    p = communes.create_plan(catalogued_db, c.id, {"start_year": 2027})
    with catalogued_db.write() as s:
        axis = Axis(plan_id=p.id, code="A1", title="Eau et assainissement", position=1)
        axis.objectives = [Objective(code="O1.1", title="Accès à l'eau potable", position=1)]
        s.add(axis)
        s.flush()
        oid = axis.objectives[0].id
        projects = [
            Project(
                plan_id=p.id,
                objective_id=oid,
                code="P01",
                title="Adduction d'eau potable",
                total_cost=1_000_000,
                vote_rank=2,
                vote_score=40,
            ),
            Project(
                plan_id=p.id,
                objective_id=oid,
                code="P02",
                title="Citernes collectives",
                total_cost=600_000,
                vote_rank=1,
                vote_score=55,
            ),
            Project(
                plan_id=p.id,
                objective_id=oid,
                code="P03",
                title="Assainissement du centre",
                total_cost=900_000,
                vote_rank=3,
                vote_score=30,
            ),
            Project(plan_id=p.id, objective_id=oid, code="P04", title="Étude", total_cost=100_000),
        ]
        s.add_all(projects)
        for y in (2024, 2025, 2026):  # capacity: 1 MDH a year
            s.add(
                FinancialYear(commune_id=c.id, year=y, own_revenues=5_000_000, operating_expenses=4_000_000)
            )
        s.flush()
        ids = {x.code: x.id for x in projects}
    return Plan(c.id, p.id, ids)


def row(pid: int, in_plan: bool = True, rank=None, reason="") -> dict:
    return {"id": pid, "in_plan": in_plan, "priority_override": rank, "priority_override_reason": reason}


def count(db: Database, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


# --------------------------------------------------------------------------- priorities


def test_board_ranks_by_vote_then_unranked_last(catalogued_db: Database, plan: Plan) -> None:
    board = plan_service.load_board(catalogued_db, plan.plan_id)
    assert [p.code for p in board.projects] == ["P02", "P01", "P03", "P04"]
    assert board.retained == []
    assert board.finance_years == 3
    assert {c.basis for c in board.capacities.values()} == {"average"}
    assert board.capacities[2027].amount == 1_000_000


def test_retain_and_override_with_a_reason_kept_then_reopen(catalogued_db: Database, plan: Plan) -> None:
    ids = plan.ids
    n = plan_service.save_priorities(
        catalogued_db,
        plan.plan_id,
        [
            row(ids["P01"], rank=1, reason="Urgence : les femmes portent l'eau sur 3 km"),
            row(ids["P02"]),
            row(ids["P03"], in_plan=False),
            row(ids["P04"], in_plan=False),
        ],
    )
    assert n == 2
    reopened = Database(catalogued_db.url)
    try:
        board = plan_service.load_board(reopened, plan.plan_id)
    finally:
        reopened.dispose()
    # moved to rank 1 by the facilitator, P01 goes first and the vote's first moves down one
    assert [(p.code, p.priority) for p in board.projects] == [
        ("P01", 1),
        ("P02", 2),
        ("P03", 3),
        ("P04", None),
    ]
    p01 = board.project(ids["P01"])
    assert (p01.vote_rank, p01.priority_override, p01.priority_override_reason) == (
        2,
        1,
        "Urgence : les femmes portent l'eau sur 3 km",
    )
    assert p01.in_plan and p01.status == "retained"
    assert [p.code for p in board.retained] == ["P01", "P02"]


def test_an_override_without_reason_refuses_the_whole_table(catalogued_db: Database, plan: Plan) -> None:
    ids = plan.ids
    with pytest.raises(DomainError) as e:
        plan_service.save_priorities(catalogued_db, plan.plan_id, [row(ids["P01"]), row(ids["P02"], rank=4)])
    assert [p.field for p in e.value.problems] == ["Motif de la modification — projet P02"]
    board = plan_service.load_board(catalogued_db, plan.plan_id)
    assert board.retained == []  # P01 was not half-saved


def test_taking_a_project_out_keeps_its_work_and_status_follows(catalogued_db: Database, plan: Plan) -> None:
    pid = plan.ids["P01"]
    plan_service.set_in_plan(catalogued_db, pid, True)
    plan_service.save_schedule(catalogued_db, pid, 2027, 2027, {2027: 1_000_000})
    plan_service.set_in_plan(catalogued_db, pid, False)
    p = plan_service.load_board(catalogued_db, plan.plan_id).project(pid)
    assert not p.in_plan and p.status == "proposed" and p.budget.costs == {2027: 1_000_000}
    plan_service.set_priority(catalogued_db, pid, 5, "Dépend de l'étude P04")
    plan_service.set_priority(catalogued_db, pid, None, "")
    p = plan_service.load_board(catalogued_db, plan.plan_id).project(pid)
    assert p.priority_override is None and p.priority_override_reason == "" and p.vote_rank == 2


# --------------------------------------------------------------------------- schedule and funding


def test_schedule_writes_years_costs_and_the_total(catalogued_db: Database, plan: Plan) -> None:
    pid = plan.ids["P01"]
    plan_service.save_schedule(catalogued_db, pid, 2027, 2028, {2027: "700 000", 2028: 500_000, 2029: 0})
    p = plan_service.load_board(catalogued_db, plan.plan_id).project(pid)
    assert (p.start_year, p.end_year) == (2027, 2028)
    assert p.budget.costs == {2027: 700_000, 2028: 500_000}
    assert p.estimated_cost == 1_200_000  # the project's cost is now the sum of its years
    plan_service.save_schedule(catalogued_db, pid, 2028, 2028, {2028: 900_000})
    assert plan_service.load_board(catalogued_db, plan.plan_id).project(pid).budget.costs == {2028: 900_000}
    assert count(catalogued_db, ProjectYearCost) == 1


@pytest.mark.parametrize(
    ("start", "end", "costs", "field"),
    [
        (2027, 2028, {2027: -1}, "Coût 2027 (DH)"),
        (2025, 2027, {}, "Année de début"),
        (2027, 2040, {}, "Année de fin"),
        (2027, 2027, {2029: 5}, "Coût 2029 (DH)"),
        (2027, 2027, {2027: "cher"}, "Coût 2027 (DH)"),
    ],
)
def test_bad_schedules_change_nothing(catalogued_db: Database, plan: Plan, start, end, costs, field) -> None:
    pid = plan.ids["P01"]
    plan_service.save_schedule(catalogued_db, pid, 2027, 2027, {2027: 1_000_000})
    with pytest.raises(DomainError) as e:
        plan_service.save_schedule(catalogued_db, pid, start, end, costs)
    assert field in {p.field for p in e.value.problems}
    p = plan_service.load_board(catalogued_db, plan.plan_id).project(pid)
    assert (p.start_year, p.end_year, dict(p.budget.costs)) == (2027, 2027, {2027: 1_000_000})


def test_funding_lines_replace_and_the_gap_shows(catalogued_db: Database, plan: Plan) -> None:
    pid = plan.ids["P01"]
    plan_service.save_schedule(catalogued_db, pid, 2027, 2028, {2027: 600_000, 2028: 400_000})
    plan_service.save_fundings(
        catalogued_db,
        pid,
        [
            {"partner_code": "COMMUNE", "year": 2027, "amount": 150_000, "status": "secured"},
            {"partner_code": "INDH", "year": 2027, "amount": "450 000", "status": "negotiation"},
            {"partner_code": "ONEE_EAU", "year": 2028, "amount": 200_000, "status": "to_find"},
        ],
    )
    b = plan_service.load_board(catalogued_db, plan.plan_id).project(pid).budget
    assert (
        b.funded == 800_000 and b.gap == 200_000 and b.gap_in(2028) == 200_000 and b.commune_share == 150_000
    )
    plan_service.save_fundings(
        catalogued_db,
        pid,
        [{"partner_code": "COMMUNE", "year": 2027, "amount": 600_000, "status": "secured"}],
    )
    assert count(catalogued_db, Funding) == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ({"partner_code": "COMMUNE", "year": 2027, "amount": 700_000, "status": "secured"}, "Montant (DH)"),
        ({"partner_code": "COMMUNE", "year": 2027, "amount": -5, "status": "secured"}, "Montant (DH)"),
        ({"partner_code": "MARS", "year": 2027, "amount": 5, "status": "secured"}, "Partenaire"),
        ({"partner_code": "COMMUNE", "year": 2031, "amount": 5, "status": "secured"}, "Année"),
        ({"partner_code": "COMMUNE", "year": 2045, "amount": 5, "status": "secured"}, "Année"),
        ({"partner_code": "COMMUNE", "year": 2027, "amount": 5, "status": "peut-être"}, "Statut"),
    ],
)
def test_bad_funding_lines_are_refused_and_nothing_changes(
    catalogued_db: Database, plan: Plan, line, field
) -> None:
    pid = plan.ids["P01"]
    plan_service.save_schedule(catalogued_db, pid, 2027, 2027, {2027: 600_000})
    good = {"partner_code": "COMMUNE", "year": 2027, "amount": 100_000, "status": "secured"}
    plan_service.save_fundings(catalogued_db, pid, [good])
    with pytest.raises(DomainError) as e:
        plan_service.save_fundings(catalogued_db, pid, [good, line])
    assert field in {p.field for p in e.value.problems}
    assert [
        f.amount for f in plan_service.load_board(catalogued_db, plan.plan_id).project(pid).budget.fundings
    ] == [100_000]


def test_a_schedule_that_would_leave_funding_above_the_cost_is_refused(
    catalogued_db: Database, plan: Plan
) -> None:
    pid = plan.ids["P01"]
    plan_service.save_schedule(catalogued_db, pid, 2027, 2028, {2027: 600_000, 2028: 400_000})
    plan_service.save_fundings(
        catalogued_db,
        pid,
        [{"partner_code": "COMMUNE", "year": 2028, "amount": 400_000, "status": "secured"}],
    )
    with pytest.raises(DomainError, match="réduisez d'abord les financements"):
        plan_service.save_schedule(catalogued_db, pid, 2027, 2027, {2027: 1_000_000})
    assert plan_service.load_board(catalogued_db, plan.plan_id).project(pid).end_year == 2028


# --------------------------------------------------------------------------- capacity and what-if


def _two_heavy_projects(db: Database, plan: Plan) -> None:
    plan_service.save_priorities(db, plan.plan_id, [row(plan.ids["P01"]), row(plan.ids["P02"])])
    for code, share in (("P01", 700_000), ("P02", 500_000)):
        pid = plan.ids[code]
        plan_service.save_schedule(db, pid, 2027, 2027, {2027: 1_000_000})
        plan_service.save_fundings(
            db, pid, [{"partner_code": "COMMUNE", "year": 2027, "amount": share, "status": "secured"}]
        )


def test_commune_share_against_capacity_and_a_what_if_that_writes_nothing(
    catalogued_db: Database, plan: Plan
) -> None:
    _two_heavy_projects(catalogued_db, plan)
    board = plan_service.load_board(catalogued_db, plan.plan_id)
    [y1] = [x for x in board.balances() if x.year == 2027]
    assert y1.share == 1_200_000 and y1.capacity == 1_000_000 and y1.shortfall == 200_000
    after = {x.year: x for x in board.balances({plan.ids["P02"]: 2028})}
    assert not after[2027].over and after[2028].share == 500_000
    # the simulation wrote nothing
    assert plan_service.load_board(catalogued_db, plan.plan_id).project(plan.ids["P02"]).start_year == 2027


def test_apply_moves_shifts_costs_and_lines_in_one_transaction(catalogued_db: Database, plan: Plan) -> None:
    _two_heavy_projects(catalogued_db, plan)
    assert (
        plan_service.apply_moves(catalogued_db, plan.plan_id, {plan.ids["P02"]: 2029, plan.ids["P01"]: 2027})
        == 1
    )
    reopened = Database(catalogued_db.url)
    try:
        p = plan_service.load_board(reopened, plan.plan_id).project(plan.ids["P02"])
    finally:
        reopened.dispose()
    assert (p.start_year, p.end_year, dict(p.budget.costs)) == (2029, 2029, {2029: 1_000_000})
    assert [(f.year, f.amount) for f in p.budget.fundings] == [(2029, 500_000)]


def test_one_refused_move_refuses_them_all(catalogued_db: Database, plan: Plan) -> None:
    _two_heavy_projects(catalogued_db, plan)
    with pytest.raises(DomainError, match="hors du plan"):
        plan_service.apply_moves(catalogued_db, plan.plan_id, {plan.ids["P02"]: 2029, plan.ids["P01"]: 2040})
    board = plan_service.load_board(catalogued_db, plan.plan_id)
    assert board.project(plan.ids["P02"]).start_year == 2027


def test_plan_table_has_the_usual_columns(catalogued_db: Database, plan: Plan) -> None:
    _two_heavy_projects(catalogued_db, plan)
    df = plan_service.plan_table(plan_service.load_board(catalogued_db, plan.plan_id))
    for col in (
        "Code",
        "Axe",
        "Objectif",
        "Projet",
        "Secteur",
        "Compétence",
        "Localisation",
        "Bénéficiaires femmes",
        "Coût total (DH)",
        "Coût A1 (2027)",
        "Coût A2 (2028)",
        "Coût A3 (2029)",
        "Coût A4–A6 indicatif (2030–2032)",
        "Part de la commune",
        "Écart non financé",
        "État du financement",
        "Maître d'ouvrage",
        "Rang",
        "Indicateurs clés",
        "Marqueurs",
    ):
        assert col in df.columns, col
    first = df.iloc[0]
    assert first["Code"] == "P02" and first["Rang"] == 1
    assert first["Coût A1 (2027)"] == 1_000_000 and first["Écart non financé"] == 500_000
    assert first["État du financement"] == "Écart non financé"
    ar = plan_service.plan_table(plan_service.load_board(catalogued_db, plan.plan_id), "ar")
    assert "الرمز" in ar.columns


def test_plan_table_shows_the_owner_in_the_readers_language(catalogued_db: Database, plan: Plan) -> None:
    """The maître d'ouvrage in the reader's language; the other version, isolated and marked, when it
    lacks; the lead partner only when neither version is written."""
    for code in ("P01", "P02", "P03"):
        plan_service.set_in_plan(catalogued_db, plan.ids[code], True)
    with catalogued_db.write() as s:
        s.get(Project, plan.ids["P01"]).owner = "Commune de Tinzert"
        s.get(Project, plan.ids["P01"]).owner_ar = "جماعة تنزرت"
        s.get(Project, plan.ids["P02"]).owner = "Province de Taroudant"  # French only
        s.get(Project, plan.ids["P03"]).lead_partner_code = "COMMUNE"  # no owner written
    board = plan_service.load_board(catalogued_db, plan.plan_id)

    def owners(lang: str) -> dict[str, str]:
        df = plan_service.plan_table(board, lang)
        code, owner = df.columns[0], [c for c in df.columns if c in ("Maître d'ouvrage", "صاحب المشروع")][0]
        return dict(zip(df[code], df[owner], strict=True))

    ar = owners("ar")
    assert ar["P01"] == "جماعة تنزرت"
    assert ar["P02"] == "\u2068Province de Taroudant\u2069 (بالفرنسية)"
    assert ar["P03"] and "\u2068" not in ar["P03"]  # the lead partner's name, never blank
    fr = owners("fr")
    assert fr["P01"] == "Commune de Tinzert" and fr["P02"] == "Province de Taroudant"
    assert fr["P03"] == board.partner_name("COMMUNE", "fr")
    # Arabic only: the French reader sees it marked
    with catalogued_db.write() as s:
        s.get(Project, plan.ids["P01"]).owner = ""
    board = plan_service.load_board(catalogued_db, plan.plan_id)
    assert owners("fr")["P01"] == "\u2068جماعة تنزرت\u2069 (en arabe)"
